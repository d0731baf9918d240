/** Deployment manifests in R2: the path → blob map a site serves, written once per deployment. */

export interface ManifestEntry {
  sha256: string;
  size: number;
  contentType: string;
}

export interface Manifest {
  deploymentId: string;
  projectId: string;
  environment: 'preview' | 'production';
  createdAt: string;
  files: Record<string, ManifestEntry>;
}

const manifestKey = (deploymentId: string) => `manifests/${deploymentId}.json`;

/** Writing the same deployment's manifest again replaces it: a redelivered build stays one manifest. */
export async function putManifest(bucket: R2Bucket, manifest: Manifest): Promise<void> {
  await bucket.put(manifestKey(manifest.deploymentId), JSON.stringify(manifest), {
    httpMetadata: { contentType: 'application/json' },
  });
}

export async function getManifest(bucket: R2Bucket, deploymentId: string): Promise<Manifest | null> {
  const object = await bucket.get(manifestKey(deploymentId));
  return object ? object.json<Manifest>() : null;
}

export async function deleteManifests(bucket: R2Bucket, deploymentIds: string[]): Promise<void> {
  for (let start = 0; start < deploymentIds.length; start += 1000) {
    await bucket.delete(deploymentIds.slice(start, start + 1000).map(manifestKey));
  }
}

/** R2 content-addressed blobs: `blobs/<sha256>`, written once and shared by every version and project that has the same bytes. */
import { sha256Hex } from '../lib/hash';

const blobKey = (sha256: string) => `blobs/${sha256}`;

export interface StoredBlob {
  sha256: string;
  size: number;
}

/**
 * Stores content under its hash unless a blob with that hash exists already; R2 checks the
 * hash on upload, so a blob's key always matches its bytes. `existing` names hashes the caller
 * knows are stored (a file index points at them): those cost no R2 call at all.
 *
 * @example const { sha256, size } = await putBlob(env.FILES, '<h1>Hi</h1>');
 */
export async function putBlob(bucket: R2Bucket, content: string | Uint8Array, existing: ReadonlySet<string> = new Set()): Promise<StoredBlob> {
  const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
  const sha256 = await sha256Hex(bytes);
  if (!existing.has(sha256) && !(await bucket.head(blobKey(sha256)))) await bucket.put(blobKey(sha256), bytes, { sha256 });
  return { sha256, size: bytes.byteLength };
}

/** A blob's body, or null when it does not exist. */
export function getBlob(bucket: R2Bucket, sha256: string): Promise<R2ObjectBody | null> {
  return bucket.get(blobKey(sha256));
}

/** A blob's text. Throws when it is missing: the index never points at a missing blob. */
export async function readBlobText(bucket: R2Bucket, sha256: string): Promise<string> {
  const blob = await getBlob(bucket, sha256);
  if (!blob) throw new Error(`Blob ${sha256} is missing from R2`);
  return blob.text();
}

/** Deletes blobs by hash (R2 deletes up to 1,000 keys a call). */
export async function deleteBlobs(bucket: R2Bucket, hashes: string[]): Promise<void> {
  for (let start = 0; start < hashes.length; start += 1000) {
    await bucket.delete(hashes.slice(start, start + 1000).map(blobKey));
  }
}

/** A deployed site's `/api/*`: its worker.js in a sandbox, with its project's DATA for that environment and nothing else. */
import type { Bindings } from '../app-env';
import { appDataOf } from '../durable-objects/app-data';
import { readBlobText } from '../storage/blobs';
import type { Manifest } from '../storage/manifests';
import { AppDataApi } from './data';
import { loadApp, SandboxTimeLimitError } from './load';
import type { AppSandbox } from './load';

// Deployments never change, so an isolate keeps the sandboxes it has loaded, by deployment.
const sandboxes = new Map<string, Promise<AppSandbox>>();
const SANDBOX_CACHE_SIZE = 50;

/** How workerd and Cloudflare word a failure of the isolate rather than of the app's code. */
const ISOLATE_FAILURE = /time limit|cpu|hung|cancel|abort|terminat|memory|disconnect|connection lost|internal error/i;

function sandboxOf(env: Bindings, manifest: Manifest): Promise<AppSandbox> {
  let sandbox = sandboxes.get(manifest.deploymentId);
  if (!sandbox) {
    sandbox = loadDeployment(env, manifest);
    sandbox.catch(() => sandboxes.delete(manifest.deploymentId));
    if (sandboxes.size >= SANDBOX_CACHE_SIZE) sandboxes.delete(sandboxes.keys().next().value!);
    sandboxes.set(manifest.deploymentId, sandbox);
  }
  return sandbox;
}

async function loadDeployment(env: Bindings, manifest: Manifest): Promise<AppSandbox> {
  const modules = Object.entries(manifest.files).filter(([path]) => /\.(m?js|json)$/.test(path));
  const files = Object.fromEntries(await Promise.all(modules.map(async ([path, entry]) => [path, await readBlobText(env.FILES, entry.sha256)])));
  // The deployment is in the scope, so a new deployment of the same code starts in a new isolate
  // rather than one an older deployment may have broken.
  return loadApp(env.LOADER, files, { scope: `${manifest.projectId}:${manifest.environment}:${manifest.deploymentId}` });
}

/**
 * Answers a request with the deployment's worker.js. An exception or a limit in the app is a 500
 * whose body says what happened (the site's owner is the one who needs to know). When the isolate
 * itself failed (it hung, ran out of time, was killed or aborted itself), the next request gets a
 * new one under a new id, so a broken isolate is never asked again.
 *
 * @example return runSiteWorker(env, manifest, request);
 */
export async function runSiteWorker(env: Bindings, manifest: Manifest, request: Request): Promise<Response> {
  const sandbox = await sandboxOf(env, manifest);
  const data = new AppDataApi(appDataOf(env.APP_DATA, manifest.projectId, manifest.environment));
  try {
    return await sandbox.fetch(request, { data });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof SandboxTimeLimitError || ISOLATE_FAILURE.test(message)) sandboxes.set(manifest.deploymentId, Promise.resolve(sandbox.reload()));
    return Response.json({ error: `The app's worker.js failed: ${message}` }, { status: 500 });
  }
}

/** Serves a deployed site: static files from its manifest in R2, `/api/*` from its worker.js in a sandbox. */
import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Bindings } from '../../app-env';
import type { Database } from '../../db/client';
import { deployments } from '../../db/schema';
import type { DeploymentRow } from '../../db/schema';
import { getBlob } from '../../storage/blobs';
import { getManifest } from '../../storage/manifests';
import type { Manifest } from '../../storage/manifests';
import { runSiteWorker } from '../../sandbox';

/**
 * A site's Content-Security-Policy: no inline script, no foreign origin, and framing by `frameAncestors` only.
 *
 * @example siteCsp('http://localhost:8787') // the Studio on the API's origin may show the site in its preview
 */
export const siteCsp = (frameAncestors: string) =>
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
  `object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors ${frameAncestors}`;

/** Every site response carries these: generated code gets no inline script, no framing, no foreign origin. */
export const SITE_HEADERS: Record<string, string> = {
  'content-security-policy': siteCsp("'none'"),
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
};

// Manifests never change once written, so an isolate keeps the ones it has read.
const manifestCache = new Map<string, Manifest>();
const MANIFEST_CACHE_SIZE = 200;

async function manifestOf(bucket: R2Bucket, deploymentId: string): Promise<Manifest | null> {
  const cached = manifestCache.get(deploymentId);
  if (cached) return cached;
  const manifest = await getManifest(bucket, deploymentId);
  if (!manifest) return null;
  if (manifestCache.size >= MANIFEST_CACHE_SIZE) manifestCache.delete(manifestCache.keys().next().value!);
  manifestCache.set(deploymentId, manifest);
  return manifest;
}

/**
 * The deployment a label names: `d-…` is one deployment (live or since superseded, whose files
 * stay as they were); `p-…-<environment>` is the newest live deployment of that environment.
 */
export async function findSiteDeployment(db: Database, label: string): Promise<{ deployment: DeploymentRow; pinned: boolean } | null> {
  if (label.startsWith('d-')) {
    const [deployment] = await db
      .select()
      .from(deployments)
      .where(and(eq(deployments.label, label), inArray(deployments.status, ['live', 'superseded'])));
    return deployment ? { deployment, pinned: true } : null;
  }
  const [deployment] = await db
    .select()
    .from(deployments)
    .where(and(eq(deployments.siteLabel, label), eq(deployments.status, 'live')))
    .orderBy(desc(deployments.id))
    .limit(1);
  return deployment ? { deployment, pinned: false } : null;
}

const notFoundPage = () =>
  new Response('Not found', { status: 404, headers: { ...SITE_HEADERS, 'content-type': 'text/plain; charset=utf-8' } });

/** The manifest's own entry for a path: `/constructor` or `/__proto__` name nothing a manifest holds. */
function fileOf(manifest: Manifest, path: string): Manifest['files'][string] | undefined {
  return Object.hasOwn(manifest.files, path) ? manifest.files[path] : undefined;
}

/** The manifest path a URL path names: `/` and folders mean their `index.html`. */
function manifestPath(pathname: string): string {
  let path = decodeURIComponent(pathname).replace(/^\/+/, '');
  if (path === '' || path.endsWith('/')) path += 'index.html';
  return path;
}

/**
 * A static file of the site, with a strong ETag (its hash) and a 304 when the client has it.
 * A pinned deployment's files never change, so they are immutable for caches; the moving label
 * is revalidated every time.
 */
export async function serveStatic(bucket: R2Bucket, request: Request, deployment: DeploymentRow, pinned: boolean): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    return new Response('Method not allowed', { status: 405, headers: { ...SITE_HEADERS, allow: 'GET, HEAD' } });
  }
  const manifest = await manifestOf(bucket, deployment.id);
  if (!manifest) return notFoundPage();
  let path: string;
  try {
    path = manifestPath(new URL(request.url).pathname);
  } catch {
    return notFoundPage();
  }
  const entry = fileOf(manifest, path) ?? fileOf(manifest, `${path}/index.html`);
  if (!entry) return notFoundPage();
  const headers = {
    ...SITE_HEADERS,
    etag: `"${entry.sha256}"`,
    'cache-control': pinned ? 'public, max-age=31536000, immutable' : 'public, max-age=0, must-revalidate',
  };
  const cached = request.headers.get('if-none-match');
  if (cached && cached.split(',').some((tag) => tag.trim().replace(/^W\//, '') === headers.etag)) {
    return new Response(null, { status: 304, headers });
  }
  const blob = request.method === 'HEAD' ? null : await getBlob(bucket, entry.sha256);
  return new Response(blob?.body ?? null, {
    status: 200,
    headers: { ...headers, 'content-type': entry.contentType, 'content-length': String(entry.size) },
  });
}

/**
 * Headers an app may not send. CORS would let other origins read the site's API with its
 * visitors' cookies; SECURITY.md promises sites never get it.
 */
const APP_FORBIDDEN_HEADER = /^(access-control-|timing-allow-origin$)/i;

/**
 * The app's headers as a site may send them: the site headers over its own (generated code cannot
 * loosen the CSP), no CORS, and every cookie host-only. A `Domain` attribute would share a cookie
 * with every other project's site under the sites domain, so it is removed.
 *
 * @example siteApiHeaders(new Headers({ 'set-cookie': 'sid=1; Domain=example.dev; Path=/' })).getSetCookie() // ['sid=1; Path=/']
 */
export function siteApiHeaders(appHeaders: Headers): Headers {
  const headers = new Headers();
  for (const [name, value] of appHeaders) {
    if (name !== 'set-cookie' && !APP_FORBIDDEN_HEADER.test(name)) headers.append(name, value);
  }
  for (const cookie of appHeaders.getSetCookie()) headers.append('set-cookie', cookie.replace(/;\s*domain\s*=[^;]*/gi, ''));
  for (const [name, value] of Object.entries(SITE_HEADERS)) headers.set(name, value);
  return headers;
}

/** `/api/*` of a site: its worker.js, run in a sandbox with only its DATA store (see src/sandbox), answered with `siteApiHeaders`. */
export async function serveSiteApi(env: Bindings, request: Request, deployment: DeploymentRow): Promise<Response> {
  if (!deployment.hasWorker) {
    return Response.json({ error: 'This site has no API.' }, { status: 404, headers: SITE_HEADERS });
  }
  const manifest = await manifestOf(env.FILES, deployment.id);
  if (!manifest) return notFoundPage();
  const answer = await runSiteWorker(env, manifest, request);
  return new Response(answer.body, { status: answer.status, statusText: answer.statusText, headers: siteApiHeaders(answer.headers) });
}

/**
 * A request to a deployment's site, whichever label reached it: `/api/*` to its worker.js, the rest
 * from its manifest. The e2e test runner fetches through this too, so tests see what browsers see.
 */
export function serveDeployment(env: Bindings, request: Request, deployment: DeploymentRow, pinned: boolean): Promise<Response> {
  const { pathname } = new URL(request.url);
  if (pathname === '/api' || pathname.startsWith('/api/')) return serveSiteApi(env, request, deployment);
  return serveStatic(env.FILES, request, deployment, pinned);
}

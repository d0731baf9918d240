/** The Studio, the API's own web console: its page at `/` and its own paths, its built files, and the dev key for the local page. */
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../../app-env';
import { createRouter } from '../../lib/openapi';
import { Problem } from '../../lib/problems';

/** The paths the Studio routes itself (studio/src/app.tsx): each is answered with its page. */
const PAGES = ['/', '/usage', '/projects', '/projects/*'];

/** Hosts of a Worker run by `npm run dev` on this machine. */
const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * The Studio's Content-Security-Policy: its own scripts, styles and API only, no inline script or
 * style, and frames from the sites domain alone (the live preview).
 *
 * @example studioCsp('localhost:8787') // "...; frame-src http://*.localhost:8787 https://*.localhost:8787; ..."
 */
export function studioCsp(sitesDomain: string): string {
  return (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; font-src 'self'; connect-src 'self'; " +
    `frame-src http://*.${sitesDomain} https://*.${sitesDomain}; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'`
  );
}

/** A built file of the Studio from the static assets, or a 404 problem when there is none. */
async function studioAsset(c: Context<AppEnv>, path: string): Promise<Response> {
  const response = await c.env.ASSETS.fetch(new URL(path, c.req.url));
  if (response.status === 404) {
    throw new Problem(404, 'route-not-found', 'Not found', `No Studio file at ${path}: the Studio is built into public/studio/ by npm ci, npm run dev and npm run deploy.`);
  }
  const headers = new Headers(response.headers);
  headers.set('Content-Security-Policy', studioCsp(c.env.SITES_DOMAIN));
  return new Response(response.body, { status: response.status, headers });
}

const devKey = createRoute({
  method: 'get',
  path: '/studio/dev-key',
  // Not part of the API: it serves `npm run dev`'s own page, and says nothing anywhere else.
  hide: true,
  summary: 'The dev key that `npm run dev` offers to the Studio on localhost',
  responses: {
    200: { content: { 'application/json': { schema: z.object({ key: z.string() }) } }, description: 'The dev key' },
    204: { description: 'No key is offered here' },
  },
});

/**
 * `npm run dev` passes its fresh key as `STUDIO_DEV_KEY`; a deployed Worker never has it. Even then
 * it is given only to a page of this origin (`Sec-Fetch-Site: same-origin`, which browsers set and
 * pages cannot) on a local host: a generated site on `*.localhost` is same-site, not same-origin.
 */
function offersDevKey(c: Context<AppEnv>): string | null {
  const key = c.env.STUDIO_DEV_KEY;
  if (!key) return null;
  if (!LOCAL_HOSTS.has(new URL(c.req.url).hostname)) return null;
  return c.req.header('Sec-Fetch-Site') === 'same-origin' ? key : null;
}

export const studioRoutes = createRouter().openapi(devKey, (c) => {
  const key = offersDevKey(c);
  c.header('Cache-Control', 'no-store');
  return key ? c.json({ key }, 200) : c.body(null, 204);
});

studioRoutes.get('/studio/assets/*', (c) => studioAsset(c, c.req.path));
for (const page of PAGES) studioRoutes.get(page, (c) => studioAsset(c, '/studio/'));

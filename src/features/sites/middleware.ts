/** Sends requests for `<label>.<SITES_DOMAIN>` to the site they name; the API's own host never serves generated content. */
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../../app-env';
import { createDb } from '../../db/client';
import { labelOfHost } from './labels';
import { findSiteDeployment, serveDeployment, SITE_HEADERS } from './serve';

export const serveSites: MiddlewareHandler<AppEnv> = async (c, next) => {
  // Workers build the request URL from the Host header, so its host is the one the client asked for.
  const label = labelOfHost(new URL(c.req.url).host, c.env.SITES_DOMAIN);
  if (!label) return next();
  const found = await findSiteDeployment(createDb(c.env.DB), label);
  if (!found) {
    return new Response('No live deployment has this address.', {
      status: 404,
      headers: { ...SITE_HEADERS, 'content-type': 'text/plain; charset=utf-8' },
    });
  }
  return serveDeployment(c.env, c.req.raw, found.deployment, found.pinned);
};

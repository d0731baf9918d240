/** Sends requests for `<label>.<SITES_DOMAIN>` to the site they name; the API's own host never serves generated content. */
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../../app-env';
import { createDb } from '../../db/client';
import { labelOfHost } from './labels';
import { findSiteDeployment, serveDeployment, SITE_HEADERS, siteCsp } from './serve';

export const serveSites: MiddlewareHandler<AppEnv> = async (c, next) => {
  // Workers build the request URL from the Host header, so its host is the one the client asked
  // for. It is read off the URL's text, between `//` and the path: parsing the whole URL cost every
  // API request ~10 µs, and only a site's request needs more of it.
  const start = c.req.url.indexOf('//') + 2;
  const label = labelOfHost(c.req.url.slice(start, c.req.url.indexOf('/', start)), c.env.SITES_DOMAIN);
  if (!label) return next();
  const url = new URL(c.req.url);
  const found = await findSiteDeployment(createDb(c.env.DB), label);
  if (!found) {
    return new Response('No live deployment has this address.', {
      status: 404,
      headers: { ...SITE_HEADERS, 'content-type': 'text/plain; charset=utf-8' },
    });
  }
  const response = await serveDeployment(c.env, c.req.raw, found.deployment, found.pinned);
  // The Studio's preview frames the site; the Studio is served by the API, whose origin is the sites domain itself.
  response.headers.set('content-security-policy', siteCsp(`${url.protocol}//${c.env.SITES_DOMAIN}`));
  return response;
};

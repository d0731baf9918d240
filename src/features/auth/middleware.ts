/** Resolves the caller from `Authorization: Bearer ptx_...` once per request. */
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../../app-env';
import { unauthorized } from '../../lib/problems';
import { findCaller, touchApiKey } from './service';

const BEARER = /^Bearer\s+(\S+)$/i;

/**
 * Sets `caller`: null without an Authorization header, the key's owner with a valid key,
 * and a 401 for a malformed, unknown or revoked key (even on routes where auth is optional,
 * since a client that sends a key expects it to count).
 */
export const resolveCaller: MiddlewareHandler<AppEnv> = async (c, next) => {
  const header = c.req.header('Authorization');
  if (!header) {
    c.set('caller', null);
    return next();
  }
  const secret = BEARER.exec(header)?.[1];
  if (!secret) throw unauthorized('Use the form `Authorization: Bearer ptx_...`.');
  const db = c.get('db');
  const found = await findCaller(db, secret);
  if (!found) throw unauthorized('This API key is unknown or has been revoked.');
  if (found.touch) c.executionCtx.waitUntil(touchApiKey(db, found.caller.apiKey.id));
  c.set('caller', found.caller);
  await next();
};

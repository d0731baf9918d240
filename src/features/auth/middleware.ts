/** Resolves the caller from `Authorization: Bearer ptx_...` once per request, and checks the key within the request's first D1 round trip. */
import type { MiddlewareHandler } from 'hono';
import type { AppEnv, Caller } from '../../app-env';
import { createDb } from '../../db/client';
import { oneTrip } from '../../db/one-trip';
import { hashSecret, looksLikeKeySecret } from '../../lib/api-keys';
import { Problem, unauthorized } from '../../lib/problems';
import { forgetCaller, recentCaller, rememberCaller } from './recent-callers';
import { callerCheck, findCaller, LAST_USED_RESOLUTION_MS, sameCaller, touchApiKey } from './service';

const BEARER = /^Bearer\s+(\S+)$/i;

const unknownKey = () => unauthorized('This API key is unknown or has been revoked.');

/** A 503 for a request whose caller's memberships changed while it ran: it read and wrote nothing. */
const callerChanged = () =>
  new Problem(503, 'caller-changed', 'Caller changed', "Your organisations changed while this request was on its way, so it did nothing; send it again.", {
    headers: { 'Retry-After': '1' },
  });

/**
 * Sets `caller`: null without an Authorization header, the key's owner with a valid key, and a 401
 * for a malformed, unknown or revoked key (even on routes where auth is optional, since a client
 * that sends a key expects it to count).
 *
 * A key this isolate resolved in the last minute is not looked up again: its caller is reused, and
 * `callerCheck` rides in front of the request's first D1 round trip (`oneTrip`), so the key costs
 * no round trip of its own and a revoked key (or one whose memberships changed) still reads and
 * writes nothing. A request that makes no D1 call runs the check alone before it answers.
 */
export const resolveCaller: MiddlewareHandler<AppEnv> = async (c, next) => {
  const header = c.req.header('Authorization');
  if (!header) {
    c.set('caller', null);
    return next();
  }
  const secret = BEARER.exec(header)?.[1];
  if (!secret) throw unauthorized('Use the form `Authorization: Bearer ptx_...`.');
  if (!looksLikeKeySecret(secret)) throw unknownKey();
  const hash = await hashSecret(secret);
  const session = c.get('d1');
  // The session's own client, which `d1Session` made: straight to D1, without the key check in front.
  const direct = c.get('db');
  let recent = recentCaller(hash);
  const check = recent ? callerCheck(session, hash, recent.caller) : null;
  if (!recent) {
    const found = await findCaller(direct, secret);
    if (!found) throw unknownKey();
    recent = rememberCaller(hash, found.caller);
    if (found.touch) recent.touchedAt = 0;
  }
  const caller: Caller = recent.caller;
  if (Date.now() - recent.touchedAt > LAST_USED_RESOLUTION_MS) {
    recent.touchedAt = Date.now();
    c.executionCtx.waitUntil(touchApiKey(direct, caller.apiKey.id));
  }
  const trip = oneTrip(session, check, async () => {
    const now = await findCaller(direct, secret);
    if (now && sameCaller(caller, now.caller)) return null;
    forgetCaller(hash);
    return now ? callerChanged() : unknownKey();
  });
  c.set('db', createDb(trip.binding));
  c.set('caller', caller);
  await next();
  await trip.verified();
};

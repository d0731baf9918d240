/** `Idempotency-Key` on POST: the same key and request within 24 hours answers the first result. */
import { and, eq, isNull, lt, or } from 'drizzle-orm';
import type { MiddlewareHandler } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppEnv } from '../app-env';
import { idempotencyKeys } from '../db/schema';
import { sha256Hex } from './hash';
import { nowIso } from './ids';
import { badRequest, conflict, unprocessable } from './problems';

export const IDEMPOTENCY_WINDOW_MS = 24 * 60 * 60 * 1000;
/**
 * A claim still unanswered this long belongs to a request that died (its Worker was cut off, or D1
 * failed before the claim could be released): the key may then be used again. No request runs this long.
 */
export const IDEMPOTENCY_CLAIM_STALE_MS = 15 * 60 * 1000;
const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

/**
 * Claims the key before the handler runs (so two concurrent requests with one key cannot both
 * run), stores a successful JSON answer for replay, and releases the claim on any other
 * answer so the client may retry with the same key. A replay carries the request's own
 * `X-Request-Id`.
 *
 * An answer that holds a secret (`holdsSecret`: a new API key) is never stored, since the table
 * would keep a usable credential in plain text for a day. Only its status is, so the same key
 * still cannot create a second one: its replay is a 409 that says where to find what was created.
 */
export const idempotency: MiddlewareHandler<AppEnv> = async (c, next) => {
  const key = c.req.header('Idempotency-Key');
  if (c.req.method !== 'POST' || key === undefined) return next();
  if (!KEY_PATTERN.test(key)) {
    throw badRequest('Idempotency-Key must be 1 to 255 visible ASCII characters.', [
      { location: 'header', pointer: '#/Idempotency-Key', detail: 'Invalid idempotency key' },
    ]);
  }
  const db = c.get('db');
  const scope = c.get('caller')?.user.id ?? `anon:${c.req.header('CF-Connecting-IP') ?? 'unknown'}`;
  const requestHash = await sha256Hex(`${c.req.method} ${c.req.path}\n${await c.req.text()}`);
  const now = nowIso();
  const expired = new Date(Date.now() - IDEMPOTENCY_WINDOW_MS).toISOString();
  const abandoned = new Date(Date.now() - IDEMPOTENCY_CLAIM_STALE_MS).toISOString();
  const claim = { requestHash, status: null, body: null, createdAt: now };

  const [claimed] = await db
    .insert(idempotencyKeys)
    .values({ scope, key, ...claim })
    .onConflictDoUpdate({
      target: [idempotencyKeys.scope, idempotencyKeys.key],
      set: claim,
      setWhere: or(lt(idempotencyKeys.createdAt, expired), and(isNull(idempotencyKeys.status), lt(idempotencyKeys.createdAt, abandoned))),
    })
    .returning({ key: idempotencyKeys.key });

  const thisKey = and(eq(idempotencyKeys.scope, scope), eq(idempotencyKeys.key, key));
  if (!claimed) {
    const [first] = await db.select().from(idempotencyKeys).where(thisKey);
    if (!first) throw conflict('The request with this Idempotency-Key just finished; send it again.');
    if (first.requestHash !== requestHash) {
      throw unprocessable('This Idempotency-Key was used with a different request in the last 24 hours.');
    }
    if (first.status === null) {
      throw conflict(`A request with this Idempotency-Key is still running; one cut off frees its key ${IDEMPOTENCY_CLAIM_STALE_MS / 60_000} minutes after it started.`);
    }
    if (first.body === null) {
      throw conflict('The first request with this Idempotency-Key answered with a secret, which is never stored, so it cannot be replayed; GET /api/auth/keys lists the key it created.');
    }
    // Through the context, so that the headers middleware prepared (X-Request-Id) go with it.
    return c.body(first.body, first.status as ContentfulStatusCode, { 'content-type': 'application/json', 'Idempotent-Replayed': 'true' });
  }

  await next();
  const response = c.res;
  const storable = response.status >= 200 && response.status < 300 && response.headers.get('content-type')?.startsWith('application/json');
  if (storable) {
    const body = c.get('holdsSecret') ? null : await response.clone().text();
    await db.update(idempotencyKeys).set({ status: response.status, body }).where(thisKey);
  } else {
    await db.delete(idempotencyKeys).where(thisKey);
  }
};

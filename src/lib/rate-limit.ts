/** Fixed-window rate limits per client (an IP, an API key), counted in D1: exact across isolates and locations. */
import { sql } from 'drizzle-orm';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../app-env';
import type { Database } from '../db/client';
import { rateLimits } from '../db/schema';
import { Problem } from './problems';

/** At most `limit` requests from one client in each window of `windowSeconds` (at most `MAX_WINDOW_SECONDS`). */
export interface RateLimit {
  /** Keeps the counters of different limits apart. */
  name: string;
  limit: number;
  windowSeconds: number;
}

/** The longest window a limit may use; the sweeper deletes counters of windows that started earlier than this. */
export const MAX_WINDOW_SECONDS = 3600;

export interface RateLimitCount {
  allowed: boolean;
  /** Seconds until the current window ends, at least 1. */
  retryAfter: number;
}

/**
 * Counts one request of `client` against `limit`. A fixed window is cheap (one row a client and
 * window) at the price of letting up to twice the limit through around a window's edge.
 *
 * @example const { allowed } = await countRequest(db, { name: 'track', limit: 300, windowSeconds: 60 }, '203.0.113.7');
 */
export async function countRequest(db: Database, limit: RateLimit, client: string, now = Date.now()): Promise<RateLimitCount> {
  const window = windowOf(limit, now);
  const count = await addHits(db, limit, client, window.start, 1);
  return { allowed: count <= limit.limit, retryAfter: window.retryAfter };
}

/** The window `now` falls in (its start in seconds since the epoch) and the seconds left of it, at least 1. */
function windowOf(limit: RateLimit, now: number) {
  const nowSeconds = Math.floor(now / 1000);
  const start = nowSeconds - (nowSeconds % limit.windowSeconds);
  return { start, retryAfter: Math.max(1, start + limit.windowSeconds - nowSeconds) };
}

/** Adds `hits` to a client's counter of a window in one upsert and returns the counter. */
async function addHits(db: Database, limit: RateLimit, client: string, windowStart: number, hits: number): Promise<number> {
  const [counter] = await db
    .insert(rateLimits)
    .values({ key: `${limit.name}:${client}`, windowStart, count: hits })
    .onConflictDoUpdate({ target: [rateLimits.key, rateLimits.windowStart], set: { count: sql`${rateLimits.count} + ${hits}` } })
    .returning({ count: rateLimits.count });
  return counter!.count;
}

/** What this isolate knows of one client's window: the last count D1 gave, hits on their way or not yet sent, and whether it is over. */
interface LocalCounter {
  known: number;
  sending: number;
  pending: number;
  over: boolean;
  /** Whether a flush is waiting to send `pending`. */
  scheduled: boolean;
}

/**
 * How long an isolate gathers a client's requests before it sends their count to D1: one upsert a
 * second per busy client and isolate, instead of one a request. It is also how late other isolates
 * can learn of them.
 */
export const FLUSH_DELAY_MS = 1000;

// Per isolate, by limit, client and window: a client's requests tend to land on the same isolate,
// which counts them without a D1 round trip each and refuses an exhausted client without asking.
const localCounters = new Map<string, LocalCounter>();
const MAX_LOCAL_COUNTERS = 10_000;

function localCounter(key: string): LocalCounter {
  let counter = localCounters.get(key);
  if (!counter) {
    // Counters of past windows are never read again, so dropping them all is the cheap way to bound the map.
    if (localCounters.size >= MAX_LOCAL_COUNTERS) localCounters.clear();
    counter = { known: 0, sending: 0, pending: 0, over: false, scheduled: false };
    localCounters.set(key, counter);
  }
  return counter;
}

/** Sends `hits` to D1 and learns the count it answers with. */
async function send(db: Database, limit: RateLimit, client: string, windowStart: number, counter: LocalCounter, hits: number): Promise<number> {
  counter.sending += hits;
  try {
    const count = await addHits(db, limit, client, windowStart, hits);
    counter.known = Math.max(counter.known, count);
    if (count >= limit.limit) counter.over = true;
    return count;
  } finally {
    counter.sending -= hits;
  }
}

/**
 * Sends, after `FLUSH_DELAY_MS`, the hits gathered by then. Hits that arrive once it has taken them
 * schedule the next flush, so each flush ends with its own request's `waitUntil`.
 */
async function flushSoon(db: Database, limit: RateLimit, client: string, windowStart: number, counter: LocalCounter): Promise<void> {
  counter.scheduled = true;
  await new Promise((resolve) => setTimeout(resolve, FLUSH_DELAY_MS));
  counter.scheduled = false;
  const hits = counter.pending;
  counter.pending = 0;
  if (hits === 0) return;
  try {
    await send(db, limit, client, windowStart, counter, hits);
  } catch {
    // The limit guards cost, not access: hits D1 could not count are let go rather than failing a request already answered.
  }
}

/**
 * `countRequest` for the hot path. While this isolate's own tally of the window (the count D1
 * last gave, plus the hits it has not sent yet) stays under the limit, the request goes on at
 * once and is counted later, in `waitUntil`, with the others of the next `FLUSH_DELAY_MS` in one
 * upsert. From the request that reaches the limit on, it waits for D1 like `countRequest`, and
 * once D1 says the window is full the isolate refuses without asking again. Every request is
 * counted; other isolates' requests of the last `FLUSH_DELAY_MS` can only delay a refusal.
 *
 * @example const { allowed } = await countRequestLazily(db, limit, apiKeyId, (promise) => c.executionCtx.waitUntil(promise));
 */
export async function countRequestLazily(
  db: Database,
  limit: RateLimit,
  client: string,
  waitUntil: (promise: Promise<unknown>) => void,
  now = Date.now(),
): Promise<RateLimitCount> {
  const window = windowOf(limit, now);
  const counter = localCounter(`${limit.name}:${client}:${window.start}`);
  if (counter.over) return { allowed: false, retryAfter: window.retryAfter };
  if (counter.known + counter.sending + counter.pending + 1 < limit.limit) {
    counter.pending += 1;
    if (!counter.scheduled) waitUntil(flushSoon(db, limit, client, window.start, counter));
    return { allowed: true, retryAfter: window.retryAfter };
  }
  const hits = counter.pending + 1;
  counter.pending = 0;
  const count = await send(db, limit, client, window.start, counter, hits);
  return { allowed: count <= limit.limit, retryAfter: window.retryAfter };
}

/** @example throw tooManyRequests(30, 'At most 300 requests a minute.') */
export const tooManyRequests = (retryAfter: number, detail: string) =>
  new Problem(429, 'rate-limited', 'Too many requests', detail, { headers: { 'Retry-After': String(retryAfter) } });

/**
 * Route middleware: a 429 with `Retry-After` once the client (by `CF-Connecting-IP`, which
 * Cloudflare sets; requests without it share one counter) is over the limit. It runs before the
 * body is validated, so malformed requests count too.
 *
 * @example createRoute({ ..., middleware: rateLimit({ name: 'track', limit: 300, windowSeconds: 60 }) })
 */
export function rateLimit(limit: RateLimit): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const client = c.req.header('CF-Connecting-IP') ?? 'unknown';
    const { allowed, retryAfter } = await countRequest(c.get('db'), limit, client);
    if (!allowed) {
      throw tooManyRequests(retryAfter, `At most ${limit.limit} requests every ${limit.windowSeconds} s from one client; try again in ${retryAfter} s.`);
    }
    await next();
  };
}

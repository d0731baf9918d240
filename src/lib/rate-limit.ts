/** Fixed-window rate limits per client IP, counted in D1: one upsert a request, exact across isolates and locations. */
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
  const nowSeconds = Math.floor(now / 1000);
  const windowStart = nowSeconds - (nowSeconds % limit.windowSeconds);
  const [counter] = await db
    .insert(rateLimits)
    .values({ key: `${limit.name}:${client}`, windowStart, count: 1 })
    .onConflictDoUpdate({ target: [rateLimits.key, rateLimits.windowStart], set: { count: sql`${rateLimits.count} + 1` } })
    .returning({ count: rateLimits.count });
  return { allowed: counter!.count <= limit.limit, retryAfter: Math.max(1, windowStart + limit.windowSeconds - nowSeconds) };
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

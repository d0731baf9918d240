/** Abuse limits around authentication: failed attempts per client address, requests per API key; both 429 with `Retry-After`. */
import type { MiddlewareHandler } from 'hono';
import type { AppEnv, Bindings } from '../../app-env';
import { countRequest, countRequestLazily, tooManyRequests } from '../../lib/rate-limit';
import type { RateLimit } from '../../lib/rate-limit';
import { positiveSetting } from '../../lib/settings';

export const DEFAULT_REQUESTS_PER_MINUTE = 600;
export const DEFAULT_AUTH_FAILURES_PER_MINUTE = 20;

const authFailures = (env: Bindings): RateLimit => ({
  name: 'auth-failures',
  limit: positiveSetting(env.AUTH_FAILURES_PER_MINUTE, DEFAULT_AUTH_FAILURES_PER_MINUTE),
  windowSeconds: 60,
});

const keyRequests = (env: Bindings): RateLimit => ({
  name: 'key',
  limit: positiveSetting(env.RATE_LIMIT_PER_MINUTE, DEFAULT_REQUESTS_PER_MINUTE),
  windowSeconds: 60,
});

/**
 * Counts each 401 (a missing, malformed, unknown or revoked key) against the client's address
 * (`CF-Connecting-IP`; requests without one share a bucket) and turns it into a 429 once the
 * address is over its limit. Only failures count, so a valid key is never refused here: clients
 * sharing an address with a misconfigured one keep working.
 */
export const limitFailedAuth: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next();
  if (c.res.status !== 401) return;
  const limit = authFailures(c.env);
  const { allowed, retryAfter } = await countRequest(c.get('db'), limit, c.req.header('CF-Connecting-IP') ?? 'unknown');
  if (!allowed) {
    throw tooManyRequests(retryAfter, `More than ${limit.limit} failed authentications a minute from this address; try again in ${retryAfter} s.`);
  }
};

/** A 429 once the caller's API key has made its requests of the minute; counted without a D1 round trip until it is close. */
export const limitKeyRequests: MiddlewareHandler<AppEnv> = async (c, next) => {
  const caller = c.get('caller');
  if (caller) {
    const limit = keyRequests(c.env);
    const { allowed, retryAfter } = await countRequestLazily(c.get('db'), limit, caller.apiKey.id, (promise) => c.executionCtx.waitUntil(promise));
    if (!allowed) throw tooManyRequests(retryAfter, `This API key made its ${limit.limit} requests of the minute; try again in ${retryAfter} s.`);
  }
  await next();
};

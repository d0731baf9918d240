// Abuse limits: requests per API key and failed authentications per client address, each a 429
// with Retry-After. The suite's limits are out of reach (vitest.config.ts), so these tests call the
// Worker with low ones; the clock is pinned so that a test never straddles a minute.
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Bindings } from '../../src/app-env';
import { createDb } from '../../src/db/client';
import { apiKeys, rateLimits } from '../../src/db/schema';
import worker from '../../src/index';
import { nowIso, uuidv7 } from '../../src/lib/ids';
import { API, createUser } from '../helpers';

/** 15 seconds into a minute: 45 seconds are left of its window. */
const PINNED = Date.parse('2026-11-30T10:00:15.000Z');

const LOW_LIMITS: Partial<Bindings> = { RATE_LIMIT_PER_MINUTE: '3', AUTH_FAILURES_PER_MINUTE: '3' };

interface LimitedCall {
  key?: string;
  ip?: string;
  headers?: Record<string, string>;
}

// Requests' `waitUntil` work: counts sent to D1 a second after the request (FLUSH_DELAY_MS).
const contexts: ExecutionContext[] = [];
const settle = () => Promise.all(contexts.splice(0).map((ctx) => waitOnExecutionContext(ctx)));

/** GETs a path through the Worker's entry with the low limits; `settle()` waits for what it left in `waitUntil`. */
async function get(path: string, options: LimitedCall = {}) {
  const headers = new Headers(options.headers);
  if (options.key) headers.set('Authorization', `Bearer ${options.key}`);
  if (options.ip) headers.set('CF-Connecting-IP', options.ip);
  const ctx = createExecutionContext();
  contexts.push(ctx);
  return worker.fetch(new Request(API + path, { headers }), { ...env, ...LOW_LIMITS }, ctx);
}

/** A documentation address of its own for each test, so tests never share a bucket. */
const newAddress = () => `2001:db8::${uuidv7().slice(-4)}:${uuidv7().slice(-4)}`;

const statuses = async (count: number, request: () => Promise<Response>) => {
  const seen: number[] = [];
  for (let index = 0; index < count; index += 1) seen.push((await request()).status);
  return seen;
};

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(PINNED);
});

afterEach(async () => {
  await settle();
  vi.useRealTimers();
});

describe('requests per API key', () => {
  it('answers 429 with Retry-After until the window ends once a key made its requests of the minute', async () => {
    const user = await createUser();
    expect(await statuses(3, () => get('/api/projects', { key: user.key }))).toEqual([200, 200, 200]);

    const refused = await get('/api/projects', { key: user.key });
    expect(refused.status).toBe(429);
    expect(refused.headers.get('Retry-After')).toBe('45');
    expect(refused.headers.get('content-type')).toBe('application/problem+json');
    expect(await refused.json()).toMatchObject({ status: 429, type: 'https://promptax.dev/problems/rate-limited' });
  });

  it('counts each key on its own', async () => {
    const busy = await createUser();
    const other = await createUser();
    await statuses(4, () => get('/api/projects', { key: busy.key }));
    expect((await get('/api/projects', { key: other.key })).status).toBe(200);
  });

  it('lets the key in again in the next window', async () => {
    const user = await createUser();
    expect(await statuses(4, () => get('/api/projects', { key: user.key }))).toEqual([200, 200, 200, 429]);
    vi.setSystemTime(PINNED + 45_000);
    expect((await get('/api/projects', { key: user.key })).status).toBe(200);
  });

  it('refuses a key that other isolates used up, once this isolate has counted one of its requests', async () => {
    const user = await createUser();
    // What other isolates counted in D1 for this key and minute.
    await createDb(env.DB).insert(rateLimits).values({ key: `key:${user.keyId}`, windowStart: Math.floor(PINNED / 60_000) * 60, count: 3 });
    expect((await get('/api/projects', { key: user.key })).status).toBe(200);
    await settle();
    expect((await get('/api/projects', { key: user.key })).status).toBe(429);
  });
});

describe('failed authentications per address', () => {
  it('answers 429 with Retry-After once an address failed to authenticate too often', async () => {
    const ip = newAddress();
    const unknownKey = 'ptx_' + 'b'.repeat(43);
    expect(await statuses(3, () => get('/api/auth/session', { key: unknownKey, ip }))).toEqual([401, 401, 401]);
    const refused = await get('/api/auth/session', { key: unknownKey, ip });
    expect(refused.status).toBe(429);
    expect(refused.headers.get('Retry-After')).toBe('45');
  });

  it('counts a missing, a malformed, an unknown and a revoked key alike', async () => {
    const ip = newAddress();
    const revoked = await createUser();
    await createDb(env.DB).update(apiKeys).set({ revokedAt: nowIso() }).where(eq(apiKeys.id, revoked.keyId));
    const attempts = [
      get('/api/projects', { ip }),
      get('/api/projects', { ip, headers: { Authorization: 'Basic abc' } }),
      get('/api/projects', { ip, key: 'ptx_' + 'c'.repeat(43) }),
    ];
    expect((await Promise.all(attempts)).map((response) => response.status)).toEqual([401, 401, 401]);
    expect((await get('/api/projects', { ip, key: revoked.key })).status).toBe(429);
  });

  it('keeps serving a valid key from an address that is over the limit', async () => {
    const ip = newAddress();
    const user = await createUser();
    await statuses(4, () => get('/api/projects', { ip }));
    expect((await get('/api/projects', { ip, key: user.key })).status).toBe(200);
  });

  it('counts each address on its own', async () => {
    const noisy = newAddress();
    await statuses(4, () => get('/api/projects', { ip: noisy }));
    expect((await get('/api/projects', { ip: newAddress() })).status).toBe(401);
  });
});

// Analytics: events tracked through the API with or without a key, rate limited per IP, stored in batches by the
// analytics queue consumer exactly once, and counted by type and day for the caller's organisations.
import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { createDb } from '../../src/db/client';
import { analyticsEvents } from '../../src/db/schema';
import type { AnalyticsMessage } from '../../src/features/analytics/service';
import { MAX_EVENT_DATA_BYTES, TRACK_RATE_LIMIT } from '../../src/features/analytics/service';
import { uuidv7 } from '../../src/lib/ids';
import { call, callJson, createProject, createUser, deliverMessages } from '../helpers';

const db = createDb(env.DB);

/** A client address of its own, so each test starts with a fresh rate-limit counter. */
const newIp = () => `10.${Array.from(crypto.getRandomValues(new Uint8Array(3))).join('.')}`;

/** A type no other test uses, so stored events can be found by it. */
const newType = (name: string) => `${name}.${crypto.randomUUID().slice(0, 8)}`;

const track = (body: unknown, options: { key?: string; ip?: string } = {}) =>
  call('/api/analytics/track', { body, key: options.key ?? null, headers: { 'CF-Connecting-IP': options.ip ?? newIp() } });

const storedOfType = (type: string) => db.select().from(analyticsEvents).where(eq(analyticsEvents.type, type));

/** Waits until the local queue has handed the tracked events to the consumer and it stored `count` of them. */
async function waitForStored(type: string, count: number) {
  await vi.waitFor(async () => expect(await storedOfType(type)).toHaveLength(count), { timeout: 20_000, interval: 250 });
  return storedOfType(type);
}

const message = (fields: Partial<AnalyticsMessage> = {}): AnalyticsMessage => ({
  id: uuidv7(),
  type: 'page.view',
  data: {},
  userId: null,
  organisationId: null,
  projectId: null,
  createdAt: new Date().toISOString(),
  ...fields,
});

describe('POST /api/analytics/track', () => {
  it('accepts an event without a key with 202 and stores it, unattributed, through the queue', async () => {
    const type = newType('page.view');
    const response = await track({ type, data: { path: '/pricing' } });
    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({ success: true });

    const [stored] = await waitForStored(type, 1);
    expect(stored).toMatchObject({ type, userId: null, organisationId: null, projectId: null });
    expect(JSON.parse(stored!.data)).toEqual({ path: '/pricing' });
    expect(stored!.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7/);
  });

  it("attributes an event sent with a key to its user, and to the project it names and the project's organisation", async () => {
    const user = await createUser();
    const project = await createProject(user);
    const [withProject, withoutProject] = [newType('signup'), newType('signup')];
    expect((await track({ type: withProject, projectId: project.id }, { key: user.key })).status).toBe(202);
    expect((await track({ type: withoutProject }, { key: user.key })).status).toBe(202);

    expect((await waitForStored(withProject, 1))[0]).toMatchObject({ userId: user.userId, organisationId: user.organisationId, projectId: project.id, data: '{}' });
    expect((await waitForStored(withoutProject, 1))[0]).toMatchObject({ userId: user.userId, organisationId: null, projectId: null });
  });

  it('is a 401 for an unknown key, even though a key is optional', async () => {
    const response = await track({ type: 'page.view' }, { key: 'ptx_unknownunknownunknownunknownunknownunknown' });
    expect(response.status).toBe(401);
  });

  it('is a 401 for a projectId sent without a key', async () => {
    const user = await createUser();
    const project = await createProject(user);
    expect((await track({ type: 'page.view', projectId: project.id })).status).toBe(401);
  });

  it("is a 404 for a project of another organisation", async () => {
    const [owner, stranger] = [await createUser(), await createUser()];
    const project = await createProject(owner);
    expect((await track({ type: 'page.view', projectId: project.id }, { key: stranger.key })).status).toBe(404);
  });

  it.each(['Page.view', '1st.visit', '', 'page view', 'a'.repeat(65), '.view'])('rejects the type %j with a 400 naming the field', async (type) => {
    const response = await track({ type });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ errors: [expect.objectContaining({ pointer: '#/type' })] });
  });

  it('accepts a 64-character type', async () => {
    expect((await track({ type: 'a' + 'b'.repeat(63) })).status).toBe(202);
  });

  it.each([[[1, 2]], ['text'], [42], [null]])('rejects data %j, which is not an object, with a 400', async (data) => {
    const response = await track({ type: 'page.view', data });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ errors: [expect.objectContaining({ pointer: '#/data' })] });
  });

  it(`accepts data of exactly ${MAX_EVENT_DATA_BYTES} bytes and answers one byte more with a 413`, async () => {
    const padding = MAX_EVENT_DATA_BYTES - JSON.stringify({ note: '' }).length;
    expect((await track({ type: 'page.view', data: { note: 'x'.repeat(padding) } })).status).toBe(202);
    const response = await track({ type: 'page.view', data: { note: 'x'.repeat(padding + 1) } });
    expect(response.status).toBe(413);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
  });

  it(`answers request ${TRACK_RATE_LIMIT.limit + 1} in a window from one IP with 429 and Retry-After, and not another IP`, async () => {
    // A run that straddles the edge of a window starts a new count half-way; waitFor tries again from a new IP.
    await vi.waitFor(async () => {
      const ip = newIp();
      const statuses: number[] = [];
      for (let burst = 0; burst < TRACK_RATE_LIMIT.limit / 50; burst += 1) {
        const responses = await Promise.all(Array.from({ length: 50 }, () => track({ type: 'burst' }, { ip })));
        statuses.push(...responses.map((response) => response.status));
      }
      expect(statuses.every((status) => status === 202)).toBe(true);
      const limited = await track({ type: 'burst' }, { ip });
      expect(limited.status).toBe(429);
      const retryAfter = Number(limited.headers.get('Retry-After'));
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(TRACK_RATE_LIMIT.windowSeconds);
      expect(await limited.json()).toMatchObject({ status: 429, title: 'Too many requests' });
      expect((await track({ type: 'burst' })).status).toBe(202);
    }, { timeout: 60_000, interval: 0 });
  });

  it('stores 1,000 events tracked in bursts from ten clients exactly once', async () => {
    const type = newType('burst');
    for (let client = 0; client < 10; client += 1) {
      const ip = newIp();
      const responses = await Promise.all(Array.from({ length: 100 }, (_, index) => track({ type, data: { client, index } }, { ip })));
      expect(responses.map((response) => response.status)).toEqual(Array(100).fill(202));
    }
    const stored = await waitForStored(type, 1000);
    expect(new Set(stored.map((event) => event.data)).size).toBe(1000);
  });
});

describe('API description', () => {
  it('documents track with an optional key and summary with a required one', async () => {
    const document = await callJson<{ paths: Record<string, Record<string, { security?: unknown[]; responses: Record<string, unknown> }>> }>('/openapi.json');
    expect(document.paths['/api/analytics/track']?.post?.security).toEqual([{}, { bearerAuth: [] }]);
    expect(Object.keys(document.paths['/api/analytics/track']?.post?.responses ?? {})).toEqual(expect.arrayContaining(['202', '400', '413', '429']));
    expect(document.paths['/api/analytics/summary']?.get?.security).toEqual([{ bearerAuth: [] }]);
  });
});

describe('analytics queue consumer', () => {
  it('stores a batch of 100 events in one delivery and acks each', async () => {
    const type = newType('batch');
    const messages = Array.from({ length: 100 }, (_, index) => message({ type, data: { index } }));
    const result = await deliverMessages('promptax-analytics', messages);
    expect(result.explicitAcks).toHaveLength(100);
    expect(result.retryMessages).toEqual([]);
    expect(await storedOfType(type)).toHaveLength(100);
  });

  it('stores a redelivered batch once', async () => {
    const type = newType('again');
    const messages = Array.from({ length: 30 }, () => message({ type }));
    await deliverMessages('promptax-analytics', messages);
    const again = await deliverMessages('promptax-analytics', messages);
    expect(again.explicitAcks).toHaveLength(30);
    expect(await storedOfType(type)).toHaveLength(30);
  });

  it('drops a malformed message and stores the others of its batch', async () => {
    const type = newType('mixed');
    const result = await deliverMessages('promptax-analytics', [message({ type }), { id: 'nope', type: 'Bad Type' }, message({ type })]);
    expect(result.explicitAcks).toHaveLength(3);
    expect(await storedOfType(type)).toHaveLength(2);
  });

  it('logs each dead letter whole and acks it', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const dead = message({ type: newType('dead') });
    const result = await deliverMessages('promptax-analytics-dlq', [dead]);
    expect(result.explicitAcks).toHaveLength(1);
    expect(log).toHaveBeenCalledWith(expect.stringContaining(JSON.stringify(dead)));
    log.mockRestore();
  });
});

describe('GET /api/analytics/summary', () => {
  const daysAgo = (days: number) => new Date(Date.now() - days * 24 * 60 * 60 * 1000).toISOString();
  const today = () => new Date().toISOString().slice(0, 10);

  it("counts the events of the caller's organisations by type and by day, and no one else's", async () => {
    const [user, other] = [await createUser(), await createUser()];
    const [project, otherProject] = [await createProject(user), await createProject(other)];
    const mine = { organisationId: user.organisationId, projectId: project.id };
    await deliverMessages('promptax-analytics', [
      message({ ...mine, type: 'page.view' }),
      message({ ...mine, type: 'page.view' }),
      message({ ...mine, type: 'signup' }),
      message({ ...mine, type: 'page.view', createdAt: daysAgo(2) }),
      message({ ...mine, type: 'page.view', createdAt: daysAgo(8) }),
      message({ organisationId: other.organisationId, projectId: otherProject.id, type: 'page.view' }),
      message({ type: 'page.view' }),
    ]);

    const summary = await callJson<{ days: number; total: number; byType: unknown[]; byDay: { day: string; count: number; byType: Record<string, number> }[] }>(
      '/api/analytics/summary',
      { key: user.key },
    );
    expect(summary).toMatchObject({ days: 7, total: 4, byType: [{ type: 'page.view', count: 3 }, { type: 'signup', count: 1 }] });
    expect(summary.byDay).toHaveLength(7);
    expect(summary.byDay.at(-1)).toEqual({ day: today(), count: 3, byType: { 'page.view': 2, signup: 1 } });
    expect(summary.byDay.at(-3)).toEqual({ day: daysAgo(2).slice(0, 10), count: 1, byType: { 'page.view': 1 } });
    expect(summary.byDay.reduce((sum, day) => sum + day.count, 0)).toBe(4);

    const longer = await callJson<{ total: number; byDay: unknown[] }>('/api/analytics/summary?days=30', { key: user.key });
    expect(longer.total).toBe(5);
    expect(longer.byDay).toHaveLength(30);
  });

  it("counts only one project's events when given its id, and 404s for another organisation's", async () => {
    const [user, other] = [await createUser(), await createUser()];
    const [first, second] = [await createProject(user), await createProject(user, { name: 'Second' })];
    await deliverMessages('promptax-analytics', [
      message({ organisationId: user.organisationId, projectId: first.id }),
      message({ organisationId: user.organisationId, projectId: second.id }),
      message({ organisationId: user.organisationId, projectId: second.id }),
    ]);
    expect((await callJson<{ total: number }>(`/api/analytics/summary?projectId=${second.id}`, { key: user.key })).total).toBe(2);
    expect((await call(`/api/analytics/summary?projectId=${second.id}`, { key: other.key })).status).toBe(404);
  });

  it('needs a key', async () => {
    expect((await call('/api/analytics/summary')).status).toBe(401);
  });

  it.each(['days=0', 'days=91', 'days=two', 'projectId=nope'])('rejects ?%s with a 400', async (query) => {
    const user = await createUser();
    expect((await call(`/api/analytics/summary?${query}`, { key: user.key })).status).toBe(400);
  });
});

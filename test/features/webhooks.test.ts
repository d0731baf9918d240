// Webhooks through the API and the webhooks queue: registration, target URL rules, signed deliveries, retries and dead letters.
import { createExecutionContext, createMessageBatch, createScheduledController, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import worker from '../../src/index';
import { createDb } from '../../src/db/client';
import { deployments, testCases, testSuites } from '../../src/db/schema';
import { deploymentLabel, siteLabel } from '../../src/features/sites/labels';
import { uuidv7 } from '../../src/lib/ids';
import { DEPLOYMENT_STUCK_AFTER_MS, MAX_SWEEPS } from '../../src/sweeper';
import type { Deployment } from '../../src/features/deployments/routes';
import type { TestSuite } from '../../src/features/tests/routes';
import type { Webhook } from '../../src/features/webhooks/routes';
import { addMembership, API, call, callJson, createProject, createUser, deliverMessages, deployProject, generateProject } from '../helpers';
import type { TestUser } from '../helpers';

interface Delivery {
  id: string;
  webhookId: string;
  eventId: string;
  type: string;
  status: 'pending' | 'succeeded' | 'failed';
  attempts: { at: string; statusCode: number | null; durationMs: number; error: string | null }[];
  payload: { id: string; type: string; createdAt: string; data: unknown };
}

const RECEIVER = 'https://receiver.example.com';

/** What the receiver got: every POST the consumers made, and the status it answers each path with (200 unless set). */
const received: { path: string; headers: Headers; body: string }[] = [];
const answers = new Map<string, number>();

// The queue consumers run in this isolate (the local queue also delivers on its own, and retries
// later), so their outbound fetch is this spy for the file's whole life: the receiver is simulated,
// and nothing reaches the network.
beforeAll(() => {
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    if (url.origin !== RECEIVER) throw new TypeError(`No network in tests: ${request.url}`);
    received.push({ path: url.pathname, headers: request.headers, body: await request.text() });
    return new Response(null, { status: answers.get(url.pathname) ?? 200 });
  });
});
// The runtime may run other test files after this one (vitest.config.ts: isolate false): they get the real fetch back.
afterAll(() => vi.restoreAllMocks());

const register = (user: TestUser, body: Record<string, unknown>) =>
  callJson<Webhook & { secret: string }>('/api/webhooks', { key: user.key, body, expect: 201 });

/** A webhook of the user's organisation at a path of its own on the receiver. */
async function registerHook(user: TestUser, events: string[]) {
  const path = `/hooks/${crypto.randomUUID()}`;
  return { path, ...(await register(user, { url: RECEIVER + path, events })) };
}

const deliveriesOf = (user: TestUser, webhookId: string) => callJson<Delivery[]>(`/api/webhooks/${webhookId}/deliveries`, { key: user.key });

const deliver = (deliveryIds: string[], queue = 'promptax-webhooks') => deliverMessages(queue, deliveryIds.map((deliveryId) => ({ deliveryId })));

/** Checks a `Promptax-Signature` the way a receiver does, with Web Crypto and nothing of the app's. */
async function verifies(secret: string, header: string, body: string) {
  const { t, v1 } = Object.fromEntries(header.split(',').map((part) => part.split('='))) as { t: string; v1: string };
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']);
  const mac = Uint8Array.from(v1.match(/../g)!, (pair) => parseInt(pair, 16));
  const fresh = Math.abs(Date.now() / 1000 - Number(t)) < 300;
  return fresh && (await crypto.subtle.verify('HMAC', key, mac, new TextEncoder().encode(`${t}.${body}`)));
}

describe('webhooks', () => {
  it('registers a webhook and shows its secret only in the answer that created it', async () => {
    const user = await createUser();
    const created = await register(user, { url: `${RECEIVER}/hooks/a`, events: ['deployment.*', 'test_run.passed'], description: 'CI' });
    expect(created).toMatchObject({ organisationId: user.organisationId, url: `${RECEIVER}/hooks/a`, events: ['deployment.*', 'test_run.passed'], description: 'CI' });
    expect(created.secret).toMatch(/^whsec_[0-9a-f]{64}$/);

    const { secret, ...shown } = created;
    expect(secret).toBeDefined();
    expect(await callJson<Webhook[]>('/api/webhooks', { key: user.key })).toEqual([shown]);
  });

  it('deletes a webhook, and is 404 for another organisation on every webhook route', async () => {
    const owner = await createUser();
    const intruder = await createUser();
    const hook = await register(owner, { url: `${RECEIVER}/hooks/b`, events: ['deployment.live'] });

    expect(await callJson<Webhook[]>('/api/webhooks', { key: intruder.key })).toEqual([]);
    expect((await call(`/api/webhooks/${hook.id}/deliveries`, { key: intruder.key })).status).toBe(404);
    expect((await call(`/api/webhooks/${hook.id}`, { key: intruder.key, method: 'DELETE' })).status).toBe(404);

    expect(await callJson(`/api/webhooks/${hook.id}`, { key: owner.key, method: 'DELETE' })).toEqual({ success: true });
    expect(await callJson<Webhook[]>('/api/webhooks', { key: owner.key })).toEqual([]);
    expect((await call(`/api/webhooks/${hook.id}`, { key: owner.key, method: 'DELETE' })).status).toBe(404);
  });

  it('asks a member of several organisations which one the webhook is for', async () => {
    const user = await createUser();
    const other = await createUser();
    await addMembership(user, other.organisationId);
    const response = await call('/api/webhooks', { key: user.key, body: { url: `${RECEIVER}/hooks/c`, events: ['deployment.live'] } });
    expect(response.status).toBe(400);
    const chosen = await register(user, { url: `${RECEIVER}/hooks/c`, events: ['deployment.live'], organisationId: other.organisationId });
    expect(chosen.organisationId).toBe(other.organisationId);
  });

  it.each([
    'http://receiver.example.com/hook',
    'https://10.0.0.1/hook',
    'https://127.0.0.1/hook',
    'https://2130706433/hook',
    'https://169.254.169.254/latest/meta-data',
    'https://192.168.1.20/hook',
    'https://[::1]/hook',
    'https://[::ffff:127.0.0.1]/hook',
    'https://[fd12:3456::1]/hook',
    'https://[fe80::1]/hook',
    'https://localhost/hook',
    'https://api.localhost/hook',
    'https://metadata.google.internal/hook',
    'https://printer.local/hook',
    'https://intranet/hook',
    'https://user:pass@receiver.example.com/hook',
    'ftp://receiver.example.com/hook',
    'not a url',
  ])('refuses %s as a target', async (url) => {
    const user = await createUser();
    const response = await call('/api/webhooks', { key: user.key, body: { url, events: ['deployment.live'] } });
    expect(response.status).toBe(400);
    expect((await response.json<{ errors: { pointer: string }[] }>()).errors).toEqual([expect.objectContaining({ pointer: '#/url' })]);
  });

  it.each(['https://receiver.example.com:8443/hook', 'https://8.8.8.8/hook', 'https://[2606:4700:4700::1111]/hook'])('accepts %s as a target', async (url) => {
    const user = await createUser();
    expect((await register(user, { url, events: ['deployment.live'] })).url).toBe(url);
  });

  it('refuses an event type it does not know', async () => {
    const user = await createUser();
    expect((await call('/api/webhooks', { key: user.key, body: { url: `${RECEIVER}/hooks/d`, events: ['deployment.queued'] } })).status).toBe(400);
  });

  it('accepts http and local hosts when WEBHOOKS_ALLOW_INSECURE is "true"', async () => {
    const user = await createUser();
    const ctx = createExecutionContext();
    const response = await worker.fetch(
      new Request(`${API}/api/webhooks`, {
        method: 'POST',
        headers: { authorization: `Bearer ${user.key}`, 'content-type': 'application/json' },
        body: JSON.stringify({ url: 'http://localhost:3000/hook', events: ['deployment.*'] }),
      }),
      { ...env, WEBHOOKS_ALLOW_INSECURE: 'true' },
      ctx,
    );
    await waitOnExecutionContext(ctx);
    expect(response.status).toBe(201);
  });
});

describe('webhook deliveries', () => {
  it('sends a deployment going live as one signed POST to each webhook that wants it, and nothing to others', async () => {
    const user = await createUser();
    const project = await generateProject(user, 'landing-page');
    const live = await registerHook(user, ['deployment.live']);
    const everything = await registerHook(user, ['deployment.*']);
    const tests = await registerHook(user, ['test_run.*']);
    const deployment = await deployProject(user, project.id);
    expect(deployment.status).toBe('live');

    expect((await deliveriesOf(user, everything.id)).map((delivery) => delivery.type)).toEqual(['deployment.live', 'deployment.building']);
    expect(await deliveriesOf(user, tests.id)).toEqual([]);
    const [queued] = await deliveriesOf(user, live.id);
    expect(queued).toMatchObject({ type: 'deployment.live', payload: { type: 'deployment.live', data: deployment } });

    await deliver([queued!.id]);
    const [delivered] = await deliveriesOf(user, live.id);
    expect(delivered!.status).toBe('succeeded');
    expect(delivered!.attempts[0]).toMatchObject({ statusCode: 200, error: null, durationMs: expect.any(Number) });

    const posts = received.filter((post) => post.path === live.path);
    expect(posts.length).toBeGreaterThan(0);
    for (const post of posts) {
      expect(JSON.parse(post.body)).toEqual({ id: queued!.eventId, type: 'deployment.live', createdAt: queued!.payload.createdAt, data: deployment });
      expect(post.headers.get('content-type')).toBe('application/json');
      expect(post.headers.get('promptax-event')).toBe('deployment.live');
      expect(post.headers.get('promptax-delivery')).toBe(queued!.id);
      expect(await verifies(live.secret, post.headers.get('promptax-signature')!, post.body)).toBe(true);
      expect(await verifies(everything.secret, post.headers.get('promptax-signature')!, post.body)).toBe(false);
    }
  });

  it('does nothing when a delivery that succeeded is delivered again', async () => {
    const user = await createUser();
    const project = await generateProject(user, 'landing-page');
    const hook = await registerHook(user, ['deployment.live']);
    await deployProject(user, project.id);
    const [delivery] = await deliveriesOf(user, hook.id);
    await deliver([delivery!.id]);
    const [succeeded] = await deliveriesOf(user, hook.id);
    expect(succeeded!.status).toBe('succeeded');
    const posts = received.filter((post) => post.path === hook.path).length;

    const result = await deliver([delivery!.id]);
    expect(result.explicitAcks).toHaveLength(1);
    expect(received.filter((post) => post.path === hook.path)).toHaveLength(posts);
    expect(await deliveriesOf(user, hook.id)).toEqual([succeeded]);
  });

  it('retries a delivery the receiver answers 500 with backoff, logs each attempt, and succeeds once it answers 200', async () => {
    const user = await createUser();
    const project = await generateProject(user, 'landing-page');
    const hook = await registerHook(user, ['deployment.live']);
    answers.set(hook.path, 500);
    await deployProject(user, project.id);
    const [delivery] = await deliveriesOf(user, hook.id);

    // A third attempt: the consumer asks for the backoff of its place in the series, 30 s doubled twice.
    const batch = createMessageBatch('promptax-webhooks', [{ id: 'third', timestamp: new Date(), attempts: 3, body: { deliveryId: delivery!.id } }]);
    const retry = vi.spyOn(batch.messages[0]!, 'retry');
    await worker.queue(batch, env);
    expect(retry).toHaveBeenCalledWith({ delaySeconds: 120 });
    const [retrying] = await deliveriesOf(user, hook.id);
    expect(retrying!.status).toBe('pending');
    expect(retrying!.attempts.length).toBeGreaterThan(0);
    expect(retrying!.attempts.every((attempt) => attempt.statusCode === 500 && attempt.error === 'The receiver answered 500.')).toBe(true);

    answers.set(hook.path, 200);
    expect((await deliver([delivery!.id])).explicitAcks).toHaveLength(1);
    const [succeeded] = await deliveriesOf(user, hook.id);
    expect(succeeded!.status).toBe('succeeded');
    const codes = succeeded!.attempts.map((attempt) => attempt.statusCode);
    expect(codes).toEqual([...new Array<number>(codes.length - 1).fill(500), 200]);
    expect(codes.length).toBeGreaterThan(retrying!.attempts.length);
  });

  it('marks a delivery failed when its message reaches the dead-letter queue, keeping its attempts', async () => {
    const user = await createUser();
    const project = await generateProject(user, 'landing-page');
    const hook = await registerHook(user, ['deployment.live']);
    answers.set(hook.path, 503);
    await deployProject(user, project.id);
    const [delivery] = await deliveriesOf(user, hook.id);
    await deliver([delivery!.id]);

    await deliver([delivery!.id], 'promptax-webhooks-dlq');
    const [failed] = await deliveriesOf(user, hook.id);
    expect(failed!.status).toBe('failed');
    expect(failed!.attempts.length).toBeGreaterThan(0);
    expect(failed!.attempts.every((attempt) => attempt.statusCode === 503)).toBe(true);
  });

  it('sends a test run as generating, running and passed, with the suite and its cases', async () => {
    const user = await createUser();
    const project = await generateProject(user, 'todo-list');
    const hook = await registerHook(user, ['test_run.*']);
    await callJson(`/api/projects/${project.id}/tests`, { key: user.key, body: { type: 'unit' }, expect: 202 });
    const [suite] = await callJson<TestSuite[]>(`/api/projects/${project.id}/tests`, { key: user.key });
    await deliverMessages('promptax-test-runs', [{ suiteId: suite!.id }]);

    const deliveries = (await deliveriesOf(user, hook.id)).reverse();
    expect(deliveries.map((delivery) => delivery.type)).toEqual(['test_run.generating', 'test_run.running', 'test_run.passed']);
    const passed = deliveries[2]!.payload.data as TestSuite;
    expect(passed).toMatchObject({ id: suite!.id, status: 'passed' });
    expect(passed.tests.filter((entry) => entry.status === 'passed')).toHaveLength(34);
  });

  it('drops a queued delivery of a webhook deleted since', async () => {
    const user = await createUser();
    const project = await generateProject(user, 'landing-page');
    const hook = await registerHook(user, ['deployment.live']);
    await deployProject(user, project.id);
    const [delivery] = await deliveriesOf(user, hook.id);
    await callJson(`/api/webhooks/${hook.id}`, { key: user.key, method: 'DELETE' });
    const before = received.filter((post) => post.path === hook.path).length;

    expect((await deliver([delivery!.id])).explicitAcks).toHaveLength(1);
    expect(received.filter((post) => post.path === hook.path)).toHaveLength(before);
  });

  it('pages deliveries newest first through Link', async () => {
    const user = await createUser();
    const project = await generateProject(user, 'landing-page');
    const hook = await registerHook(user, ['deployment.*']);
    const first = await deployProject(user, project.id);
    const second = await deployProject(user, project.id);

    const pages: [string, string][][] = [];
    for (let next: string | null = `/api/webhooks/${hook.id}/deliveries?limit=2`; next; ) {
      const response = await call(next, { key: user.key });
      pages.push((await response.json<Delivery[]>()).map((delivery) => [delivery.type, (delivery.payload.data as Deployment).id]));
      next = /<([^>]+)>;\s*rel="next"/.exec(response.headers.get('Link') ?? '')?.[1] ?? null;
    }
    expect(pages).toEqual([
      [['deployment.live', second.id], ['deployment.superseded', first.id]],
      [['deployment.building', second.id], ['deployment.live', first.id]],
      [['deployment.building', first.id]],
    ]);
  });

  it('sends the failures of jobs the sweeper gave up on', async () => {
    const user = await createUser();
    const project = await createProject(user);
    const hook = await registerHook(user, ['deployment.failed', 'test_run.error']);
    const db = createDb(env.DB);
    const [deploymentId, suiteId] = [uuidv7(), uuidv7()];
    const stale = new Date(Date.now() - 2 * DEPLOYMENT_STUCK_AFTER_MS - 60_000).toISOString();
    await db.batch([
      db.insert(deployments).values({
        id: deploymentId,
        projectId: project.id,
        environment: 'preview',
        status: 'building',
        label: deploymentLabel(deploymentId),
        siteLabel: siteLabel(project.id, 'preview'),
        sweeps: MAX_SWEEPS,
        createdAt: stale,
        updatedAt: stale,
      }),
      db.insert(testSuites).values({ id: suiteId, projectId: project.id, type: 'unit', name: 'unit: x', target: 'src/lib/x.js', status: 'running', model: 'offline', sweeps: MAX_SWEEPS, createdAt: stale, updatedAt: stale }),
      db.insert(testCases).values({ id: uuidv7(), suiteId, projectId: project.id, position: 1, name: 'x works', status: 'pending' }),
    ]);

    await worker.scheduled(createScheduledController({ cron: '* * * * *' }), env);
    const deliveries = (await deliveriesOf(user, hook.id)).map((delivery) => delivery.payload);
    expect(deliveries).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ type: 'deployment.failed', data: expect.objectContaining({ id: deploymentId, status: 'failed', error: expect.stringContaining('Timed out') }) }),
        expect.objectContaining({ type: 'test_run.error', data: expect.objectContaining({ id: suiteId, status: 'error', tests: [expect.objectContaining({ status: 'error' })] }) }),
      ]),
    );
    expect(deliveries).toHaveLength(2);
  });
});

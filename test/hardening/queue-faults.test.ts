// Queue messages duplicated, reordered and redelivered after a crash, on every queue the API uses:
// each job is done once, in the end state it should have, with nothing stored twice. Messages the
// API sends are kept by a recording queue, so that each test delivers them itself.
import { env } from 'cloudflare:workers';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Deployment } from '../../src/features/deployments/routes';
import type { BuildPlan } from '../../src/features/plans/service';
import type { TestSuite } from '../../src/features/tests/routes';
import { API, callJson, createProject, createUser, editFile } from '../helpers';
import type { TestUser } from '../helpers';
import { deliver, FaultyD1, fetchWith, recordingQueue } from './faulty-bindings';
import { A_WEBHOOK } from './fixtures';

afterEach(() => vi.restoreAllMocks());

const post = (user: TestUser, path: string, body: unknown, overrides: Parameters<typeof fetchWith>[0]) =>
  fetchWith(overrides, new Request(API + path, { method: 'POST', headers: { Authorization: `Bearer ${user.key}`, 'content-type': 'application/json' }, body: JSON.stringify(body) }));

/** A project with a front page and `count` deployments of it queued, their messages kept rather than sent. */
async function queuedDeployments(user: TestUser, count: number) {
  const project = await createProject(user);
  await editFile(user, project.id, 'index.html', '<!doctype html><title>Queued</title>', 'text/html');
  const { queue, sent } = recordingQueue<{ deploymentId: string }>();
  for (let index = 0; index < count; index += 1) expect((await post(user, `/api/projects/${project.id}/deployments`, {}, { DEPLOY_QUEUE: queue })).status).toBe(202);
  return { project, messages: sent, ids: sent.map((message) => message.deploymentId) };
}

const deploymentOf = (user: TestUser, projectId: string, id: string) => callJson<Deployment>(`/api/projects/${projectId}/deployments/${id}`, { key: user.key });

describe('deployments queue', () => {
  it('builds once from one message delivered in two batches at the same time: one live deployment, one manifest, one event of each status', async () => {
    const user = await createUser();
    await callJson('/api/webhooks', { key: user.key, body: A_WEBHOOK, expect: 201 });
    const { project, messages, ids } = await queuedDeployments(user, 1);
    const events = recordingQueue<{ deliveryId: string }>();

    const results = await Promise.all([1, 2].map(() => deliver('promptax-deployments', messages, { overrides: { WEBHOOK_QUEUE: events.queue } })));
    expect(results.map((result) => result.explicitAcks)).toEqual([[expect.any(String)], [expect.any(String)]]);
    expect(await deploymentOf(user, project.id, ids[0]!)).toMatchObject({ status: 'live', error: null });
    expect(await callJson<Deployment[]>(`/api/projects/${project.id}/deployments`, { key: user.key })).toHaveLength(1);
    expect((await env.FILES.list({ prefix: `manifests/${ids[0]}` })).objects).toHaveLength(1);
    const [webhook] = await callJson<{ id: string }[]>('/api/webhooks', { key: user.key });
    const deliveries = await callJson<{ type: string }[]>(`/api/webhooks/${webhook!.id}/deliveries`, { key: user.key });
    expect(deliveries.map((delivery) => delivery.type).sort()).toEqual(['deployment.building', 'deployment.live']);
    expect(events.sent).toHaveLength(2);
  });

  it('keeps the newer deployment live when the older one\'s message arrives after it', async () => {
    const user = await createUser();
    const { project, messages, ids } = await queuedDeployments(user, 2);
    const [older, newer] = ids;
    await deliver('promptax-deployments', [messages[1]]);
    await deliver('promptax-deployments', [messages[0]]);
    expect(await deploymentOf(user, project.id, newer!)).toMatchObject({ status: 'live' });
    expect(await deploymentOf(user, project.id, older!)).toMatchObject({ status: 'superseded' });
  });

  it('tells the user in words, not SQL, that a build D1 interrupted is being retried, and then builds it', async () => {
    const user = await createUser();
    const { project, messages, ids } = await queuedDeployments(user, 1);
    const blip = new FaultyD1(env.DB, { startsAt: /from "files"/, from: 0, count: 1 });
    expect((await deliver('promptax-deployments', messages, { overrides: { DB: blip.binding } })).retryMessages).toHaveLength(1);
    const retrying = await deploymentOf(user, project.id, ids[0]!);
    expect(retrying.status).toBe('building');
    expect(retrying.error).toBe('Attempt 1 failed: the database did not answer; the build is retried.');

    await deliver('promptax-deployments', messages, { attempts: 2 });
    expect(await deploymentOf(user, project.id, ids[0]!)).toMatchObject({ status: 'live', error: null });
  });

  it('builds again from the start a deployment whose build crashed while publishing, when its message is redelivered', async () => {
    const user = await createUser();
    const { project, messages, ids } = await queuedDeployments(user, 1);
    // D1 goes away as the build publishes: the consumer cannot even record the error, and throws.
    const crash = new FaultyD1(env.DB, { startsAt: /CASE WHEN/, from: 0, count: Infinity });
    const crashed = await deliver('promptax-deployments', messages, { overrides: { DB: crash.binding } });
    expect(crashed.thrown).not.toBeNull();
    expect(await deploymentOf(user, project.id, ids[0]!)).toMatchObject({ status: 'building', url: null });

    const redelivered = await deliver('promptax-deployments', messages, { attempts: 2 });
    expect(redelivered.explicitAcks).toHaveLength(1);
    expect(await deploymentOf(user, project.id, ids[0]!)).toMatchObject({ status: 'live', error: null });
    expect((await env.FILES.list({ prefix: `manifests/${ids[0]}` })).objects).toHaveLength(1);
  });
});

describe('test-runs queue', () => {
  /** A project with the todo list's logic module and a unit test run planned for it, its message kept. */
  async function plannedRun(user: TestUser) {
    const project = await createProject(user);
    const plan = await callJson<BuildPlan>(`/api/projects/${project.id}/plans`, { key: user.key, body: { templateId: 'todo-list' }, expect: 201 });
    await callJson(`/api/projects/${project.id}/generate`, { key: user.key, body: { planId: plan.id, stepId: plan.steps[0]!.id } });
    const { queue, sent } = recordingQueue<{ suiteId: string }>();
    expect((await post(user, `/api/projects/${project.id}/tests`, { type: 'unit' }, { TEST_QUEUE: queue })).status).toBe(202);
    const [planned] = await callJson<TestSuite[]>(`/api/projects/${project.id}/tests`, { key: user.key });
    return { project, messages: sent, planned: planned! };
  }

  const suiteOf = async (user: TestUser, projectId: string) => (await callJson<TestSuite[]>(`/api/projects/${projectId}/tests`, { key: user.key }))[0]!;

  it('runs a suite whose run crashed while recording results again from the start: each planned case once, all passed', async () => {
    const user = await createUser();
    const { project, messages, planned } = await plannedRun(user);
    const crash = new FaultyD1(env.DB, { startsAt: /delete from "test_cases"/, from: 0, count: Infinity });
    expect((await deliver('promptax-test-runs', messages, { overrides: { DB: crash.binding } })).retryMessages).toHaveLength(1);
    expect((await suiteOf(user, project.id)).status).toBe('running');

    await deliver('promptax-test-runs', messages, { attempts: 2 });
    const suite = await suiteOf(user, project.id);
    expect(suite.status).toBe('passed');
    expect(suite.tests.map((entry) => entry.name)).toEqual(planned.tests.map((entry) => entry.name));
    expect(suite.tests.map((entry) => entry.id)).toEqual(planned.tests.map((entry) => entry.id));
  });

  it('keeps one row per case when one message is delivered in two batches at the same time', async () => {
    const user = await createUser();
    const { project, messages, planned } = await plannedRun(user);
    await Promise.all([1, 2].map(() => deliver('promptax-test-runs', messages)));
    const suite = await suiteOf(user, project.id);
    expect(suite.status).toBe('passed');
    expect(suite.tests.map((entry) => entry.name)).toEqual(planned.tests.map((entry) => entry.name));
  });
});

describe('analytics queue', () => {
  it('stores an event once, however often and however concurrently its message is delivered', async () => {
    const user = await createUser();
    const project = await createProject(user);
    const { queue, sent } = recordingQueue<unknown>();
    expect((await post(user, '/api/analytics/track', { type: 'page.view', projectId: project.id }, { ANALYTICS_QUEUE: queue })).status).toBe(202);
    await Promise.all([1, 2].map(() => deliver('promptax-analytics', sent)));
    await deliver('promptax-analytics', [...sent, ...sent], { attempts: 2 });
    const summary = await callJson<{ total: number }>('/api/analytics/summary', { key: user.key });
    expect(summary.total).toBe(1);
  });
});

describe('webhooks queue', () => {
  /** A pending delivery of a "deployment.live" event to organisation A's webhook, its message kept. */
  async function pendingDelivery(user: TestUser) {
    const webhook = await callJson<{ id: string }>('/api/webhooks', { key: user.key, body: { ...A_WEBHOOK, events: ['deployment.live'] }, expect: 201 });
    const { messages } = await queuedDeployments(user, 1);
    const events = recordingQueue<{ deliveryId: string }>();
    await deliver('promptax-deployments', messages, { overrides: { WEBHOOK_QUEUE: events.queue } });
    expect(events.sent).toHaveLength(1);
    return { webhook, messages: events.sent };
  }

  /** The receiver at A's webhook URL: answers 200 and keeps the Promptax-Delivery header of each POST. */
  function receiver() {
    const received: string[] = [];
    const realFetch = globalThis.fetch;
    vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
      const request = new Request(input, init);
      if (!request.url.startsWith(A_WEBHOOK.url)) return realFetch(input, init);
      received.push(request.headers.get('promptax-delivery') ?? '');
      return new Response(null, { status: 200 });
    });
    return received;
  }

  it('sends nothing when a message comes again after its delivery succeeded', async () => {
    const user = await createUser();
    const { webhook, messages } = await pendingDelivery(user);
    const received = receiver();
    await deliver('promptax-webhooks', messages);
    await Promise.all([1, 2].map(() => deliver('promptax-webhooks', messages, { attempts: 2 })));
    expect(received).toEqual([messages[0]!.deliveryId]);
    const [delivery] = await callJson<{ status: string; attempts: unknown[] }[]>(`/api/webhooks/${webhook.id}/deliveries`, { key: user.key });
    expect(delivery).toMatchObject({ status: 'succeeded', attempts: [expect.objectContaining({ statusCode: 200 })] });
  });

  it('sends again, under the same Promptax-Delivery id, a delivery whose attempt crashed before it was logged', async () => {
    const user = await createUser();
    const { webhook, messages } = await pendingDelivery(user);
    const received = receiver();
    const crash = new FaultyD1(env.DB, { startsAt: /update "webhook_deliveries"/, from: 0, count: Infinity });
    expect((await deliver('promptax-webhooks', messages, { overrides: { DB: crash.binding } })).retryMessages).toHaveLength(1);
    await deliver('promptax-webhooks', messages, { attempts: 2 });
    expect(received).toEqual([messages[0]!.deliveryId, messages[0]!.deliveryId]);
    const [delivery] = await callJson<{ status: string }[]>(`/api/webhooks/${webhook.id}/deliveries`, { key: user.key });
    expect(delivery!.status).toBe('succeeded');
  });
});

describe('a queue refusing a message', () => {
  const refusing = { send: async () => Promise.reject(new Error('Queue send failed: overloaded')), sendBatch: async () => Promise.reject(new Error('Queue send failed: overloaded')) } as unknown as Queue;

  it('leaves no deployment queued for a message that was never sent', async () => {
    const user = await createUser();
    const project = await createProject(user);
    const response = await post(user, `/api/projects/${project.id}/deployments`, {}, { DEPLOY_QUEUE: refusing });
    expect(response.status).toBe(500);
    expect(await callJson(`/api/projects/${project.id}/deployments`, { key: user.key })).toEqual([]);
  });

  it('leaves no suite queued for a message that was never sent', async () => {
    const user = await createUser();
    const project = await createProject(user);
    const plan = await callJson<BuildPlan>(`/api/projects/${project.id}/plans`, { key: user.key, body: { templateId: 'todo-list' }, expect: 201 });
    await callJson(`/api/projects/${project.id}/generate`, { key: user.key, body: { planId: plan.id, stepId: plan.steps[0]!.id } });
    const response = await post(user, `/api/projects/${project.id}/tests`, { type: 'unit' }, { TEST_QUEUE: refusing });
    expect(response.status).toBe(500);
    expect(await callJson(`/api/projects/${project.id}/tests`, { key: user.key })).toEqual([]);
  });
});

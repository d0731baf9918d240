// The cron sweeper through the Worker's scheduled handler: stuck deployments and test runs re-enqueued a bounded
// number of times, then failed; each action a self-heal event; concurrent sweeps acting once.
import { createScheduledController } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { eq, inArray } from 'drizzle-orm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import worker from '../src/index';
import { createDb } from '../src/db/client';
import { deployments, selfHealEvents, testCases, testSuites } from '../src/db/schema';
import { deploymentLabel, siteLabel } from '../src/features/sites/labels';
import { uuidv7 } from '../src/lib/ids';
import { DEPLOYMENT_STUCK_AFTER_MS, MAX_SWEEPS, TEST_RUN_STUCK_AFTER_MS } from '../src/sweeper';
import { callJson, createProject, createUser, generateProject } from './helpers';

const db = createDb(env.DB);
const ago = (ms: number) => new Date(Date.now() - ms).toISOString();

/**
 * The jobs a test made stale on purpose, removed after it: files share one database, and
 * `GET /api/self-heal/status` reports the oldest waiting job of all, so a suite left queued
 * 11 minutes ago here would turn another file's healthy status degraded.
 */
const made = { deployments: [] as string[], suites: [] as string[] };
afterEach(async () => {
  await db.batch([
    db.delete(testCases).where(inArray(testCases.suiteId, made.suites)),
    db.delete(testSuites).where(inArray(testSuites.id, made.suites)),
    db.delete(deployments).where(inArray(deployments.id, made.deployments)),
  ]);
  made.deployments = [];
  made.suites = [];
});
const STALE_DEPLOYMENT = DEPLOYMENT_STUCK_AFTER_MS + 60_000;
const STALE_TEST_RUN = TEST_RUN_STUCK_AFTER_MS + 60_000;

/**
 * A queue that keeps what is sent to it. The local queue would hand messages to the real consumer
 * within a second, racing the assertions of the tests that sweep a job several times.
 */
function recordingQueue() {
  const bodies: unknown[] = [];
  const metrics = { backlogCount: 0, backlogBytes: 0 };
  const queue: Queue = {
    metrics: async () => metrics,
    send: async (body) => {
      bodies.push(body);
      return { metadata: { metrics } };
    },
    sendBatch: async (messages) => {
      for (const message of messages) bodies.push(message.body);
      return { metadata: { metrics } };
    },
  };
  return { queue, bodies };
}

/** Runs the Worker's cron handler once, with the real bindings or with recording queues. */
async function runSweep(queues: { DEPLOY_QUEUE?: Queue; TEST_QUEUE?: Queue } = {}) {
  await worker.scheduled(createScheduledController({ cron: '* * * * *' }), { ...env, ...queues });
}

/** A deployment row as the API writes it, last changed `msAgo` ago, whose queue message never came. */
async function insertDeployment(projectId: string, status: 'queued' | 'building', msAgo: number) {
  const id = uuidv7();
  made.deployments.push(id);
  const at = ago(msAgo);
  await db.insert(deployments).values({
    id,
    projectId,
    environment: 'preview',
    status,
    label: deploymentLabel(id),
    siteLabel: siteLabel(projectId, 'preview'),
    createdAt: at,
    updatedAt: at,
  });
  return id;
}

/** A test suite with two pending cases, last changed `msAgo` ago. */
async function insertSuite(projectId: string, status: 'queued' | 'generating' | 'running', msAgo: number) {
  const id = uuidv7();
  made.suites.push(id);
  const at = ago(msAgo);
  await db.batch([
    db.insert(testSuites).values({ id, projectId, type: 'unit', name: 'unit: todos', target: 'src/lib/todos.js', status, model: 'offline', createdAt: at, updatedAt: at }),
    db.insert(testCases).values([1, 2].map((position) => ({ id: uuidv7(), suiteId: id, projectId, position, name: `case ${position}`, status: 'pending' as const }))),
  ]);
  return id;
}

const deploymentOf = async (id: string) => (await db.select().from(deployments).where(eq(deployments.id, id)))[0]!;
const suiteOf = async (id: string) => (await db.select().from(testSuites).where(eq(testSuites.id, id)))[0]!;
const eventsOf = (projectId: string) => db.select().from(selfHealEvents).where(eq(selfHealEvents.projectId, projectId)).orderBy(selfHealEvents.id);

describe('sweeper: deployments', () => {
  it('re-enqueues a deployment stuck in building past the limit, with its message and a deployment.requeued event', async () => {
    const user = await createUser();
    const project = await createProject(user);
    const id = await insertDeployment(project.id, 'building', STALE_DEPLOYMENT);
    const { queue, bodies } = recordingQueue();

    await runSweep({ DEPLOY_QUEUE: queue });

    expect(bodies).toEqual([{ deploymentId: id }]);
    const row = await deploymentOf(id);
    expect(row).toMatchObject({ status: 'queued', sweeps: 1 });
    expect(Date.parse(row.updatedAt)).toBeGreaterThan(Date.now() - 60_000);
    expect(await eventsOf(project.id)).toEqual([
      expect.objectContaining({
        type: 'deployment.requeued',
        severity: 'warning',
        organisationId: user.organisationId,
        projectId: project.id,
        message: `Deployment ${id} was building for over 5 minutes; re-enqueued (1 of ${MAX_SWEEPS}).`,
      }),
    ]);
  });

  it('leaves alone a deployment that changed within the limit', async () => {
    const user = await createUser();
    const project = await createProject(user);
    const id = await insertDeployment(project.id, 'queued', DEPLOYMENT_STUCK_AFTER_MS - 60_000);
    const before = await deploymentOf(id);
    const { queue, bodies } = recordingQueue();

    await runSweep({ DEPLOY_QUEUE: queue });

    expect(bodies).toEqual([]);
    expect(await deploymentOf(id)).toEqual(before);
    expect(await eventsOf(project.id)).toEqual([]);
  });

  it(`fails a deployment still stuck after ${MAX_SWEEPS} re-enqueues, saying it timed out`, async () => {
    const user = await createUser();
    const project = await createProject(user);
    const id = await insertDeployment(project.id, 'queued', STALE_DEPLOYMENT);
    const { queue, bodies } = recordingQueue();

    for (let sweep = 0; sweep <= MAX_SWEEPS; sweep += 1) {
      await runSweep({ DEPLOY_QUEUE: queue });
      await db.update(deployments).set({ updatedAt: ago(STALE_DEPLOYMENT) }).where(eq(deployments.id, id));
    }
    await runSweep({ DEPLOY_QUEUE: queue });

    expect(bodies).toHaveLength(MAX_SWEEPS);
    const row = await deploymentOf(id);
    expect(row.status).toBe('failed');
    expect(row.error).toBe(`Timed out: queued for over 5 minutes, after ${MAX_SWEEPS} re-enqueues.`);
    const events = await eventsOf(project.id);
    expect(events.map((event) => event.type)).toEqual([...Array(MAX_SWEEPS).fill('deployment.requeued'), 'deployment.failed']);
    expect(events.at(-1)).toMatchObject({ severity: 'error', organisationId: user.organisationId });
  });

  it('acts once when two sweeps run at the same time', async () => {
    const user = await createUser();
    const project = await createProject(user);
    const id = await insertDeployment(project.id, 'building', STALE_DEPLOYMENT);
    const { queue, bodies } = recordingQueue();

    await Promise.all([runSweep({ DEPLOY_QUEUE: queue }), runSweep({ DEPLOY_QUEUE: queue })]);

    expect(bodies).toEqual([{ deploymentId: id }]);
    expect(await deploymentOf(id)).toMatchObject({ status: 'queued', sweeps: 1 });
    expect(await eventsOf(project.id)).toHaveLength(1);
  });

  it('recovers a stuck deployment: the deployments consumer builds the re-enqueued message live, and the event shows in self-heal status', async () => {
    const user = await createUser();
    const project = await generateProject(user, 'todo-list');
    const id = await insertDeployment(project.id, 'building', STALE_DEPLOYMENT);

    await runSweep();

    await vi.waitFor(async () => expect((await deploymentOf(id)).status).toBe('live'), { timeout: 15_000, interval: 200 });
    const status = await callJson<{ metrics: { recoveredJobs24h: number }; events: { type: string; projectId: string | null }[] }>('/api/self-heal/status', { key: user.key });
    expect(status.metrics.recoveredJobs24h).toBe(1);
    expect(status.events).toEqual([expect.objectContaining({ type: 'deployment.requeued', projectId: project.id })]);
  });
});

describe('sweeper: test runs', () => {
  it('re-enqueues a suite stuck running past the limit, with its message and a test_run.requeued event', async () => {
    const user = await createUser();
    const project = await createProject(user);
    const id = await insertSuite(project.id, 'running', STALE_TEST_RUN);
    const { queue, bodies } = recordingQueue();

    await runSweep({ TEST_QUEUE: queue });

    expect(bodies).toEqual([{ suiteId: id }]);
    expect(await suiteOf(id)).toMatchObject({ status: 'queued', sweeps: 1 });
    expect(await eventsOf(project.id)).toEqual([
      expect.objectContaining({ type: 'test_run.requeued', severity: 'warning', organisationId: user.organisationId, projectId: project.id }),
    ]);
  });

  it('leaves alone a suite that changed within the limit', async () => {
    const user = await createUser();
    const project = await createProject(user);
    const id = await insertSuite(project.id, 'generating', TEST_RUN_STUCK_AFTER_MS - 60_000);
    const { queue, bodies } = recordingQueue();

    await runSweep({ TEST_QUEUE: queue });

    expect(bodies).toEqual([]);
    expect(await suiteOf(id)).toMatchObject({ status: 'generating', sweeps: 0 });
  });

  it(`ends a suite still stuck after ${MAX_SWEEPS} re-enqueues as error, its pending cases too`, async () => {
    const user = await createUser();
    const project = await createProject(user);
    const id = await insertSuite(project.id, 'running', STALE_TEST_RUN);
    await db.update(testSuites).set({ sweeps: MAX_SWEEPS }).where(eq(testSuites.id, id));
    const { queue, bodies } = recordingQueue();

    await runSweep({ TEST_QUEUE: queue });

    expect(bodies).toEqual([]);
    expect((await suiteOf(id)).status).toBe('error');
    const cases = await db.select().from(testCases).where(eq(testCases.suiteId, id));
    expect(cases.map((entry) => entry.status)).toEqual(['error', 'error']);
    expect(cases[0]!.message).toBe(`Not run: the suite timed out, running for over 10 minutes after ${MAX_SWEEPS} re-enqueues.`);
    expect(await eventsOf(project.id)).toEqual([expect.objectContaining({ type: 'test_run.failed', severity: 'error', projectId: project.id })]);
  });

  it('acts once on a suite when two sweeps run at the same time', async () => {
    const user = await createUser();
    const project = await createProject(user);
    const id = await insertSuite(project.id, 'queued', STALE_TEST_RUN);
    const { queue, bodies } = recordingQueue();

    await Promise.all([runSweep({ TEST_QUEUE: queue }), runSweep({ TEST_QUEUE: queue })]);

    expect(bodies).toEqual([{ suiteId: id }]);
    expect(await eventsOf(project.id)).toHaveLength(1);
  });
});

/** The cron sweeper (every minute): recovers deployments and test runs stuck unfinished, and clears what has outlived its use. */
import { and, asc, eq, exists, inArray, lt, sql } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import type { Bindings } from './app-env';
import { createDb } from './db/client';
import type { Database } from './db/client';
import { deployments, idempotencyKeys, projects, rateLimits, selfHealEvents, testCases, testSuites } from './db/schema';
import type { DeployMessage } from './features/deployments/service';
import type { SelfHealEventInput } from './features/self-heal/events';
import type { TestRunMessage } from './features/tests/service';
import { emitCurrentStatuses } from './features/webhooks/events';
import { IDEMPOTENCY_WINDOW_MS } from './lib/idempotency';
import { uuidv7 } from './lib/ids';
import { MAX_WINDOW_SECONDS } from './lib/rate-limit';

/** A deployment still `queued` or `building` this long after its last change is stuck: a build takes seconds. */
export const DEPLOYMENT_STUCK_AFTER_MS = 5 * 60 * 1000;
/** A suite still `queued`, `generating` or `running` this long after its last change is stuck: writing its tests is one model call, running them at most 30 s. */
export const TEST_RUN_STUCK_AFTER_MS = 10 * 60 * 1000;
/** How often one job is re-enqueued; stuck once more after that, it is failed. */
export const MAX_SWEEPS = 3;
/** Stuck jobs of each kind handled in one pass, so a pass stays near 100 D1 statements; more wait for the next minute. */
export const SWEEP_LIMIT = 20;

type SweepBindings = Pick<Bindings, 'DB' | 'DEPLOY_QUEUE' | 'TEST_QUEUE' | 'WEBHOOK_QUEUE'>;

/** What one pass did, by id, for the log. */
export interface SweepReport {
  requeued: { deployments: string[]; testRuns: string[] };
  failed: { deployments: string[]; testRuns: string[] };
}

type Statement = Parameters<Database['batch']>[0][number];

/** One stuck job's change: statements that act only while the row is as it was read, the last one changing it and returning its id. */
interface Recovery {
  kind: 'deployments' | 'testRuns';
  action: 'requeued' | 'failed';
  id: string;
  statements: Statement[];
}

const minutes = (ms: number) => ms / 60_000;

/**
 * The event recording a change, inserted only while `condition` (an EXISTS over the row as read)
 * holds. It runs before the change in the same batch, so event and change happen together or not at all.
 */
function eventWhile(db: Database, condition: SQL, event: SelfHealEventInput, now: string) {
  const { organisationId, projectId, type, severity, message } = event;
  return db
    .insert(selfHealEvents)
    .select(sql`SELECT ${uuidv7()}, ${organisationId}, ${projectId}, ${type}, ${severity}, ${message}, ${now} WHERE ${condition}`);
}

function stuckDeployments(db: Database, cutoff: string) {
  return db
    .select({ id: deployments.id, projectId: deployments.projectId, organisationId: projects.organisationId, status: deployments.status, updatedAt: deployments.updatedAt, sweeps: deployments.sweeps })
    .from(deployments)
    .leftJoin(projects, eq(projects.id, deployments.projectId))
    .where(and(inArray(deployments.status, ['queued', 'building']), lt(deployments.updatedAt, cutoff)))
    .orderBy(asc(deployments.updatedAt))
    .limit(SWEEP_LIMIT);
}

function stuckTestRuns(db: Database, cutoff: string) {
  return db
    .select({ id: testSuites.id, projectId: testSuites.projectId, organisationId: projects.organisationId, status: testSuites.status, updatedAt: testSuites.updatedAt, sweeps: testSuites.sweeps })
    .from(testSuites)
    .leftJoin(projects, eq(projects.id, testSuites.projectId))
    .where(and(inArray(testSuites.status, ['queued', 'generating', 'running']), lt(testSuites.updatedAt, cutoff)))
    .orderBy(asc(testSuites.updatedAt))
    .limit(SWEEP_LIMIT);
}

type Stuck<T extends (db: Database, cutoff: string) => unknown> = Awaited<ReturnType<T>> extends (infer Row)[] ? Row : never;

function recoverDeployment(db: Database, row: Stuck<typeof stuckDeployments>, now: string): Recovery {
  // The row as read: a consumer or another sweep that touched it since makes every statement a no-op.
  const unchanged = and(eq(deployments.id, row.id), eq(deployments.status, row.status), eq(deployments.updatedAt, row.updatedAt));
  const stillStuck = exists(db.select({ id: deployments.id }).from(deployments).where(unchanged));
  const where = { organisationId: row.organisationId, projectId: row.projectId };
  const stuck = `Deployment ${row.id} was ${row.status} for over ${minutes(DEPLOYMENT_STUCK_AFTER_MS)} minutes`;
  if (row.sweeps < MAX_SWEEPS) {
    const message = `${stuck}; re-enqueued (${row.sweeps + 1} of ${MAX_SWEEPS}).`;
    return {
      kind: 'deployments',
      action: 'requeued',
      id: row.id,
      statements: [
        eventWhile(db, stillStuck, { ...where, type: 'deployment.requeued', severity: 'warning', message }, now),
        db.update(deployments).set({ status: 'queued', sweeps: row.sweeps + 1, updatedAt: now }).where(unchanged).returning({ id: deployments.id }),
      ],
    };
  }
  const error = `Timed out: ${row.status} for over ${minutes(DEPLOYMENT_STUCK_AFTER_MS)} minutes, after ${MAX_SWEEPS} re-enqueues.`;
  return {
    kind: 'deployments',
    action: 'failed',
    id: row.id,
    statements: [
      eventWhile(db, stillStuck, { ...where, type: 'deployment.failed', severity: 'error', message: `${stuck} after ${MAX_SWEEPS} re-enqueues; failed.` }, now),
      db.update(deployments).set({ status: 'failed', error, updatedAt: now }).where(unchanged).returning({ id: deployments.id }),
    ],
  };
}

function recoverTestRun(db: Database, row: Stuck<typeof stuckTestRuns>, now: string): Recovery {
  const unchanged = and(eq(testSuites.id, row.id), eq(testSuites.status, row.status), eq(testSuites.updatedAt, row.updatedAt));
  const stillStuck = exists(db.select({ id: testSuites.id }).from(testSuites).where(unchanged));
  const where = { organisationId: row.organisationId, projectId: row.projectId };
  const stuck = `Test suite ${row.id} was ${row.status} for over ${minutes(TEST_RUN_STUCK_AFTER_MS)} minutes`;
  if (row.sweeps < MAX_SWEEPS) {
    const message = `${stuck}; re-enqueued (${row.sweeps + 1} of ${MAX_SWEEPS}).`;
    return {
      kind: 'testRuns',
      action: 'requeued',
      id: row.id,
      statements: [
        eventWhile(db, stillStuck, { ...where, type: 'test_run.requeued', severity: 'warning', message }, now),
        db.update(testSuites).set({ status: 'queued', sweeps: row.sweeps + 1, updatedAt: now }).where(unchanged).returning({ id: testSuites.id }),
      ],
    };
  }
  const notRun = `Not run: the suite timed out, ${row.status} for over ${minutes(TEST_RUN_STUCK_AFTER_MS)} minutes after ${MAX_SWEEPS} re-enqueues.`;
  return {
    kind: 'testRuns',
    action: 'failed',
    id: row.id,
    statements: [
      eventWhile(db, stillStuck, { ...where, type: 'test_run.failed', severity: 'error', message: `${stuck} after ${MAX_SWEEPS} re-enqueues; failed.` }, now),
      db
        .update(testCases)
        .set({ status: 'error', message: notRun })
        .where(and(eq(testCases.suiteId, row.id), eq(testCases.status, 'pending'), stillStuck)),
      db.update(testSuites).set({ status: 'error', updatedAt: now }).where(unchanged).returning({ id: testSuites.id }),
    ],
  };
}

/**
 * One pass of the sweeper. Stuck jobs are read, then changed in one batch whose every statement
 * holds only while the row is as it was read, so concurrent sweeps and consumers never both act
 * on a job. A requeued job's message is sent after its row says so; when sending fails, the row
 * waits (its sweep counted) until it is found stuck again. Expired idempotency keys and rate-limit
 * counters are deleted in the first round trip.
 *
 * @example const report = await sweep(env); // report.requeued.deployments: the ids re-enqueued
 */
export async function sweep(env: SweepBindings, now = Date.now()): Promise<SweepReport> {
  const db = createDb(env.DB);
  const nowIso = new Date(now).toISOString();
  const [deploymentRows, testRunRows] = await db.batch([
    stuckDeployments(db, new Date(now - DEPLOYMENT_STUCK_AFTER_MS).toISOString()),
    stuckTestRuns(db, new Date(now - TEST_RUN_STUCK_AFTER_MS).toISOString()),
    db.delete(idempotencyKeys).where(lt(idempotencyKeys.createdAt, new Date(now - IDEMPOTENCY_WINDOW_MS).toISOString())),
    db.delete(rateLimits).where(lt(rateLimits.windowStart, Math.floor(now / 1000) - MAX_WINDOW_SECONDS)),
  ]);
  const report: SweepReport = { requeued: { deployments: [], testRuns: [] }, failed: { deployments: [], testRuns: [] } };
  const recoveries = [...deploymentRows.map((row) => recoverDeployment(db, row, nowIso)), ...testRunRows.map((row) => recoverTestRun(db, row, nowIso))];
  const [first, ...rest] = recoveries.flatMap((recovery) => recovery.statements);
  if (!first) return report;

  const results = await db.batch([first, ...rest]);
  let next = 0;
  for (const recovery of recoveries) {
    next += recovery.statements.length;
    const claimed = results[next - 1] as { id: string }[];
    if (claimed.length > 0) report[recovery.action][recovery.kind].push(recovery.id);
  }
  const deployMessages = report.requeued.deployments.map((deploymentId) => ({ body: { deploymentId } satisfies DeployMessage }));
  const testRunMessages = report.requeued.testRuns.map((suiteId) => ({ body: { suiteId } satisfies TestRunMessage }));
  await Promise.all([
    deployMessages.length > 0 && env.DEPLOY_QUEUE.sendBatch(deployMessages),
    testRunMessages.length > 0 && env.TEST_QUEUE.sendBatch(testRunMessages),
  ]);
  await emitCurrentStatuses(env, db, report.failed);
  return report;
}

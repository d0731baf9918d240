/** The test-runs queue consumer: writes a suite's test module, runs it in a sandbox, records each case. */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Bindings } from '../app-env';
import { createDb } from '../db/client';
import type { Database } from '../db/client';
import { deployments, projects, testCases, testSuites } from '../db/schema';
import type { TestCaseRow, TestSuiteRow } from '../db/schema';
import { engineFor } from '../engine/models';
import { serveDeployment } from '../features/sites/serve';
import { testCodeKey, testPlanInput } from '../features/tests/service';
import { organisationMeter } from '../features/usage/service';
import { emitStatusEvents, testRunEvent } from '../features/webhooks/events';
import { nowIso, uuidv7 } from '../lib/ids';
import { logWarning } from '../lib/log';
import { MemoryData, runTests } from '../sandbox';
import type { CaseResult, RunOptions, SuiteResult } from '../sandbox';
import { readMessage, retryDelay } from './messages';
import { inChunks, rowsPerInsert } from '../db/chunks';

export const TestRunMessageSchema = z.object({ suiteId: z.string().uuid() });

/** Each case gets this long; a suite (its import and every case) gets the second. Documented in the README. */
export const CASE_TIME_LIMIT_MS = 5_000;
export const SUITE_TIME_LIMIT_MS = 30_000;

const UNFINISHED = ['queued', 'generating', 'running'] as const;

/** The sandbox options of a suite: integration tests get a fresh, empty DATA store; e2e tests fetch their deployment's site. */
async function runOptionsFor(env: Bindings, db: Database, suite: TestSuiteRow): Promise<RunOptions> {
  const options: RunOptions = { caseTimeLimitMs: CASE_TIME_LIMIT_MS, suiteTimeLimitMs: SUITE_TIME_LIMIT_MS, scope: suite.id };
  if (suite.type === 'integration') return { ...options, data: new MemoryData() };
  if (suite.type !== 'e2e') return options;
  const [deployment] = await db.select().from(deployments).where(eq(deployments.id, suite.target));
  if (!deployment) throw new Error(`The deployment ${suite.target} under test no longer exists.`);
  // A superseded deployment keeps its files, so the suite tests exactly what it was planned for.
  const site = (path: string, init?: RequestInit) => serveDeployment(env, new Request(new URL(path, 'http://site.test'), init), deployment, true);
  return { ...options, site };
}

/**
 * The cases as they ran. When the module's cases are the planned ones they keep their rows;
 * when a model wrote other cases than it planned, the planned rows give way to what really ran.
 */
function caseRowsOf(suite: TestSuiteRow, planned: TestCaseRow[], result: SuiteResult): TestCaseRow[] {
  if (result.error) {
    return planned.map((row) => ({ ...row, status: 'error', durationMs: null, message: `Not run: ${result.error}` }));
  }
  const asPlanned = result.cases.length === planned.length && result.cases.every((ran, index) => ran.name === planned[index]!.name);
  const toRow = (ran: CaseResult, index: number): TestCaseRow => ({
    id: asPlanned ? planned[index]!.id : uuidv7(),
    suiteId: suite.id,
    projectId: suite.projectId,
    position: index + 1,
    name: ran.name,
    status: ran.status,
    durationMs: Math.round(ran.durationMs),
    message: ran.message,
  });
  return result.cases.map(toRow);
}

/**
 * Writes and runs one suite. Only an unfinished suite is worked on, so a redelivered message for a
 * finished one returns at once; one that crashed half-way is written and run again from the start.
 */
export async function runTestSuite(env: Bindings, db: Database, suiteId: string): Promise<void> {
  const [suite] = await db
    .update(testSuites)
    .set({ status: 'generating', attempts: sql`${testSuites.attempts} + 1`, updatedAt: nowIso() })
    .where(and(eq(testSuites.id, suiteId), inArray(testSuites.status, UNFINISHED)))
    .returning();
  if (!suite) return;
  const [[project], planned] = await Promise.all([
    db.select().from(projects).where(eq(projects.id, suite.projectId)),
    db.select().from(testCases).where(eq(testCases.suiteId, suiteId)).orderBy(asc(testCases.position)),
  ]);
  if (!project) return;
  // In-progress events go out on the first attempt only; a retried suite goes on quietly to its final status.
  const firstAttempt = suite.attempts === 1;
  if (firstAttempt) await emitStatusEvents(env, db, [testRunEvent(suite, planned)]);

  const input = await testPlanInput(db, env.FILES, project, suite.type);
  const source = await engineFor(env, suite.model, organisationMeter(db, env, project.organisationId)).writeTests(input, {
    name: suite.name,
    target: suite.target,
    cases: planned.map((row) => ({ name: row.name })),
  });
  const codeKey = testCodeKey(suite.id);
  await env.FILES.put(codeKey, source, { httpMetadata: { contentType: 'text/javascript; charset=utf-8' } });
  const running = await db.update(testSuites).set({ status: 'running', codeKey, updatedAt: nowIso() }).where(eq(testSuites.id, suiteId)).returning();
  if (firstAttempt) await emitStatusEvents(env, db, running.map((row) => testRunEvent(row, planned)));

  const app = Object.fromEntries(input.files.map((file) => [file.path, file.content]));
  const [result] = await runTests(env.LOADER, app, { [`tests/suite-${suite.id}.test.js`]: source }, await runOptionsFor(env, db, suite));
  const rows = caseRowsOf(suite, planned, result!);
  const now = nowIso();
  const inserts = inChunks(rows, rowsPerInsert(8)).map((chunk) => db.insert(testCases).values(chunk));
  // One transaction: the order of its statements does not matter, and the first one's result types best.
  const [finished] = await db.batch([
    db.update(testSuites).set({ status: result!.status, updatedAt: now }).where(and(eq(testSuites.id, suiteId), eq(testSuites.status, 'running'))).returning(),
    db.delete(testCases).where(eq(testCases.suiteId, suiteId)),
    ...inserts,
  ]);
  await emitStatusEvents(env, db, finished.map((row) => testRunEvent(row, rows)));
}

/** The consumer: each message acked when its suite ran (or needs nothing), retried with backoff when running threw. */
export async function consumeTestRuns(batch: MessageBatch<unknown>, env: Bindings): Promise<void> {
  const db = createDb(env.DB);
  for (const message of batch.messages) {
    const body = readMessage(batch, message, TestRunMessageSchema);
    if (!body) continue;
    try {
      await runTestSuite(env, db, body.suiteId);
      message.ack();
    } catch (error) {
      logWarning(env, { queue: batch.queue, suiteId: body.suiteId, attempt: message.attempts, error: error instanceof Error ? error.message : String(error) });
      message.retry({ delaySeconds: retryDelay(message.attempts) });
    }
  }
}

/** The dead-letter consumer: a suite whose message ran out of retries ends as `error`, and so do its cases that never ran. */
export async function consumeTestRunDeadLetters(batch: MessageBatch<unknown>, env: Bindings): Promise<void> {
  const db = createDb(env.DB);
  const now = nowIso();
  for (const message of batch.messages) {
    const body = TestRunMessageSchema.safeParse(message.body);
    if (body.success) {
      const [suite] = await db
        .update(testSuites)
        .set({ status: 'error', updatedAt: now })
        .where(and(eq(testSuites.id, body.data.suiteId), inArray(testSuites.status, UNFINISHED)))
        .returning();
      if (suite) {
        // Before its final batch a suite's cases are all pending, so these are all of them.
        const cases = await db
          .update(testCases)
          .set({ status: 'error', message: 'Not run: the suite could not be written or run after every retry.' })
          .where(and(eq(testCases.suiteId, suite.id), eq(testCases.status, 'pending')))
          .returning();
        await emitStatusEvents(env, db, [testRunEvent(suite, cases)]);
      }
    }
    message.ack();
  }
}

/** Test runs: suites and cases planned from the code at once, written and run on the test-runs queue. */
import { and, asc, desc, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import type { Bindings, Caller } from '../../app-env';
import type { Database } from '../../db/client';
import { deployments, plans, testCases, testSuites } from '../../db/schema';
import type { ProjectRow, TestCaseRow, TestSuiteRow } from '../../db/schema';
import type { Engine, TestPlanInput } from '../../engine/types';
import { nowIso, uuidv7 } from '../../lib/ids';
import type { PageQuery } from '../../lib/pagination';
import { conflict } from '../../lib/problems';
import type { Poll, SseEvent } from '../../lib/sse';
import { getManifest } from '../../storage/manifests';
import { findTemplate } from '../../templates/catalog';
import type { TemplateMeta } from '../../templates/types';
import { readAllFiles } from '../files/service';
import type { PartDeletion } from '../projects/parts';
import { getProject, withProject } from '../projects/service';
import { inChunks, rowsPerInsert } from '../../db/chunks';

/** Where a suite's test module is kept in R2, beside the files it tests. */
export const testCodeKey = (suiteId: string) => `tests/${suiteId}.test.js`;

/** What the test-runs queue carries. */
export interface TestRunMessage {
  suiteId: string;
}

/** The catalog template behind the project's newest plan, whose specifications become tests. */
export async function projectTemplate(db: Database, project: ProjectRow): Promise<TemplateMeta | null> {
  const [plan] = await db
    .select({ base: plans.baseTemplateId })
    .from(plans)
    .where(eq(plans.projectId, project.id))
    .orderBy(desc(plans.id))
    .limit(1);
  return findTemplate(plan?.base ?? project.templateId ?? '') ?? null;
}

/** Everything the engine plans and writes tests from. */
export async function testPlanInput(db: Database, bucket: R2Bucket, project: ProjectRow, type: TestPlanInput['type']): Promise<TestPlanInput> {
  const [files, template, live] = await Promise.all([
    readAllFiles(db, bucket, project.id),
    projectTemplate(db, project),
    type === 'e2e'
      ? db.select().from(deployments).where(and(eq(deployments.projectId, project.id), eq(deployments.status, 'live')))
      : Promise.resolve([]),
  ]);
  const withFiles = await Promise.all(
    live.map(async (deployment) => {
      const manifest = await getManifest(bucket, deployment.id);
      return {
        id: deployment.id,
        label: deployment.label,
        files: Object.entries(manifest?.files ?? {}).map(([path, entry]) => ({ path, size: entry.size, contentType: entry.contentType })),
      };
    }),
  );
  return { type, files, template, deployments: withFiles };
}

const NOTHING_TO_TEST = {
  unit: 'The project has no logic modules (src/lib/*.js) to unit-test yet: generate its steps first.',
  integration: 'The project has no worker.js to test: integration tests call its API.',
  e2e: 'The project has no live deployment to test: POST .../deployments first.',
} as const;

/**
 * Plans a test run: one suite per logic module (unit), per API worker (integration) or per live
 * deployment (e2e), stored with their pending cases and enqueued, one message a suite.
 *
 * @example await createTestRun(db, env, engine, caller, projectId, 'unit') // { suitesCreated: 1, testsGenerated: 34 }
 */
export async function createTestRun(
  db: Database,
  bindings: { FILES: R2Bucket; TEST_QUEUE: Queue<TestRunMessage> },
  engine: Engine,
  caller: Caller,
  projectId: string,
  type: TestPlanInput['type'],
) {
  const project = await getProject(db, caller, projectId);
  const drafts = await engine.planTests(await testPlanInput(db, bindings.FILES, project, type));
  if (drafts.length === 0) throw conflict(NOTHING_TO_TEST[type]);

  const now = nowIso();
  const suites: TestSuiteRow[] = drafts.map((draft) => ({
    id: uuidv7(),
    projectId,
    type,
    name: draft.name,
    target: draft.target,
    status: 'queued',
    codeKey: null,
    model: engine.model,
    attempts: 0,
    sweeps: 0,
    createdAt: now,
    updatedAt: now,
  }));
  const cases: TestCaseRow[] = drafts.flatMap((draft, index) =>
    draft.cases.map((entry, position) => ({
      id: uuidv7(),
      suiteId: suites[index]!.id,
      projectId,
      position: position + 1,
      name: entry.name,
      status: 'pending' as const,
      durationMs: null,
      message: null,
    })),
  );
  // D1 limits bound parameters per statement, so cases go in chunks.
  const caseChunks = inChunks(cases, rowsPerInsert(8));
  await db.batch([db.insert(testSuites).values(suites), ...caseChunks.map((chunk) => db.insert(testCases).values(chunk))]);
  try {
    await bindings.TEST_QUEUE.sendBatch(suites.map((suite) => ({ body: { suiteId: suite.id } })));
  } catch (error) {
    // As for deployments: no suite waits for a message that was never sent.
    const ids = suites.map((suite) => suite.id);
    await db.batch([db.delete(testCases).where(inArray(testCases.suiteId, ids)), db.delete(testSuites).where(inArray(testSuites.id, ids))]);
    throw error;
  }
  return { suitesCreated: suites.length, testsGenerated: cases.length };
}

/** A suite with its cases, as the API shows it. */
export function toTestSuite(suite: TestSuiteRow, cases: TestCaseRow[]) {
  return {
    id: suite.id,
    projectId: suite.projectId,
    type: suite.type,
    name: suite.name,
    target: suite.target,
    status: suite.status,
    tests: cases
      .filter((entry) => entry.suiteId === suite.id)
      .sort((a, b) => a.position - b.position)
      .map((entry) => ({ id: entry.id, name: entry.name, status: entry.status, durationMs: entry.durationMs, message: entry.message })),
    createdAt: suite.createdAt,
    updatedAt: suite.updatedAt,
  };
}

/** The project's suites with their cases, newest first; `limit + 1` suites for `pageOf`. */
export async function listTestSuites(db: Database, caller: Caller, projectId: string, page: PageQuery) {
  const onPage = and(eq(testSuites.projectId, projectId), page.cursor ? lt(testSuites.id, page.cursor) : undefined);
  const pageIds = db.select({ id: testSuites.id }).from(testSuites).where(onPage).orderBy(desc(testSuites.id)).limit(page.limit + 1);
  // The page's cases by a subquery of the page, not by its ids: the project's check and both reads
  // go in one round trip, and a page of 200 would pass D1's 100 bound parameters.
  const [suites, cases] = await withProject(
    db,
    caller,
    projectId,
    Promise.all([
      db.select().from(testSuites).where(onPage).orderBy(desc(testSuites.id)).limit(page.limit + 1),
      db.select().from(testCases).where(and(eq(testCases.projectId, projectId), inArray(testCases.suiteId, pageIds))).orderBy(asc(testCases.position)),
    ]),
  );
  return suites.map((suite) => toTestSuite(suite, cases));
}

const UNFINISHED_STATUSES: TestSuiteRow['status'][] = ['queued', 'generating', 'running'];

/**
 * The poll behind a project's test progress stream. It follows the suites created from `since` on;
 * without it, from the oldest unfinished suite on, or the latest run's suites when none is
 * unfinished. `suite` with each suite (and its cases) at first and at each change of its status
 * or its cases; done when none of them is unfinished.
 *
 * @example pollingEventStream(testRunProgress(db, projectId))
 */
export function testRunProgress(db: Database, projectId: string, since?: string): () => Promise<Poll> {
  const said = new Map<string, string>();
  let from = since;
  const unfinished = sql.join(UNFINISHED_STATUSES.map((status) => sql`${status}`), sql`, `);
  // The first poll finds where to start inside its own reads, so it is one round trip.
  const start = db
    .select({ at: sql<string | null>`COALESCE(MIN(CASE WHEN ${testSuites.status} IN (${unfinished}) THEN ${testSuites.createdAt} END), MAX(${testSuites.createdAt}))` })
    .from(testSuites)
    .where(eq(testSuites.projectId, projectId));
  return async () => {
    const followed = and(eq(testSuites.projectId, projectId), gte(testSuites.createdAt, from ?? start));
    const [suites, cases] = await db.batch([
      db.select().from(testSuites).where(followed).orderBy(asc(testSuites.id)),
      db
        .select()
        .from(testCases)
        .where(inArray(testCases.suiteId, db.select({ id: testSuites.id }).from(testSuites).where(followed)))
        .orderBy(asc(testCases.position)),
    ]);
    // The start is the time of a suite it follows, so the earliest of them; none found means nothing to follow.
    from ??= suites.map((row) => row.createdAt).sort()[0];
    const events: SseEvent[] = [];
    for (const row of suites) {
      const suite = toTestSuite(row, cases);
      const state = JSON.stringify([suite.status, suite.tests]);
      if (said.get(suite.id) === state) continue;
      said.set(suite.id, state);
      events.push({ event: 'suite', data: suite });
    }
    return { events, done: suites.every((row) => !UNFINISHED_STATUSES.includes(row.status)) };
  };
}

/**
 * The test runs' part of a deleted project (a `ProjectPart`): statements for the deleting batch
 * (cases before their suites, found through them by index), and `wipe`, to run once that batch
 * committed: each suite's test module in R2 (so a failure can leave garbage, never a suite
 * whose code is gone).
 *
 * @example const runs = await testRunDeletion(db, env, projectId); await db.batch([...runs.statements]); await runs.wipe();
 */
export async function testRunDeletion(db: Database, env: Pick<Bindings, 'FILES'>, projectId: string): Promise<PartDeletion> {
  const ofProject = eq(testSuites.projectId, projectId);
  const keys = (await db.select({ id: testSuites.id }).from(testSuites).where(ofProject)).map((suite) => testCodeKey(suite.id));
  return {
    statements: [
      db.delete(testCases).where(inArray(testCases.suiteId, db.select({ id: testSuites.id }).from(testSuites).where(ofProject))),
      db.delete(testSuites).where(ofProject),
    ],
    wipe: async () => {
      // R2 deletes at most 1,000 keys a call.
      for (let start = 0; start < keys.length; start += 1000) await env.FILES.delete(keys.slice(start, start + 1000));
    },
  };
}

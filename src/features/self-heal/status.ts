/** Self-heal status: live checks of D1, R2, the job queues and the model, with the caller's organisations' fix and job metrics and events. */
import { and, count, desc, eq, gte, inArray, min, sql } from 'drizzle-orm';
import type { Bindings, Caller } from '../../app-env';
import type { Database } from '../../db/client';
import { deployments, projects, selfHealEvents, testSuites } from '../../db/schema';
import { availableModels, defaultModel, engineFor, OFFLINE_MODEL } from '../../engine/models';

/** A job unfinished for longer than this means its queue is not keeping up (or lost it): the queues check fails. */
export const QUEUE_STALE_MS = 10 * 60_000;
/** A check that has not answered in this time has failed, so the status answers even when a binding hangs. */
export const CHECK_TIME_LIMIT_MS = 5_000;
/** The window of the metrics. */
const METRICS_WINDOW_MS = 24 * 60 * 60_000;
/** How many of the newest events the status shows. */
export const EVENTS_SHOWN = 50;

const UNFINISHED_DEPLOYMENT = ['queued', 'building'] as const;
const UNFINISHED_SUITE = ['queued', 'generating', 'running'] as const;

export interface Check {
  ok: boolean;
  latencyMs: number;
  detail?: string;
}

/** Runs a check against the clock: its time, and a failed check (not an exception) when it throws or runs out of time. */
async function timed(run: () => Promise<{ ok: boolean; detail?: string }>): Promise<Check> {
  const started = Date.now();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<{ ok: boolean; detail: string }>((resolve) => {
    timer = setTimeout(() => resolve({ ok: false, detail: `No answer within ${CHECK_TIME_LIMIT_MS} ms.` }), CHECK_TIME_LIMIT_MS);
  });
  try {
    const outcome = await Promise.race([run(), late]);
    return { ...outcome, latencyMs: Date.now() - started };
  } catch (error) {
    return { ok: false, latencyMs: Date.now() - started, detail: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}

/** D1 answers a query. */
const checkDatabase = (db: Database) =>
  timed(async () => {
    await db.run(sql`select 1`);
    return { ok: true };
  });

/** R2 answers a listing. */
const checkStorage = (bucket: R2Bucket) =>
  timed(async () => {
    await bucket.list({ limit: 1 });
    return { ok: true };
  });

/** The oldest job the queue consumers have not finished, platform-wide (the queues are shared): older than `QUEUE_STALE_MS` fails. */
const checkQueues = (db: Database) =>
  timed(async () => {
    const [[deployment], [suite]] = await db.batch([
      db.select({ oldest: min(deployments.createdAt).as('oldest') }).from(deployments).where(inArray(deployments.status, UNFINISHED_DEPLOYMENT)),
      db.select({ oldest: min(testSuites.createdAt).as('oldest') }).from(testSuites).where(inArray(testSuites.status, UNFINISHED_SUITE)),
    ]);
    const jobs = [
      { kind: 'deployment', since: deployment?.oldest },
      { kind: 'test suite', since: suite?.oldest },
    ].flatMap((job) => (job.since ? [{ kind: job.kind, ageMs: Date.now() - Date.parse(job.since) }] : []));
    const oldest = jobs.sort((a, b) => b.ageMs - a.ageMs)[0];
    if (!oldest) return { ok: true, detail: 'No unfinished jobs.' };
    const age = `The oldest unfinished job is a ${oldest.kind} queued ${Math.round(oldest.ageMs / 1000)} s ago`;
    return oldest.ageMs > QUEUE_STALE_MS
      ? { ok: false, detail: `${age}, past the ${QUEUE_STALE_MS / 60_000} minutes a job may wait.` }
      : { ok: true, detail: `${age}.` };
  });

/**
 * Whether the default model can answer requests: it is available (offline always is; an
 * `openai:` model needs a key or base URL, and a base URL's server must list its models). Model errors are not recorded anywhere, so no error
 * rate is claimed, and the model is not called: a check must not spend tokens.
 */
const checkAi = (env: Bindings) =>
  timed(async () => {
    const model = await defaultModel(env);
    engineFor(env, model);
    if (model === OFFLINE_MODEL) return { ok: true, detail: 'The default model is offline, the built-in engine: there is nothing to reach.' };
    const others = (await availableModels(env)).filter((id) => id !== model);
    return { ok: true, detail: `The default model is ${model}, configured; also available: ${others.join(', ')}. Model errors are not recorded, so no error rate is measured.` };
  });

/**
 * The overall status: unhealthy when D1 or R2 fails (nothing can be read or stored), degraded when
 * only the queues or the model fail (requests work, jobs or generation lag), else healthy.
 */
function overall(checks: Record<'database' | 'storage' | 'queues' | 'ai', Check>): 'healthy' | 'degraded' | 'unhealthy' {
  if (!checks.database.ok || !checks.storage.ok) return 'unhealthy';
  if (!checks.queues.ok || !checks.ai.ok) return 'degraded';
  return 'healthy';
}

/** Fix and job numbers of the last 24 hours, and the newest events, of `organisationIds`: one D1 round trip. */
async function metricsAndEvents(db: Database, organisationIds: string[]) {
  const since = new Date(Date.now() - METRICS_WINDOW_MS).toISOString();
  const ofCaller = inArray(selfHealEvents.organisationId, organisationIds);
  // Aliased: a batch reads rows by column name, and unnamed sums of the same shape would share one.
  const typeCount = (name: string, ...types: string[]) => sql<number>`coalesce(sum(case when ${inArray(selfHealEvents.type, types)} then 1 else 0 end), 0)`.as(name);
  const [[events24h], [failedDeployments], [failedSuites], events] = await db.batch([
    db
      .select({
        requested: typeCount('requested', 'fix.requested'),
        fixed: typeCount('fixed', 'fix.fixed'),
        unfixed: typeCount('unfixed', 'fix.unfixed'),
        recovered: typeCount('recovered', 'deployment.requeued', 'test_run.requeued'),
      })
      .from(selfHealEvents)
      .where(and(ofCaller, gte(selfHealEvents.createdAt, since))),
    db
      .select({ count: count().as('count') })
      .from(deployments)
      .innerJoin(projects, eq(projects.id, deployments.projectId))
      .where(and(inArray(projects.organisationId, organisationIds), eq(deployments.status, 'failed'), gte(deployments.updatedAt, since))),
    db
      .select({ count: count().as('count') })
      .from(testSuites)
      .innerJoin(projects, eq(projects.id, testSuites.projectId))
      .where(and(inArray(projects.organisationId, organisationIds), inArray(testSuites.status, ['failed', 'error']), gte(testSuites.updatedAt, since))),
    db.select().from(selfHealEvents).where(ofCaller).orderBy(desc(selfHealEvents.id)).limit(EVENTS_SHOWN),
  ]);
  const outcomes = Number(events24h?.fixed ?? 0) + Number(events24h?.unfixed ?? 0);
  return {
    metrics: {
      fixRequests24h: Number(events24h?.requested ?? 0),
      fixSuccessRate: outcomes === 0 ? null : Number(events24h!.fixed) / outcomes,
      recoveredJobs24h: Number(events24h?.recovered ?? 0),
      failedDeployments24h: failedDeployments?.count ?? 0,
      failedTestRuns24h: failedSuites?.count ?? 0,
    },
    events: events.map((event) => ({
      id: event.id,
      type: event.type,
      severity: event.severity,
      message: event.message,
      projectId: event.projectId,
      createdAt: event.createdAt,
    })),
  };
}

const NO_METRICS = {
  metrics: { fixRequests24h: 0, fixSuccessRate: null, recoveredJobs24h: 0, failedDeployments24h: 0, failedTestRuns24h: 0 },
  events: [],
};

/**
 * The status of self-heal and what it watches: the four checks and the caller's numbers, all at once.
 *
 * @example await selfHealStatus(db, env, caller)
 * // { status: 'healthy', checks: { database: { ok: true, latencyMs: 1 }, … }, metrics: { fixRequests24h: 3, fixSuccessRate: 0.67, … }, events: [...] }
 */
export async function selfHealStatus(db: Database, env: Bindings, caller: Caller) {
  const organisationIds = caller.organisations.map((organisation) => organisation.id);
  const [database, storage, queues, ai, numbers] = await Promise.all([
    checkDatabase(db),
    checkStorage(env.FILES),
    checkQueues(db),
    checkAi(env),
    organisationIds.length > 0 ? metricsAndEvents(db, organisationIds) : NO_METRICS,
  ]);
  const checks = { database, storage, queues, ai };
  return { status: overall(checks), checks, ...numbers };
}

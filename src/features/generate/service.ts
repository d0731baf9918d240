/** Code generation: one plan step at a time, its dependencies first, its files checked and healed as written, then stored as one version. */
import { and, eq, exists, inArray, lt, ne, or, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { Bindings, Caller } from '../../app-env';
import { checkAndHeal, checkDeps, finishedSuites, passingOf, problemLines } from '../../checks';
import type { Database } from '../../db/client';
import { plans, planSteps, projects } from '../../db/schema';
import type { PlanStepRow, ProjectRow } from '../../db/schema';
import { OFFLINE_MODEL } from '../../engine/models';
import { selectPromptFiles } from '../../engine/prompt-budget';
import type { IndexedFile, PromptFiles } from '../../engine/prompt-budget';
import type { Engine } from '../../engine/types';
import type { CheckReport } from '../../lib/check-report';
import { accessFirst } from '../../lib/access-first';
import { nowIso } from '../../lib/ids';
import { conflict, notFound, Problem, unprocessable } from '../../lib/problems';
import { findTemplate } from '../../templates/catalog';
import { loadTemplateFiles } from '../../templates/files';
import { currentFiles, indexOf, readContents } from '../files/service';
import { planOf, planReads } from '../plans/service';
import { getProject } from '../projects/service';
import { commitFiles } from '../versions/service';

/**
 * A step still `generating` this long after it was claimed was abandoned: its Worker died, or D1
 * failed before the step could be marked failed. It may then be claimed again. A generation is at
 * most two model calls, each within its time limit, so it is over well before this.
 */
export const GENERATION_STALE_AFTER_MS = 10 * 60 * 1000;

/**
 * Generates one step: 409 while a dependency is not done or the step is already being generated.
 * The step is `generating` while the engine works. Its files are then checked as written
 * (`checkAndHeal`: parse, pages, worker.js, the tests that passed, with GPRE healing up to three
 * rounds) in the project as it will be. When they pass, they become one version (source
 * `generate`) in the same batch that marks the step `done` with its checks. When they do not,
 * nothing is stored: the step ends `failed` with `checks` and `lastError`, and the call is a 422.
 * A step that was `done` before a failed regeneration stays `done` (its files are unchanged), so
 * the steps after it are not blocked; `lastError` says what went wrong. Offline, a step waits for
 * two D1 round trips (its reads with the claim, then the version) and writes to R2 only blobs its
 * file index lacks; an engine that reads a prompt claims the step in a trip of its own.
 * `engineOf` is the engine, or what makes it from the step's read of the project
 * (`projectEngine`: a model engine charging the project's organisation), so the payer is known
 * without a round trip before the step's.
 *
 * @example const files = await generateStep(db, env, engine, caller, { projectId, planId, stepId });
 */
export async function generateStep(
  db: Database,
  env: Pick<Bindings, 'ASSETS' | 'FILES' | 'LOADER'>,
  engineOf: Engine | ((project: Promise<ProjectRow>) => Engine),
  caller: Caller,
  target: { projectId: string; planId: string; stepId: string },
) {
  // Everything the step reads goes in one round trip with the caller's access (the project, whose
  // organisation pays for a model engine's calls). An engine that reads no prompt cannot refuse
  // the step after that, so the claim rides along too, after the reads in the batch (which so see
  // the step as it was) and scoped by its own WHERE.
  const access = getProject(db, caller, target.projectId);
  const engine = typeof engineOf === 'function' ? engineOf(access) : engineOf;
  const claim = claimStep(db, caller, target);
  const { plan, steps, index, suiteRows, claimedNow } = await accessFirst(access, readStep(db, target, engine.model === OFFLINE_MODEL ? claim : null));
  const project = await access;
  const step = steps.find((candidate) => candidate.id === target.stepId);
  if (!step) throw notFound('step');
  const waiting = step.dependsOn.filter((id) => steps.find((other) => other.id === id)?.status !== 'done');
  if (waiting.length > 0) {
    const titles = waiting.map((id) => `"${steps.find((other) => other.id === id)?.title}"`).join(', ');
    throw conflict(`Generate ${titles} first: step "${step.title}" depends on ${waiting.length === 1 ? 'it' : 'them'}.`);
  }

  // Chosen before the step is claimed: a step too large for any prompt is a 422 that changes nothing.
  const context = await stepPromptFiles(engine, step, steps, async () => indexOf(env.FILES, index));
  const claimed = claimedNow ?? (await claim);
  if (claimed.length === 0) {
    throw conflict(`Step "${step.title}" is being generated right now; one cut off is generated again ${GENERATION_STALE_AFTER_MS / 60_000} minutes after it started.`);
  }

  const deps = checkDeps(db, env, engine);
  let report: CheckReport | null = null;
  try {
    const template = findTemplate(plan.baseTemplateId);
    if (!template) throw new Error(`Plan ${plan.id} builds on unknown template ${plan.baseTemplateId}`);
    // The step's own files are all rewritten or removed below, so only the others are read.
    const others = index.filter((row) => !step.files.includes(row.path));
    const [current, suites, templateFiles] = await Promise.all([readContents(env.FILES, others), passingOf(env.FILES, suiteRows), loadTemplateFiles(env.ASSETS, template.id)]);
    const drafts = await engine.generateStep({
      project,
      template,
      templateFiles,
      plan: { features: plan.features, techStack: plan.techStack },
      step: { title: step.title, description: step.description, files: step.files, dependsOn: [], features: step.features },
      ...context,
    });
    const removed = step.files.filter((path) => !drafts.some((draft) => draft.path === path));
    const proposed = new Map(current.map((file) => [file.path, file.content]));
    for (const path of removed) proposed.delete(path);
    for (const draft of drafts) proposed.set(draft.path, draft.content);
    const checked = await checkAndHeal(deps, {
      projectId: project.id,
      files: proposed,
      changed: drafts.map((draft) => draft.path),
      otherPaths: steps.flatMap((other) => other.files),
      tests: true,
      suites,
    });
    report = checked.report;
    if (!report.ok) throw unprocessable(`Step "${step.title}" was written, but its files do not pass the checks, even after healing; nothing was stored.\n${problemLines(report).join('\n')}`);

    const writes = [...drafts.filter((draft) => !checked.healed.some((fixed) => fixed.path === draft.path)), ...checked.healed];
    const rows = await commitFiles(db, env.FILES, {
      projectId: project.id,
      source: 'generate',
      summary: `Generated step "${step.title}"${report.healed.length > 0 ? `, healed ${report.healed.length} error${report.healed.length === 1 ? '' : 's'}` : ''}`,
      model: engine.model,
      writes,
      deletes: removed,
      origin: { planId: plan.id, stepId: step.id },
      checks: report,
      // Read with the step: the quota is checked against it, and blobs it points at are not stored again.
      current: index,
      extra: stepsDone(db, project.id, [{ planId: plan.id, stepId: step.id }], report),
    });
    const content = new Map(writes.map((write) => [write.path, write.content]));
    return rows.map((row) => ({
      path: row.path,
      language: row.language,
      size: row.size,
      sha256: row.sha256,
      content: content.get(row.path) ?? '',
      planId: plan.id,
      stepId: step.id,
      createdAt: row.updatedAt,
    }));
  } catch (error) {
    await markUnfinished(db, step, report, error);
    throw error;
  }
}

/**
 * The plan with its steps (or a 404), the project's file index and its finished test suites, in
 * one batch; `claim`, when given, goes last in it.
 */
async function readStep(db: Database, target: { projectId: string; planId: string }, claim: ReturnType<typeof claimStep> | null) {
  const reads = [...planReads(db, target.projectId, target.planId), currentFiles(db, target.projectId), finishedSuites(db, target.projectId)] as const;
  const [planRows, stepRows, index, suiteRows, claimedNow = null] = claim ? await db.batch([...reads, claim]) : [...(await db.batch(reads)), undefined];
  return { ...planOf(planRows, stepRows), index, suiteRows, claimedNow };
}

/**
 * Marks the step `generating` if the caller's organisations own its project, it is in the plan,
 * every step it depends on is `done`, and it is not being generated (or was abandoned, see
 * `GENERATION_STALE_AFTER_MS`): the checks `generateStep` makes of what it read, made again in
 * SQL, so the claim may go in the batch of those reads and never claims a step they refuse.
 * Answers the claimed step's id, or nothing.
 */
function claimStep(db: Database, caller: Caller, target: { projectId: string; planId: string; stepId: string }) {
  const dependency = sql`SELECT 1 FROM json_each(${planSteps.dependsOn}) AS dependency WHERE NOT EXISTS (SELECT 1 FROM ${planSteps} AS done WHERE done.id = dependency.value AND done.plan_id = ${target.planId} AND done.status = 'done')`;
  return db
    .update(planSteps)
    .set({ status: 'generating', updatedAt: nowIso() })
    .where(
      and(
        eq(planSteps.id, target.stepId),
        eq(planSteps.planId, target.planId),
        exists(db.select({ id: plans.id }).from(plans).where(and(eq(plans.id, target.planId), eq(plans.projectId, target.projectId), exists(db.select({ id: projects.id }).from(projects).where(and(eq(projects.id, target.projectId), inArray(projects.organisationId, caller.organisations.map((organisation) => organisation.id)))))))),
        sql`NOT EXISTS (${dependency})`,
        or(ne(planSteps.status, 'generating'), lt(planSteps.updatedAt, new Date(Date.now() - GENERATION_STALE_AFTER_MS).toISOString())),
      ),
    )
    .returning({ id: planSteps.id });
}

/**
 * After a generation that stored nothing: `failed`, unless the step was `done` before (its files
 * are still there), with what the checks found and why it stopped.
 */
function markUnfinished(db: Database, step: PlanStepRow, report: CheckReport | null, error: unknown) {
  const lastError = error instanceof Problem ? error.detail : error instanceof Error ? error.message : String(error);
  return db
    .update(planSteps)
    .set({ status: step.status === 'done' ? 'done' : 'failed', checks: report ?? step.checks, lastError, updatedAt: nowIso() })
    .where(eq(planSteps.id, step.id));
}

/**
 * What a step's generate prompt shows: the step's own files as they are now, then those they refer
 * to and those of the steps it depends on, within the prompt budget (`selectPromptFiles`, a 422 for
 * a step no prompt can hold). The offline engine renders its template and reads no prompt, so then
 * nothing is listed or read.
 *
 * @example const context = await stepPromptFiles(engine, step, steps, () => indexedFiles(db, env.FILES, projectId));
 */
export async function stepPromptFiles(
  engine: Pick<Engine, 'model'>,
  step: Pick<PlanStepRow, 'files' | 'dependsOn'>,
  steps: readonly Pick<PlanStepRow, 'id' | 'files'>[],
  index: () => Promise<IndexedFile[]>,
): Promise<PromptFiles> {
  if (engine.model === OFFLINE_MODEL) return { files: [], otherPaths: [] };
  const dependencies = steps.filter((other) => step.dependsOn.includes(other.id)).flatMap((other) => other.files);
  return selectPromptFiles(await index(), { own: step.files, dependencies });
}

/**
 * Statements that mark generated steps `done` with the checks their files passed, then each plan
 * `completed` when none of its steps is left undone (else `in_progress`), and the project
 * `generated` or `generating` by the last plan's steps (a deployed project stays `deployed`). They
 * go in the batch of the version that stores the steps' files, so a step is done exactly when its
 * files are stored; the plans' and project's statuses are read after the steps' updates in that
 * batch, so two steps finished at once still complete their plan.
 *
 * @example await commitChange(db, env.FILES, { ..., extra: stepsDone(db, projectId, [{ planId, stepId }], report) });
 */
export function stepsDone(db: Database, projectId: string, steps: readonly { planId: string; stepId: string }[], checks: CheckReport): BatchItem<'sqlite'>[] {
  if (steps.length === 0) return [];
  const now = nowIso();
  const planIds = [...new Set(steps.map((step) => step.planId))];
  const undone = (planId: string) => sql`EXISTS (SELECT 1 FROM ${planSteps} WHERE ${planSteps.planId} = ${planId} AND ${planSteps.status} <> 'done')`;
  return [
    ...steps.map((step) => db.update(planSteps).set({ status: 'done', checks, lastError: null, updatedAt: now }).where(eq(planSteps.id, step.stepId))),
    ...planIds.map((planId) =>
      db
        .update(plans)
        .set({ status: sql`CASE WHEN ${undone(planId)} THEN 'in_progress' ELSE 'completed' END` })
        .where(and(eq(plans.id, planId), eq(plans.projectId, projectId))),
    ),
    db
      .update(projects)
      .set({ status: sql`CASE WHEN ${undone(planIds.at(-1)!)} THEN 'generating' ELSE 'generated' END`, updatedAt: now })
      .where(and(eq(projects.id, projectId), ne(projects.status, 'deployed'))),
  ];
}

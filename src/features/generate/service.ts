/** Code generation: one plan step at a time, its dependencies first, its files checked and healed as written, then stored as one version. */
import { and, eq, lt, ne, or } from 'drizzle-orm';
import type { Bindings, Caller } from '../../app-env';
import { checkAndHeal, checkDeps, problemLines, projectFileMap } from '../../checks';
import type { Database } from '../../db/client';
import { plans, planSteps, projects } from '../../db/schema';
import type { PlanStepRow } from '../../db/schema';
import { OFFLINE_MODEL } from '../../engine/models';
import { selectPromptFiles } from '../../engine/prompt-budget';
import type { Engine } from '../../engine/types';
import type { CheckReport } from '../../lib/check-report';
import { nowIso } from '../../lib/ids';
import { conflict, notFound, Problem, unprocessable } from '../../lib/problems';
import { findTemplate } from '../../templates/catalog';
import { loadTemplateFiles } from '../../templates/files';
import { indexedFiles } from '../files/service';
import { getPlan } from '../plans/service';
import { getProject } from '../projects/service';
import { commitChange } from '../versions/service';

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
 * the steps after it are not blocked; `lastError` says what went wrong.
 *
 * @example const files = await generateStep(db, env, engine, caller, { projectId, planId, stepId });
 */
export async function generateStep(
  db: Database,
  env: Pick<Bindings, 'ASSETS' | 'FILES' | 'LOADER'>,
  engine: Engine,
  caller: Caller,
  target: { projectId: string; planId: string; stepId: string },
) {
  const project = await getProject(db, caller, target.projectId);
  const { plan, steps } = await getPlan(db, project.id, target.planId);
  const step = steps.find((candidate) => candidate.id === target.stepId);
  if (!step) throw notFound('step');
  const waiting = step.dependsOn.filter((id) => steps.find((other) => other.id === id)?.status !== 'done');
  if (waiting.length > 0) {
    const titles = waiting.map((id) => `"${steps.find((other) => other.id === id)?.title}"`).join(', ');
    throw conflict(`Generate ${titles} first: step "${step.title}" depends on ${waiting.length === 1 ? 'it' : 'them'}.`);
  }
  const template = findTemplate(plan.baseTemplateId);
  if (!template) throw new Error(`Plan ${plan.id} builds on unknown template ${plan.baseTemplateId}`);

  // Chosen before the step is claimed: a step too large for any prompt is a 422 that changes nothing.
  const dependencies = steps.filter((other) => step.dependsOn.includes(other.id)).flatMap((other) => other.files);
  const context = engine.model === OFFLINE_MODEL ? { files: [], otherPaths: [] } : await selectPromptFiles(await indexedFiles(db, env.FILES, project.id), { own: step.files, dependencies });

  const claimed = await db
    .update(planSteps)
    .set({ status: 'generating', updatedAt: nowIso() })
    .where(and(eq(planSteps.id, step.id), or(ne(planSteps.status, 'generating'), lt(planSteps.updatedAt, new Date(Date.now() - GENERATION_STALE_AFTER_MS).toISOString()))))
    .returning({ id: planSteps.id });
  if (claimed.length === 0) {
    throw conflict(`Step "${step.title}" is being generated right now; one cut off is generated again ${GENERATION_STALE_AFTER_MS / 60_000} minutes after it started.`);
  }

  const deps = checkDeps(db, env, engine);
  let report: CheckReport | null = null;
  try {
    const current = await projectFileMap(deps, project.id);
    const drafts = await engine.generateStep({
      project,
      template,
      templateFiles: await loadTemplateFiles(env.ASSETS, template.id),
      plan: { features: plan.features, techStack: plan.techStack },
      step: { title: step.title, description: step.description, files: step.files, dependsOn: [], features: step.features },
      ...context,
    });
    const removed = step.files.filter((path) => !drafts.some((draft) => draft.path === path));
    const proposed = new Map(current);
    for (const path of removed) proposed.delete(path);
    for (const draft of drafts) proposed.set(draft.path, draft.content);
    const checked = await checkAndHeal(deps, {
      projectId: project.id,
      files: proposed,
      changed: drafts.map((draft) => draft.path),
      otherPaths: steps.flatMap((other) => other.files),
      tests: true,
    });
    report = checked.report;
    if (!report.ok) throw unprocessable(`Step "${step.title}" was written, but its files do not pass the checks, even after healing; nothing was stored.\n${problemLines(report).join('\n')}`);

    const writes = [...drafts.filter((draft) => !checked.healed.some((fixed) => fixed.path === draft.path)), ...checked.healed];
    const now = nowIso();
    const doneSteps = new Set([...steps.filter((other) => other.status === 'done').map((other) => other.id), step.id]);
    const completed = doneSteps.size === steps.length;
    const { rows } = await commitChange(db, env.FILES, {
      projectId: project.id,
      source: 'generate',
      summary: `Generated step "${step.title}"${report.healed.length > 0 ? `, healed ${report.healed.length} error${report.healed.length === 1 ? '' : 's'}` : ''}`,
      model: engine.model,
      writes,
      deletes: removed,
      origin: { planId: plan.id, stepId: step.id },
      checks: report,
      extra: [
        db.update(planSteps).set({ status: 'done', checks: report, lastError: null, updatedAt: now }).where(eq(planSteps.id, step.id)),
        db.update(plans).set({ status: completed ? 'completed' : 'in_progress' }).where(eq(plans.id, plan.id)),
        db
          .update(projects)
          .set({ status: completed ? 'generated' : 'generating', updatedAt: now })
          .where(and(eq(projects.id, project.id), ne(projects.status, 'deployed'))),
      ],
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

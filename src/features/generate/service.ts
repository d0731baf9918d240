/** Code generation: one plan step at a time, its dependencies first, its files stored as new versions. */
import { and, eq, lt, ne, or } from 'drizzle-orm';
import type { Caller } from '../../app-env';
import type { Database } from '../../db/client';
import { plans, planSteps, projects } from '../../db/schema';
import type { PlanStepRow } from '../../db/schema';
import type { Engine } from '../../engine/types';
import { nowIso } from '../../lib/ids';
import { conflict, notFound } from '../../lib/problems';
import { findTemplate } from '../../templates/catalog';
import { loadTemplateFiles } from '../../templates/files';
import { readAllFiles, storeFiles } from '../files/service';
import { getPlan } from '../plans/service';
import { getProject } from '../projects/service';

/**
 * A step still `generating` this long after it was claimed was abandoned: its Worker died, or D1
 * failed before the step could be marked failed. It may then be claimed again. A generation is at
 * most two model calls, each within its time limit, so it is over well before this.
 */
export const GENERATION_STALE_AFTER_MS = 10 * 60 * 1000;

/**
 * Generates one step: 409 while a dependency is not done or the step is already being generated.
 * The step is `generating` while the engine works, `done` in the same batch that indexes its
 * files, and `failed` (with nothing indexed) when the engine or storage fails.
 *
 * @example const files = await generateStep(db, env.FILES, engine, caller, { projectId, planId, stepId }, env.ASSETS);
 */
export async function generateStep(
  db: Database,
  bucket: R2Bucket,
  engine: Engine,
  caller: Caller,
  target: { projectId: string; planId: string; stepId: string },
  assets: Fetcher,
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

  const claimed = await db
    .update(planSteps)
    .set({ status: 'generating', updatedAt: nowIso() })
    .where(and(eq(planSteps.id, step.id), or(ne(planSteps.status, 'generating'), lt(planSteps.updatedAt, new Date(Date.now() - GENERATION_STALE_AFTER_MS).toISOString()))))
    .returning({ id: planSteps.id });
  if (claimed.length === 0) {
    throw conflict(`Step "${step.title}" is being generated right now; one cut off is generated again ${GENERATION_STALE_AFTER_MS / 60_000} minutes after it started.`);
  }

  try {
    const drafts = await engine.generateStep({
      project,
      template,
      templateFiles: await loadTemplateFiles(assets, template.id),
      plan: { features: plan.features, techStack: plan.techStack },
      step: { title: step.title, description: step.description, files: step.files, dependsOn: [], features: step.features },
      files: engine.model === 'offline' ? [] : await readAllFiles(db, bucket, project.id),
    });
    const now = nowIso();
    const doneSteps = new Set([...steps.filter((other) => other.status === 'done').map((other) => other.id), step.id]);
    const completed = doneSteps.size === steps.length;
    const rows = await storeFiles(
      db,
      bucket,
      project.id,
      drafts,
      { planId: plan.id, stepId: step.id, source: engine.model },
      {
        removed: step.files.filter((path) => !drafts.some((draft) => draft.path === path)),
        extra: [
          db.update(planSteps).set({ status: 'done', updatedAt: now }).where(eq(planSteps.id, step.id)),
          db.update(plans).set({ status: completed ? 'completed' : 'in_progress' }).where(eq(plans.id, plan.id)),
          db
            .update(projects)
            .set({ status: completed ? 'generated' : 'generating', updatedAt: now })
            .where(and(eq(projects.id, project.id), ne(projects.status, 'deployed'))),
        ],
      },
    );
    const content = new Map(drafts.map((draft) => [draft.path, draft.content]));
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
    await markFailed(db, step);
    throw error;
  }
}

function markFailed(db: Database, step: PlanStepRow) {
  return db.update(planSteps).set({ status: 'failed', updatedAt: nowIso() }).where(eq(planSteps.id, step.id));
}

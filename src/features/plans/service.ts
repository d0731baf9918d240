/** Build plans: a template chosen by TIS, steps drafted by the engine, stored as one batch. */
import { and, asc, between, desc, eq, lt } from 'drizzle-orm';
import type { Caller } from '../../app-env';
import type { Database } from '../../db/client';
import { plans, planSteps, projects } from '../../db/schema';
import type { PlanRow, PlanStepRow } from '../../db/schema';
import { planProblems } from '../../engine/plan-rules';
import type { Engine } from '../../engine/types';
import { nowIso, uuidv7 } from '../../lib/ids';
import type { PageQuery } from '../../lib/pagination';
import { badRequest, notFound } from '../../lib/problems';
import { kebab } from '../../lib/slug';
import { CATALOG, findTemplate } from '../../templates/catalog';
import { getProject } from '../projects/service';
import { findTemplateFor } from '../tis/service';

export interface PlanRequest {
  features: string[];
  techStack: string[];
  templateId?: string | undefined;
}

/** A plan as the API shows it: its steps in order, dependencies as step ids. */
export function toBuildPlan(plan: PlanRow, steps: PlanStepRow[]) {
  return {
    id: plan.id,
    projectId: plan.projectId,
    features: plan.features,
    techStack: plan.techStack,
    templateId: plan.templateId,
    model: plan.model,
    status: plan.status,
    steps: steps
      .filter((step) => step.planId === plan.id)
      .sort((a, b) => a.position - b.position)
      .map((step) => ({
        id: step.id,
        order: step.position,
        title: step.title,
        description: step.description,
        files: step.files,
        dependsOn: step.dependsOn,
        features: step.features,
        status: step.status,
        checks: step.checks,
        lastError: step.lastError,
      })),
    createdAt: plan.createdAt,
  };
}

export type BuildPlan = ReturnType<typeof toBuildPlan>;

/** The catalog template a plan builds on, the id the plan shows, and the features it must cover. */
async function chooseTemplate(engine: Engine, project: { name: string; description: string }, request: PlanRequest) {
  if (request.templateId) {
    const template = findTemplate(request.templateId);
    if (!template) {
      throw badRequest(`Unknown template "${request.templateId}".`, [
        { location: 'body', pointer: '#/templateId', detail: `Use one of: ${CATALOG.map((entry) => entry.id).join(', ')}` },
      ]);
    }
    return { base: template, templateId: template.id, features: request.features };
  }
  const found = await findTemplateFor(engine, {
    name: project.name,
    description: `${project.name}. ${project.description}`,
    features: request.features,
  });
  // A designed template may name features beyond the request: the plan covers them too.
  const designed = found.template.features.filter((feature) => !found.base.features.includes(feature));
  return { base: found.base, templateId: found.template.id, features: [...new Set([...request.features.map(kebab), ...designed])] };
}

/**
 * Plans the project: picks the template, has the engine draft the steps, checks them, and stores
 * plan and steps together (nothing is stored when the engine fails).
 *
 * @example const plan = await createPlan(db, offlineEngine, caller, projectId, { features: ['dark mode'], techStack: [] });
 */
export async function createPlan(db: Database, engine: Engine, caller: Caller, projectId: string, request: PlanRequest): Promise<BuildPlan> {
  const project = await getProject(db, caller, projectId);
  const { base, templateId, features } = await chooseTemplate(engine, project, request);
  const draft = await engine.planApp({ project, template: base, features, techStack: request.techStack });
  const problems = planProblems(draft);
  if (problems.length > 0) throw new Error(`Engine ${engine.model} drafted an invalid plan: ${problems.join('; ')}`);

  const now = nowIso();
  const plan: PlanRow = {
    id: uuidv7(),
    projectId,
    templateId,
    baseTemplateId: base.id,
    model: engine.model,
    features: draft.features,
    techStack: draft.techStack,
    status: 'ready',
    createdAt: now,
  };
  const ids = new Map(draft.steps.map((step) => [step.title, uuidv7()]));
  const steps: PlanStepRow[] = draft.steps.map((step, position) => ({
    id: ids.get(step.title)!,
    planId: plan.id,
    projectId,
    position: position + 1,
    title: step.title,
    description: step.description,
    files: step.files,
    dependsOn: step.dependsOn.map((title) => ids.get(title)!),
    features: step.features,
    status: 'pending',
    checks: null,
    lastError: null,
    updatedAt: now,
  }));
  await db.batch([
    db.insert(plans).values(plan),
    db.insert(planSteps).values(steps),
    db
      .update(projects)
      .set({ templateId, status: project.status === 'draft' ? 'planned' : project.status, updatedAt: now })
      .where(eq(projects.id, projectId)),
  ]);
  return toBuildPlan(plan, steps);
}

/** The project's plans with their steps, newest first; `limit + 1` plans for `pageOf`. */
export async function listPlans(db: Database, caller: Caller, projectId: string, page: PageQuery): Promise<BuildPlan[]> {
  await getProject(db, caller, projectId);
  const rows = await db
    .select()
    .from(plans)
    .where(and(eq(plans.projectId, projectId), page.cursor ? lt(plans.id, page.cursor) : undefined))
    .orderBy(desc(plans.id))
    .limit(page.limit + 1);
  if (rows.length === 0) return [];
  const steps = await db
    .select()
    .from(planSteps)
    // A range of plan ids, not a list of them: a page of 200 would pass D1's 100 bound parameters.
    .where(and(eq(planSteps.projectId, projectId), between(planSteps.planId, rows.at(-1)!.id, rows[0]!.id)))
    .orderBy(asc(planSteps.position));
  return rows.map((plan) => toBuildPlan(plan, steps));
}

/** One plan of a project with its steps, or a 404. */
export async function getPlan(db: Database, projectId: string, planId: string) {
  const [[plan], steps] = await db.batch([
    db.select().from(plans).where(and(eq(plans.id, planId), eq(plans.projectId, projectId))),
    db.select().from(planSteps).where(eq(planSteps.planId, planId)).orderBy(asc(planSteps.position)),
  ]);
  if (!plan) throw notFound('plan');
  return { plan, steps };
}

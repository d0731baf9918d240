/** Build plans: a template chosen by TIS, steps drafted by the engine, stored as one batch. */
import { and, asc, desc, eq, getTableColumns, inArray, lt } from 'drizzle-orm';
import type { Caller } from '../../app-env';
import { inChunks, rowsPerInsert } from '../../db/chunks';
import type { Database } from '../../db/client';
import { plans, planSteps, projects } from '../../db/schema';
import type { PlanRow, PlanStepRow, ProjectRow } from '../../db/schema';
import { OFFLINE_MODEL } from '../../engine/models';
import { planProblems } from '../../engine/plan-rules';
import type { Engine, Template } from '../../engine/types';
import { nowIso, uuidv7 } from '../../lib/ids';
import type { PageQuery } from '../../lib/pagination';
import { badRequest, notFound, Problem } from '../../lib/problems';
import { kebab } from '../../lib/slug';
import { CATALOG } from '../../templates/catalog';
import type { TemplateMeta } from '../../templates/types';
import { getProject, withProject } from '../projects/service';
import { findTemplateFor, templateById, uncoveredFeatures } from '../tis/service';
import type { Fit } from '../tis/service';

export interface PlanRequest {
  features: string[];
  techStack: string[];
  /** A catalog template's id, or one /api/tis/match answered this user. */
  templateId?: string | undefined;
  /** Offline, build the nearest template even when none has the idea's core (`fit: 'none'`); a 422 otherwise. */
  allowPartial?: boolean | undefined;
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
    fit: plan.fit,
    missingFeatures: plan.missingFeatures,
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

interface ChosenTemplate {
  /** The catalog template whose files the plan builds on. */
  base: TemplateMeta;
  /** The id the plan shows: the catalog template's, or a designed one's. */
  templateId: string;
  /** Every feature the plan must cover, the missing ones included. */
  features: string[];
  fit: Fit;
  missingFeatures: string[];
  /** The nearest catalog templates, best first, for a 422 when nothing fits. */
  nearest: { templateId: string; score: number }[];
}

/** What the plan covers: the requested features, those a designed template adds to its base, and the missing ones. */
function planFeatures(template: Template, base: TemplateMeta, request: PlanRequest, missing: string[]): string[] {
  const designed = template.features.filter((feature) => !base.features.includes(feature));
  return [...new Set([...request.features.map(kebab).filter(Boolean), ...designed, ...missing])];
}

/**
 * The template a plan builds on and how well it fits. A named template is the one built, as
 * chosen (a designed one keeps the fit its match reported); otherwise TIS matches the project.
 */
async function chooseTemplate(db: Database, engine: Engine, caller: Caller, project: ProjectRow, request: PlanRequest): Promise<ChosenTemplate> {
  if (request.templateId) {
    const named = await templateById(db, caller, request.templateId);
    if (!named) {
      throw badRequest(`Unknown template "${request.templateId}".`, [
        {
          location: 'body',
          pointer: '#/templateId',
          detail: `Use an id that POST /api/tis/match answered you, or one of: ${CATALOG.map((entry) => entry.id).join(', ')}`,
        },
      ]);
    }
    const { template, base } = named;
    const designed = template.id !== base.id;
    const missing = [...new Set([...named.missingFeatures, ...uncoveredFeatures(base, planFeatures(template, base, request, []))])];
    const fit = designed ? 'none' : missing.length > 0 ? 'partial' : 'exact';
    return { base, templateId: template.id, features: planFeatures(template, base, request, missing), fit, missingFeatures: missing, nearest: [] };
  }
  const found = await findTemplateFor(engine, { name: project.name, description: project.description, features: request.features });
  return {
    base: found.base,
    templateId: found.template.id,
    features: planFeatures(found.template, found.base, request, found.missingFeatures),
    fit: found.fit,
    missingFeatures: found.missingFeatures,
    nearest: [{ templateId: found.base.id, score: found.score }, ...found.alternatives.slice(0, 2)],
  };
}

/**
 * The 422 for an idea no template fits when the offline engine would plan it: it can only build
 * the nearest template, so the caller chooses that explicitly or a model that writes the rest.
 */
function noFit(chosen: ChosenTemplate, models: string[]): Problem {
  const nearest = chosen.nearest.map((entry) => `${entry.templateId} (${entry.score})`).join(', ');
  return new Problem(
    422,
    'no-template-fits',
    'No template fits this idea',
    `No catalog template has the core of this idea (${chosen.missingFeatures.join(', ')}); the nearest are ${nearest}. ` +
      'The offline engine builds only catalog templates: send "allowPartial": true to build the nearest one, with the missing features specified, ' +
      `or plan with a model that writes them ("model": one of ${models.join(', ')}).`,
    { fit: 'none', missingFeatures: chosen.missingFeatures, nearestTemplates: chosen.nearest, models },
  );
}

/**
 * Plans the project: picks the template, has the engine draft the steps, checks them, and stores
 * plan and steps together (nothing is stored when the engine fails). Offline, an idea no template
 * fits is a 422 naming the nearest templates and the models `buildingModels` answers (asked only
 * then, since listing a server's models is a request of its own), unless `allowPartial`.
 *
 * @example const plan = await createPlan(db, offlineEngine, caller, projectId, { features: ['dark mode'], techStack: [] });
 */
export async function createPlan(
  db: Database,
  engine: Engine,
  caller: Caller,
  projectId: string,
  request: PlanRequest,
  buildingModels: () => Promise<string[]> = async () => [],
): Promise<BuildPlan> {
  const project = await getProject(db, caller, projectId);
  const chosen = await chooseTemplate(db, engine, caller, project, request);
  if (chosen.fit === 'none' && engine.model === OFFLINE_MODEL && !request.templateId && !request.allowPartial) {
    throw noFit(chosen, await buildingModels());
  }
  const { base, templateId, features } = chosen;
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
    fit: chosen.fit,
    missingFeatures: chosen.missingFeatures,
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
    // A step binds a parameter a column, so a long plan's steps go in several INSERTs (D1 binds at most 100).
    ...inChunks(steps, rowsPerInsert(Object.keys(getTableColumns(planSteps)).length)).map((chunk) => db.insert(planSteps).values(chunk)),
    db
      .update(projects)
      .set({ templateId, status: project.status === 'draft' ? 'planned' : project.status, updatedAt: now })
      .where(eq(projects.id, projectId)),
  ]);
  return toBuildPlan(plan, steps);
}

/** The project's plans with their steps, newest first; `limit + 1` plans for `pageOf`. */
export async function listPlans(db: Database, caller: Caller, projectId: string, page: PageQuery): Promise<BuildPlan[]> {
  const onPage = and(eq(plans.projectId, projectId), page.cursor ? lt(plans.id, page.cursor) : undefined);
  const pageIds = db.select({ id: plans.id }).from(plans).where(onPage).orderBy(desc(plans.id)).limit(page.limit + 1);
  // The page's steps by a subquery of the page, not by its ids: all reads go in one round trip, and a page of 200 would pass D1's 100 bound parameters.
  const [rows, steps] = await withProject(
    db,
    caller,
    projectId,
    Promise.all([
      db.select().from(plans).where(onPage).orderBy(desc(plans.id)).limit(page.limit + 1),
      db.select().from(planSteps).where(inArray(planSteps.planId, pageIds)).orderBy(asc(planSteps.position)),
    ]),
  );
  return rows.map((plan) => toBuildPlan(plan, steps));
}

/** One plan of a project with its steps, or a 404. */
export async function getPlan(db: Database, projectId: string, planId: string) {
  const [rows, steps] = await db.batch(planReads(db, projectId, planId));
  return planOf(rows, steps);
}

/**
 * The two reads of `getPlan`, for a caller that sends them in a batch of its own; `planOf` turns
 * their answers into the plan or its 404.
 *
 * @example const [plans, steps, other] = await db.batch([...planReads(db, projectId, planId), other]); const { plan } = planOf(plans, steps);
 */
export function planReads(db: Database, projectId: string, planId: string) {
  return [
    db.select().from(plans).where(and(eq(plans.id, planId), eq(plans.projectId, projectId))),
    db.select().from(planSteps).where(eq(planSteps.planId, planId)).orderBy(asc(planSteps.position)),
  ] as const;
}

/**
 * The plan `planReads` found with its steps, or a 404.
 *
 * @example const { plan, steps } = planOf(...(await db.batch(planReads(db, projectId, planId))));
 */
export function planOf(rows: PlanRow[], steps: PlanStepRow[]) {
  const [plan] = rows;
  if (!plan) throw notFound('plan');
  return { plan, steps };
}

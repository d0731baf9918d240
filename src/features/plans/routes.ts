/** Routes of /api/projects/{projectId}/plans: draft a build plan, list them. */
import { createRoute, z } from '@hono/zod-openapi';
import { buildingModels } from '../../engine/models';
import { CheckReportSchema } from '../../lib/check-report';
import { meteredEngine } from '../usage/service';
import { bearer, createRouter, jsonBody, jsonContent, problems, requireCaller, timestamp, uuidParam } from '../../lib/openapi';
import { pageOf, PageQuerySchema } from '../../lib/pagination';
import { SUPPORTED_TECH } from '../../templates/types';
import { createPlan, listPlans } from './service';

const BuildStepSchema = z
  .object({
    id: z.string().uuid(),
    order: z.number().int(),
    title: z.string(),
    description: z.string(),
    files: z.array(z.string()),
    dependsOn: z.array(z.string().uuid()).openapi({ description: 'Ids of the steps that must be done first.' }),
    features: z.array(z.string()).openapi({ description: 'The plan features this step implements.' }),
    status: z.enum(['pending', 'generating', 'done', 'failed']),
    checks: CheckReportSchema.nullable().openapi({ description: "The checks of the step's last generation, after healing." }),
    lastError: z.string().nullable().openapi({ description: 'Why the last generation failed; a step done before it stays done.' }),
  })
  .openapi('BuildStep');

export const BuildPlanSchema = z
  .object({
    id: z.string().uuid(),
    projectId: z.string().uuid(),
    features: z.array(z.string()),
    techStack: z.array(z.string()),
    templateId: z.string(),
    model: z.string(),
    status: z.enum(['ready', 'in_progress', 'completed']),
    fit: z.enum(['exact', 'partial', 'none']).openapi({
      description: "`exact`: the template is the idea; `partial`: it is, without `missingFeatures`; `none`: no catalog template has the idea's core.",
    }),
    missingFeatures: z.array(z.string()).openapi({ description: 'What the idea asks for that the template lacks; each has a specification step.' }),
    steps: z.array(BuildStepSchema),
    createdAt: timestamp,
  })
  .openapi('BuildPlan');

const supported = new Set<string>(SUPPORTED_TECH);

const CreatePlanSchema = z
  .object({
    features: z.array(z.string().trim().min(1).max(60)).max(30).default([]).openapi({ example: ['dark mode', 'filter tasks'] }),
    techStack: z
      .array(z.string().trim().toLowerCase())
      .max(10)
      .default([])
      .refine((stack) => stack.every((tech) => supported.has(tech)), {
        message: `Supported tech: ${SUPPORTED_TECH.join(', ')}`,
      }),
    templateId: z
      .string()
      .optional()
      .openapi({ description: 'Skip matching and build this template: a catalog id, or any id POST /api/tis/match answered you.' }),
    allowPartial: z.boolean().default(false).openapi({
      description: 'Offline, when no template has the idea\'s core (`fit: "none"`), build the nearest one with the missing features specified instead of answering 422.',
    }),
    model: z.string().optional().openapi({ description: 'A model id from GET /api/models; the default model otherwise.' }),
  });

const params = z.object({ projectId: uuidParam('projectId') });
const authed = { tags: ['plans'], security: bearer, middleware: requireCaller };

const create = createRoute({
  ...authed,
  method: 'post',
  operationId: 'createPlan',
  path: '/api/projects/{projectId}/plans',
  summary: 'Draft a build plan: pick the template, cover every feature in ordered steps',
  request: { params, body: jsonBody(CreatePlanSchema) },
  responses: { 201: jsonContent(BuildPlanSchema, 'The plan'), ...problems(400, 401, 404, 413, 415, 422, 429, 502, 503) },
});

const list = createRoute({
  ...authed,
  method: 'get',
  operationId: 'listPlans',
  path: '/api/projects/{projectId}/plans',
  summary: "The project's plans, newest first",
  request: { params, query: PageQuerySchema },
  responses: { 200: jsonContent(z.array(BuildPlanSchema), 'A page of plans'), ...problems(400, 401, 404) },
});

export const planRoutes = createRouter()
  .openapi(create, async (c) => {
    const { model, ...request } = c.req.valid('json');
    const { projectId } = c.req.valid('param');
    const engine = await meteredEngine(c.get('db'), c.env, c.get('caller'), model, projectId);
    const plan = await createPlan(c.get('db'), engine, c.get('caller'), projectId, request, () => buildingModels(c.env));
    return c.json(plan, 201);
  })
  .openapi(list, async (c) => {
    const page = c.req.valid('query');
    const plans = await listPlans(c.get('db'), c.get('caller'), c.req.valid('param').projectId, page);
    return c.json(pageOf(c, plans, page.limit), 200);
  });

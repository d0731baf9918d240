/** Route of /api/projects/{projectId}/generate: write one plan step's files. */
import { createRoute, z } from '@hono/zod-openapi';
import { resolveModel } from '../../engine/models';
import { projectEngine } from '../usage/service';
import { bearer, createRouter, jsonBody, jsonContent, problems, requireCaller, timestamp, uuidParam } from '../../lib/openapi';
import { generateStep } from './service';

const GeneratedFileSchema = z
  .object({
    path: z.string(),
    language: z.string(),
    size: z.number().int(),
    sha256: z.string(),
    content: z.string(),
    planId: z.string().uuid(),
    stepId: z.string().uuid(),
    createdAt: timestamp,
  })
  .openapi('GeneratedFile');

const GenerateSchema = z
  .object({
    planId: z.string().uuid(),
    stepId: z.string().uuid(),
    model: z.string().optional().openapi({ description: 'A model id from GET /api/models; the default model otherwise.' }),
  })
  .openapi('Generate');

const generate = createRoute({
  tags: ['generate'],
  security: bearer,
  middleware: requireCaller,
  method: 'post',
  operationId: 'generateStep',
  path: '/api/projects/{projectId}/generate',
  summary: "Generate one step's files; its dependencies must be done",
  request: { params: z.object({ projectId: uuidParam('projectId') }), body: jsonBody(GenerateSchema) },
  responses: {
    200: jsonContent(z.array(GeneratedFileSchema), 'The files the step wrote (healed where checks failed), stored as one new version'),
    ...problems(400, 401, 404, 409, 413, 415, 422, 429, 502, 503),
  },
});

export const generateRoutes = createRouter().openapi(generate, async (c) => {
  const { model, planId, stepId } = c.req.valid('json');
  const { projectId } = c.req.valid('param');
  // The engine's payer is read with the step, not in a round trip of its own.
  const engine = projectEngine(c.get('db'), c.env, await resolveModel(c.env, model));
  const files = await generateStep(c.get('db'), c.env, engine, c.get('caller'), {
    projectId,
    planId,
    stepId,
  });
  return c.json(files, 200);
});

/** Route of /api/projects/{projectId}/generate: write one plan step's files. */
import { createRoute, z } from '@hono/zod-openapi';
import { meteredEngine } from '../usage/service';
import { bearer, createRouter, jsonBody, jsonContent, problems, requireCaller, uuidParam } from '../../lib/openapi';
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
    createdAt: z.string(),
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
  path: '/api/projects/{projectId}/generate',
  summary: "Generate one step's files; its dependencies must be done",
  request: { params: z.object({ projectId: uuidParam('projectId') }), body: jsonBody(GenerateSchema) },
  responses: {
    200: jsonContent(z.array(GeneratedFileSchema), 'The files the step wrote, as new versions'),
    ...problems(400, 401, 404, 409, 413, 415, 422, 429, 502),
  },
});

export const generateRoutes = createRouter().openapi(generate, async (c) => {
  const { model, planId, stepId } = c.req.valid('json');
  const { projectId } = c.req.valid('param');
  const engine = await meteredEngine(c.get('db'), c.env, c.get('caller'), model, projectId);
  const files = await generateStep(c.get('db'), c.env.FILES, engine, c.get('caller'), { projectId, planId, stepId }, c.env.ASSETS);
  return c.json(files, 200);
});

/** Route of /api/models: which models can answer now. */
import { createRoute, z } from '@hono/zod-openapi';
import { availableModels, defaultModel } from '../../engine/models';
import { bearer, createRouter, jsonContent, problems, requireCaller } from '../../lib/openapi';

const ModelSchema = z
  .object({
    id: z.string().openapi({ example: 'offline' }),
    provider: z.enum(['promptax', 'openai']),
    default: z.boolean(),
  })
  .openapi('Model');

const list = createRoute({
  tags: ['models'],
  security: bearer,
  middleware: requireCaller,
  method: 'get',
  operationId: 'listModels',
  path: '/api/models',
  summary: 'The models that can answer now, the default first',
  responses: { 200: jsonContent(z.array(ModelSchema), 'Available models'), ...problems(401) },
});

export const modelRoutes = createRouter().openapi(list, (c) => {
  const preferred = defaultModel(c.env);
  const models = availableModels(c.env).map((id) => ({
    id,
    provider: id === 'offline' ? ('promptax' as const) : ('openai' as const),
    default: id === preferred,
  }));
  return c.json(models, 200);
});

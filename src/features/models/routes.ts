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
  description:
    'With `OPENAI_BASE_URL`, the models that server lists (`GET {base}/models`, kept a minute); a 502 says what it answered when it cannot list them.',
  responses: { 200: jsonContent(z.array(ModelSchema), 'Available models'), ...problems(401, 502) },
});

export const modelRoutes = createRouter().openapi(list, async (c) => {
  const preferred = await defaultModel(c.env);
  const models = (await availableModels(c.env)).map((id) => ({
    id,
    provider: id === 'offline' ? ('promptax' as const) : ('openai' as const),
    default: id === preferred,
  }));
  return c.json(models, 200);
});

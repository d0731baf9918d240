/** Routes of /api/tis: the template catalog, and the template that fits an idea. */
import { createRoute, z } from '@hono/zod-openapi';
import { bearer, createRouter, jsonBody, jsonContent, problems, requireCaller } from '../../lib/openapi';
import { meteredEngine } from '../usage/service';
import { findTemplateFor, listTemplates, rememberDesignedTemplate } from './service';

export const TemplateSchema = z
  .object({
    id: z.string().openapi({ example: 'todo-list' }),
    name: z.string(),
    category: z.string(),
    description: z.string(),
    features: z.array(z.string()).openapi({ description: 'Feature names in kebab-case.' }),
    techStack: z.array(z.string()),
    files: z.array(z.string()).openapi({ description: 'Paths of the files an app built on it starts from.' }),
  })
  .openapi('Template');

export const TISMatchResponseSchema = z
  .object({
    matched: z.boolean().openapi({ description: 'Whether a catalog template fits the request as it is.' }),
    source: z.enum(['catalog', 'generated']),
    score: z.number().min(0).max(1).openapi({ description: 'How well the best catalog template fits, from 0 to 1.' }),
    fit: z.enum(['exact', 'partial', 'none']).openapi({
      description: "`exact`: the template is the idea; `partial`: it is, without `missingFeatures`; `none`: no catalog template has the idea's core.",
    }),
    missingFeatures: z
      .array(z.string())
      .openapi({ description: 'Requested features the template lacks and, when nothing fits, the idea itself first.', example: [] }),
    template: TemplateSchema,
    alternatives: z
      .array(z.object({ templateId: z.string(), score: z.number().min(0).max(1) }))
      .openapi({ description: 'The other catalog templates, best first.' }),
  })
  .openapi('TISMatchResponse');

export type TISMatchResponse = z.infer<typeof TISMatchResponseSchema>;

const MatchRequestSchema = z
  .object({
    description: z.string().trim().min(1).max(4000).openapi({ example: 'A shared checklist of chores we tick off' }),
    features: z.array(z.string().trim().min(1).max(60)).max(30).default([]).openapi({ example: ['dark mode'] }),
    name: z.string().trim().min(1).max(120).optional().openapi({ description: 'Names a designed template.' }),
    model: z
      .string()
      .optional()
      .openapi({ description: 'A model id from GET /api/models, to design a template when none fits; the default model otherwise.' }),
  });

const authed = { tags: ['tis'], security: bearer, middleware: requireCaller };

const templates = createRoute({
  ...authed,
  method: 'get',
  operationId: 'listTemplates',
  path: '/api/tis/templates',
  summary: 'The template catalog',
  responses: { 200: jsonContent(z.array(TemplateSchema), 'Every catalog template'), ...problems(401) },
});

const match = createRoute({
  ...authed,
  method: 'post',
  operationId: 'matchTemplate',
  path: '/api/tis/match',
  summary: 'The template that fits an idea: from the catalog, or designed on the nearest one',
  request: { body: jsonBody(MatchRequestSchema) },
  responses: {
    200: jsonContent(TISMatchResponseSchema, 'The matched catalog template, or one designed on the nearest catalog template when none fits'),
    ...problems(400, 401, 403, 413, 415, 422, 429, 502, 503),
  },
});

export const tisRoutes = createRouter()
  .openapi(templates, (c) => c.json(listTemplates(), 200))
  .openapi(match, async (c) => {
    const { model, ...request } = c.req.valid('json');
    const engine = await meteredEngine(c.get('db'), c.env, c.get('caller'), model, null);
    const found = await findTemplateFor(engine, request);
    await rememberDesignedTemplate(c.get('db'), c.get('caller'), found);
    const { base: _base, ...result } = found;
    return c.json(result, 200);
  });

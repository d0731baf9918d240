/** Routes of /api/auth: the caller's session and their API keys. */
import { createRoute, z } from '@hono/zod-openapi';
import { bearer, createRouter, jsonBody, jsonContent, optionalBearer, problems, requireCaller, SuccessSchema, timestamp, uuidParam } from '../../lib/openapi';
import { pageOf, PageQuerySchema } from '../../lib/pagination';
import { notFound } from '../../lib/problems';
import { createApiKey, listApiKeys, revokeApiKey } from './service';

const SessionSchema = z
  .object({
    user: z.object({ id: z.string().uuid(), email: z.string(), name: z.string() }),
    organisations: z.array(z.object({ id: z.string().uuid(), name: z.string(), role: z.enum(['owner', 'member']) })),
    apiKey: z.object({ id: z.string().uuid(), name: z.string(), prefix: z.string() }),
    expires: timestamp.nullable().openapi({ description: 'Keys do not expire; they are revoked.' }),
  })
  .openapi('Session');

const ApiKeySchema = z
  .object({
    id: z.string().uuid(),
    name: z.string(),
    prefix: z.string().openapi({ example: 'ptx_Xb3kQ9aZ' }),
    createdAt: timestamp,
    lastUsedAt: timestamp.nullable(),
    revokedAt: timestamp.nullable(),
  })
  .openapi('ApiKey');

const CreatedApiKeySchema = ApiKeySchema.extend({
  key: z.string().openapi({ description: 'The secret. Shown only in this response; store it now.' }),
}).openapi('CreatedApiKey');

const CreateApiKeySchema = z.object({ name: z.string().trim().min(1).max(100).openapi({ example: 'ci' }) });

const getSession = createRoute({
  method: 'get',
  operationId: 'getSession',
  path: '/api/auth/session',
  tags: ['auth'],
  summary: 'The session of the key sent, or null without one',
  security: optionalBearer,
  responses: { 200: jsonContent(SessionSchema.nullable(), 'The session, or null'), ...problems(401) },
});

const listKeys = createRoute({
  method: 'get',
  operationId: 'listApiKeys',
  path: '/api/auth/keys',
  tags: ['auth'],
  summary: "The caller's API keys, newest first",
  security: bearer,
  middleware: requireCaller,
  request: { query: PageQuerySchema },
  responses: { 200: jsonContent(z.array(ApiKeySchema), 'Keys; secrets are never shown again'), ...problems(400, 401) },
});

const createKey = createRoute({
  method: 'post',
  operationId: 'createApiKey',
  path: '/api/auth/keys',
  tags: ['auth'],
  summary: 'Create an API key; the secret is in this response only',
  security: bearer,
  middleware: requireCaller,
  request: { body: jsonBody(CreateApiKeySchema) },
  responses: { 201: jsonContent(CreatedApiKeySchema, 'The new key with its secret'), ...problems(400, 401, 413, 415, 422) },
});

const revokeKey = createRoute({
  method: 'delete',
  operationId: 'revokeApiKey',
  path: '/api/auth/keys/{keyId}',
  tags: ['auth'],
  summary: 'Revoke an API key; requests with it get 401 at once',
  security: bearer,
  middleware: requireCaller,
  request: { params: z.object({ keyId: uuidParam('keyId') }) },
  responses: { 200: jsonContent(SuccessSchema, 'Revoked'), ...problems(400, 401, 404) },
});

export const authRoutes = createRouter()
  .openapi(getSession, (c) => {
    const caller = c.get('caller');
    return c.json(caller && { ...caller, expires: null }, 200);
  })
  .openapi(listKeys, async (c) => {
    const page = c.req.valid('query');
    const rows = await listApiKeys(c.get('db'), c.get('caller').user.id, page);
    return c.json(pageOf(c, rows, page.limit), 200);
  })
  .openapi(createKey, async (c) => {
    const created = await createApiKey(c.get('db'), c.get('caller').user.id, c.req.valid('json').name);
    c.set('holdsSecret', true);
    return c.json(created, 201);
  })
  .openapi(revokeKey, async (c) => {
    const revoked = await revokeApiKey(c.get('db'), c.get('caller').user.id, c.req.valid('param').keyId);
    if (!revoked) throw notFound('API key');
    return c.json({ success: true as const }, 200);
  });

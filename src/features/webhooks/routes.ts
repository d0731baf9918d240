/** Routes of /api/webhooks: an organisation's webhooks for status changes, and each one's delivery log. */
import { createRoute, z } from '@hono/zod-openapi';
import { bearer, createRouter, jsonBody, jsonContent, problems, requireCaller, SuccessSchema, timestamp, uuidParam } from '../../lib/openapi';
import { pageOf, PageQuerySchema } from '../../lib/pagination';
import { WEBHOOK_EVENT_PATTERNS } from '../../lib/webhook-events';
import { createWebhook, deleteWebhook, listDeliveries, listWebhooks } from './service';

const WebhookSchema = z
  .object({
    id: z.string().uuid(),
    organisationId: z.string().uuid(),
    url: z.string().url(),
    events: z.array(z.enum(WEBHOOK_EVENT_PATTERNS)),
    description: z.string().nullable(),
    createdAt: timestamp,
  })
  .openapi('Webhook');

export type Webhook = z.infer<typeof WebhookSchema>;

const CreatedWebhookSchema = WebhookSchema.extend({
  secret: z.string().openapi({ description: 'Signs every delivery (`Promptax-Signature`). Shown only in this response; store it now.', example: 'whsec_9f86d0…' }),
}).openapi('CreatedWebhook');

const CreateWebhookSchema = z
  .object({
    url: z.string().max(2048).openapi({ description: 'https, to a public host.', example: 'https://example.com/hooks/promptax' }),
    events: z
      .array(z.enum(WEBHOOK_EVENT_PATTERNS))
      .min(1)
      .max(WEBHOOK_EVENT_PATTERNS.length)
      .openapi({ description: 'A family (`deployment.*`, `test_run.*`) or exact event types.', example: ['deployment.live', 'test_run.*'] }),
    description: z.string().trim().max(500).optional(),
    organisationId: z.string().uuid().optional().openapi({ description: 'Required when the caller belongs to more than one organisation.' }),
  })
  .openapi('CreateWebhook');

const DeliverySchema = z
  .object({
    id: z.string().uuid().openapi({ description: 'Sent as `Promptax-Delivery`.' }),
    webhookId: z.string().uuid(),
    eventId: z.string().uuid().openapi({ description: "The event's id, the same in every webhook's delivery of it." }),
    type: z.string().openapi({ example: 'deployment.live' }),
    status: z.enum(['pending', 'succeeded', 'failed']).openapi({ description: 'failed: every retry was used, or it could not be queued.' }),
    attempts: z.array(
      z.object({
        at: z.string(),
        statusCode: z.number().int().nullable().openapi({ description: "The receiver's answer; null when none came." }),
        durationMs: z.number().int(),
        error: z.string().nullable(),
      }),
    ),
    payload: z.object({ id: z.string().uuid(), type: z.string(), createdAt: timestamp, data: z.unknown() }).openapi({ description: 'The JSON body POSTed.' }),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .openapi('WebhookDelivery');

const params = z.object({ webhookId: uuidParam('webhookId') });
const authed = { tags: ['webhooks'], security: bearer, middleware: requireCaller };

const list = createRoute({
  ...authed,
  method: 'get',
  operationId: 'listWebhooks',
  path: '/api/webhooks',
  summary: "The webhooks of the caller's organisations, newest first",
  request: { query: PageQuerySchema.extend({ organisationId: z.string().uuid().optional() }) },
  responses: { 200: jsonContent(z.array(WebhookSchema), 'A page of webhooks; secrets are never shown again'), ...problems(400, 401) },
});

const create = createRoute({
  ...authed,
  method: 'post',
  operationId: 'createWebhook',
  path: '/api/webhooks',
  summary: 'Register a webhook; its secret is in this response only',
  description:
    'Each delivery is a POST of `{ id, type, createdAt, data }` (data: the Deployment or TestSuite) with `Promptax-Event`, ' +
    '`Promptax-Delivery` and `Promptax-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" keyed with the secret>`. ' +
    'A non-2xx answer or no answer within 10 s is retried with backoff.',
  request: { body: jsonBody(CreateWebhookSchema) },
  responses: { 201: jsonContent(CreatedWebhookSchema, 'The new webhook with its secret'), ...problems(400, 401, 403, 409, 413, 415, 422) },
});

const remove = createRoute({
  ...authed,
  method: 'delete',
  operationId: 'deleteWebhook',
  path: '/api/webhooks/{webhookId}',
  summary: 'Delete a webhook and its delivery log',
  request: { params },
  responses: { 200: jsonContent(SuccessSchema, 'Deleted'), ...problems(400, 401, 404) },
});

const deliveries = createRoute({
  ...authed,
  method: 'get',
  operationId: 'listWebhookDeliveries',
  path: '/api/webhooks/{webhookId}/deliveries',
  summary: "A webhook's deliveries with each attempt, newest first",
  request: { params, query: PageQuerySchema },
  responses: { 200: jsonContent(z.array(DeliverySchema), 'A page of deliveries'), ...problems(400, 401, 404) },
});

export const webhookRoutes = createRouter()
  .openapi(list, async (c) => {
    const query = c.req.valid('query');
    const rows = await listWebhooks(c.get('db'), c.get('caller'), query);
    return c.json(pageOf(c, rows, query.limit), 200);
  })
  .openapi(create, async (c) => {
    const created = await createWebhook(c.get('db'), c.get('caller'), c.req.valid('json'), c.env.WEBHOOKS_ALLOW_INSECURE === 'true');
    return c.json(created, 201);
  })
  .openapi(remove, async (c) => {
    await deleteWebhook(c.get('db'), c.get('caller'), c.req.valid('param').webhookId);
    return c.json({ success: true as const }, 200);
  })
  .openapi(deliveries, async (c) => {
    const page = c.req.valid('query');
    const rows = await listDeliveries(c.get('db'), c.get('caller'), c.req.valid('param').webhookId, page);
    return c.json(pageOf(c, rows, page.limit), 200);
  });

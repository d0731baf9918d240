/** Routes of /api/analytics: track an event (no key needed), and the caller's counts by type and day. */
import { createRoute, z } from '@hono/zod-openapi';
import { bearer, createRouter, jsonBody, jsonContent, optionalBearer, problems, requireCaller, SuccessSchema } from '../../lib/openapi';
import { rateLimit } from '../../lib/rate-limit';
import { DEFAULT_SUMMARY_DAYS, EVENT_TYPE, MAX_EVENT_DATA_BYTES, MAX_SUMMARY_DAYS, summariseEvents, TRACK_RATE_LIMIT, trackEvent } from './service';

const TrackEventSchema = z
  .object({
    type: z
      .string()
      .regex(EVENT_TYPE, 'A type is lower case: a letter, then up to 63 letters, digits or _ . : -')
      .openapi({ example: 'page.view' }),
    data: z
      .record(z.string(), z.unknown())
      .default({})
      .openapi({ description: `A JSON object of at most ${MAX_EVENT_DATA_BYTES} bytes; larger is a 413.`, example: { path: '/pricing' } }),
    projectId: z
      .string()
      .uuid()
      .optional()
      .openapi({ description: 'Attributes the event to this project and its organisation; needs a key that can see the project.' }),
  });

const SummaryQuerySchema = z.object({
  days: z.coerce.number().int().min(1).max(MAX_SUMMARY_DAYS).default(DEFAULT_SUMMARY_DAYS).openapi({ example: DEFAULT_SUMMARY_DAYS }),
  projectId: z.string().uuid().optional().openapi({ description: "Only this project's events." }),
});

const AnalyticsSummarySchema = z
  .object({
    from: z.string().openapi({ description: 'Start of the first day counted (UTC).' }),
    to: z.string().openapi({ description: 'End of today (UTC), exclusive.' }),
    days: z.number().int(),
    total: z.number().int(),
    byType: z.array(z.object({ type: z.string(), count: z.number().int() })).openapi({ description: 'Most frequent first.' }),
    byDay: z
      .array(z.object({ day: z.string().openapi({ example: '2026-11-02' }), count: z.number().int(), byType: z.record(z.string(), z.number().int()) }))
      .openapi({ description: 'Every day of the window, oldest first.' }),
  })
  .openapi('AnalyticsSummary');

const track = createRoute({
  method: 'post',
  operationId: 'trackEvent',
  path: '/api/analytics/track',
  tags: ['analytics'],
  summary: 'Track an event; answers once it is queued, and it is stored within seconds',
  description: `No key needed; a key attributes the event to its user. At most ${TRACK_RATE_LIMIT.limit} requests every ${TRACK_RATE_LIMIT.windowSeconds} s from one IP address.`,
  security: optionalBearer,
  middleware: rateLimit(TRACK_RATE_LIMIT),
  request: { body: jsonBody(TrackEventSchema) },
  responses: { 202: jsonContent(SuccessSchema, 'Accepted'), ...problems(400, 401, 404, 413, 415, 422, 429) },
});

const summary = createRoute({
  method: 'get',
  operationId: 'getAnalyticsSummary',
  path: '/api/analytics/summary',
  tags: ['analytics'],
  summary: "Counts of the caller's organisations' events by type and by day",
  security: bearer,
  middleware: requireCaller,
  request: { query: SummaryQuerySchema },
  responses: { 200: jsonContent(AnalyticsSummarySchema, 'The counts'), ...problems(400, 401, 404) },
});

export const analyticsRoutes = createRouter()
  .openapi(track, async (c) => {
    await trackEvent(c.get('db'), c.env.ANALYTICS_QUEUE, c.get('caller'), c.req.valid('json'));
    return c.json({ success: true as const }, 202);
  })
  .openapi(summary, async (c) => c.json(await summariseEvents(c.get('db'), c.get('caller'), c.req.valid('query')), 200));

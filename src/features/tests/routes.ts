/** Routes of /api/projects/{projectId}/tests: plan and queue a test run, list suites with their cases. */
import { createRoute, z } from '@hono/zod-openapi';
import { meteredEngine } from '../usage/service';
import { accessFirst } from '../../lib/access-first';
import { bearer, createRouter, jsonBody, jsonContent, problems, requireCaller, timestamp, uuidParam } from '../../lib/openapi';
import { pageOf, PageQuerySchema } from '../../lib/pagination';
import { MAX_STREAM_MS, POLL_INTERVAL_MS, pollingEventStream, SSE_HEADERS, sseContent } from '../../lib/sse';
import { getProject } from '../projects/service';
import { createTestRun, listTestSuites, testRunProgress } from './service';

const TestCaseSchema = z
  .object({
    id: z.string().uuid(),
    name: z.string(),
    status: z.enum(['pending', 'passed', 'failed', 'error']),
    durationMs: z.number().int().nullable(),
    message: z.string().nullable().openapi({ description: 'The failed assertion, or the error.' }),
  })
  .openapi('TestCase');

export const TestSuiteSchema = z
  .object({
    id: z.string().uuid(),
    projectId: z.string().uuid(),
    type: z.enum(['unit', 'integration', 'e2e']),
    name: z.string(),
    target: z.string().openapi({ description: 'A module path, worker.js, or a deployment id.' }),
    status: z.enum(['queued', 'generating', 'running', 'passed', 'failed', 'error']),
    tests: z.array(TestCaseSchema),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .openapi('TestSuite');

export type TestSuite = z.infer<typeof TestSuiteSchema>;

const CreateTestRunSchema = z
  .object({
    type: z.enum(['unit', 'integration', 'e2e']),
    model: z.string().optional().openapi({ description: 'A model id from GET /api/models; the default model otherwise.' }),
  })
  .openapi('CreateTestRun');

const params = z.object({ projectId: uuidParam('projectId') });
const authed = { tags: ['tests'], security: bearer, middleware: requireCaller };

const create = createRoute({
  ...authed,
  method: 'post',
  operationId: 'createTestRun',
  path: '/api/projects/{projectId}/tests',
  summary: 'Plan a test run from the code and queue it; results arrive in GET .../tests',
  request: { params, body: jsonBody(CreateTestRunSchema) },
  responses: {
    202: jsonContent(z.object({ suitesCreated: z.number().int(), testsGenerated: z.number().int() }).openapi('TestRunCreated'), 'Queued'),
    ...problems(400, 401, 404, 409, 413, 415, 422, 429),
  },
});

const list = createRoute({
  ...authed,
  method: 'get',
  operationId: 'listTestSuites',
  path: '/api/projects/{projectId}/tests',
  summary: "The project's test suites with their cases, newest first",
  request: { params, query: PageQuerySchema },
  responses: { 200: jsonContent(z.array(TestSuiteSchema), 'A page of suites'), ...problems(400, 401, 404) },
});

const events = createRoute({
  ...authed,
  method: 'get',
  operationId: 'streamTestEvents',
  path: '/api/projects/{projectId}/tests/events',
  summary: "Test runs' progress as server-sent events, until no suite followed is unfinished",
  description:
    'Follows the suites created since `since`; without it, those from the oldest unfinished suite on, or the latest run when none ' +
    'is unfinished. Sends `event: suite` with each TestSuite (and its cases) now and at each change of its status or cases; when ' +
    `none is queued, generating or running it sends \`event: end\` (\`{"reason":"done"}\`) and closes. Read every ${POLL_INTERVAL_MS} ms; ` +
    `after ${MAX_STREAM_MS / 60_000} minutes the stream ends with reason \`timeout\`, and a client reconnects to go on.`,
  request: {
    params,
    query: z.object({
      since: z.string().datetime().optional().openapi({ description: 'Follow the suites created at or after this time (ISO 8601 UTC).' }),
    }),
  },
  responses: { 200: sseContent('`event: suite` lines with TestSuite JSON, then `event: end`.'), ...problems(400, 401, 404) },
});

export const testRoutes = createRouter()
  .openapi(create, async (c) => {
    const { type, model } = c.req.valid('json');
    const { projectId } = c.req.valid('param');
    const engine = await meteredEngine(c.get('db'), c.env, c.get('caller'), model, projectId);
    const created = await createTestRun(c.get('db'), c.env, engine, c.get('caller'), projectId, type);
    return c.json(created, 202);
  })
  .openapi(list, async (c) => {
    const page = c.req.valid('query');
    const suites = await listTestSuites(c.get('db'), c.get('caller'), c.req.valid('param').projectId, page);
    return c.json(pageOf(c, suites, page.limit), 200);
  })
  .openapi(events, async (c) => {
    const { projectId } = c.req.valid('param');
    const { since } = c.req.valid('query');
    // Stored times are toISOString()'s; one shape makes their text order the time order.
    const from = since === undefined ? undefined : new Date(since).toISOString();
    const poll = testRunProgress(c.get('db'), projectId, from);
    // The first poll reads beside the project check, in its round trip; a 404 wins over what it found.
    const first = await accessFirst(getProject(c.get('db'), c.get('caller'), projectId), poll());
    const stream = pollingEventStream(poll, { first, signal: c.req.raw.signal });
    return c.body(stream, 200, SSE_HEADERS);
  });

/** Routes of /api/projects/{projectId}/deployments: deploy, and follow deployments. */
import { createRoute, z } from '@hono/zod-openapi';
import { accessFirst } from '../../lib/access-first';
import { bearer, createRouter, jsonBody, jsonContent, problems, requireCaller, timestamp, uuidParam } from '../../lib/openapi';
import { pageOf, PageQuerySchema } from '../../lib/pagination';
import { MAX_STREAM_MS, POLL_INTERVAL_MS, pollingEventStream, SSE_HEADERS, sseContent } from '../../lib/sse';
import { createDeployment, deploymentProgress, getDeployment, listDeployments } from './service';

export const DeploymentSchema = z
  .object({
    id: z.string().uuid(),
    projectId: z.string().uuid(),
    environment: z.enum(['preview', 'production']),
    status: z.enum(['queued', 'building', 'live', 'failed', 'superseded']),
    url: z.string().url().nullable().openapi({ description: "The deployment's own site, once live." }),
    versionId: z.string().uuid().nullable().openapi({ description: 'The version whose files it published; null until it is built.' }),
    siteUrl: z
      .string()
      .url()
      .nullable()
      .openapi({ description: "The project environment's stable address (`p-…-<environment>`), which follows its newest live deployment; set once live." }),
    fileCount: z.number().int(),
    error: z.string().nullable().openapi({ description: 'Why it failed: the file and the reason.' }),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .openapi('Deployment');

export type Deployment = z.infer<typeof DeploymentSchema>;

const CreateDeploymentSchema = z
  .object({ environment: z.enum(['preview', 'production']).default('preview') });

const params = z.object({ projectId: uuidParam('projectId') });
const deploymentParams = params.extend({ deploymentId: uuidParam('deploymentId') });
const authed = { tags: ['deployments'], security: bearer, middleware: requireCaller };

const create = createRoute({
  ...authed,
  method: 'post',
  operationId: 'createDeployment',
  path: '/api/projects/{projectId}/deployments',
  summary: "Deploy the project's current files; answers at once, the build runs on a queue",
  request: { params, body: jsonBody(CreateDeploymentSchema) },
  responses: { 202: jsonContent(DeploymentSchema, 'The queued deployment'), ...problems(400, 401, 404, 413, 415, 422) },
});

const list = createRoute({
  ...authed,
  method: 'get',
  operationId: 'listDeployments',
  path: '/api/projects/{projectId}/deployments',
  summary: "The project's deployments, newest first",
  request: { params, query: PageQuerySchema },
  responses: { 200: jsonContent(z.array(DeploymentSchema), 'A page of deployments'), ...problems(400, 401, 404) },
});

const read = createRoute({
  ...authed,
  method: 'get',
  operationId: 'getDeployment',
  path: '/api/projects/{projectId}/deployments/{deploymentId}',
  summary: 'One deployment',
  request: { params: deploymentParams },
  responses: { 200: jsonContent(DeploymentSchema, 'The deployment'), ...problems(400, 401, 404) },
});

const events = createRoute({
  ...authed,
  method: 'get',
  operationId: 'streamDeploymentEvents',
  path: '/api/projects/{projectId}/deployments/{deploymentId}/events',
  summary: "A deployment's progress as server-sent events, until its status is final",
  description:
    'Sends `event: status` with the Deployment now and at each change of status; after live, failed or superseded it sends ' +
    `\`event: end\` (\`{"reason":"done"}\`) and closes. The status is read every ${POLL_INTERVAL_MS} ms; after ` +
    `${MAX_STREAM_MS / 60_000} minutes the stream ends with reason \`timeout\`, and a client reconnects to go on.`,
  request: { params: deploymentParams },
  responses: { 200: sseContent('`event: status` lines with Deployment JSON, then `event: end`.'), ...problems(400, 401, 404) },
});

export const deploymentRoutes = createRouter()
  .openapi(create, async (c) => {
    const { environment } = c.req.valid('json');
    const deployment = await createDeployment(c.get('db'), c.env.DEPLOY_QUEUE, c.get('caller'), c.req.valid('param').projectId, environment);
    return c.json(deployment, 202);
  })
  .openapi(list, async (c) => {
    const page = c.req.valid('query');
    const rows = await listDeployments(c.get('db'), c.get('caller'), c.req.valid('param').projectId, page);
    return c.json(pageOf(c, rows, page.limit), 200);
  })
  .openapi(read, async (c) => {
    const { projectId, deploymentId } = c.req.valid('param');
    return c.json(await getDeployment(c.get('db'), c.get('caller'), projectId, deploymentId), 200);
  })
  .openapi(events, async (c) => {
    const { projectId, deploymentId } = c.req.valid('param');
    const poll = deploymentProgress(c.get('db'), deploymentId);
    // The first poll reads beside the access check, in its round trip; a 404 wins over what it found.
    const first = await accessFirst(getDeployment(c.get('db'), c.get('caller'), projectId, deploymentId), poll());
    const stream = pollingEventStream(poll, { first, signal: c.req.raw.signal });
    return c.body(stream, 200, SSE_HEADERS);
  });

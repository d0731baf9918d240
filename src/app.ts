/** Builds the Hono app: request ids, limits, the caller, idempotency, every feature's routes, one error format. */
import { OpenAPIHono } from '@hono/zod-openapi';
import { Scalar } from '@scalar/hono-api-reference';
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { requestId } from 'hono/request-id';
import type { AppEnv } from './app-env';
import { d1Session } from './db/session';
import { agencyRoutes } from './features/agency/routes';
import { analyticsRoutes } from './features/analytics/routes';
import { limitFailedAuth, limitKeyRequests } from './features/auth/limits';
import { resolveCaller } from './features/auth/middleware';
import { serveSites } from './features/sites/middleware';
import { studioRoutes } from './features/studio/routes';
import { authRoutes } from './features/auth/routes';
import { chatRoutes } from './features/chat/routes';
import { deploymentRoutes } from './features/deployments/routes';
import { testRoutes } from './features/tests/routes';
import { fileRoutes } from './features/files/routes';
import { generateRoutes } from './features/generate/routes';
import { modelRoutes } from './features/models/routes';
import { planRoutes } from './features/plans/routes';
import { projectRoutes } from './features/projects/routes';
import { selfHealRoutes } from './features/self-heal/routes';
import { tisRoutes } from './features/tis/routes';
import { usageRoutes } from './features/usage/routes';
import { versionRoutes } from './features/versions/routes';
import { webhookRoutes } from './features/webhooks/routes';
import { describeApi } from './lib/api-document';
import { apiHeaders } from './lib/headers';
import { idempotency } from './lib/idempotency';
import { uuidv7 } from './lib/ids';
import { logError } from './lib/log';
import { isOutage, serviceUnavailable } from './lib/outages';
import { payloadTooLarge, Problem, problemResponse } from './lib/problems';

/** The largest request body the API reads. */
export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * /docs: Scalar's API reference, its script served by the Worker (public/docs/scalar.js). Nothing on
 * the page may reach another host, whatever is clicked: no "Ask AI" agent (it calls api.scalar.com
 * and offers to upload the spec), no MCP offer, no telemetry, no web fonts, no developer toolbar,
 * no button that opens the spec in Scalar's hosted client, no link to scalar.com, no proxy for test
 * requests (they go to this origin, `servers: [{ url: '/' }]`).
 */
const DOCS = {
  url: '/openapi.json',
  cdn: '/docs/scalar.js',
  pageTitle: 'Promptax API',
  withDefaultFonts: false,
  agent: { disabled: true },
  mcp: { disabled: true },
  telemetry: false,
  showDeveloperTools: 'never',
  hideClientButton: true,
  // The "Powered by Scalar" link leads off the page to scalar.com.
  customCss: 'a[href*="scalar.com"] { display: none !important; }',
} as const;

/** The title hono gives its own HTTP exceptions, as problem slugs and titles. */
const HTTP_PROBLEMS: Record<number, [slug: string, title: string]> = {
  400: ['malformed', 'Malformed request'],
  413: ['payload-too-large', 'Payload too large'],
  415: ['unsupported-media-type', 'Unsupported media type'],
};

function toProblem(error: Error): Problem {
  if (error instanceof Problem) return error;
  // drizzle wraps what a D1 call threw: the key check's 401 (src/db/one-trip.ts) arrives as a cause.
  if (error.cause instanceof Problem) return error.cause;
  if (error instanceof HTTPException) {
    const [slug, title] = HTTP_PROBLEMS[error.status] ?? ['http-' + error.status, 'Request failed'];
    return new Problem(error.status, slug, title, error.message || title);
  }
  if (isOutage(error)) return serviceUnavailable();
  return new Problem(500, 'internal', 'Internal error', 'Something went wrong on our side; the request id identifies it in our logs.');
}

function onError(error: Error, c: Context<AppEnv>): Response {
  const problem = toProblem(error);
  if (!(problem === error || problem === error.cause) && !(error instanceof HTTPException)) logError(c.env, { requestId: c.get('requestId'), error: String(error.stack ?? error) });
  const response = problemResponse(problem, c.req.path);
  response.headers.set('X-Request-Id', c.get('requestId') ?? '');
  return response;
}

/**
 * The API as a Hono app. Routes are chained so that their types flow into `AppType`.
 *
 * @example const app = createApp(); await app.request('/api/auth/session', {}, env)
 */
export function createApp() {
  const app = new OpenAPIHono<AppEnv>();

  app.use(requestId({ generator: uuidv7 }));
  app.use(serveSites);
  app.use(apiHeaders);
  app.use('/api/*', d1Session);
  app.use(
    '/api/*',
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: () => {
        throw payloadTooLarge(`Request bodies are limited to ${MAX_BODY_BYTES} bytes.`);
      },
    }),
  );
  app.use('/api/*', limitFailedAuth);
  app.use('/api/*', resolveCaller);
  app.use('/api/*', limitKeyRequests);
  app.use('/api/*', idempotency);

  const routes = app
    .route('/', authRoutes)
    .route('/', projectRoutes)
    .route('/', modelRoutes)
    .route('/', planRoutes)
    .route('/', generateRoutes)
    .route('/', fileRoutes)
    .route('/', versionRoutes)
    .route('/', tisRoutes)
    .route('/', chatRoutes)
    .route('/', agencyRoutes)
    .route('/', deploymentRoutes)
    .route('/', testRoutes)
    .route('/', selfHealRoutes)
    .route('/', usageRoutes)
    .route('/', analyticsRoutes)
    .route('/', webhookRoutes);

  // The document depends only on the routes, so an isolate builds it once.
  let document: ReturnType<typeof describeApi> | undefined;
  app.get('/openapi.json', (c) => c.json((document ??= describeApi(app))));
  app.get('/docs/:file', (c) => c.env.ASSETS.fetch(c.req.raw));
  app.get('/docs', Scalar(DOCS));
  // Browsers ask every origin for its icon; an empty answer keeps a 404 out of the /docs console.
  app.get('/favicon.ico', (c) => c.body(null, 204));
  app.route('/', studioRoutes);

  app.notFound((c) => onError(new Problem(404, 'route-not-found', 'Not found', `No route matches ${c.req.method} ${c.req.path}.`), c));
  app.onError(onError);
  return routes;
}

export type AppType = ReturnType<typeof createApp>;

/**
 * /openapi.json: the routes' own definitions, with what every operation shares added in one place:
 * the problems any request can meet, the headers every answer carries, `Idempotency-Key` on POST,
 * `X-D1-Bookmark` on every `/api/` operation.
 */
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../app-env';
import { BOOKMARK_HEADER, BOOKMARK_PATTERN } from '../db/session';
import { problemDescription } from './openapi';

type Document = ReturnType<OpenAPIHono<AppEnv>['getOpenAPI31Document']>;
type PathItem = NonNullable<NonNullable<Document['paths']>[string]>;
type Operation = NonNullable<PathItem['get']>;
type Responses = NonNullable<Operation['responses']>;
type Headers = NonNullable<NonNullable<Document['components']>['headers']>;

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

/** Response headers of the API, declared once as components and referred to from each response. */
const HEADERS = {
  RequestId: {
    description: 'Identifies the request in our logs: the `X-Request-Id` the client sent, or one made for it.',
    required: true,
    schema: { type: 'string', minLength: 1 },
  },
  Link: {
    description: 'The next page of the list, when there is one: `<url>; rel="next"`.',
    schema: { type: 'string', pattern: '^<[^>]+>; rel="next"$' },
  },
  RetryAfter: {
    description: 'Seconds to wait before trying again.',
    required: true,
    schema: { type: 'integer', minimum: 0 },
  },
  IdempotentReplayed: {
    description: 'Present when this is the stored answer to an earlier request with the same `Idempotency-Key`.',
    schema: { type: 'string', enum: ['true'] },
  },
  WWWAuthenticate: {
    description: 'How to authenticate: a bearer API key.',
    required: true,
    schema: { type: 'string' },
  },
  D1Bookmark: {
    description: 'Where this request left the database: send it back as `X-D1-Bookmark` to read at least what this answer saw or wrote. Absent when the request made no database call.',
    schema: { type: 'string', pattern: BOOKMARK_PATTERN.source },
  },
  UIMessageStream: {
    description: 'The version of the AI SDK UI message stream protocol, on stream answers.',
    schema: { type: 'string', enum: ['v1'] },
  },
} satisfies Headers;

/** `Idempotency-Key`, which every POST takes (see the README's conventions). */
const IDEMPOTENCY_KEY = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  description: 'The same key with the same request within 24 hours answers the first result (`Idempotent-Replayed: true`); with another request it is a 422, while the first still runs a 409.',
  schema: { type: 'string', pattern: '^[\\x21-\\x7e]{1,255}$' },
} as const;

/** `X-D1-Bookmark`, which every `/api/` operation takes (see the README's "Read replicas"). */
const D1_BOOKMARK = {
  name: BOOKMARK_HEADER,
  in: 'header',
  required: false,
  description: 'A bookmark an earlier answer gave: this request then reads at least what that answer saw or wrote, even from a read replica. Empty counts as absent; anything else is a 400.',
  schema: { type: 'string', pattern: BOOKMARK_PATTERN.source },
} as const;

const ref = (name: keyof typeof HEADERS) => ({ $ref: `#/components/headers/${name}` });

/** A reference to the UI message stream header, for the responses of routes that stream a chat turn. */
export const uiMessageStreamHeader = { 'x-vercel-ai-ui-message-stream': ref('UIMessageStream') };

/**
 * The problem statuses an operation can answer whatever its route says: a bad key (401), the rate
 * limits (429), a fault (500) or an outage (503) anywhere; invalid input (400) wherever there is
 * input; a body too large (413) and, for JSON, of the wrong type (415); the idempotency conflicts
 * (409, 422) on POST.
 */
function sharedStatuses(method: string, operation: Operation): number[] {
  const statuses = [401, 429, 500, 503];
  const body = operation.requestBody && 'content' in operation.requestBody ? operation.requestBody.content : undefined;
  if ((operation.parameters ?? []).length > 0 || body || method === 'post') statuses.push(400);
  if (method === 'post' || method === 'put') statuses.push(413);
  if (body?.['application/json']) statuses.push(415);
  if (method === 'post') statuses.push(409, 422);
  return statuses;
}

const takesCursor = (operation: Operation) => (operation.parameters ?? []).some((parameter) => 'name' in parameter && parameter.name === 'cursor');

/** Adds the shared problems, headers, `Idempotency-Key` and `X-D1-Bookmark` to one operation. */
function completeOperation(path: string, method: string, operation: Operation): Operation {
  const api = path.startsWith('/api/');
  const missing = sharedStatuses(method, operation).filter((status) => !(status in (operation.responses ?? {})));
  const responses: Responses = { ...operation.responses };
  for (const status of missing) {
    responses[status] = { content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } }, description: problemDescription(status) };
  }
  for (const [status, response] of Object.entries(responses)) {
    if ('$ref' in response) continue;
    const headers: Record<string, unknown> = { ...response.headers, 'X-Request-Id': ref('RequestId') };
    const success = status.startsWith('2');
    if (success && method === 'get' && takesCursor(operation)) headers.Link = ref('Link');
    if (success && method === 'post') headers['Idempotent-Replayed'] = ref('IdempotentReplayed');
    if (status === '429' || status === '503') headers['Retry-After'] = ref('RetryAfter');
    if (status === '401') headers['WWW-Authenticate'] = ref('WWWAuthenticate');
    if (api) headers[BOOKMARK_HEADER] = ref('D1Bookmark');
    responses[status] = { ...response, headers: headers as typeof response.headers };
  }
  const shared = [...(api ? [D1_BOOKMARK] : []), ...(method === 'post' ? [IDEMPOTENCY_KEY] : [])];
  const parameters = shared.length > 0 ? [...(operation.parameters ?? []), ...shared] : operation.parameters;
  return { ...operation, responses, ...(parameters ? { parameters } : {}) };
}

/**
 * The API's OpenAPI 3.1 document: `app`'s routes, each completed with what every operation shares,
 * described as served from the origin it is read from (`servers: [{ url: '/' }]`).
 *
 * @example app.get('/openapi.json', (c) => c.json(describeApi(app)))
 */
export function describeApi(app: OpenAPIHono<AppEnv>): Document {
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
    description: 'An API key: `ptx_` and 43 base64url characters.',
  });
  const document = app.getOpenAPI31Document({
    openapi: '3.1.0',
    info: {
      title: 'Promptax API',
      version: '0.1.0',
      description: 'From an app idea to a running app: projects, chat, plans, code, tests, deployments.',
    },
    servers: [{ url: '/', description: 'The origin this document was read from' }],
  });
  const paths = Object.fromEntries(
    Object.entries(document.paths ?? {}).map(([path, item]) => [
      path,
      Object.fromEntries(Object.entries(item).map(([key, value]) => [key, (METHODS as readonly string[]).includes(key) ? completeOperation(path, key, value as Operation) : value])),
    ]),
  );
  // The project is not open source; an SPDX `LicenseRef-` names a licence of its own.
  const info = { ...document.info, license: { name: 'Proprietary', identifier: 'LicenseRef-Proprietary' } };
  return { ...document, info, paths, components: { ...document.components, headers: HEADERS } };
}

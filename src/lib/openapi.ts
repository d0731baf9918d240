/** Pieces every route definition uses: JSON bodies, problem responses, the validation hook, auth. */
import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { Hook } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv, AuthedEnv } from '../app-env';
import { badRequest, ProblemSchema, unauthorized } from './problems';
import type { FieldError } from './problems';

/** A JSON response (or request body) of the given schema. */
export function jsonContent<T extends z.ZodType>(schema: T, description: string) {
  return { content: { 'application/json': { schema } }, description };
}

/**
 * A required JSON request body; other content types are a 415, malformed JSON a 400. Give its
 * schema no component name (`.openapi('Name')`): openapi-typescript types a named component's
 * defaulted fields as required, and only an inline request schema's as optional.
 */
export function jsonBody<T extends z.ZodType>(schema: T) {
  return { content: { 'application/json': { schema } }, required: true };
}

const PROBLEM_DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid request: `errors` lists each invalid field',
  401: 'Missing, malformed or revoked API key',
  403: 'The caller may not do this',
  404: 'Not found, or owned by another organisation',
  409: 'Conflicts with the current state',
  413: 'Body or content over its size limit',
  415: 'Content type not supported',
  422: 'Idempotency-Key reused with a different request',
  429: 'Too many requests from this client; `Retry-After` says when to try again',
  500: 'A fault on our side; `instance` and `X-Request-Id` identify it in our logs',
  502: 'The model failed to give a valid answer; the detail says what its server answered',
  503: 'The model server is busy (it answered 429), or a service the API depends on did not answer; `Retry-After` says when to try again',
};

/** What a problem status means, for the OpenAPI document. */
export const problemDescription = (status: number) => PROBLEM_DESCRIPTIONS[status] ?? 'Error';

/** The OpenAPI response of one problem status. */
interface ProblemResponse {
  content: { 'application/problem+json': { schema: typeof ProblemSchema } };
  description: string;
}

/**
 * Problem-details responses for the OpenAPI document, by status. Keyed by the literal statuses so
 * that `hono/client` types each of them (`res.status === 404` narrows to a problem body).
 */
export function problems<const Status extends number>(...statuses: Status[]) {
  return Object.fromEntries(
    statuses.map((status) => [
      status,
      { content: { 'application/problem+json': { schema: ProblemSchema } }, description: problemDescription(status) },
    ]),
  ) as Record<Status, ProblemResponse>;
}

/** The security requirement of routes that need a key. */
export const bearer = [{ bearerAuth: [] }];

/** The security requirement of routes where a key is optional: none, or a bearer key. */
export const optionalBearer = [{}, ...bearer];

/** Route middleware: a 401 unless the request carried a valid key. Types `caller` as set for the handler. */
export const requireCaller: MiddlewareHandler<AuthedEnv> = async (c, next) => {
  if (!c.get('caller')) throw unauthorized();
  await next();
};

const LOCATIONS = { json: 'body', query: 'query', param: 'path', header: 'header' } as const;

/** Turns a failed zod validation into a 400 problem that lists each invalid field. */
const validationHook: Hook<unknown, AppEnv, string, unknown> = (result) => {
  if (result.success) return;
  const location = LOCATIONS[result.target as keyof typeof LOCATIONS] ?? 'body';
  const errors: FieldError[] = result.error.issues.map((issue) => ({
    location,
    pointer: '#' + issue.path.map((part) => '/' + String(part)).join(''),
    detail: issue.message,
  }));
  throw badRequest(`The request ${location} is not valid.`, errors);
};

/** A router whose routes validate with the API's problem format. */
export function createRouter() {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
}

/** `{ success: true }`, the answer of deletions. */
export const SuccessSchema = z.object({ success: z.literal(true) }).openapi('Success');

/** An ISO 8601 UTC time (`format: date-time`), as every `...At` field of the API is. */
export const timestamp = z.iso.datetime().openapi({ example: '2026-11-29T10:15:30.000Z' });

/** A UUID path parameter. */
export function uuidParam(name: string) {
  return z.string().uuid().openapi({ param: { name, in: 'path' }, example: '019b0b3c-5f1e-7000-8a3d-1c2b4e5f6a7b' });
}

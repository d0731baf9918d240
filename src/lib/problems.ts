/** RFC 9457 problem details: the one error shape of the API, thrown as `Problem` and written once by `app.onError`. */
import { z } from '@hono/zod-openapi';

/** One invalid field of a request, located by a JSON pointer into the part it came from. */
export interface FieldError {
  location: 'body' | 'query' | 'path' | 'header';
  pointer: string;
  detail: string;
}

const PROBLEM_BASE = 'https://promptax.dev/problems/';

/** An expected failure. Throw it from anywhere; `app.onError` turns it into `application/problem+json`. */
export class Problem extends Error {
  constructor(
    readonly status: number,
    readonly slug: string,
    readonly title: string,
    readonly detail: string,
    readonly extra: { errors?: FieldError[]; headers?: Record<string, string>; [key: string]: unknown } = {},
  ) {
    super(detail);
  }

  get type(): string {
    return PROBLEM_BASE + this.slug;
  }
}

/** @example throw badRequest('The request is not valid.', [{ location: 'body', pointer: '#/name', detail: 'Required' }]) */
export const badRequest = (detail: string, errors?: FieldError[]) =>
  new Problem(400, 'validation', 'Invalid request', detail, errors ? { errors } : {});

export const unauthorized = (detail = 'Send a valid API key as `Authorization: Bearer ptx_...`.') =>
  new Problem(401, 'unauthorized', 'Unauthorized', detail, { headers: { 'WWW-Authenticate': 'Bearer realm="promptax"' } });

export const forbidden = (detail: string) => new Problem(403, 'forbidden', 'Forbidden', detail);

/** @example throw notFound('project') */
export const notFound = (resource: string) =>
  new Problem(404, 'not-found', 'Not found', `No ${resource} with that id exists, or it belongs to another organisation.`);

export const conflict = (detail: string) => new Problem(409, 'conflict', 'Conflict', detail);

export const payloadTooLarge = (detail: string) => new Problem(413, 'payload-too-large', 'Payload too large', detail);

export const unprocessable = (detail: string) => new Problem(422, 'unprocessable', 'Unprocessable request', detail);

/** A 503: the model server asked us to slow down; `retryAfter` seconds is when to try again. */
export const modelBusy = (retryAfter: number, detail: string) =>
  new Problem(503, 'model-busy', 'The model server is busy', detail, { headers: { 'Retry-After': String(retryAfter) } });

/** The response schema of every error, for the OpenAPI document. */
export const ProblemSchema = z
  .object({
    type: z.string().url(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    instance: z.string().optional(),
    errors: z
      .array(z.object({ location: z.enum(['body', 'query', 'path', 'header']), pointer: z.string(), detail: z.string() }))
      .optional(),
  })
  .openapi('Problem');

/** Serialises a problem as an RFC 9457 response. */
export function problemResponse(problem: Problem, instance: string): Response {
  const { headers, ...members } = problem.extra;
  const body = { type: problem.type, title: problem.title, status: problem.status, detail: problem.detail, instance, ...members };
  return new Response(JSON.stringify(body), {
    status: problem.status,
    headers: { 'content-type': 'application/problem+json', ...headers },
  });
}

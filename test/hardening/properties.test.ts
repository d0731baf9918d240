// Property tests over every operation of /openapi.json: path, query and body generated from the
// operation's schemas, within them and outside them (wrong types, extra and missing fields, huge
// and odd strings, text that is not JSON, other content types, other keys), and whatever is sent
// the answer is a 2xx or a 4xx problem document, never a 5xx, never a stack trace.
import { exports } from 'cloudflare:workers';
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { API, createUser } from '../helpers';
import { A_WEBHOOK, FIXTURES } from './fixtures';
import { bodyOf, describeRequest, expectWellFormed, fillPath, loadOperations, pathParamsOf, queryOf } from './openapi';
import type { Mode, Operation, PathValue, SentBody } from './openapi';

const operations = await loadOperations();

/** Generated requests per operation: bounded so that the file runs in about a minute on two cores. */
const RUNS = 40;
/** Fewer for operations whose every valid request runs the engine over a project, or a sandbox. */
const FEWER_RUNS: Record<string, number> = {
  'POST /api/self-heal/fix': 20,
  'POST /api/projects/{projectId}/generate': 25,
  'POST /api/projects/{projectId}/plans': 25,
  'POST /api/tis/match': 25,
};

/** Body values the API defines elsewhere than in the schema (GET /api/models, the catalog, its tech), by the field that takes them. */
const KNOWN = { model: 'offline', templateId: 'todo-list', techStack: ['html', 'css'], ...A_WEBHOOK };

/** Who a request claims to be. `valid`: the owner. `any`: also another organisation, nobody, or a broken header. */
function authorizationOf(owner: string, stranger: string, mode: Mode) {
  if (mode === 'valid') return fc.constant(`Bearer ${owner}`);
  return fc.oneof(
    { weight: 3, arbitrary: fc.constant(`Bearer ${owner}`) },
    { weight: 1, arbitrary: fc.constant(`Bearer ${stranger}`) },
    { weight: 1, arbitrary: fc.constantFrom(null, 'Bearer', `Basic ${btoa('a:b')}`, `Bearer ${owner} extra`, 'Bearer ptx_', `bearer ${owner.slice(0, -1)}`) },
  );
}

interface GeneratedRequest {
  params: Record<string, PathValue>;
  query: string;
  sent: SentBody;
  authorization: string | null;
  accept: string | null;
  idempotencyKey: string | null;
  ip: string;
}

/** Requests for an operation: half with every part valid, half with any part possibly wrong. */
function requestsOf(operation: Operation, ids: Record<string, string>, owner: string, stranger: string): fc.Arbitrary<GeneratedRequest> {
  const made = (mode: Mode) =>
    fc.record({
      params: pathParamsOf(operation, ids, mode),
      query: queryOf(operation, ids, mode),
      sent: bodyOf(operation, { ...KNOWN, ...ids }, mode),
      authorization: authorizationOf(owner, stranger, mode),
      // A stream is read for two seconds at most (expectWellFormed).
      accept: fc.option(fc.constantFrom('application/json', 'text/event-stream', '*/*', 'text/html', 'application/problem+json'), { freq: 3 }),
      idempotencyKey: fc.option(mode === 'valid' ? fc.stringMatching(/^[\x21-\x7e]{1,64}$/) : fc.string({ maxLength: 300 }), { freq: 5 }),
      // Many clients: per-IP limits are not what this test is about.
      ip: fc.ipV4(),
    });
  return fc.oneof(made('valid'), made('any'));
}

/** Sends one generated request the way a client would; answers the response and the request as text. */
function send(operation: Operation, request: GeneratedRequest) {
  const headers = new Headers({ 'CF-Connecting-IP': request.ip });
  if (request.authorization) headers.set('Authorization', request.authorization);
  if (request.accept) headers.set('Accept', request.accept);
  if (request.sent.contentType) headers.set('content-type', request.sent.contentType);
  if (request.idempotencyKey !== null) headers.set('Idempotency-Key', request.idempotencyKey);
  // A GET has no body; any other method may carry one the operation does not expect.
  const body = operation.method === 'GET' ? null : request.sent.body;
  const url = API + fillPath(operation, request.params) + request.query;
  return { response: exports.default.fetch(new Request(url, { method: operation.method, headers, body })), text: describeRequest(operation.method, url, headers, body) };
}

describe('any input', () => {
  it.each(operations.map((operation) => [operation.key, operation] as const))(
    '%s: answers a 2xx or a 4xx problem, never a 5xx or a stack trace',
    async (_key, operation) => {
      const [owner, stranger] = await Promise.all([createUser('Owner'), createUser('Stranger')]);
      const ids = (await FIXTURES[operation.key]?.(owner))?.ids ?? {};
      const property = fc.asyncProperty(requestsOf(operation, ids, owner.key, stranger.key), async (request) => {
        const { response, text } = send(operation, request);
        await expectWellFormed(await response, text);
      });
      await fc.assert(property, { numRuns: FEWER_RUNS[operation.key] ?? RUNS });
    },
    120_000,
  );
});

// The API as /openapi.json describes it: its operations, discovered rather than listed, and
// fast-check arbitraries for their inputs, within the schemas and deliberately outside them.
import fc from 'fast-check';
import { expect } from 'vitest';
import { MAX_BODY_BYTES } from '../../src/app';
import { API, call } from '../helpers';

/** The part of JSON Schema (OpenAPI 3.1) the zod schemas of this API produce. */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
  default?: unknown;
  allOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  $ref?: string;
}

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required: boolean;
  schema: JsonSchema;
}

export interface Operation {
  /** `METHOD /path/{param}`, as tests name it. */
  key: string;
  method: string;
  path: string;
  /** Whether the document says the operation needs a key (not when it is optional). */
  secured: boolean;
  parameters: Parameter[];
  body: { contentType: string; schema: JsonSchema } | null;
  /** Whether a success can be an SSE stream. */
  streams: boolean;
}

interface OpenApiOperation {
  security?: unknown[];
  parameters?: (Parameter & { $ref?: string })[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
  responses?: Record<string, { content?: Record<string, unknown> }>;
}

interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch'];

/** A schema with every `$ref` replaced by what it names and every `allOf` merged into one object schema. */
function resolve(schema: JsonSchema, components: Record<string, JsonSchema>, seen: string[] = []): JsonSchema {
  if (schema.$ref) {
    const name = schema.$ref.replace('#/components/schemas/', '');
    if (seen.includes(name)) throw new Error(`Recursive schema ${name}: the mapper does not generate recursive values`);
    return resolve(components[name]!, components, [...seen, name]);
  }
  const again = (inner: JsonSchema) => resolve(inner, components, seen);
  if (schema.allOf) {
    const parts = schema.allOf.map(again);
    return {
      type: 'object',
      properties: Object.assign({}, ...parts.map((part) => part.properties ?? {})),
      required: parts.flatMap((part) => part.required ?? []),
    };
  }
  return {
    ...schema,
    ...(schema.properties ? { properties: Object.fromEntries(Object.entries(schema.properties).map(([key, inner]) => [key, again(inner)])) } : {}),
    ...(schema.items ? { items: again(schema.items) } : {}),
    ...(typeof schema.additionalProperties === 'object' ? { additionalProperties: again(schema.additionalProperties) } : {}),
    ...(schema.anyOf ? { anyOf: schema.anyOf.map(again) } : {}),
    ...(schema.oneOf ? { oneOf: schema.oneOf.map(again) } : {}),
  };
}

/**
 * Every operation of the running API's OpenAPI document, fetched through the Worker.
 *
 * @example const operations = await loadOperations(); operations.map((operation) => operation.key)
 */
export async function loadOperations(): Promise<Operation[]> {
  const response = await call('/openapi.json');
  expect(response.status).toBe(200);
  const document = await response.json<OpenApiDocument>();
  const components = document.components?.schemas ?? {};
  return Object.entries(document.paths).flatMap(([path, item]) =>
    METHODS.filter((method) => item[method]).map((method): Operation => {
      const operation = item[method]!;
      const [contentType, media] = Object.entries(operation.requestBody?.content ?? {})[0] ?? [];
      return {
        key: `${method.toUpperCase()} ${path}`,
        method: method.toUpperCase(),
        path,
        // `[{}, { bearerAuth: [] }]` is OpenAPI for "a key is optional".
        secured: (operation.security ?? []).length > 0 && !(operation.security ?? []).some((requirement) => Object.keys(requirement as object).length === 0),
        parameters: (operation.parameters ?? []).map((parameter) => ({
          name: parameter.name,
          in: parameter.in,
          required: parameter.required ?? false,
          schema: resolve(parameter.schema ?? {}, components),
        })),
        body: contentType ? { contentType, schema: resolve(media?.schema ?? {}, components) } : null,
        streams: Object.values(operation.responses ?? {}).some((answer) => Object.keys(answer.content ?? {}).includes('text/event-stream')),
      };
    }),
  );
}

/** A path parameter's value: text, percent-encoded when filled in, or `raw` text put in the path as it is. */
export type PathValue = string | { raw: string };

/** The path with its parameters filled in, each percent-encoded (except the slashes of a file path) unless it is raw. */
export function fillPath(operation: Operation, params: Record<string, PathValue>): string {
  return operation.path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`${operation.key}: no value for the path parameter ${name}`);
    return typeof value === 'string' ? value.split('/').map(encodeURIComponent).join('/') : value.raw;
  });
}

export const pathParameters = (operation: Operation) => operation.parameters.filter((parameter) => parameter.in === 'path');
export const queryParameters = (operation: Operation) => operation.parameters.filter((parameter) => parameter.in === 'query');

const typesOf = (schema: JsonSchema): string[] => {
  if (Array.isArray(schema.type)) return schema.type;
  if (schema.type) return [schema.type];
  if (schema.properties) return ['object'];
  return [];
};

/** Text a person might type: mostly printable, sometimes any code point, once in a while a control character. */
const text = (constraints: { minLength?: number; maxLength?: number }) =>
  fc.oneof(
    { weight: 4, arbitrary: fc.string({ ...constraints, unit: 'grapheme' }) },
    { weight: 1, arbitrary: fc.string({ ...constraints, unit: 'binary' }) },
    { weight: 1, arbitrary: fc.string({ ...constraints, unit: fc.constantFrom('\u0000', '\n', '\t', '\u202e', '\ufeff', ' ', '"', '\\', '%', '/') }) },
  );

/** Strings of a string schema: its format, its length limits (generated lengths capped at 200, the limits themselves included). */
function stringOf(schema: JsonSchema): fc.Arbitrary<string> {
  if (schema.format === 'uuid') return fc.uuid();
  if (schema.format === 'uri') return fc.webUrl();
  if (schema.format === 'email') return fc.emailAddress();
  if (schema.format === 'date-time') return fc.date({ min: new Date('1970-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((date) => date.toISOString());
  if (schema.pattern) return fc.stringMatching(new RegExp(schema.pattern));
  const minLength = schema.minLength ?? 0;
  const maxLength = Math.min(schema.maxLength ?? 200, Math.max(minLength, 200));
  const atTheLimits = [minLength, schema.maxLength].filter((length): length is number => length !== undefined && length > 0);
  return fc.oneof(
    { weight: 8, arbitrary: text({ minLength, maxLength }) },
    { weight: 1, arbitrary: fc.constantFrom(...(atTheLimits.length > 0 ? atTheLimits : [1])).map((length) => 'x'.repeat(length)) },
  );
}

function numberOf(schema: JsonSchema, integer: boolean): fc.Arbitrary<number> {
  const min = schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + (integer ? 1 : Number.EPSILON) : undefined);
  const max = schema.maximum ?? (schema.exclusiveMaximum !== undefined ? schema.exclusiveMaximum - (integer ? 1 : Number.EPSILON) : undefined);
  if (integer) return fc.integer({ min: min ?? -1_000_000, max: max ?? 1_000_000 });
  return fc.double({ min: min ?? -1e9, max: max ?? 1e9, noNaN: true, noDefaultInfinity: true });
}

/**
 * Values that satisfy the schema's types and limits (not its refinements, which the document
 * cannot say: a blank message, say, is in-schema here and a 400 at the API).
 *
 * @example fc.sample(valueOf({ type: 'string', format: 'uuid' }), 1)
 */
export function valueOf(schema: JsonSchema): fc.Arbitrary<unknown> {
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) return fc.oneof(...alternatives.map(valueOf));
  const types = typesOf(schema);
  if (types.length === 0) return fc.jsonValue({ maxDepth: 2 });
  return fc.oneof(
    ...types.map((type): fc.Arbitrary<unknown> => {
      switch (type) {
        case 'string':
          return stringOf(schema);
        case 'integer':
          return numberOf(schema, true);
        case 'number':
          return numberOf(schema, false);
        case 'boolean':
          return fc.boolean();
        case 'null':
          return fc.constant(null);
        case 'array':
          return fc.array(valueOf(schema.items ?? {}), { minLength: schema.minItems ?? 0, maxLength: Math.min(schema.maxItems ?? 8, 8) });
        case 'object':
          return objectOf(schema);
        default:
          throw new Error(`The schema mapper has no case for type ${type}`);
      }
    }),
  );
}

/** Objects of an object schema; a property named like one of `known` (`projectId`, say) mostly gets that real value. */
function objectOf(schema: JsonSchema, known: Record<string, unknown> = {}): fc.Arbitrary<Record<string, unknown>> {
  const properties = schema.properties ?? {};
  if (Object.keys(properties).length === 0 && typeof schema.additionalProperties === 'object') {
    return fc.dictionary(fc.string({ maxLength: 20 }), valueOf(schema.additionalProperties), { maxKeys: 5 });
  }
  const propertyOf = (key: string, inner: JsonSchema) =>
    known[key] === undefined ? valueOf(inner) : fc.oneof({ weight: 3, arbitrary: fc.constant(known[key]) }, { weight: 1, arbitrary: valueOf(inner) });
  const record = Object.fromEntries(Object.entries(properties).map(([key, inner]) => [key, propertyOf(key, inner)]));
  return fc.record(record, { requiredKeys: (schema.required ?? []).filter((key) => key in properties) });
}

/** A value of none of the schema's types. */
export function wrongTypeOf(schema: JsonSchema): fc.Arbitrary<unknown> {
  const types = new Set(typesOf(schema));
  const candidates: [string, fc.Arbitrary<unknown>][] = [
    ['string', fc.string({ maxLength: 10 })],
    ['number', fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constantFrom(-0, 1e308, -1e308, 0.5))],
    ['boolean', fc.boolean()],
    ['null', fc.constant(null)],
    ['array', fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 3 })],
    ['object', fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 })],
  ];
  const wrong = candidates.filter(([type]) => !types.has(type) && !(type === 'number' && types.has('integer')));
  return fc.oneof(...wrong.map(([, arbitrary]) => arbitrary));
}

/** Just past the schema's limits: one character, item or unit too many or too few, a fraction for an integer. */
function pastTheLimits(schema: JsonSchema): fc.Arbitrary<unknown> | null {
  const options: unknown[] = [];
  if (schema.maxLength !== undefined) options.push('y'.repeat(schema.maxLength + 1));
  if (schema.minLength !== undefined && schema.minLength > 0) options.push('y'.repeat(schema.minLength - 1));
  if (schema.maximum !== undefined) options.push(schema.maximum + 1);
  if (schema.minimum !== undefined) options.push(schema.minimum - 1);
  if (typesOf(schema).includes('integer')) options.push(1.5);
  if (schema.enum) options.push('not-one-of-them');
  if (schema.format === 'uuid') options.push('019b0b3c-5f1e-7000-8a3d-1c2b4e5f6a7', '../../etc/passwd');
  if (schema.maxItems !== undefined) options.push(Array.from({ length: schema.maxItems + 1 }, () => 'item'));
  return options.length > 0 ? fc.constantFrom(...options) : null;
}

/** A body object with one thing wrong: a property of the wrong type or past its limits, a required one missing, or one the schema does not know. */
function brokenObjectOf(schema: JsonSchema, known: Record<string, unknown>): fc.Arbitrary<unknown> {
  const properties = Object.entries(schema.properties ?? {});
  const valid = objectOf(schema, known);
  const variants: fc.Arbitrary<unknown>[] = [
    fc.tuple(valid, fc.string({ minLength: 1, maxLength: 12 }), fc.jsonValue({ maxDepth: 2 })).map(([body, key, value]) => ({ ...body, [key]: value })),
    // JSON.parse makes `__proto__` an own property, as a request body would.
    fc.tuple(valid, fc.constantFrom('__proto__', 'constructor', 'prototype')).map(([body, key]) => ({ ...JSON.parse(`{"${key}": {"polluted": true}}`), ...body })),
  ];
  for (const [key, inner] of properties) {
    variants.push(fc.tuple(valid, wrongTypeOf(inner)).map(([body, value]) => ({ ...body, [key]: value })));
    variants.push(valid.map((body) => ({ ...body, [key]: deeplyNested() })));
    const past = pastTheLimits(inner);
    if (past) variants.push(fc.tuple(valid, past).map(([body, value]) => ({ ...body, [key]: value })));
    if (schema.required?.includes(key)) {
      variants.push(valid.map((body) => Object.fromEntries(Object.entries(body).filter(([name]) => name !== key))));
    }
  }
  return fc.oneof(...variants);
}

/** An array nested 5,000 deep: recursion over a parsed body (a stringify, a validator) must not run out of stack. */
const deeplyNested = (): unknown => JSON.parse('['.repeat(5_000) + ']'.repeat(5_000));

/** A request body as sent: its content type (null for none) and its bytes. */
export interface SentBody {
  contentType: string | null;
  body: string | Uint8Array | null;
}

let oversized: string | undefined;
/** One byte over the API's body limit, built once. */
const overTheLimit = () => (oversized ??= JSON.stringify({ content: 'z'.repeat(MAX_BODY_BYTES) }));

/** Bodies no schema allows: not JSON, cut-off JSON, the wrong content type, nothing at all, too big. */
const garbageBody = (contentType: string): fc.Arbitrary<SentBody> =>
  fc.oneof(
    fc.string({ maxLength: 200, unit: 'binary' }).map((body) => ({ contentType, body })),
    fc.jsonValue({ maxDepth: 3 }).map((value) => ({ contentType, body: JSON.stringify(value) })),
    fc.jsonValue({ maxDepth: 3 }).map((value) => ({ contentType, body: JSON.stringify(value).slice(0, -1) })),
    fc.constantFrom('', '{', '{"a":', 'null', '[]', '{"a":1,}', "{'a': 1}", '\ufeff{}', '{"a": "\\ud800"}', '{"a": 1e999}', '['.repeat(100_000) + ']'.repeat(100_000)).map((body) => ({ contentType, body })),
    fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml', 'application/json; charset=latin1', 'APPLICATION/JSON').map((type) => ({ contentType: type, body: '{}' })),
    fc.constant({ contentType: null, body: '{}' }),
    fc.constant({ contentType: null, body: null }),
    fc.uint8Array({ maxLength: 64 }).map((bytes) => ({ contentType, body: bytes })),
    fc.constant(null).map(() => ({ contentType, body: overTheLimit() })),
  );

/**
 * How a generated request is made: `valid` keeps every part within the operation's schemas and
 * uses the real ids (so it reaches the handler's logic); `any` lets each part go wrong.
 */
export type Mode = 'valid' | 'any';

/**
 * Bodies for an operation. `valid`: within its schema. `any`: also one thing wrong, or garbage.
 * A body that is not JSON is sent raw (a hand-edited file, say). Properties named like `known`
 * mostly carry those real values (the owner's ids, say), so that requests reach past the checks.
 */
export function bodyOf(operation: Operation, known: Record<string, unknown>, mode: Mode): fc.Arbitrary<SentBody> {
  const none = fc.constant<SentBody>({ contentType: null, body: null });
  if (!operation.body) return mode === 'valid' ? none : fc.oneof({ weight: 2, arbitrary: none }, { weight: 1, arbitrary: garbageBody('application/json') });
  const { contentType, schema } = operation.body;
  if (contentType !== 'application/json') {
    const raw = valueOf(schema).map((value) => ({ contentType, body: typeof value === 'string' ? value : JSON.stringify(value) }));
    return mode === 'valid' ? raw : fc.oneof(raw, garbageBody(contentType));
  }
  const asJson = (value: unknown): SentBody => ({ contentType, body: JSON.stringify(value) });
  const valid = (schema.properties ? objectOf(schema, known) : valueOf(schema)).map(asJson);
  if (mode === 'valid') return valid;
  return fc.oneof(
    { weight: 1, arbitrary: valid },
    { weight: 2, arbitrary: (schema.properties ? brokenObjectOf(schema, known) : wrongTypeOf(schema)).map(asJson) },
    { weight: 2, arbitrary: garbageBody(contentType) },
  );
}

/** Query strings. `valid`: documented parameters within their schemas. `any`: also past them, odd text, undocumented and repeated parameters. */
export function queryOf(operation: Operation, ids: Record<string, string>, mode: Mode): fc.Arbitrary<string> {
  const asText = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));
  const pairs = queryParameters(operation).map((parameter) => {
    const real = ids[parameter.name] === undefined ? [] : [{ weight: 3, arbitrary: fc.constant(ids[parameter.name]!) }];
    const wrong = [
      { weight: 2, arbitrary: pastTheLimits(parameter.schema)?.map(asText) ?? fc.string({ maxLength: 10 }) },
      { weight: 1, arbitrary: text({ maxLength: 30 }) },
    ];
    const value = fc.oneof(...real, { weight: 3, arbitrary: valueOf(parameter.schema).map(asText) }, ...(mode === 'valid' ? [] : wrong));
    return fc.option(value.map((chosen): [string, string] => [parameter.name, chosen]));
  });
  const extra = mode === 'valid' ? fc.constant(null) : fc.option(fc.tuple(fc.string({ minLength: 1, maxLength: 10 }), fc.string({ maxLength: 10 })));
  // Raw text after the query: broken percent-encodings, array syntax, empty names.
  const raw = mode === 'valid' ? fc.constant('') : fc.option(fc.constantFrom('&limit=%', '&cursor=%ff', '&limit[]=1', '&=&&=', '&limit=%00', '&limit=1e3', '&limit=0x10'), { nil: '' });
  return fc.tuple(fc.tuple(...pairs), extra, fc.boolean(), raw).map(([chosen, unknown, repeat, tail]) => {
    const query = new URLSearchParams();
    for (const pair of [...chosen, unknown]) if (pair) query.append(pair[0], pair[1]);
    // The same parameter twice: which one wins must not matter to safety.
    if (mode === 'any' && repeat && chosen[0]) query.append(chosen[0][0], chosen[0][1]);
    return query.size > 0 || tail ? `?${query}${tail}` : '';
  });
}

/** Path parameter values. `valid`: the real ones. `any`: also any UUID, and strings that are not ids at all. */
export function pathParamsOf(operation: Operation, real: Record<string, string>, mode: Mode): fc.Arbitrary<Record<string, PathValue>> {
  const record = Object.fromEntries(
    pathParameters(operation).map((parameter) => {
      const own = fc.constant<PathValue>(real[parameter.name] ?? '019b0b3c-5f1e-7000-8a3d-1c2b4e5f6a7b');
      if (mode === 'valid') return [parameter.name, own];
      return [
        parameter.name,
        fc.oneof(
          { weight: 3, arbitrary: own },
          { weight: 1, arbitrary: valueOf(parameter.schema).map(String) },
          { weight: 1, arbitrary: text({ minLength: 1, maxLength: 40 }) },
          { weight: 1, arbitrary: fc.constantFrom('..', '.', '%2e%2e', 'a/../../b', 'x'.repeat(300), '\u0000', 'null', 'undefined', '0') },
          // Broken and sneaky percent-encodings, put in the path as they are.
          { weight: 1, arbitrary: fc.constantFrom('%', '%ff', '%E0%A4%A', '%00', '%2F', '..%2F..%2Fetc', '%u0041', '%C0%AE%C0%AE').map((raw) => ({ raw })) },
        ),
      ];
    }),
  );
  return fc.record(record);
}

/** A stack trace, or an error's own text, leaking into a response. */
const STACK_TRACE = /(\n\s*at \S.*[:(]\d+:\d+\)?)|(\bat \S+ \(\S+\.[jt]s:\d+)|(\S+\.ts:\d+:\d+)|(\b[A-Z][a-zA-Z]*Error: .*\n\s+at )/;

/**
 * Reads at most `maxBytes` of a body and for at most `timeoutMs`, then lets go: SSE streams end
 * when their job does, and a test must not wait for that.
 */
export async function readSome(response: Response, timeoutMs = 2_000, maxBytes = 256 * 1024): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  const deadline = Date.now() + timeoutMs;
  while (text.length < maxBytes) {
    const left = deadline - Date.now();
    if (left <= 0) break;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const next = await Promise.race([
      reader.read(),
      new Promise<null>((resolve) => {
        timer = setTimeout(() => resolve(null), left);
      }),
    ]);
    clearTimeout(timer);
    if (!next || next.done) break;
    text += decoder.decode(next.value, { stream: true });
  }
  await reader.cancel().catch(() => undefined);
  return text;
}

/**
 * The promise every answer keeps: a 2xx, or a 4xx `application/problem+json` with type, title,
 * status and detail; never a 5xx, never a stack trace. Throws with the request and the answer when
 * it is broken, so that fast-check can shrink the request.
 */
export async function expectWellFormed(response: Response, request: string): Promise<void> {
  const body = await readSome(response);
  const fail = (why: string) => {
    throw new Error(`${request}\n→ ${response.status} ${response.headers.get('content-type')}: ${why}\n${body.slice(0, 600)}`);
  };
  if (response.status >= 500 || response.status < 200) fail('not a 2xx or a 4xx');
  if (STACK_TRACE.test(body)) fail('a stack trace in the body');
  if (response.status < 400) return;
  if (response.headers.get('content-type') !== 'application/problem+json') fail('a 4xx that is not a problem document');
  let problem: Record<string, unknown>;
  try {
    problem = JSON.parse(body) as Record<string, unknown>;
  } catch {
    return fail('a problem document that is not JSON');
  }
  for (const member of ['type', 'title', 'detail'] as const) if (typeof problem[member] !== 'string') fail(`no ${member} string`);
  if (problem.status !== response.status) fail('status member differs from the HTTP status');
}

/** A problem document of `status`, with the members every problem has. */
export async function expectProblem(response: Response, status: number): Promise<void> {
  const text = await response.text();
  expect(response.status, text).toBe(status);
  expect(response.headers.get('content-type')).toBe('application/problem+json');
  expect(JSON.parse(text)).toMatchObject({ status, title: expect.any(String), detail: expect.any(String), type: expect.any(String) });
}

/** The request a generated case sends, as text for a failure message. */
export function describeRequest(method: string, url: string, headers: Headers, body: SentBody['body']): string {
  const shown = body === null ? '' : typeof body === 'string' ? (body.length > 300 ? `${body.slice(0, 300)}… (${body.length} chars)` : body) : `<${body.byteLength} bytes>`;
  return `${method} ${url.replace(API, '')} [content-type: ${headers.get('content-type') ?? 'none'}] ${shown}`;
}

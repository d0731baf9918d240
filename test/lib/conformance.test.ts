// Every answer a journey through the API receives, checked against /openapi.json with ajv (JSON
// Schema 2020-12, as OpenAPI 3.1 uses): its status is declared for its operation, its media type
// is one the operation declares, its JSON body matches the schema, and its headers are the
// declared ones (the required present, each present one valid, none of the API's own undeclared).
import Ajv2020 from 'ajv/dist/2020';
import type { ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { beforeAll, describe, expect, it } from 'vitest';
import type { UIMessageChunk } from 'ai';
import { call, createUser, deliverMessages } from '../helpers';
import type { CallOptions, TestUser } from '../helpers';

interface MediaType {
  schema?: object;
}
interface Header {
  $ref?: string;
  required?: boolean;
  schema?: object;
}
interface ResponseObject {
  content?: Record<string, MediaType>;
  headers?: Record<string, Header>;
}
interface OperationObject {
  operationId: string;
  responses: Record<string, ResponseObject>;
}
interface Spec {
  paths: Record<string, Record<string, OperationObject>>;
  components: { headers: Record<string, Header> };
}

/** Headers this API sets on purpose: one of them on an answer whose response does not declare it is a finding. */
const API_HEADERS = ['x-request-id', 'link', 'retry-after', 'idempotent-replayed', 'x-vercel-ai-ui-message-stream', 'www-authenticate', 'etag', 'content-disposition'];

const pointer = (...parts: string[]) => '#/' + parts.map((part) => part.replaceAll('~', '~0').replaceAll('/', '~1')).join('/');

let spec: Spec;
let ajv: Ajv2020;
const validators = new Map<string, ValidateFunction>();
/** `operationId status` of every answer checked, to show what the journey covered. */
const seen = new Set<string>();
const findings: string[] = [];

function validatorFor(ref: string): ValidateFunction {
  let validate = validators.get(ref);
  if (!validate) {
    validate = ajv.compile({ $ref: 'openapi.json' + ref });
    validators.set(ref, validate);
  }
  return validate;
}

/** The operation that serves `method path`: path parameters are one segment, a file's path may be several. */
function operationOf(method: string, path: string): { template: string; operation: OperationObject } | null {
  for (const [template, item] of Object.entries(spec.paths)) {
    const operation = item[method.toLowerCase()];
    if (!operation) continue;
    const pattern = template.replace(/\{path\}/, '(?:.+)').replace(/\{[^}]+\}/g, '[^/]+');
    if (new RegExp(`^${pattern}$`).test(path)) return { template, operation };
  }
  return null;
}

/** Headers as OpenAPI's simple style reads them: an integer header is a number. */
function headerValue(value: string, schema: object | undefined): unknown {
  return (schema as { type?: string } | undefined)?.type === 'integer' ? Number(value) : value;
}

/** Checks one answer, its body already read as `body`, against the spec, recording every mismatch in `findings`. */
function conform(method: string, url: string, response: Response, body: string): void {
  const path = new URL(url).pathname;
  const found = operationOf(method, path);
  if (!found) {
    if (response.status !== 404) findings.push(`${method} ${path}: no operation, answered ${response.status}`);
    return;
  }
  const { template, operation } = found;
  const where = `${operation.operationId} ${response.status}`;
  seen.add(where);
  const declared = operation.responses[String(response.status)];
  if (!declared) {
    findings.push(`${where}: status not declared`);
    return;
  }
  const base = pointer('paths', template, method.toLowerCase(), 'responses', String(response.status));

  const mediaType = response.headers.get('content-type')?.split(';')[0]!.trim();
  if (!declared.content) {
    if (body !== '') findings.push(`${where}: a body where none is declared`);
  } else if (!mediaType || !declared.content[mediaType]) {
    findings.push(`${where}: media type ${mediaType} not declared (${Object.keys(declared.content).join(', ')})`);
  } else if (mediaType.endsWith('json')) {
    const validate = validatorFor(`${base}/content/${pointer(mediaType).slice(2)}/schema`);
    if (!validate(JSON.parse(body))) findings.push(`${where}: body ${ajv.errorsText(validate.errors)}`);
  }

  const headers = Object.fromEntries(Object.entries(declared.headers ?? {}).map(([name, header]) => [name.toLowerCase(), { name, header }]));
  for (const [lower, { name, header }] of Object.entries(headers)) {
    const resolved = header.$ref ? spec.components.headers[header.$ref.split('/').pop()!]! : header;
    const value = response.headers.get(lower);
    if (value === null) {
      if (resolved.required) findings.push(`${where}: required header ${name} missing`);
      continue;
    }
    const schemaRef = header.$ref ? `${pointer('components', 'headers', header.$ref.split('/').pop()!)}/schema` : `${base}/headers/${pointer(name).slice(2)}/schema`;
    const validate = validatorFor(schemaRef);
    if (!validate(headerValue(value, resolved.schema))) findings.push(`${where}: header ${name}: ${value} ${ajv.errorsText(validate.errors)}`);
  }
  for (const lower of API_HEADERS) {
    if (response.headers.has(lower) && !headers[lower]) findings.push(`${where}: header ${lower} sent but not declared`);
  }
}

/** `call`, with the answer read to its end (streams included) and checked against the spec; the answer is returned as read. */
async function checked(path: string, options: CallOptions = {}): Promise<Response> {
  const response = await call(path, options);
  const body = await response.text();
  const method = options.method ?? (options.body !== undefined ? 'POST' : 'GET');
  conform(method, 'http://localhost' + path, response, body);
  return new Response(response.status === 204 ? null : body, response);
}

async function checkedJson<T>(path: string, options: CallOptions = {}): Promise<T> {
  const response = await checked(path, options);
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return response.json<T>();
}

beforeAll(async () => {
  spec = await (await call('/openapi.json')).json<Spec>();
  ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema(spec, 'openapi.json');
});

describe('responses conform to /openapi.json', () => {
  let user: TestUser;

  it('a journey from idea to a live app, with chat, the consultant and errors, receives only answers the spec declares', async () => {
    user = await createUser();
    const key = user.key;
    await checkedJson('/api/auth/session', { key });
    await checkedJson('/api/auth/session');
    await checkedJson('/api/models', { key });
    await checkedJson('/api/tis/templates', { key });
    await checkedJson('/api/tis/match', { key, body: { description: 'a checklist of chores' } });

    const project = await checkedJson<{ id: string }>('/api/projects', { key, body: { name: 'Chores' }, headers: { 'Idempotency-Key': 'journey-1' } });
    const replay = await checked('/api/projects', { key, body: { name: 'Chores' }, headers: { 'Idempotency-Key': 'journey-1' } });
    expect(replay.headers.get('Idempotent-Replayed')).toBe('true');
    await checkedJson('/api/projects', { key, body: { name: 'Second' } });
    const firstPage = await checked('/api/projects?limit=1', { key });
    expect(firstPage.headers.get('Link')).toContain('rel="next"');
    const base = `/api/projects/${project.id}`;
    await checkedJson(base, { key });
    await checkedJson(base, { key, method: 'PUT', body: { description: 'A shared checklist of chores' } });

    const plan = await checkedJson<{ id: string; steps: { id: string }[] }>(`${base}/plans`, { key, body: { templateId: 'todo-list' } });
    await checkedJson(`${base}/plans`, { key });
    for (const step of plan.steps) await checkedJson(`${base}/generate`, { key, body: { planId: plan.id, stepId: step.id } });

    const listed = await checkedJson<{ path: string }[]>(`${base}/files`, { key });
    for (const { path } of listed) await checked(`${base}/files/${encodeURIComponent(path)}`, { key });
    await checked(`${base}/files/src/lib/todos.js`, { key });
    await checked(`${base}/files/${encodeURIComponent('notes/today.md')}`, { key, method: 'PUT', body: '# Today\n', headers: { 'content-type': 'text/plain' } });
    await checked(`${base}/archive`, { key });

    await checkedJson(`${base}/tests`, { key, body: { type: 'unit' } });
    const suites = await checkedJson<{ id: string }[]>(`${base}/tests`, { key });
    await deliverMessages('promptax-test-runs', suites.map((suite) => ({ suiteId: suite.id })));
    await checkedJson(`${base}/tests`, { key });
    await checked(`${base}/tests/events`, { key });

    const deployment = await checkedJson<{ id: string }>(`${base}/deployments`, { key, body: {} });
    await deliverMessages('promptax-deployments', [{ deploymentId: deployment.id }]);
    await checkedJson(`${base}/deployments/${deployment.id}`, { key });
    await checkedJson(`${base}/deployments`, { key });
    await checked(`${base}/deployments/${deployment.id}/events`, { key });

    await checkedJson(`${base}/chat`, { key, body: { content: 'What should I do next?' } });
    await checked(`${base}/chat`, { key, body: { content: 'Which files do I have?' }, headers: { Accept: 'text/event-stream' } });
    const question: { id: string; role: 'user'; parts: UIMessageChunk[] } = { id: 'sdk-question-1', role: 'user', parts: [] };
    const sdkBody = { id: project.id, messages: [{ ...question, parts: [{ type: 'text', text: 'And then?' }] }], trigger: 'submit-message' };
    await checked(`${base}/chat`, { key, body: sdkBody });
    await checked(`${base}/chat`, { key, body: { ...sdkBody, trigger: 'regenerate-message' } });
    await checked(`${base}/chat`, { key, body: sdkBody });
    await checkedJson(`${base}/chat`, { key });
    await checked(`${base}/chat/stream`, { key });
    await checked(`${base}/chat/${project.id}/stream`, { key });

    const session = await checkedJson<{ id: string }>('/api/agency', { key, body: { projectId: project.id } });
    await checkedJson(`/api/agency/${session.id}/message`, { key, body: { content: 'Who is this for?' } });
    await checked(`/api/agency/${session.id}/message`, { key, body: { content: 'How do I launch?' }, headers: { Accept: 'text/event-stream' } });
    await checkedJson(`/api/agency/${session.id}`, { key });
    await checkedJson('/api/agency', { key });
    await checked(`/api/agency/${session.id}/stream`, { key });
    await checked(`/api/agency/${session.id}/message/${session.id}/stream`, { key });

    await checkedJson('/api/self-heal/fix', { key, body: { projectId: project.id, code: 'const x = 1;\nx = 2;\n', errors: [], path: 'src/x.js' } });
    await checkedJson('/api/self-heal/status', { key });
    await checkedJson('/api/usage', { key });
    await checkedJson('/api/analytics/track', { key, body: { type: 'page_view' } });
    await checkedJson('/api/analytics/summary', { key });
    const webhook = await checkedJson<{ id: string }>('/api/webhooks', { key, body: { url: 'https://hooks.example.com/promptax', events: ['deployment.*'] } });
    await checkedJson(`/api/webhooks/${webhook.id}/deliveries`, { key });
    await checkedJson('/api/webhooks', { key });
    await checkedJson(`/api/webhooks/${webhook.id}`, { key, method: 'DELETE' });
    const created = await checkedJson<{ id: string }>('/api/auth/keys', { key, body: { name: 'second' } });
    await checkedJson('/api/auth/keys', { key });
    await checkedJson(`/api/auth/keys/${created.id}`, { key, method: 'DELETE' });

    // Errors, each a problem the operation declares.
    await checked('/api/projects');
    await checked('/api/projects', { key: 'ptx_not-a-key' });
    await checked(`/api/projects/${crypto.randomUUID()}`, { key });
    await checked('/api/projects/not-a-uuid', { key });
    await checked('/api/projects', { key, body: { name: '' } });
    await checked('/api/projects', { key, body: '{"name":', headers: { 'content-type': 'application/json' } });
    await checked('/api/projects', { key, body: 'name=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    await checked('/api/projects', { key, body: JSON.stringify({ name: 'x'.repeat(1024 * 1024 + 1) }) });
    await checked('/api/projects', { key, body: { name: 'Other' }, headers: { 'Idempotency-Key': 'journey-1' } });
    await checked(`${base}/chat`, { key, body: { ...sdkBody, messages: [{ ...question, parts: [{ type: 'text', text: 'Again?' }] }] } });
    await checked(`${base}/files/${encodeURIComponent('missing.js')}`, { key });
    await checked(`${base}/generate`, { key, body: { planId: plan.id, stepId: crypto.randomUUID() } });
    await checkedJson(base, { key, method: 'DELETE' });

    expect(findings).toEqual([]);
    // The journey reached most operations, and through more answers than operations.
    expect(new Set([...seen].map((where) => where.split(' ')[0])).size).toBeGreaterThanOrEqual(40);
    expect(seen.size).toBeGreaterThanOrEqual(55);
  });
});

// An OpenAI-compatible server on loopback that speaks the real Chat Completions wire protocol
// (JSON and SSE streams, `GET /models`), answering each scenario's scripted replies with the faults
// they name. Vitest starts it once in Node (globalSetup); tests in workerd reach it over HTTP.
import { createServer } from 'node:http';

/** Keywords that OpenAI's strict structured outputs refuse in a `json_schema`, as it refuses them. */
const STRICT_REFUSED = ['minLength', 'maxLength', 'minItems', 'maxItems', 'minimum', 'maximum', 'pattern', 'format'];

/** The first refused keyword used as a keyword (not as a property name) anywhere in a schema, or null. */
function refusedKeyword(schema) {
  if (Array.isArray(schema)) return schema.map(refusedKeyword).find(Boolean) ?? null;
  if (!schema || typeof schema !== 'object') return null;
  for (const [key, value] of Object.entries(schema)) {
    if (STRICT_REFUSED.includes(key)) return key;
    const nested = key === 'properties' || key === '$defs' || key === 'definitions' ? Object.values(value ?? {}) : value;
    const found = refusedKeyword(nested);
    if (found) return found;
  }
  return null;
}

const json = (res, status, body, headers = {}) => {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
};

/** An error as OpenAI sends it. */
const apiError = (res, status, message, headers = {}) =>
  json(res, status, { error: { message, type: status === 429 ? 'rate_limit_error' : 'invalid_request_error', code: null, param: null } }, headers);

const completionId = 'chatcmpl-stub';
const created = () => Math.floor(Date.now() / 1000);

/** One SSE event of a Chat Completions stream. */
const chunk = (model, delta, finishReason) =>
  `data: ${JSON.stringify({ id: completionId, object: 'chat.completion.chunk', created: created(), model, choices: [{ index: 0, delta, finish_reason: finishReason }] })}\n\n`;

/**
 * Answers one scripted reply to a chat completion request, streamed when it asked for a stream,
 * waiting `reply.delayMs` before each piece of a stream (a slow model, one a client can leave mid-answer).
 */
async function answer(res, request, reply) {
  if (reply.status) return apiError(res, reply.status, reply.message ?? 'error', reply.headers);
  const content = reply.content ?? '';
  const finishReason = reply.finishReason === undefined ? 'stop' : reply.finishReason;
  const usage = { prompt_tokens: 11, completion_tokens: Math.max(1, Math.ceil(content.length / 4)), total_tokens: 0 };
  usage.total_tokens = usage.prompt_tokens + usage.completion_tokens;
  if (!request.stream) {
    return json(res, 200, {
      id: completionId,
      object: 'chat.completion',
      created: created(),
      model: request.model,
      choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: finishReason }],
      usage,
    });
  }
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  res.write(chunk(request.model, { role: 'assistant', content: '' }, null));
  const pieces = content.match(/[\s\S]{1,8}/g) ?? [];
  for (const piece of pieces) {
    if (reply.delayMs) await new Promise((resolve) => setTimeout(resolve, reply.delayMs));
    res.write(chunk(request.model, { content: piece }, null));
  }
  // Cut off: the connection ends with no finish_reason, no usage and no [DONE].
  if (reply.cut) return res.end();
  res.write(chunk(request.model, {}, finishReason));
  if (request.stream_options?.include_usage) {
    res.write(`data: ${JSON.stringify({ id: completionId, object: 'chat.completion.chunk', created: created(), model: request.model, choices: [], usage })}\n\n`);
  }
  res.end('data: [DONE]\n\n');
}

/**
 * Scenarios, by id. A scenario: `replies` answered in order (then `fallback`, else a 500), `refuse`
 * (response_format types it answers 400 to, as servers without them do), `models` (what GET
 * /models lists, or `{ status, message }` to fail it), and every request it was sent.
 */
const scenarios = new Map();
let nextId = 1;

function route(req, res, body) {
  const url = new URL(req.url, 'http://stub');
  const parts = url.pathname.split('/').filter(Boolean);
  if (req.method === 'POST' && url.pathname === '/_scenarios') {
    const id = `s${nextId++}`;
    scenarios.set(id, { replies: [], refuse: [], models: ['stub-model'], fallback: null, ...JSON.parse(body || '{}'), requests: [] });
    return json(res, 201, { id });
  }
  if (parts[0] === '_scenarios' && parts[1]) {
    const scenario = scenarios.get(parts[1]);
    if (!scenario) return apiError(res, 404, 'no such scenario');
    if (req.method === 'GET' && parts[2] === 'requests') return json(res, 200, scenario.requests);
    if (req.method === 'POST' && parts[2] === 'replies') {
      scenario.replies.push(...JSON.parse(body));
      return json(res, 200, { queued: scenario.replies.length });
    }
  }
  const scenario = scenarios.get(parts[0]);
  if (!scenario || parts[1] !== 'v1') return apiError(res, 404, `Unknown path ${url.pathname}`);
  const endpoint = parts.slice(2).join('/');
  const request = body ? JSON.parse(body) : null;
  scenario.requests.push({ method: req.method, endpoint, authorization: req.headers.authorization ?? null, body: request });

  if (req.method === 'GET' && endpoint === 'models') {
    if (!Array.isArray(scenario.models)) return apiError(res, scenario.models.status, scenario.models.message);
    return json(res, 200, { object: 'list', data: scenario.models.map((id) => ({ id, object: 'model', created: 1, owned_by: 'stub' })) });
  }
  if (req.method !== 'POST' || endpoint !== 'chat/completions') return apiError(res, 404, `Unknown endpoint ${endpoint}`);
  const format = request.response_format?.type;
  if (format && scenario.refuse.includes(format)) {
    return apiError(res, 400, `response_format type '${format}' is not supported by this server; use one of: ${['json_schema', 'json_object', 'text'].filter((type) => !scenario.refuse.includes(type)).join(', ')}`);
  }
  if (format === 'json_schema' && request.response_format.json_schema?.strict) {
    const keyword = refusedKeyword(request.response_format.json_schema.schema);
    if (keyword) return apiError(res, 400, `Invalid schema for response_format '${request.response_format.json_schema.name}': '${keyword}' is not permitted.`);
  }
  const reply = scenario.replies.shift() ?? scenario.fallback;
  if (!reply) return apiError(res, 500, 'The stub has no reply scripted for this request');
  return answer(res, request, reply);
}

/** Starts the server on a free loopback port and gives the tests its origin as `modelServer`. */
export default async function setup(project) {
  const server = createServer((req, res) => {
    const body = [];
    req.on('data', (data) => body.push(data));
    req.on('end', () => route(req, res, Buffer.concat(body).toString('utf8')));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  project.provide('modelServer', `http://127.0.0.1:${server.address().port}`);
  return () =>
    new Promise((resolve) => {
      server.close(resolve);
      server.closeAllConnections();
    });
}

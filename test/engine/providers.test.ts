// Real model providers: the app against an OpenAI-compatible server on loopback (test/model-server)
// that speaks the Chat Completions wire protocol, with each fault switched on. For each: what the
// caller gets, that nothing half-made is stored, and that the next call works.
import { createExecutionContext, createMessageBatch, getQueueResult, runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import worker from '../../src/index';
import type { Bindings } from '../../src/app-env';
import type { AgencySession } from '../../src/durable-objects/agency-session';
import type { ChatSession } from '../../src/durable-objects/chat-session';
import { engineFor } from '../../src/engine/models';
import { GENERATE_PROMPT_BUDGET } from '../../src/engine/prompt-budget';
import type { BuildPlan } from '../../src/features/plans/service';
import type { TestSuite } from '../../src/features/tests/routes';
import { API, callJson, createProject, createUser, editFile } from '../helpers';
import type { TestUser } from '../helpers';
import { fetchWith, recordingQueue } from '../hardening/faulty-bindings';
import { scenario } from '../model-server/scenario';
import type { Scenario, ScenarioOptions, StubReply } from '../model-server/scenario';

const KEY = 'sk-stub-secret-0123456789';
const MODEL = 'openai:stub-model';

/** The app's settings for a scenario: its base URL and a key, calls cut off after 5 s. */
const configured = (stub: Scenario, extra: Partial<Bindings> = {}): Partial<Bindings> => ({
  OPENAI_BASE_URL: stub.baseUrl,
  OPENAI_API_KEY: KEY,
  MODEL_TIMEOUT_SECONDS: '5',
  ...extra,
});

/** A request to the app, configured for the scenario. */
function ask(user: TestUser, stub: Scenario, method: string, path: string, body?: unknown, extra: Partial<Bindings> = {}, headers: Record<string, string> = {}) {
  return fetchWith(
    configured(stub, extra),
    new Request(API + path, {
      method,
      headers: { Authorization: `Bearer ${user.key}`, 'content-type': 'application/json', ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    }),
  );
}

interface ProblemBody {
  status: number;
  detail: string;
}

const validPlan = {
  features: ['add-todos'],
  techStack: ['html', 'css', 'javascript'],
  steps: [
    { title: 'Logic', description: 'Todo functions', files: ['src/lib/todos.js'], dependsOn: [], features: ['add-todos'] },
    { title: 'Page', description: 'The page', files: ['index.html', 'styles.css'], dependsOn: ['Logic'], features: [] },
  ],
};

const todosModule = 'export function addTodo(list, title) {\n  return [...list, { title, done: false }];\n}\n';
const logicFiles = { files: [{ path: 'src/lib/todos.js', content: todosModule }] };
const pageFiles = {
  files: [
    { path: 'index.html', content: '<!doctype html>\n<html><head><link rel="stylesheet" href="styles.css"></head><body><h1>Todos</h1></body></html>\n' },
    { path: 'styles.css', content: 'body { font-family: sans-serif; }\n' },
  ],
};

const reply = (value: unknown): StubReply => ({ content: JSON.stringify(value) });

/** A user, a project, and a scenario on the stub server. */
async function setUp(options: ScenarioOptions = {}) {
  const user = await createUser();
  const project = await createProject(user, { name: 'Todos', description: 'A todo list' });
  return { user, project, stub: await scenario(options) };
}

const plansOf = (user: TestUser, projectId: string) => callJson<BuildPlan[]>(`/api/projects/${projectId}/plans`, { key: user.key });

describe('structured answers from any OpenAI-compatible server', () => {
  it('sends the schema without length, count, range, pattern or format keywords, which a strict server refuses', async () => {
    const { user, project, stub } = await setUp({ replies: [reply(validPlan)] });
    const response = await ask(user, stub, 'POST', `/api/projects/${project.id}/plans`, { templateId: 'todo-list', model: MODEL });
    expect(response.status).toBe(201);
    const [request] = await stub.completions();
    expect(request!.body!.response_format).toMatchObject({ type: 'json_schema', json_schema: { strict: true } });
    const sent = JSON.stringify(request!.body!.response_format!.json_schema!.schema);
    for (const keyword of ['minLength', 'maxLength', 'minItems', 'maxItems', 'minimum', 'maximum', 'pattern', 'format']) expect(sent).not.toContain(`"${keyword}"`);
  });

  it('still validates those keywords locally: an empty title is refused, asked again, and the valid answer stored', async () => {
    const invalid = { ...validPlan, steps: [{ ...validPlan.steps[0]!, title: '' }, validPlan.steps[1]!] };
    const { user, project, stub } = await setUp({ replies: [reply(invalid), reply(validPlan)] });
    expect((await ask(user, stub, 'POST', `/api/projects/${project.id}/plans`, { templateId: 'todo-list', model: MODEL })).status).toBe(201);
    const requests = await stub.completions();
    expect(requests).toHaveLength(2);
    expect(requests[1]!.body!.messages.at(-1)!.content).toContain('steps.0.title');
  });

  it('reads JSON in a ```json fence, with prose around it', async () => {
    const { user, project, stub } = await setUp({ replies: [{ content: `Here is the plan:\n\`\`\`json\n${JSON.stringify(validPlan, null, 2)}\n\`\`\`\nEnjoy!` }] });
    const response = await ask(user, stub, 'POST', `/api/projects/${project.id}/plans`, { templateId: 'todo-list', model: MODEL });
    expect(response.status).toBe(201);
    expect((await response.json<BuildPlan>()).steps.map((step) => step.title)).toEqual(['Logic', 'Page']);
    expect(await stub.completions()).toHaveLength(1);
  });

  it('a server that refuses json_schema completes plan, generate, tests and fix in JSON mode, asked first from then on', async () => {
    const { user, project, stub } = await setUp({ refuse: ['json_schema'], replies: [reply(validPlan)] });
    const planned = await ask(user, stub, 'POST', `/api/projects/${project.id}/plans`, { templateId: 'todo-list', model: MODEL });
    expect(planned.status).toBe(201);
    const plan = await planned.json<BuildPlan>();
    const formats = async () => (await stub.completions()).map((request) => request.body!.response_format?.type);
    expect(await formats()).toEqual(['json_schema', 'json_object']);
    // Without a schema sent, the prompt carries it.
    expect((await stub.completions())[1]!.body!.messages.at(-1)!.content).toContain('matches this JSON schema');

    await stub.reply(reply(logicFiles), reply(pageFiles));
    for (const step of plan.steps) {
      const generated = await ask(user, stub, 'POST', `/api/projects/${project.id}/generate`, { planId: plan.id, stepId: step.id, model: MODEL });
      expect(generated.status).toBe(200);
    }
    expect(await formats()).toEqual(['json_schema', 'json_object', 'json_object', 'json_object']);

    const { queue, sent } = recordingQueue<{ suiteId: string }>();
    const started = await ask(user, stub, 'POST', `/api/projects/${project.id}/tests`, { type: 'unit', model: MODEL }, { TEST_QUEUE: queue as unknown as Bindings['TEST_QUEUE'] });
    expect(started.status).toBe(202);
    const [planned_] = await callJson<TestSuite[]>(`/api/projects/${project.id}/tests`, { key: user.key });
    const cases = planned_!.tests.map((entry) => entry.name);
    const source = `export const tests = [\n${cases.map((name) => `  { name: ${JSON.stringify(name)}, run: async (t) => { t.ok(true); } },`).join('\n')}\n];\n`;
    await stub.reply(reply({ source }));
    const batch = createMessageBatch('promptax-test-runs', [{ id: 'run-1', timestamp: new Date(), attempts: 1, body: sent[0] }]);
    await worker.queue(batch, { ...env, ...configured(stub) });
    expect((await getQueueResult(batch, createExecutionContext())).retryMessages).toEqual([]);
    const [ran] = await callJson<TestSuite[]>(`/api/projects/${project.id}/tests`, { key: user.key });
    expect(ran!.status).toBe('passed');

    const broken = todosModule.replace('[...list,', '[...lst,');
    await stub.reply(reply({ code: todosModule, explanation: 'Renamed lst back to list.' }));
    const fixed = await ask(user, stub, 'POST', '/api/self-heal/fix', {
      projectId: project.id,
      code: broken,
      errors: [{ message: 'ReferenceError: lst is not defined' }],
      path: 'src/lib/todos.js',
      model: MODEL,
    });
    expect(fixed.status).toBe(200);
    expect(await fixed.json()).toMatchObject([{ status: 'fixed', fixedCode: todosModule }]);
    expect((await formats()).slice(2)).toEqual(Array(4).fill('json_object'));
  });

  it('asks in plain text with MODEL_STRUCTURED_OUTPUT=text, and in JSON mode with json_object', async () => {
    const { user, project, stub } = await setUp({ replies: [reply(validPlan), reply(validPlan)] });
    expect((await ask(user, stub, 'POST', `/api/projects/${project.id}/plans`, { templateId: 'todo-list', model: MODEL }, { MODEL_STRUCTURED_OUTPUT: 'text' })).status).toBe(201);
    expect((await ask(user, stub, 'POST', `/api/projects/${project.id}/plans`, { templateId: 'todo-list', model: MODEL }, { MODEL_STRUCTURED_OUTPUT: 'json_object' })).status).toBe(201);
    expect((await stub.completions()).map((request) => request.body!.response_format?.type)).toEqual([undefined, 'json_object']);
  });
});

describe('model server faults in structured calls', () => {
  const cases: { fault: string; replies: StubReply[]; status: number; detail: RegExp; retryAfter?: string }[] = [
    {
      fault: 'an HTTP 500 with a message quoting the key',
      replies: [{ status: 500, message: `The GPU fell over while serving key ${KEY}` }],
      status: 502,
      detail: /HTTP 500: The GPU fell over while serving key \[redacted\]/,
    },
    { fault: 'a 429', replies: [{ status: 429, message: 'Rate limit reached', headers: { 'retry-after': '1' } }], status: 503, detail: /HTTP 429: Rate limit reached/, retryAfter: '1' },
    { fault: 'an answer cut off at finish_reason length', replies: [{ content: '{"features": ["add', finishReason: 'length' }], status: 502, detail: /cut off at the output limit/ },
    { fault: 'an empty answer', replies: [{ content: '' }], status: 502, detail: /empty/ },
  ];

  for (const { fault, replies, status, detail, retryAfter } of cases) {
    it(`${fault}: ${status}, no plan stored, the project still a draft, and the next call works`, async () => {
      const { user, project, stub } = await setUp({ fallback: replies[0]! });
      const failed = await ask(user, stub, 'POST', `/api/projects/${project.id}/plans`, { templateId: 'todo-list', model: MODEL });
      expect(failed.status).toBe(status);
      expect(failed.headers.get('content-type')).toBe('application/problem+json');
      expect(failed.headers.get('retry-after')).toBe(retryAfter ?? null);
      const problem = await failed.json<ProblemBody>();
      expect(problem.detail).toMatch(detail);
      expect(problem.detail).not.toContain(KEY);
      expect(await plansOf(user, project.id)).toEqual([]);
      expect(await callJson(`/api/projects/${project.id}`, { key: user.key })).toMatchObject({ status: 'draft' });

      const healed = await scenario({ replies: [reply(validPlan)] });
      expect((await ask(user, healed, 'POST', `/api/projects/${project.id}/plans`, { templateId: 'todo-list', model: MODEL })).status).toBe(201);
    });
  }
});

interface Message {
  role: 'user' | 'assistant';
  content: string;
  status: string;
  usage: { inputTokens: number; outputTokens: number } | null;
}

/** Points a conversation's Durable Object at the scenario, over the wire like the Worker. */
async function chatFrom(projectId: string, stub: Scenario) {
  await runInDurableObject(env.CHAT.get(env.CHAT.idFromName(projectId)), (chat: ChatSession) => {
    chat.engineFor = (model, meter) => engineFor({ ...env, ...configured(stub) }, model, meter);
  });
}

async function consultationFrom(sessionId: string, stub: Scenario) {
  await runInDurableObject(env.AGENCY.get(env.AGENCY.idFromName(sessionId)), (agency: AgencySession) => {
    agency.engineFor = (model, meter) => engineFor({ ...env, ...configured(stub) }, model, meter);
  });
}

describe('conversation turns, told truthfully', () => {
  const cut: { fault: string; reply: StubReply }[] = [
    { fault: 'a stream cut off with no finish_reason', reply: { content: 'The first half of a long answer', cut: true } },
    { fault: 'a stream stopped at finish_reason length', reply: { content: 'The first half of a long answer', finishReason: 'length' } },
  ];

  for (const { fault, reply: first } of cut) {
    it(`chat, ${fault}: 200 with status incomplete and what arrived, kept out of the next prompt`, async () => {
      const { user, project, stub } = await setUp({ replies: [first, { content: 'A whole answer.' }] });
      await chatFrom(project.id, stub);
      const response = await ask(user, stub, 'POST', `/api/projects/${project.id}/chat`, { content: 'Tell me everything' });
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ status: 'incomplete', content: 'The first half of a long answer', model: MODEL });

      const next = await ask(user, stub, 'POST', `/api/projects/${project.id}/chat`, { content: 'And briefly?' });
      expect(await next.json()).toMatchObject({ status: 'complete', content: 'A whole answer.', usage: { inputTokens: 11, outputTokens: 4 } });
      const [, second] = await stub.completions();
      expect(second!.body!.model).toBe('stub-model');
      expect(second!.body!.messages.map((message) => message.content)).not.toContain('Tell me everything');
      const history = await callJson<Message[]>(`/api/projects/${project.id}/chat`, { key: user.key });
      expect(history.map((message) => message.status)).toEqual(['complete', 'incomplete', 'complete', 'complete']);
    });
  }

  // `sent`: how often the AI SDK sends the request (a 500 or 429 is retried once).
  const failures: { fault: string; reply: StubReply; sent: number; status: number; detail: RegExp }[] = [
    { fault: 'an empty reply', reply: { content: '' }, sent: 1, status: 502, detail: /answered nothing/ },
    { fault: 'an HTTP 500 with a message', reply: { status: 500, message: 'CUDA out of memory' }, sent: 2, status: 502, detail: /HTTP 500: CUDA out of memory/ },
    { fault: 'a 429', reply: { status: 429, message: 'Slow down', headers: { 'retry-after': '1' } }, sent: 2, status: 503, detail: /HTTP 429: Slow down/ },
  ];

  for (const { fault, reply: first, sent, status, detail } of failures) {
    it(`chat, ${fault}: ${status} saying so, the turn stored as error, out of the next prompt, and the next turn works`, async () => {
      const { user, project, stub } = await setUp({ replies: [...Array<StubReply>(sent).fill(first), { content: 'Here now.' }] });
      await chatFrom(project.id, stub);
      const failed = await ask(user, stub, 'POST', `/api/projects/${project.id}/chat`, { content: 'Are you there?' });
      expect(failed.status).toBe(status);
      expect((await failed.json<ProblemBody>()).detail).toMatch(detail);
      if (status === 503) expect(failed.headers.get('retry-after')).toBe('1');

      const next = await ask(user, stub, 'POST', `/api/projects/${project.id}/chat`, { content: 'Now?' });
      expect(await next.json()).toMatchObject({ status: 'complete', content: 'Here now.' });
      const last = (await stub.completions()).at(-1)!;
      expect(last.body!.messages.map((message) => message.content)).not.toContain('Are you there?');
      const history = await callJson<Message[]>(`/api/projects/${project.id}/chat`, { key: user.key });
      expect(history.map((message) => [message.status, message.usage === null])).toEqual([
        ['complete', true],
        ['error', true],
        ['complete', true],
        ['complete', false],
      ]);
    });
  }

  it('chat streamed, cut off: the finish part says incomplete, and an empty reply gets an error part', async () => {
    const { user, project, stub } = await setUp({ replies: [{ content: 'Half', cut: true }, { content: '' }] });
    await chatFrom(project.id, stub);
    const cutOff = await ask(user, stub, 'POST', `/api/projects/${project.id}/chat`, { content: 'Stream it' }, {}, { Accept: 'text/event-stream' });
    const text = await cutOff.text();
    expect(text).toContain('"status":"incomplete"');
    expect(text).not.toContain('"type":"error"');
    const empty = await ask(user, stub, 'POST', `/api/projects/${project.id}/chat`, { content: 'Again' }, {}, { Accept: 'text/event-stream' });
    const emptyText = await empty.text();
    expect(emptyText).toContain('"type":"error"');
    expect(emptyText).toContain('answered nothing');
  });

  it('consultant: AgencyMessage carries status and usage; cut off is incomplete, empty is a 502, and the next answer is complete', async () => {
    const { user, project, stub } = await setUp({ replies: [{ content: 'Your audience is', finishReason: 'length' }, { content: '' }, { content: 'Launch small.' }] });
    const session = await callJson<{ id: string }>('/api/agency', { key: user.key, body: { projectId: project.id }, expect: 201 });
    await consultationFrom(session.id, stub);
    const cutOff = await ask(user, stub, 'POST', `/api/agency/${session.id}/message`, { content: 'Who is it for?' });
    expect(await cutOff.json()).toMatchObject({ status: 'incomplete', content: 'Your audience is', usage: { inputTokens: 11 } });
    const empty = await ask(user, stub, 'POST', `/api/agency/${session.id}/message`, { content: 'And then?' });
    expect(empty.status).toBe(502);
    const next = await ask(user, stub, 'POST', `/api/agency/${session.id}/message`, { content: 'How do I launch?' });
    expect(await next.json()).toMatchObject({ status: 'complete', content: 'Launch small.' });
    const prompt = (await stub.completions()).at(-1)!.body!.messages.map((message) => message.content);
    expect(prompt).not.toContain('Who is it for?');
    expect(prompt).not.toContain('And then?');
    const read = await callJson<{ messageCount: number; messages: Message[] }>(`/api/agency/${session.id}`, { key: user.key });
    expect(read.messageCount).toBe(6);
    expect(read.messages.map((message) => message.status)).toEqual(['complete', 'incomplete', 'complete', 'error', 'complete', 'complete']);
  });
});

describe('the models of a compatible server', () => {
  it("lists the server's own models, the first the default, and a request with no model asks for it", async () => {
    const { user, project, stub } = await setUp({ models: ['qwen2.5-coder:7b', 'llama3.1:8b'], replies: [reply(validPlan)] });
    const models = await ask(user, stub, 'GET', '/api/models');
    expect(await models.json()).toEqual([
      { id: 'openai:qwen2.5-coder:7b', provider: 'openai', default: true },
      { id: 'offline', provider: 'promptax', default: false },
      { id: 'openai:llama3.1:8b', provider: 'openai', default: false },
    ]);
    const planned = await ask(user, stub, 'POST', `/api/projects/${project.id}/plans`, { templateId: 'todo-list' });
    expect(await planned.json()).toMatchObject({ model: 'openai:qwen2.5-coder:7b' });
    const requests = await stub.requests();
    expect(requests.filter((request) => request.endpoint === 'models')).toHaveLength(1);
    expect(requests.map((request) => request.body?.model).filter(Boolean)).toEqual(['qwen2.5-coder:7b']);
    expect(requests[0]!.authorization).toBe(`Bearer ${KEY}`);
  });

  it('DEFAULT_MODEL names the default instead', async () => {
    const { user, stub } = await setUp({ models: ['a', 'b'] });
    const models = await ask(user, stub, 'GET', '/api/models', undefined, { DEFAULT_MODEL: 'openai:b' });
    expect((await models.json<{ id: string; default: boolean }[]>()).filter((model) => model.default).map((model) => model.id)).toEqual(['openai:b']);
  });

  it('a server that cannot list its models is a 502 that says what it answered, and nothing asks it for gpt-4.1-mini', async () => {
    const { user, project, stub } = await setUp({ models: { status: 500, message: 'model registry offline' } });
    const models = await ask(user, stub, 'GET', '/api/models');
    expect(models.status).toBe(502);
    expect((await models.json<ProblemBody>()).detail).toContain('HTTP 500 to GET /models: model registry offline');
    const planned = await ask(user, stub, 'POST', `/api/projects/${project.id}/plans`, { templateId: 'todo-list' });
    expect(planned.status).toBe(502);
    expect(await stub.completions()).toEqual([]);
  });
});

describe('the generate prompt budget', () => {
  /** A project planned by the stub, with its first step generated. */
  async function planned(stub: Scenario, user: TestUser, projectId: string) {
    await stub.reply(reply(validPlan), reply(logicFiles));
    const plan = await (await ask(user, stub, 'POST', `/api/projects/${projectId}/plans`, { templateId: 'todo-list', model: MODEL })).json<BuildPlan>();
    expect((await ask(user, stub, 'POST', `/api/projects/${projectId}/generate`, { planId: plan.id, stepId: plan.steps[0]!.id, model: MODEL })).status).toBe(200);
    return plan;
  }

  it('a 1 MB file in the project never enters the prompt: only its path does, beside the files the step builds on', async () => {
    const { user, project, stub } = await setUp();
    const plan = await planned(stub, user, project.id);
    const data = JSON.stringify({ rows: 'x'.repeat(1_000_000) });
    await editFile(user, project.id, 'data/big.json', data, 'application/json');
    await stub.reply(reply(pageFiles));
    expect((await ask(user, stub, 'POST', `/api/projects/${project.id}/generate`, { planId: plan.id, stepId: plan.steps[1]!.id, model: MODEL })).status).toBe(200);
    const prompt = (await stub.completions()).at(-1)!.body!.messages.map((message) => message.content).join('\n');
    expect(prompt.length).toBeLessThan(GENERATE_PROMPT_BUDGET);
    expect(prompt).not.toContain('x'.repeat(1000));
    expect(prompt).toContain('data/big.json');
    // The step depends on "Logic", whose module it is shown in full.
    expect(prompt).toContain(todosModule);
  });

  it('a file of the step larger than the budget is a 422 before any model call, and the step stays as it was', async () => {
    const { user, project, stub } = await setUp();
    const plan = await planned(stub, user, project.id);
    await editFile(user, project.id, 'src/lib/todos.js', `${todosModule}// ${'y'.repeat(GENERATE_PROMPT_BUDGET)}\n`);
    const before = (await stub.completions()).length;
    const refused = await ask(user, stub, 'POST', `/api/projects/${project.id}/generate`, { planId: plan.id, stepId: plan.steps[0]!.id, model: MODEL });
    expect(refused.status).toBe(422);
    expect((await refused.json<ProblemBody>()).detail).toContain('src/lib/todos.js');
    expect(await stub.completions()).toHaveLength(before);
    const [stored] = await plansOf(user, project.id);
    expect(stored!.steps[0]!.status).toBe('done');
  });
});

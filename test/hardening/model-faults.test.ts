// The model failing or hanging at each engine call (template design, plan, generate, writing
// tests, fix, chat, consult): what the user sees, and that nothing was stored half-made or lost.
// Calls made by the Worker meet the fault at the wire (OpenAI configured, outbound fetch
// intercepted); calls made inside a conversation's Durable Object meet a MockLanguageModelV4.
import { createExecutionContext, createMessageBatch, getQueueResult, runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import type { LanguageModel } from 'ai';
import { simulateReadableStream } from 'ai';
import { MockLanguageModelV4 } from 'ai/test';
import { afterEach, describe, expect, it, vi } from 'vitest';
import worker from '../../src/index';
import type { AgencySession } from '../../src/durable-objects/agency-session';
import type { ChatSession } from '../../src/durable-objects/chat-session';
import { createAiEngine } from '../../src/engine/ai';
import type { BuildPlan } from '../../src/features/plans/service';
import type { TestSuite } from '../../src/features/tests/routes';
import { API, call, callJson, createProject, createUser } from '../helpers';
import type { TestUser } from '../helpers';
import { fetchWith } from './faulty-bindings';
import { expectProblem } from './openapi';

const LLM = 'https://llm.example.test/v1';
/** OpenAI configured at a base URL the test answers, with calls cut off after one second. */
const CONFIGURED = { OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: LLM, MODEL_TIMEOUT_SECONDS: '1' };
const MODEL = 'openai:gpt-4.1-mini';

type Fault = 'fails' | 'hangs';

/** A signal's abort, as a rejection: what a provider's fetch does when its call is cut off. */
const untilAborted = (signal: AbortSignal | null | undefined) =>
  new Promise<never>((_, reject) => signal?.addEventListener('abort', () => reject(signal.reason)));

/** The model server fails every call (an error answer it will not take back) or never answers. */
function breakModelServer(fault: Fault) {
  const realFetch = globalThis.fetch;
  return vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    if (!url.startsWith(LLM)) return realFetch(input, init);
    if (fault === 'hangs') return untilAborted(init?.signal ?? (input instanceof Request ? input.signal : null));
    return Response.json({ error: { message: 'The model is overloaded', type: 'invalid_request_error' } }, { status: 400 });
  });
}

afterEach(() => vi.restoreAllMocks());

/** A request to the app with OpenAI configured. */
function ask(user: TestUser, method: string, path: string, body?: unknown) {
  return fetchWith(
    CONFIGURED,
    new Request(API + path, {
      method,
      headers: { Authorization: `Bearer ${user.key}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    }),
  );
}

/** The 502 a user gets when the model fails; the detail says a time limit when it hung. */
async function expectModelFailed(response: Response, fault: Fault) {
  const problem = await response.clone().json<{ title: string; detail: string }>();
  await expectProblem(response, 502);
  expect(problem.title).toBe('The model failed');
  if (fault === 'hangs') expect(problem.detail).toContain('did not answer within 1 s');
}

/** A project with its first todo-list step generated offline: a plan, a logic module, a front page to fix. */
async function projectWithCode(user: TestUser) {
  const project = await createProject(user, { name: 'Todos', description: 'A todo list' });
  const plan = await callJson<BuildPlan>(`/api/projects/${project.id}/plans`, { key: user.key, body: { templateId: 'todo-list' }, expect: 201 });
  await callJson(`/api/projects/${project.id}/generate`, { key: user.key, body: { planId: plan.id, stepId: plan.steps[0]!.id } });
  return { project, plan };
}

describe.each<Fault>(['fails', 'hangs'])('a model that %s', (fault) => {
  it('plans nothing: 502, no plan stored, the project still a draft', async () => {
    const user = await createUser();
    const project = await createProject(user);
    breakModelServer(fault);
    await expectModelFailed(await ask(user, 'POST', `/api/projects/${project.id}/plans`, { templateId: 'todo-list', model: MODEL }), fault);
    vi.restoreAllMocks();
    expect(await callJson<BuildPlan[]>(`/api/projects/${project.id}/plans`, { key: user.key })).toEqual([]);
    expect(await callJson(`/api/projects/${project.id}`, { key: user.key })).toMatchObject({ status: 'draft', templateId: null });
  });

  it('designs no template for an idea the catalog does not cover: 502', async () => {
    const user = await createUser();
    breakModelServer(fault);
    await expectModelFailed(await ask(user, 'POST', '/api/tis/match', { description: 'qwzx blorp frumious bandersnatch', model: MODEL }), fault);
  });

  it('generates nothing: 502, no file indexed, the step failed and generated again offline', async () => {
    const user = await createUser();
    const project = await createProject(user);
    const plan = await callJson<BuildPlan>(`/api/projects/${project.id}/plans`, { key: user.key, body: { templateId: 'todo-list' }, expect: 201 });
    const target = { planId: plan.id, stepId: plan.steps[0]!.id };
    breakModelServer(fault);
    await expectModelFailed(await ask(user, 'POST', `/api/projects/${project.id}/generate`, { ...target, model: MODEL }), fault);
    vi.restoreAllMocks();
    expect(await callJson(`/api/projects/${project.id}/files`, { key: user.key })).toEqual([]);
    const [stored] = await callJson<BuildPlan[]>(`/api/projects/${project.id}/plans`, { key: user.key });
    expect(stored!.steps[0]!.status).toBe('failed');
    await callJson(`/api/projects/${project.id}/generate`, { key: user.key, body: target });
  });

  it('fixes nothing: 502, and no fix event recorded', async () => {
    const user = await createUser();
    const { project } = await projectWithCode(user);
    const before = await callJson<{ metrics: { fixRequests24h: number } }>('/api/self-heal/status', { key: user.key });
    breakModelServer(fault);
    const request = { projectId: project.id, code: 'export const total = (a, b) => a + c;\n', errors: [{ message: 'ReferenceError: c is not defined' }], path: 'src/lib/total.js', model: MODEL };
    await expectModelFailed(await ask(user, 'POST', '/api/self-heal/fix', request), fault);
    vi.restoreAllMocks();
    const after = await callJson<{ metrics: { fixRequests24h: number } }>('/api/self-heal/status', { key: user.key });
    expect(after.metrics.fixRequests24h).toBe(before.metrics.fixRequests24h);
  });

  it('writes no tests: the suite is retried, then ends as error with every case "Not run", and a new run works', async () => {
    const user = await createUser();
    const { project } = await projectWithCode(user);
    const sent: { suiteId: string }[] = [];
    // The run's messages are kept here, so that only this test delivers them.
    const queue = { sendBatch: async (messages: { body: { suiteId: string } }[]) => void sent.push(...messages.map((message) => message.body)) };
    const created = await fetchWith(
      { ...CONFIGURED, TEST_QUEUE: queue as unknown as Queue },
      new Request(`${API}/api/projects/${project.id}/tests`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${user.key}`, 'content-type': 'application/json' },
        body: JSON.stringify({ type: 'unit', model: MODEL }),
      }),
    );
    expect(created.status).toBe(202);
    expect(sent).toHaveLength(1);

    breakModelServer(fault);
    const deliver = async (queueName: string, attempts: number) => {
      const batch = createMessageBatch(queueName, [{ id: `run-${attempts}`, timestamp: new Date(), attempts, body: sent[0] }]);
      await worker.queue(batch, { ...env, ...CONFIGURED });
      return getQueueResult(batch, createExecutionContext());
    };
    for (const attempts of [1, 2, 3, 4]) expect((await deliver('promptax-test-runs', attempts)).retryMessages).toHaveLength(1);
    const [retrying] = await callJson<TestSuite[]>(`/api/projects/${project.id}/tests`, { key: user.key });
    expect(retrying!.status).toBe('generating');

    await deliver('promptax-test-runs-dlq', 1);
    vi.restoreAllMocks();
    const [failed] = await callJson<TestSuite[]>(`/api/projects/${project.id}/tests`, { key: user.key });
    expect(failed!.status).toBe('error');
    expect(failed!.tests.length).toBeGreaterThan(0);
    for (const entry of failed!.tests) expect(entry).toMatchObject({ status: 'error', message: expect.stringMatching(/^Not run: /) });
    expect((await call(`/api/projects/${project.id}/tests`, { key: user.key, body: { type: 'unit' } })).status).toBe(202);
  });
});

const usage = {
  inputTokens: { total: 3, noCache: 3, cacheRead: undefined, cacheWrite: undefined },
  outputTokens: { total: 2, text: 2, reasoning: undefined },
};

/** A model whose replies fail at once, or start ("Let me") and then never go on. */
function brokenChatModel(fault: Fault) {
  return new MockLanguageModelV4({
    doStream: async (options) => {
      if (fault === 'fails') throw new Error('upstream is down');
      return {
        stream: new ReadableStream({
          start(controller) {
            controller.enqueue({ type: 'text-start', id: 't' });
            controller.enqueue({ type: 'text-delta', id: 't', delta: 'Let me' });
            options.abortSignal?.addEventListener('abort', () => controller.error(options.abortSignal!.reason));
          },
        }),
      };
    },
  });
}

const workingChatModel = () =>
  new MockLanguageModelV4({
    doStream: async () => ({
      stream: simulateReadableStream({
        chunks: [
          { type: 'text-start' as const, id: 't' },
          { type: 'text-delta' as const, id: 't', delta: 'Back again.' },
          { type: 'text-end' as const, id: 't' },
          { type: 'finish' as const, finishReason: { unified: 'stop' as const, raw: undefined }, usage },
        ],
      }),
    }),
  });

/** A conversation object's engines: `first` answers the first turn, `then` every later one, each reply within 300 ms. */
function engines(first: LanguageModel, then: LanguageModel) {
  let turns = 0;
  return () => createAiEngine(turns++ === 0 ? first : then, 'openai:mock', 300);
}

const answerChatWith = (projectId: string, first: LanguageModel, then: LanguageModel) =>
  runInDurableObject(env.CHAT.get(env.CHAT.idFromName(projectId)), (chat: ChatSession) => {
    chat.engineFor = engines(first, then);
  });

const answerConsultationWith = (sessionId: string, first: LanguageModel, then: LanguageModel) =>
  runInDurableObject(env.AGENCY.get(env.AGENCY.idFromName(sessionId)), (agency: AgencySession) => {
    agency.engineFor = engines(first, then);
  });

interface Message {
  role: 'user' | 'assistant';
  content: string;
  status?: string;
}

describe.each<Fault>(['fails', 'hangs'])('a chat or consultant model that %s', (fault) => {
  it('chat: 502, the question kept and the failed answer stored as error, and the next turn answered', async () => {
    const user = await createUser();
    const project = await createProject(user);
    await answerChatWith(project.id, brokenChatModel(fault), workingChatModel());
    const failed = await call(`/api/projects/${project.id}/chat`, { key: user.key, body: { content: 'Still there?' } });
    await expectProblem(failed, 502);

    const next = await callJson<Message>(`/api/projects/${project.id}/chat`, { key: user.key, body: { content: 'And now?' } });
    expect(next.content).toBe('Back again.');
    const history = await callJson<Message[]>(`/api/projects/${project.id}/chat`, { key: user.key });
    expect(history.map((message) => [message.role, message.status])).toEqual([
      ['user', 'complete'],
      ['assistant', 'error'],
      ['user', 'complete'],
      ['assistant', 'complete'],
    ]);
    expect(history[0]!.content).toBe('Still there?');
  });

  it('chat streamed: an error part ends the stream, and the turn is stored as error', async () => {
    const user = await createUser();
    const project = await createProject(user);
    await answerChatWith(project.id, brokenChatModel(fault), workingChatModel());
    const response = await call(`/api/projects/${project.id}/chat`, { key: user.key, body: { content: 'Stream it' }, headers: { Accept: 'text/event-stream' } });
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).toContain('"type":"error"');
    expect(text).toContain('data: [DONE]');
    expect(text).not.toContain('"type":"abort"');
    const history = await callJson<Message[]>(`/api/projects/${project.id}/chat`, { key: user.key });
    expect(history.map((message) => message.status)).toEqual(['complete', 'error']);
  });

  it('consult: 502, the question kept and counted, and the next turn answered', async () => {
    const user = await createUser();
    const project = await createProject(user);
    const session = await callJson<{ id: string }>('/api/agency', { key: user.key, body: { projectId: project.id }, expect: 201 });
    await answerConsultationWith(session.id, brokenChatModel(fault), workingChatModel());
    await expectProblem(await call(`/api/agency/${session.id}/message`, { key: user.key, body: { content: 'Who is it for?' } }), 502);

    const next = await callJson<Message>(`/api/agency/${session.id}/message`, { key: user.key, body: { content: 'And now?' } });
    expect(next.content).toBe('Back again.');
    const read = await callJson<{ messageCount: number; messages: Message[] }>(`/api/agency/${session.id}`, { key: user.key });
    expect(read.messageCount).toBe(4);
    expect(read.messages.map((message) => message.content)).toEqual(['Who is it for?', fault === 'hangs' ? 'Let me' : '', 'And now?', 'Back again.']);
  });
});

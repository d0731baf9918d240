// The project chat through the API and the ChatSession stub: JSON and streamed turns, order under
// concurrency, re-attaching, eviction, model failures, other tenants, and deletion with the project.
import { evictDurableObject, runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { simulateReadableStream } from 'ai';
import type { LanguageModel } from 'ai';
import { MockLanguageModelV4 } from 'ai/test';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createDb } from '../../src/db/client';
import { agencySessions } from '../../src/db/schema';
import type { ChatSession } from '../../src/durable-objects/chat-session';
import { createAiEngine } from '../../src/engine/ai';
import type { BuildPlan } from '../../src/features/plans/service';
import { call, callJson, createProject, createUser, readStreamedMessage, textOf, wordChunks } from '../helpers';
import type { TestUser } from '../helpers';

interface ChatMessage {
  id: string;
  projectId: string;
  role: 'user' | 'assistant';
  content: string;
  model: string | null;
  status: 'complete' | 'error' | 'aborted';
  usage: { inputTokens: number; outputTokens: number } | null;
  createdAt: string;
}

const STREAM = { Accept: 'text/event-stream' };
const usage = {
  inputTokens: { total: 12, noCache: 12, cacheRead: undefined, cacheWrite: undefined },
  outputTokens: { total: 7, text: 7, reasoning: undefined },
};

const chatStub = (projectId: string) => env.CHAT.get(env.CHAT.idFromName(projectId));

/** A mock model that streams `text` word by word, `delayMs` apart. */
function streamingModel(text: string, delayMs = 0) {
  return new MockLanguageModelV4({
    doStream: async () => ({
      stream: simulateReadableStream({
        chunkDelayInMs: delayMs,
        chunks: [
          { type: 'text-start' as const, id: 't' },
          ...wordChunks(text).map((delta) => ({ type: 'text-delta' as const, id: 't', delta })),
          { type: 'text-end' as const, id: 't' },
          { type: 'finish' as const, finishReason: { unified: 'stop' as const, raw: undefined }, usage },
        ],
      }),
    }),
  });
}

/** Puts `model` behind the project's chat until the object is evicted (the DO's test seam). */
async function answerWith(projectId: string, model: LanguageModel) {
  await runInDurableObject(chatStub(projectId), (chat: ChatSession) => {
    chat.engineFor = () => createAiEngine(model, 'openai:mock');
  });
}

const send = (user: TestUser, projectId: string, content: string, headers: Record<string, string> = {}) =>
  call(`/api/projects/${projectId}/chat`, { key: user.key, body: { content }, headers });

const history = (user: TestUser, projectId: string) => callJson<ChatMessage[]>(`/api/projects/${projectId}/chat?limit=200`, { key: user.key });

async function setUp() {
  const user = await createUser();
  const project = await createProject(user, { name: 'Team todos', description: 'A shared todo list for a small team' });
  return { user, project };
}

describe('chat turns', () => {
  it('answers JSON and stores the question, then the answer', async () => {
    const { user, project } = await setUp();
    const response = await send(user, project.id, 'How is it going?');
    expect(response.status).toBe(200);
    const answer = await response.json<ChatMessage>();
    expect(answer).toMatchObject({ projectId: project.id, role: 'assistant', model: 'offline', status: 'complete', usage: { inputTokens: 0, outputTokens: 0 } });
    const stored = await history(user, project.id);
    expect(stored.map((message) => [message.role, message.status])).toEqual([['user', 'complete'], ['assistant', 'complete']]);
    expect(stored[0]).toMatchObject({ content: 'How is it going?', usage: null });
    expect(stored[1]).toEqual(answer);
  });

  it('streams a reply that readUIMessageStream reads as the text GET chat then returns', async () => {
    const { user, project } = await setUp();
    const response = await send(user, project.id, 'Which files are there, and what next?', STREAM);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    expect(response.headers.get('x-vercel-ai-ui-message-stream')).toBe('v1');
    expect(response.headers.get('X-Request-Id')).toMatch(/^[0-9a-f-]{36}$/);
    const streamed = await readStreamedMessage(response);
    const [, answer] = await history(user, project.id);
    expect(textOf(streamed)).toBe(answer!.content);
    expect(streamed.id).toBe(answer!.id);
    expect(answer!.content.length).toBeGreaterThan(50);
  });

  it('serves 20 concurrent messages one at a time: 40 messages, each answer right after its question', async () => {
    const { user, project } = await setUp();
    // A model that takes a few milliseconds per word, so unqueued turns would interleave.
    await answerWith(project.id, streamingModel('An answer that takes its time.', 2));
    const questions = Array.from({ length: 20 }, (_, index) => `Question ${index}: what next?`);
    const responses = await Promise.all(questions.map((question) => send(user, project.id, question)));
    expect(responses.map((response) => response.status)).toEqual(questions.map(() => 200));
    const answers = await Promise.all(responses.map((response) => response.json<ChatMessage>()));

    const stored = await history(user, project.id);
    expect(stored).toHaveLength(40);
    expect(stored.map((message) => message.role)).toEqual(questions.flatMap(() => ['user', 'assistant']));
    expect(stored.filter((message) => message.role === 'user').map((message) => message.content).sort()).toEqual([...questions].sort());
    questions.forEach((question, index) => {
      const asked = stored.findIndex((message) => message.content === question);
      expect(stored[asked + 1]!.id).toBe(answers[index]!.id);
    });
  });

  it('lets a second client re-attach mid-turn and receive the whole reply, identical to the first', async () => {
    const { user, project } = await setUp();
    await answerWith(project.id, streamingModel('A reply long enough to still be streaming when the second client arrives.', 15));
    const first = await send(user, project.id, 'Tell me something', STREAM);
    const firstReader = first.body!.getReader();
    const decoder = new TextDecoder();
    let firstText = decoder.decode((await firstReader.read()).value, { stream: true });

    const second = await call(`/api/projects/${project.id}/chat/stream`, { key: user.key });
    expect(second.status).toBe(200);
    const secondText = await second.text();
    for (let next = await firstReader.read(); !next.done; next = await firstReader.read()) firstText += decoder.decode(next.value, { stream: true });

    expect(secondText).toBe(firstText);
    expect(secondText).toContain('"type":"start"');
    expect(secondText).toContain('data: [DONE]');
    const [, answer] = await history(user, project.id);
    expect(answer).toMatchObject({ content: 'A reply long enough to still be streaming when the second client arrives.', model: 'openai:mock', usage: { inputTokens: 12, outputTokens: 7 } });
  });

  it('answers GET chat/stream with 204 when no turn is running', async () => {
    const { user, project } = await setUp();
    expect((await send(user, project.id, 'hello')).status).toBe(200);
    const response = await call(`/api/projects/${project.id}/chat/stream`, { key: user.key });
    expect(response.status).toBe(204);
  });

  it('completes and stores a turn whose client disconnected mid-stream', async () => {
    const { user, project } = await setUp();
    await answerWith(project.id, streamingModel('Stored even though nobody read it to the end.', 10));
    const response = await send(user, project.id, 'Are you there?', STREAM);
    const reader = response.body!.getReader();
    await reader.read();
    await reader.cancel();

    // Re-attaching waits for the running turn to end; then it is in the history.
    await (await call(`/api/projects/${project.id}/chat/stream`, { key: user.key })).text();
    const [, answer] = await history(user, project.id);
    expect(answer).toMatchObject({ role: 'assistant', status: 'complete', content: 'Stored even though nobody read it to the end.' });
  });

  it('keeps the history when the Durable Object is evicted', async () => {
    const { user, project } = await setUp();
    await send(user, project.id, 'first');
    await send(user, project.id, 'second');
    const before = await history(user, project.id);
    await evictDurableObject(chatStub(project.id));
    expect(await history(user, project.id)).toEqual(before);
    expect(before).toHaveLength(4);
  });

  it('records a turn cut short by a restart as aborted', async () => {
    const { user, project } = await setUp();
    await send(user, project.id, 'answered');
    await runInDurableObject(chatStub(project.id), (_chat, state) => {
      state.storage.sql.exec(
        "INSERT INTO messages (id, role, content, model, status, created_at) VALUES ('019b0b3c-5f1e-7fff-8a3d-1c2b4e5f6a7b', 'user', 'cut short', 'offline', 'complete', '2026-01-01T00:00:00.000Z')",
      );
    });
    await evictDurableObject(chatStub(project.id));
    const stored = await history(user, project.id);
    expect(stored.map((message) => [message.role, message.status])).toEqual([
      ['user', 'complete'],
      ['assistant', 'complete'],
      ['user', 'complete'],
      ['assistant', 'aborted'],
    ]);
  });
});

describe('model failures', () => {
  /** Fails its first call, then streams "Back again." */
  function failingOnce() {
    let calls = 0;
    const working = streamingModel('Back again.');
    return new MockLanguageModelV4({
      doStream: async (options) => {
        calls += 1;
        if (calls === 1) throw new Error('upstream is down');
        return working.doStream(options);
      },
    });
  }

  it('keeps the user message, stores an error turn, answers 502, and the next turn works', async () => {
    const { user, project } = await setUp();
    await answerWith(project.id, failingOnce());
    const failed = await send(user, project.id, 'Will this work?');
    expect(failed.status).toBe(502);
    expect(failed.headers.get('content-type')).toBe('application/problem+json');
    expect(await failed.json()).toMatchObject({ status: 502, title: 'The model failed' });
    expect((await history(user, project.id)).map((message) => [message.role, message.status, message.usage])).toEqual([
      ['user', 'complete', null],
      ['assistant', 'error', null],
    ]);

    const next = await send(user, project.id, 'And now?');
    expect(next.status).toBe(200);
    expect(await next.json()).toMatchObject({ content: 'Back again.', status: 'complete' });
    expect((await history(user, project.id)).map((message) => message.status)).toEqual(['complete', 'error', 'complete', 'complete']);
  });

  it('sends an error part on the stream and stores the error turn', async () => {
    const { user, project } = await setUp();
    await answerWith(project.id, failingOnce());
    const response = await send(user, project.id, 'Will this stream?', STREAM);
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).toContain('"type":"error"');
    expect(text).not.toContain('upstream is down');
    expect((await history(user, project.id)).map((message) => message.status)).toEqual(['complete', 'error']);
  });
});

describe('offline answers', () => {
  it('names the next call from the plan: generate the first ready step', async () => {
    const { user, project } = await setUp();
    const plan = await callJson<BuildPlan>(`/api/projects/${project.id}/plans`, { key: user.key, body: { templateId: 'todo-list' }, expect: 201 });
    const answer = await (await send(user, project.id, 'What should I do next?')).json<ChatMessage>();
    expect(answer.content).toContain(`POST /api/projects/${project.id}/generate {"planId": "${plan.id}", "stepId": "${plan.steps[0]!.id}"}`);
    expect(answer.content).toContain(plan.steps[0]!.title);
  });

  it('lists the files it has when asked about files', async () => {
    const { user, project } = await setUp();
    const plan = await callJson<BuildPlan>(`/api/projects/${project.id}/plans`, { key: user.key, body: { templateId: 'todo-list' }, expect: 201 });
    const step = plan.steps[0]!;
    await callJson(`/api/projects/${project.id}/generate`, { key: user.key, body: { planId: plan.id, stepId: step.id } });
    const answer = await (await send(user, project.id, 'Which files does it have?')).json<ChatMessage>();
    for (const path of step.files) expect(answer.content).toContain(path);
    expect(answer.content).toContain(`${step.files.length} file`);
  });

  it('answers the same question about the same project the same way', async () => {
    const { user, project } = await setUp();
    const first = await (await send(user, project.id, 'Give me the status')).json<ChatMessage>();
    const second = await (await send(user, project.id, 'Give me the status')).json<ChatMessage>();
    expect(second.content).toBe(first.content);
    expect(first.content).toContain(`POST /api/projects/${project.id}/plans`);
  });
});

describe('chat history', () => {
  it('pages the history oldest first through Link', async () => {
    const { user, project } = await setUp();
    for (const content of ['one', 'two', 'three']) await send(user, project.id, content);
    const first = await call(`/api/projects/${project.id}/chat?limit=4`, { key: user.key });
    const firstPage = await first.json<ChatMessage[]>();
    const next = /<([^>]+)>;\s*rel="next"/.exec(first.headers.get('Link') ?? '')?.[1];
    expect(next).toBeDefined();
    const second = await call(next!, { key: user.key });
    const secondPage = await second.json<ChatMessage[]>();
    expect(second.headers.get('Link')).toBeNull();
    expect([...firstPage, ...secondPage].filter((message) => message.role === 'user').map((message) => message.content)).toEqual(['one', 'two', 'three']);
    expect(firstPage).toHaveLength(4);
    expect(secondPage).toHaveLength(2);
  });
});

describe('chat validation and access', () => {
  it.each([
    ['an empty message', { content: '' }],
    ['a blank message', { content: '  \n ' }],
    ['a message of 32,001 characters', { content: 'x'.repeat(32_001) }],
    ['no content', {}],
    ['an unknown model', { content: 'hi', model: 'nope:1' }],
  ])('answers %s with a 400 that names the field', async (_case, body) => {
    const { user, project } = await setUp();
    const response = await call(`/api/projects/${project.id}/chat`, { key: user.key, body });
    expect(response.status).toBe(400);
    const problem = await response.json<{ errors: { pointer: string }[] }>();
    expect(problem.errors[0]!.pointer).toMatch(/^#\/(content|model)$/);
    expect(await history(user, project.id)).toEqual([]);
  });

  it('answers 409 to a message id already stored and to a regeneration with no question, and stores nothing for either', async () => {
    const { user, project } = await setUp();
    const question = (id: string) => ({ messages: [{ id, role: 'user', parts: [{ type: 'text', text: 'What next?' }] }] });
    expect((await call(`/api/projects/${project.id}/chat`, { key: user.key, body: { trigger: 'regenerate-message', ...question('client-0') } })).status).toBe(409);
    expect(await history(user, project.id)).toEqual([]);
    const first = await call(`/api/projects/${project.id}/chat`, { key: user.key, body: question('client-1') });
    expect(first.status).toBe(200);
    await first.text();
    const again = await call(`/api/projects/${project.id}/chat`, { key: user.key, body: question('client-1') });
    expect(again.status).toBe(409);
    expect((await again.json<{ detail: string }>()).detail).toContain('client-1 is already stored');
    expect((await history(user, project.id)).map((message) => message.role)).toEqual(['user', 'assistant']);
  });

  it('accepts a message of exactly 32,000 characters', async () => {
    const { user, project } = await setUp();
    expect((await send(user, project.id, 'x'.repeat(32_000))).status).toBe(200);
  });

  it('answers 401 without a key on every chat route', async () => {
    const { project } = await setUp();
    const path = `/api/projects/${project.id}/chat`;
    expect((await call(path, { body: { content: 'hi' } })).status).toBe(401);
    expect((await call(path)).status).toBe(401);
    expect((await call(`${path}/stream`)).status).toBe(401);
  });

  it("answers 404 to another organisation on every chat route and stores nothing", async () => {
    const { user, project } = await setUp();
    const stranger = await createUser('Stranger');
    const path = `/api/projects/${project.id}/chat`;
    expect((await call(path, { key: stranger.key, body: { content: 'hi' } })).status).toBe(404);
    expect((await call(path, { key: stranger.key, body: { content: 'hi' }, headers: STREAM })).status).toBe(404);
    expect((await call(path, { key: stranger.key })).status).toBe(404);
    expect((await call(`${path}/stream`, { key: stranger.key })).status).toBe(404);
    expect(await history(user, project.id)).toEqual([]);
  });
});

describe('project deletion', () => {
  const tablesOf = (stub: DurableObjectStub) =>
    runInDurableObject(stub, (_instance, state) => state.storage.sql.exec("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'messages'").toArray());

  it("deletes the project's chat and its consultations: storage and index rows", async () => {
    const { user, project } = await setUp();
    await send(user, project.id, 'hello');
    const session = await callJson<{ id: string }>('/api/agency', { key: user.key, body: { projectId: project.id }, expect: 201 });
    await callJson(`/api/agency/${session.id}/message`, { key: user.key, body: { content: 'Who is it for?' } });

    await callJson(`/api/projects/${project.id}`, { key: user.key, method: 'DELETE' });

    expect(await createDb(env.DB).select().from(agencySessions).where(eq(agencySessions.projectId, project.id))).toEqual([]);
    expect(await tablesOf(chatStub(project.id))).toEqual([]);
    expect(await tablesOf(env.AGENCY.get(env.AGENCY.idFromName(session.id)))).toEqual([]);
    expect((await call(`/api/agency/${session.id}`, { key: user.key })).status).toBe(404);
  });
});

// Conversation objects reset in the middle of a turn (a deploy or a crash: every instance torn down
// while its storage stays): what the caller sees, and that the question is kept, the cut-off
// answer recorded as aborted and counted, and the next turn answered.
import { abortAllDurableObjects, evictDurableObject, runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { simulateReadableStream } from 'ai';
import { MockLanguageModelV4 } from 'ai/test';
import { describe, expect, it } from 'vitest';
import type { AgencySession } from '../../src/durable-objects/agency-session';
import type { ChatSession } from '../../src/durable-objects/chat-session';
import { createAiEngine } from '../../src/engine/ai';
import { call, callJson, createProject, createUser } from '../helpers';
import type { TestUser } from '../helpers';
import { expectWellFormed } from './openapi';

const usage = {
  inputTokens: { total: 3, noCache: 3, cacheRead: undefined, cacheWrite: undefined },
  outputTokens: { total: 8, text: 8, reasoning: undefined },
};

/** A model that streams eight words, 100 ms apart: a turn still running when the object is reset. */
const slowModel = () =>
  new MockLanguageModelV4({
    doStream: async () => ({
      stream: simulateReadableStream({
        chunkDelayInMs: 100,
        chunks: [
          { type: 'text-start' as const, id: 't' },
          ...'one two three four five six seven eight'.split(' ').map((word) => ({ type: 'text-delta' as const, id: 't', delta: `${word} ` })),
          { type: 'text-end' as const, id: 't' },
          { type: 'finish' as const, finishReason: { unified: 'stop' as const, raw: undefined }, usage },
        ],
      }),
    }),
  });

const slowChat = (projectId: string) =>
  runInDurableObject(env.CHAT.get(env.CHAT.idFromName(projectId)), (chat: ChatSession) => {
    chat.engineFor = () => createAiEngine(slowModel(), 'openai:mock');
  });

const slowConsultant = (sessionId: string) =>
  runInDurableObject(env.AGENCY.get(env.AGENCY.idFromName(sessionId)), (agency: AgencySession) => {
    agency.engineFor = () => createAiEngine(slowModel(), 'openai:mock');
  });

const midTurn = () => new Promise((resolve) => setTimeout(resolve, 250));

interface Message {
  role: 'user' | 'assistant';
  content: string;
  status?: string;
}

const chatHistory = (user: TestUser, projectId: string) => callJson<Message[]>(`/api/projects/${projectId}/chat`, { key: user.key });

/** A reset's answer: a problem document (503 where the runtime marks the reset retryable), never a stack trace. */
async function expectResetAnswer(response: Response, request: string) {
  expect(response.status).toBeGreaterThanOrEqual(500);
  expect(response.headers.get('content-type')).toBe('application/problem+json');
  const body = await response.text();
  expect(body).not.toMatch(/\n\s+at |\.ts:\d+/);
  expect(JSON.parse(body), request).toMatchObject({ status: response.status, title: expect.any(String), detail: expect.any(String) });
}

describe('a chat reset mid-turn', () => {
  it('answers the waiting caller with a problem, keeps the question with an aborted answer, and answers the next turn', async () => {
    const user = await createUser();
    const project = await createProject(user);
    await slowChat(project.id);
    const waiting = call(`/api/projects/${project.id}/chat`, { key: user.key, body: { content: 'Cut short?' } });
    await midTurn();
    await abortAllDurableObjects();
    await expectResetAnswer(await waiting, 'POST chat during a reset');

    expect((await chatHistory(user, project.id)).map((message) => [message.role, message.status, message.content])).toEqual([
      ['user', 'complete', 'Cut short?'],
      ['assistant', 'aborted', ''],
    ]);
    await callJson(`/api/projects/${project.id}/chat`, { key: user.key, body: { content: 'And now?' } });
    expect((await chatHistory(user, project.id)).map((message) => message.status)).toEqual(['complete', 'aborted', 'complete', 'complete']);
  });

  it('ends the stream of a reader, has no turn left to re-attach to, and records the turn as aborted', async () => {
    const user = await createUser();
    const project = await createProject(user);
    await slowChat(project.id);
    const streamed = await call(`/api/projects/${project.id}/chat`, { key: user.key, body: { content: 'Stream, then stop' }, headers: { Accept: 'text/event-stream' } });
    const reader = streamed.body!.getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toContain('"type":"start"');
    await abortAllDurableObjects();
    const ended = await (async () => {
      for (let next = await reader.read(); !next.done; next = await reader.read());
    })().then(
      () => 'closed',
      () => 'broken',
    );
    expect(['closed', 'broken']).toContain(ended);

    expect((await call(`/api/projects/${project.id}/chat/stream`, { key: user.key })).status).toBe(204);
    expect((await chatHistory(user, project.id)).map((message) => message.status)).toEqual(['complete', 'aborted']);
  });
});

describe('a consultation reset mid-turn', () => {
  it('keeps the question with an aborted answer, counts both in the session index, and answers the next turn', async () => {
    const user = await createUser();
    const project = await createProject(user);
    const session = await callJson<{ id: string }>('/api/agency', { key: user.key, body: { projectId: project.id }, expect: 201 });
    await slowConsultant(session.id);
    const waiting = call(`/api/agency/${session.id}/message`, { key: user.key, body: { content: 'Who is it for?' } });
    await midTurn();
    await abortAllDurableObjects();
    await expectResetAnswer(await waiting, 'POST agency message during a reset');

    const read = await callJson<{ messageCount: number; messages: Message[] }>(`/api/agency/${session.id}`, { key: user.key });
    expect(read.messages.map((message) => [message.role, message.content])).toEqual([
      ['user', 'Who is it for?'],
      ['assistant', ''],
    ]);
    expect(read.messageCount).toBe(2);
    // The index is brought up to date by the object as it reopens, alongside the read.
    await expect.poll(async () => (await callJson<{ messageCount: number }[]>(`/api/agency?projectId=${project.id}`, { key: user.key }))[0]!.messageCount).toBe(2);

    await callJson(`/api/agency/${session.id}/message`, { key: user.key, body: { content: 'And now?' } });
    expect((await callJson<{ messageCount: number }>(`/api/agency/${session.id}`, { key: user.key })).messageCount).toBe(4);
  });

  it('keeps messages and count when the object is evicted between turns', async () => {
    const user = await createUser();
    const project = await createProject(user);
    const session = await callJson<{ id: string }>('/api/agency', { key: user.key, body: { projectId: project.id }, expect: 201 });
    await callJson(`/api/agency/${session.id}/message`, { key: user.key, body: { content: 'Is this a good idea?' } });
    const before = await callJson<unknown>(`/api/agency/${session.id}`, { key: user.key });
    await evictDurableObject(env.AGENCY.get(env.AGENCY.idFromName(session.id)));
    const after = await call(`/api/agency/${session.id}`, { key: user.key });
    await expectWellFormed(after.clone(), 'GET agency session after eviction');
    expect(await after.json()).toEqual(before);
  });
});

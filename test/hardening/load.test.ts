// Bounded load through the Worker: many writes at once, then the counts must match exactly and
// nothing may be duplicated or out of order.
import { runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { simulateReadableStream } from 'ai';
import { MockLanguageModelV4 } from 'ai/test';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createDb } from '../../src/db/client';
import { projects } from '../../src/db/schema';
import type { ChatSession } from '../../src/durable-objects/chat-session';
import { createAiEngine } from '../../src/engine/ai';
import type { Project } from '../../src/features/projects/routes';
import { call, callJson, createProject, createUser, wordChunks } from '../helpers';

const usage = {
  inputTokens: { total: 5, noCache: 5, cacheRead: undefined, cacheWrite: undefined },
  outputTokens: { total: 6, text: 6, reasoning: undefined },
};

/** A model that takes a few milliseconds a word, so that turns run together would interleave. */
const unhurriedModel = () =>
  new MockLanguageModelV4({
    doStream: async () => ({
      stream: simulateReadableStream({
        chunkDelayInMs: 2,
        chunks: [
          { type: 'text-start' as const, id: 't' },
          ...wordChunks('An answer that takes a moment to write.').map((delta) => ({ type: 'text-delta' as const, id: 't', delta })),
          { type: 'text-end' as const, id: 't' },
          { type: 'finish' as const, finishReason: { unified: 'stop' as const, raw: undefined }, usage },
        ],
      }),
    }),
  });

interface ChatMessage {
  id: string;
  role: 'user' | 'assistant';
  content: string;
  status: string;
}

describe('load', () => {
  it('creates exactly 200 projects from 200 concurrent requests of one organisation, each name once', async () => {
    const user = await createUser();
    const names = Array.from({ length: 200 }, (_, index) => `Concurrent project ${index}`);
    const responses = await Promise.all(names.map((name) => call('/api/projects', { key: user.key, body: { name } })));
    expect(responses.map((response) => response.status)).toEqual(names.map(() => 201));
    const created = await Promise.all(responses.map((response) => response.json<Project>()));
    expect(created.map((project) => project.name)).toEqual(names);
    expect(new Set(created.map((project) => project.id)).size).toBe(200);

    const rows = await createDb(env.DB).select({ name: projects.name }).from(projects).where(eq(projects.organisationId, user.organisationId));
    expect(rows.map((row) => row.name).sort()).toEqual([...names].sort());
    const listed = await call('/api/projects?limit=200', { key: user.key });
    expect(listed.headers.get('Link')).toBeNull();
    expect((await listed.json<Project[]>()).map((project) => project.name).sort()).toEqual([...names].sort());
  });

  it('answers 50 concurrent chat turns across 10 projects: each project holds its questions once, each followed by its own answer', async () => {
    const user = await createUser();
    const chats = await Promise.all(Array.from({ length: 10 }, (_, index) => createProject(user, { name: `Chat ${index}` })));
    for (const project of chats) {
      await runInDurableObject(env.CHAT.get(env.CHAT.idFromName(project.id)), (chat: ChatSession) => {
        chat.engineFor = () => createAiEngine(unhurriedModel(), 'openai:mock');
      });
    }
    // Uneven on purpose: project k gets TURNS[k] turns, 50 in all.
    const TURNS = [1, 2, 3, 4, 5, 5, 6, 7, 8, 9];
    const turns = chats.flatMap((project, index) => Array.from({ length: TURNS[index]! }, (_, turn) => ({ project, question: `Project ${index}, question ${turn}` })));
    expect(turns).toHaveLength(50);

    const answers = await Promise.all(
      turns.map(({ project, question }) => callJson<ChatMessage>(`/api/projects/${project.id}/chat`, { key: user.key, body: { content: question } })),
    );

    for (const [index, project] of chats.entries()) {
      const history = await callJson<ChatMessage[]>(`/api/projects/${project.id}/chat?limit=200`, { key: user.key });
      expect(history).toHaveLength(2 * TURNS[index]!);
      expect(new Set(history.map((message) => message.id)).size).toBe(history.length);
      expect(history.map((message) => message.role)).toEqual(history.map((_, position) => (position % 2 === 0 ? 'user' : 'assistant')));
      expect(history.every((message) => message.status === 'complete')).toBe(true);
      const asked = turns.filter((turn) => turn.project.id === project.id).map((turn) => turn.question);
      expect(history.filter((message) => message.role === 'user').map((message) => message.content).sort()).toEqual([...asked].sort());
      for (const question of asked) {
        const position = history.findIndex((message) => message.content === question);
        expect(history[position + 1]!.id).toBe(answers[turns.findIndex((turn) => turn.question === question)]!.id);
      }
    }
  });
});

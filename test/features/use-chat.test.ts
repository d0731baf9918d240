// `useChat` with no glue: the AI SDK's own AbstractChat (what React's useChat wraps) with only
// `{ id, transport: new DefaultChatTransport({ api, headers }) }`, against the Worker, for the
// project chat and the consultant: send, resume a running turn, regenerate, reload the history.
import { runInDurableObject } from 'cloudflare:test';
import { env, exports } from 'cloudflare:workers';
import { AbstractChat, DefaultChatTransport, simulateReadableStream } from 'ai';
import type { ChatInit, ChatState, ChatStatus, UIMessage } from 'ai';
import { MockLanguageModelV4 } from 'ai/test';
import { describe, expect, it } from 'vitest';
import type { AgencySession } from '../../src/durable-objects/agency-session';
import type { ChatSession } from '../../src/durable-objects/chat-session';
import { createAiEngine } from '../../src/engine/ai';
import { API, callJson, createProject, createUser, wordChunks } from '../helpers';
import type { TestUser } from '../helpers';

/** The state a UI framework would keep (React's useChat keeps it in a ref): a plain list here. */
class ListState implements ChatState<UIMessage> {
  status: ChatStatus = 'ready';
  error: Error | undefined = undefined;
  constructor(public messages: UIMessage[]) {}
  pushMessage = (message: UIMessage) => {
    this.messages = [...this.messages, message];
  };
  popMessage = () => {
    this.messages = this.messages.slice(0, -1);
  };
  replaceMessage = (index: number, message: UIMessage) => {
    this.messages = this.messages.map((current, at) => (at === index ? message : current));
  };
  snapshot = <T>(thing: T): T => structuredClone(thing);
}

class Chat extends AbstractChat<UIMessage> {
  constructor({ messages, ...init }: ChatInit<UIMessage>) {
    super({ ...init, state: new ListState(messages ?? []) });
  }
}

/**
 * A chat as the README's React example makes it: the chat's id, the API's URL, the key; requests go
 * through the Worker's fetch handler. Any error the SDK reports fails the test.
 */
function chatFor(user: TestUser, id: string, api: string, messages: UIMessage[] = []) {
  const errors: Error[] = [];
  const chat = new Chat({
    id,
    messages,
    transport: new DefaultChatTransport({
      api: API + api,
      headers: { Authorization: `Bearer ${user.key}` },
      fetch: (input, init) => exports.default.fetch(new Request(input, init)),
    }),
    onError: (error) => errors.push(error),
  });
  return { chat, errors };
}

const usage = {
  inputTokens: { total: 3, noCache: 3, cacheRead: undefined, cacheWrite: undefined },
  outputTokens: { total: 4, text: 4, reasoning: undefined },
};

/** A mock model whose n-th call streams `answers[n]` word by word, `delayMs` apart. */
function scriptedModel(answers: string[], delayMs = 0) {
  let calls = 0;
  return new MockLanguageModelV4({
    doStream: async () => {
      const text = answers[Math.min(calls++, answers.length - 1)]!;
      return {
        stream: simulateReadableStream({
          chunkDelayInMs: delayMs,
          chunks: [
            { type: 'text-start' as const, id: 't' },
            ...wordChunks(text).map((delta) => ({ type: 'text-delta' as const, id: 't', delta })),
            { type: 'text-end' as const, id: 't' },
            { type: 'finish' as const, finishReason: { unified: 'stop' as const, raw: undefined }, usage },
          ],
        }),
      };
    },
  });
}

/** What useChat renders of a message, and what a stored history must give back unchanged. */
const shown = (messages: { id: string; role: string; parts: unknown[] }[]) => messages.map(({ id, role, parts }) => ({ id, role, parts }));
const textOf = (message: UIMessage | undefined) => message?.parts.flatMap((part) => (part.type === 'text' ? [part.text] : [])).join('') ?? '';

/** Both conversations, each with how to read its stored history and how to put a model behind it. */
const conversations = [
  {
    name: 'the project chat',
    async open(user: TestUser) {
      const project = await createProject(user, { name: 'Chore wheel', description: 'Whose turn it is to do the dishes' });
      return {
        id: project.id,
        api: `/api/projects/${project.id}/chat`,
        history: () => callJson<UIMessage[]>(`/api/projects/${project.id}/chat?limit=200`, { key: user.key }),
        answerWith: (model: MockLanguageModelV4) =>
          runInDurableObject(env.CHAT.get(env.CHAT.idFromName(project.id)), (chat: ChatSession) => {
            chat.engineFor = () => createAiEngine(model, 'openai:mock');
          }),
      };
    },
  },
  {
    name: 'the consultant',
    async open(user: TestUser) {
      const project = await createProject(user, { name: 'Chore wheel', description: 'Whose turn it is to do the dishes' });
      const session = await callJson<{ id: string }>('/api/agency', { key: user.key, body: { projectId: project.id }, expect: 201 });
      return {
        id: session.id,
        api: `/api/agency/${session.id}/message`,
        history: async () => (await callJson<{ messages: UIMessage[] }>(`/api/agency/${session.id}`, { key: user.key })).messages,
        answerWith: (model: MockLanguageModelV4) =>
          runInDurableObject(env.AGENCY.get(env.AGENCY.idFromName(session.id)), (agency: AgencySession) => {
            agency.engineFor = () => createAiEngine(model, 'openai:mock');
          }),
      };
    },
  },
];

describe.each(conversations)('useChat with only an id and DefaultChatTransport, on $name', ({ open }) => {
  it('sends: the SDK body is accepted, streamed by default, and stored under the ids the client saw', async () => {
    const user = await createUser();
    const conversation = await open(user);
    const { chat, errors } = chatFor(user, conversation.id, conversation.api);

    await chat.sendMessage({ text: 'Who is this for?' });

    expect(errors).toEqual([]);
    expect(chat.status).toBe('ready');
    expect(chat.messages.map((message) => message.role)).toEqual(['user', 'assistant']);
    expect(textOf(chat.messages[1])).not.toBe('');
    // The user message keeps the id the SDK gave it; the answer's id is the stored one.
    expect(shown(await conversation.history())).toEqual(shown(chat.messages));
  });

  it('reloads a stored history as UIMessage[] that the next turn continues', async () => {
    const user = await createUser();
    const conversation = await open(user);
    const first = chatFor(user, conversation.id, conversation.api);
    await first.chat.sendMessage({ text: 'What should I build first?' });

    const reloaded = chatFor(user, conversation.id, conversation.api, await conversation.history());
    expect(shown(reloaded.chat.messages)).toEqual(shown(first.chat.messages));
    await reloaded.chat.sendMessage({ text: 'And after that?' });

    expect(reloaded.errors).toEqual([]);
    expect(reloaded.chat.messages).toHaveLength(4);
    expect(shown(await conversation.history())).toEqual(shown(reloaded.chat.messages));
  });

  it('regenerates: the last answer is replaced, with no second question stored', async () => {
    const user = await createUser();
    const conversation = await open(user);
    await conversation.answerWith(scriptedModel(['The first answer.', 'A better answer.']));
    const { chat, errors } = chatFor(user, conversation.id, conversation.api);
    await chat.sendMessage({ text: 'Who is this for?' });
    const [question, firstAnswer] = chat.messages;

    await chat.regenerate();

    expect(errors).toEqual([]);
    expect(chat.messages).toHaveLength(2);
    expect(chat.messages[0]).toEqual(question);
    expect(chat.messages[1]!.id).not.toBe(firstAnswer!.id);
    expect(textOf(chat.messages[1])).toBe('A better answer.');
    const stored = await conversation.history();
    expect(shown(stored)).toEqual(shown(chat.messages));
  });

  it('resumes a running turn from a second client (resume: true), and answers nothing when none runs', async () => {
    const user = await createUser();
    const conversation = await open(user);
    const idle = chatFor(user, conversation.id, conversation.api);
    await idle.chat.resumeStream();
    expect(idle.errors).toEqual([]);
    expect(idle.chat.messages).toEqual([]);

    await conversation.answerWith(scriptedModel(['An answer long enough to still be streaming when the page is reloaded.'], 15));
    const sender = chatFor(user, conversation.id, conversation.api);
    const sending = sender.chat.sendMessage({ text: 'Tell me slowly.' });
    // The page reloads mid-turn: the stored history has the question, the answer is still streaming.
    let history = await conversation.history();
    for (let tries = 0; history.length === 0 && tries < 100; tries += 1) history = await conversation.history();
    expect(history.map((message) => message.role)).toEqual(['user']);
    const reloaded = chatFor(user, conversation.id, conversation.api, history);
    await reloaded.chat.resumeStream();
    await sending;

    expect([...sender.errors, ...reloaded.errors]).toEqual([]);
    expect(textOf(reloaded.chat.messages[1])).toBe('An answer long enough to still be streaming when the page is reloaded.');
    expect(shown(reloaded.chat.messages)).toEqual(shown(sender.chat.messages));
    expect(shown(await conversation.history())).toEqual(shown(sender.chat.messages));
  });
});

// The builder chat with a scripted model (MockLanguageModelV4): a multi-step tool loop whose streamed
// parts are the stored parts, a missed edit the model retries, and the closed loop after the turn:
// a broken module healed as its own version, or the turn rolled back with the reason.
import { runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import type { LanguageModel } from 'ai';
import { MockLanguageModelV4 } from 'ai/test';
import { describe, expect, it } from 'vitest';
import type { ChatSession } from '../../src/durable-objects/chat-session';
import { createAiEngine } from '../../src/engine/ai';
import { call, callJson, createUser, generateProject, readStreamedMessage } from '../helpers';
import type { TestUser } from '../helpers';

interface ChatMessage {
  id: string;
  role: string;
  content: string;
  status: string;
  parts: { type: string; state?: string; input?: unknown; output?: unknown; errorText?: string }[];
  versionId: string | null;
  checks: { ok: boolean; healed: { path: string; error: string; verified: boolean }[] } | null;
}

interface Version {
  id: string;
  number: number;
  source: string;
  messageId: string | null;
  files: { path: string; change: string }[];
  checks: { ok: boolean } | null;
}

const usage = {
  inputTokens: { total: 10, noCache: 10, cacheRead: undefined, cacheWrite: undefined },
  outputTokens: { total: 5, text: 5, reasoning: undefined },
};

type Step = { tools: { name: string; input: Record<string, unknown> }[] } | { text: string };

/**
 * A model that streams one scripted step per call: tool calls (then the loop calls it again with
 * their results) or its closing text. `fixes` are its answers when asked, as the fixer, for a fix.
 */
function scriptedModel(steps: Step[], fixes: (string | null)[] = []) {
  let call = 0;
  let fix = 0;
  const prompts: unknown[] = [];
  const model = new MockLanguageModelV4({
    doStream: async (options) => {
      prompts.push(options.prompt);
      const step = steps[Math.min(call, steps.length - 1)]!;
      call += 1;
      const chunks =
        'tools' in step
          ? [
              ...step.tools.map((entry, index) => ({ type: 'tool-call' as const, toolCallId: `call-${call}-${index}`, toolName: entry.name, input: JSON.stringify(entry.input) })),
              { type: 'finish' as const, finishReason: { unified: 'tool-calls' as const, raw: undefined }, usage },
            ]
          : [
              { type: 'text-start' as const, id: 't' },
              { type: 'text-delta' as const, id: 't', delta: step.text },
              { type: 'text-end' as const, id: 't' },
              { type: 'finish' as const, finishReason: { unified: 'stop' as const, raw: undefined }, usage },
            ];
      return {
        stream: new ReadableStream({
          start(controller) {
            for (const chunk of chunks) controller.enqueue(chunk);
            controller.close();
          },
        }),
      };
    },
    doGenerate: async () => {
      const code = fixes[Math.min(fix, fixes.length - 1)] ?? null;
      fix += 1;
      const text = JSON.stringify({ code, explanation: code === null ? 'I cannot see how to fix it.' : 'Closed the function body again.' });
      return { content: [{ type: 'text', text }], finishReason: { unified: 'stop', raw: undefined }, usage, warnings: [] };
    },
  });
  return { model, prompts };
}

/** Puts `model` behind the project's chat (the ChatSession's test seam). */
async function answerWith(projectId: string, model: LanguageModel) {
  await runInDurableObject(env.CHAT.get(env.CHAT.idFromName(projectId)), (chat: ChatSession) => {
    chat.engineFor = () => createAiEngine(model, 'openai:mock');
  });
}

const say = (user: TestUser, projectId: string, content: string) => callJson<ChatMessage>(`/api/projects/${projectId}/chat`, { key: user.key, body: { content } });
const versions = (user: TestUser, projectId: string) => callJson<Version[]>(`/api/projects/${projectId}/versions`, { key: user.key });
const fileText = async (user: TestUser, projectId: string, path: string) => (await call(`/api/projects/${projectId}/files/${path}`, { key: user.key })).text();
const toolParts = (message: ChatMessage) => message.parts.filter((part) => part.type.startsWith('tool-'));

/** A generated todo app; its heading is the project's name, `Site of todo-list`. */
async function todoApp() {
  const user = await createUser();
  const project = await generateProject(user, 'todo-list');
  return { user, project };
}

const BREAK = { find: 'export function removeTodo(todos, id) {\n  return todos.filter((todo) => todo.id !== id);\n}', replace: 'export function removeTodo(todos, id) {\n  return todos.filter((todo) => todo.id !== id);\n' };

describe('builder with a model', () => {
  it('runs readFile then editFile; the stream readUIMessageStream reads has exactly the stored parts', async () => {
    const { user, project } = await todoApp();
    const { model } = scriptedModel([
      { tools: [{ name: 'readFile', input: { path: 'index.html' } }] },
      { tools: [{ name: 'editFile', input: { path: 'index.html', edits: [{ find: '<h1>Site of todo-list</h1>', replace: '<h1>Chore Wheel</h1>' }] } }] },
      { text: 'Renamed the heading.' },
    ]);
    await answerWith(project.id, model);
    const response = await call(`/api/projects/${project.id}/chat`, { key: user.key, body: { content: 'Rename the heading to Chore Wheel' }, headers: { Accept: 'text/event-stream' } });
    const streamed = await readStreamedMessage(response);
    const stored = (await callJson<ChatMessage[]>(`/api/projects/${project.id}/chat`, { key: user.key })).at(-1)!;

    expect(stored.id).toBe(streamed.id);
    expect(stored.parts).toEqual(JSON.parse(JSON.stringify(streamed.parts)));
    expect(toolParts(stored).map((part) => [part.type, part.state])).toEqual([
      ['tool-readFile', 'output-available'],
      ['tool-editFile', 'output-available'],
    ]);
    expect(stored.parts.filter((part) => part.type === 'step-start')).toHaveLength(3);
    expect(stored.content).toContain('Renamed the heading.');
    expect(await fileText(user, project.id, 'index.html')).toContain('<h1>Chore Wheel</h1>');
    const [latest] = await versions(user, project.id);
    expect(latest).toMatchObject({ id: stored.versionId, source: 'chat', messageId: stored.id, files: [{ path: 'index.html', change: 'modified' }] });
  });

  it('answers a find that misses with a tool error naming the closest line, and the retry succeeds', async () => {
    const { user, project } = await todoApp();
    const { model, prompts } = scriptedModel([
      { tools: [{ name: 'editFile', input: { path: 'index.html', edits: [{ find: '<h1>Site of todo</h1>', replace: '<h1>Chores</h1>' }] } }] },
      { tools: [{ name: 'editFile', input: { path: 'index.html', edits: [{ find: '<h1>Site of todo-list</h1>', replace: '<h1>Chores</h1>' }] } }] },
      { text: 'Done.' },
    ]);
    await answerWith(project.id, model);
    const reply = await say(user, project.id, 'Call the heading Chores');
    const [miss, retry] = toolParts(reply);
    expect(miss).toMatchObject({ type: 'tool-editFile', state: 'output-error' });
    expect(miss!.errorText).toContain('occurs nowhere in the file; the closest line is 15: "<h1>Site of todo-list</h1>"');
    expect(retry).toMatchObject({ type: 'tool-editFile', state: 'output-available' });
    // The model was told the error: it is in the prompt of its second step.
    expect(JSON.stringify(prompts[1])).toContain('the closest line is 15');
    expect(await fileText(user, project.id, 'index.html')).toContain('<h1>Chores</h1>');
    expect(reply.checks?.ok).toBe(true);
  });

  it('refuses a find that matches twice and changes nothing', async () => {
    const { user, project } = await todoApp();
    const { model } = scriptedModel([{ tools: [{ name: 'editFile', input: { path: 'index.html', edits: [{ find: 'aria-pressed="false"', replace: 'x' }] } }] }, { text: 'Hm.' }]);
    await answerWith(project.id, model);
    const before = await versions(user, project.id);
    const reply = await say(user, project.id, 'Press them');
    expect(toolParts(reply)[0]!.errorText).toContain('occurs 2 times (lines 34, 35)');
    expect(reply.versionId).toBeNull();
    expect(await versions(user, project.id)).toEqual(before);
  });

  it('heals an edit that breaks src/lib/todos.js: the chat version, then a heal version whose checks pass', async () => {
    const { user, project } = await todoApp();
    const original = await fileText(user, project.id, 'src/lib/todos.js');
    const { model } = scriptedModel([{ tools: [{ name: 'editFile', input: { path: 'src/lib/todos.js', edits: [BREAK] } }] }, { text: 'Edited.' }], [original]);
    await answerWith(project.id, model);
    const reply = await say(user, project.id, 'Tidy removeTodo');
    const [heal, chat] = await versions(user, project.id);
    expect(chat).toMatchObject({ source: 'chat', messageId: reply.id, checks: { ok: false } });
    expect(heal).toMatchObject({ source: 'heal', messageId: reply.id, checks: { ok: true }, files: [{ path: 'src/lib/todos.js', change: 'modified' }] });
    expect(reply.versionId).toBe(heal!.id);
    expect(reply.checks).toMatchObject({ ok: true, healed: [{ path: 'src/lib/todos.js', verified: true }] });
    expect(reply.content).toContain(`healed automatically as version ${heal!.number}`);
    expect(await fileText(user, project.id, 'src/lib/todos.js')).toBe(original);
  });

  it('rolls back an edit that cannot be healed: no version, the files as they were, and the reason in the reply', async () => {
    const { user, project } = await todoApp();
    const original = await fileText(user, project.id, 'src/lib/todos.js');
    const before = await versions(user, project.id);
    const { model } = scriptedModel([{ tools: [{ name: 'editFile', input: { path: 'src/lib/todos.js', edits: [BREAK] } }] }, { text: 'Edited.' }], [null]);
    await answerWith(project.id, model);
    const reply = await say(user, project.id, 'Tidy removeTodo');
    expect(reply.versionId).toBeNull();
    expect(reply.checks?.ok).toBe(false);
    expect(reply.content).toContain("Rolled back: the checks still failed after automatic fixes, so none of this turn's edits were kept");
    expect(reply.content).toMatch(/- src\/lib\/todos\.js:\d+:\d+: /);
    expect(await versions(user, project.id)).toEqual(before);
    expect(await fileText(user, project.id, 'src/lib/todos.js')).toBe(original);
  });

  it('renames the project with renameProject, in the batch of the turn that edits the heading', async () => {
    const { user, project } = await todoApp();
    const { model } = scriptedModel([
      {
        tools: [
          { name: 'editFile', input: { path: 'index.html', edits: [{ find: '<h1>Site of todo-list</h1>', replace: '<h1>Streaks</h1>' }] } },
          { name: 'renameProject', input: { name: '  Streaks ' } },
        ],
      },
      { text: 'Renamed.' },
    ]);
    await answerWith(project.id, model);
    const reply = await say(user, project.id, 'Call it Streaks');
    expect(toolParts(reply).map((part) => [part.type, part.state])).toEqual([
      ['tool-editFile', 'output-available'],
      ['tool-renameProject', 'output-available'],
    ]);
    expect(reply.content).toContain('and the project renamed to “Streaks”');
    expect(await callJson<{ name: string }>(`/api/projects/${project.id}`, { key: user.key })).toMatchObject({ name: 'Streaks' });
  });

  it('keeps the project name when the turn that renamed it is rolled back', async () => {
    const { user, project } = await todoApp();
    const { model } = scriptedModel(
      [{ tools: [{ name: 'editFile', input: { path: 'src/lib/todos.js', edits: [BREAK] } }, { name: 'renameProject', input: { name: 'Broken' } }] }, { text: 'Edited.' }],
      [null],
    );
    await answerWith(project.id, model);
    const reply = await say(user, project.id, 'Tidy removeTodo and call it Broken');
    expect(reply.versionId).toBeNull();
    expect(reply.content).toContain('The project was not renamed to “Broken”.');
    expect(await callJson<{ name: string }>(`/api/projects/${project.id}`, { key: user.key })).toMatchObject({ name: 'Site of todo-list' });
  });

  it('refuses production unless the message asks for it', async () => {
    const { user, project } = await todoApp();
    const { model } = scriptedModel([{ tools: [{ name: 'deploy', input: { environment: 'production' } }] }, { text: 'Tried.' }]);
    await answerWith(project.id, model);
    const reply = await say(user, project.id, 'Put it online');
    expect(toolParts(reply)[0]!.errorText).toContain('production needs the user to ask for production');
    expect(await callJson<unknown[]>(`/api/projects/${project.id}/deployments`, { key: user.key })).toEqual([]);
  });
});

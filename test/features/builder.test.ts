// The builder chat offline: requests in English become tool calls on a generated todo app, one
// version per turn, checked; undo restores bytes; a question changes nothing; other tenants get 404.
import { describe, expect, it } from 'vitest';
import { call, callJson, createUser, deliverMessages, generateProject, readStreamedMessage } from '../helpers';
import type { TestUser } from '../helpers';

interface ChatMessage {
  id: string;
  role: 'user' | 'assistant';
  content: string;
  status: string;
  parts: { type: string; state?: string; input?: unknown; output?: unknown; errorText?: string }[];
  versionId: string | null;
  checks: { ok: boolean; healed: unknown[] } | null;
}

interface Version {
  id: string;
  number: number;
  source: string;
  messageId: string | null;
  files: { path: string; change: string }[];
}

interface Deployment {
  id: string;
  status: string;
  environment: string;
  url: string | null;
}

const say = (user: TestUser, projectId: string, content: string) =>
  callJson<ChatMessage>(`/api/projects/${projectId}/chat`, { key: user.key, body: { content } });

const versions = (user: TestUser, projectId: string) => callJson<Version[]>(`/api/projects/${projectId}/versions`, { key: user.key });

const fileText = async (user: TestUser, projectId: string, path: string) => {
  const response = await call(`/api/projects/${projectId}/files/${path}`, { key: user.key });
  expect(response.status).toBe(200);
  return response.text();
};

const toolsCalled = (message: ChatMessage) => message.parts.filter((part) => part.type.startsWith('tool-')).map((part) => part.type.slice('tool-'.length));

async function todoApp() {
  const user = await createUser();
  const project = await generateProject(user, 'todo-list');
  return { user, project };
}

describe('offline builder', () => {
  it('renames the project with the app: GET /api/projects/{id} shows the new name, and the turn and its version say so', async () => {
    const { user, project } = await todoApp();
    const reply = await say(user, project.id, 'call it Streaks');
    expect(reply.parts.find((part) => part.type === 'tool-renameProject')).toMatchObject({ state: 'output-available', input: { name: 'Streaks' } });
    expect(reply.content).toContain('and the project renamed to “Streaks”');
    expect(await callJson<{ name: string }>(`/api/projects/${project.id}`, { key: user.key })).toMatchObject({ name: 'Streaks' });
    const [latest] = await callJson<(Version & { summary: string })[]>(`/api/projects/${project.id}/versions`, { key: user.key });
    expect(latest).toMatchObject({ id: reply.versionId, summary: 'Chat: call it Streaks; project renamed to “Streaks”' });

    const again = await say(user, project.id, 'call it Streaks');
    expect(toolsCalled(again)).toEqual(['readFile']);
    expect(again.versionId).toBeNull();
  });

  it('renames a project that has no files yet, making no version', async () => {
    const user = await createUser();
    const project = await callJson<{ id: string }>('/api/projects', { key: user.key, body: { name: 'Untitled' }, expect: 201 });
    const reply = await say(user, project.id, 'call it Streaks');
    expect(toolsCalled(reply)).toEqual(['readFile', 'renameProject']);
    expect(reply.versionId).toBeNull();
    expect(reply.content).toContain('Renamed the project to “Streaks”.');
    expect(await callJson<{ name: string }>(`/api/projects/${project.id}`, { key: user.key })).toMatchObject({ name: 'Streaks' });
    expect(await versions(user, project.id)).toEqual([]);
  });

  it('renames the app: title and heading change in one chat version with passing checks, and the preview deploys it', async () => {
    const { user, project } = await todoApp();
    const before = await versions(user, project.id);
    const reply = await say(user, project.id, 'Call it Chore Wheel');
    expect(reply.status).toBe('complete');
    expect(toolsCalled(reply)).toEqual(['readFile', 'editFile', 'renameProject']);
    expect(reply.parts.filter((part) => part.type.startsWith('tool-')).every((part) => part.state === 'output-available')).toBe(true);
    const html = await fileText(user, project.id, 'index.html');
    expect(html).toContain('<title>Chore Wheel</title>');
    expect(html).toContain('<h1>Chore Wheel</h1>');

    const after = await versions(user, project.id);
    expect(after).toHaveLength(before.length + 1);
    expect(after[0]).toMatchObject({ source: 'chat', messageId: reply.id, files: [{ path: 'index.html', change: 'modified' }] });
    expect(reply.versionId).toBe(after[0]!.id);
    expect(reply.checks?.ok).toBe(true);
    expect(reply.content).toContain(`Saved as version ${after[0]!.number}`);

    const deploy = await say(user, project.id, 'deploy it');
    expect(toolsCalled(deploy)).toEqual(['deploy']);
    expect(deploy.versionId).toBeNull();
    const [deployment] = await callJson<Deployment[]>(`/api/projects/${project.id}/deployments`, { key: user.key });
    expect(deployment).toMatchObject({ environment: 'preview', status: 'queued' });
    await deliverMessages('promptax-deployments', [{ deploymentId: deployment!.id }]);
    const live = await callJson<Deployment>(`/api/projects/${project.id}/deployments/${deployment!.id}`, { key: user.key });
    expect(live.status).toBe('live');
    const site = await call(live.url!);
    expect(await site.text()).toContain('<h1>Chore Wheel</h1>');
  });

  it('makes it teal: the accent and its darker shade change in the stylesheet', async () => {
    const { user, project } = await todoApp();
    const reply = await say(user, project.id, 'make it teal');
    expect(toolsCalled(reply)).toEqual(['listFiles', 'readFile', 'editFile']);
    const css = await fileText(user, project.id, 'styles.css');
    expect(css).toContain('--accent: #008080;');
    expect(css).toContain('--accent-dark: #006d6d;');
    expect(css).not.toContain('#4f46e5');
    expect(reply.versionId).not.toBeNull();
  });

  it("undoes the last change: the previous version's files come back byte for byte, as a restore version", async () => {
    const { user, project } = await todoApp();
    const original = await fileText(user, project.id, 'styles.css');
    const originalHtml = await fileText(user, project.id, 'index.html');
    await say(user, project.id, 'switch to a dark theme');
    expect(await fileText(user, project.id, 'styles.css')).not.toBe(original);
    const undo = await say(user, project.id, 'undo');
    expect(toolsCalled(undo)).toEqual(['restoreVersion']);
    expect(await fileText(user, project.id, 'styles.css')).toBe(original);
    expect(await fileText(user, project.id, 'index.html')).toBe(originalHtml);
    const [latest] = await versions(user, project.id);
    expect(latest).toMatchObject({ source: 'restore', messageId: undo.id });
    expect(undo.versionId).toBe(latest!.id);
  });

  it('answers a question without changing anything: no version, no tool that writes', async () => {
    const { user, project } = await todoApp();
    const before = await versions(user, project.id);
    const reply = await say(user, project.id, 'what files do I have?');
    expect(reply.content).toContain('src/lib/todos.js');
    expect(reply.versionId).toBeNull();
    expect(reply.checks).toBeNull();
    expect(await versions(user, project.id)).toEqual(before);
  });

  it('says plainly what offline cannot do and which model could, changing nothing', async () => {
    const { user, project } = await todoApp();
    const before = await versions(user, project.id);
    const reply = await say(user, project.id, 'Rewrite the app in Rust with a GraphQL backend');
    expect(reply.content).toContain('The offline builder cannot do that');
    expect(reply.content).toContain('openai:gpt-4.1-mini');
    expect(toolsCalled(reply)).toEqual([]);
    expect(await versions(user, project.id)).toEqual(before);
  });

  it('streams the same parts it stores', async () => {
    const { user, project } = await todoApp();
    const response = await call(`/api/projects/${project.id}/chat`, { key: user.key, body: { content: 'Change the subtitle to "One chore at a time"' }, headers: { Accept: 'text/event-stream' } });
    const streamed = await readStreamedMessage(response);
    const stored = await callJson<ChatMessage[]>(`/api/projects/${project.id}/chat`, { key: user.key });
    const answer = stored.at(-1)!;
    expect(answer.id).toBe(streamed.id);
    expect(answer.parts).toEqual(JSON.parse(JSON.stringify(streamed.parts)));
    expect(await fileText(user, project.id, 'index.html')).toContain('<p class="subtitle">One chore at a time</p>');
  });

  it('answers 404 to another organisation and runs no turn', async () => {
    const { user, project } = await todoApp();
    const stranger = await createUser('Stranger');
    const response = await call(`/api/projects/${project.id}/chat`, { key: stranger.key, body: { content: 'Call it Mine' } });
    expect(response.status).toBe(404);
    expect(await fileText(user, project.id, 'index.html')).not.toContain('Mine');
    expect(await callJson<ChatMessage[]>(`/api/projects/${project.id}/chat`, { key: user.key })).toEqual([]);
  });
});

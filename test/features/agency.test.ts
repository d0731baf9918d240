// Agency consultations through the API: sessions indexed in D1, messages in each AgencySession,
// advice about the product grounded in the project, streamed or JSON, and other tenants kept out.
import { describe, expect, it } from 'vitest';
import type { BuildPlan } from '../../src/features/plans/service';
import { call, callJson, createProject, createUser, readStreamedMessage, textOf } from '../helpers';
import type { TestUser } from '../helpers';

interface AgencySession {
  id: string;
  projectId: string;
  title: string;
  status: 'active' | 'closed';
  messageCount: number;
  createdAt: string;
  updatedAt: string;
}

interface AgencyMessage {
  id: string;
  sessionId: string;
  role: 'user' | 'assistant';
  content: string;
  model: string;
  context: { project: { id: string; name: string; status: string }; plans: number; files: number; deployments: number; sources: string[] };
  createdAt: string;
}

async function setUp() {
  const user = await createUser();
  const project = await createProject(user, { name: 'Team todos', description: 'A shared todo list for a small team of designers' });
  return { user, project };
}

const open = (user: TestUser, projectId: string, title?: string) =>
  callJson<AgencySession>('/api/agency', { key: user.key, body: { projectId, ...(title ? { title } : {}) }, expect: 201 });

const ask = (user: TestUser, sessionId: string, content: string) =>
  callJson<AgencyMessage>(`/api/agency/${sessionId}/message`, { key: user.key, body: { content } });

describe('agency sessions', () => {
  it('opens a consultation on a project, titled after it, and lists sessions newest first', async () => {
    const { user, project } = await setUp();
    const first = await open(user, project.id);
    const second = await open(user, project.id, 'Launch plan');
    expect(first).toMatchObject({ projectId: project.id, title: 'Consultation on Team todos', status: 'active', messageCount: 0 });
    expect(second.title).toBe('Launch plan');
    const listed = await callJson<AgencySession[]>('/api/agency', { key: user.key });
    expect(listed.map((session) => session.id)).toEqual([second.id, first.id]);
  });

  it('pages the list through Link and filters it by project', async () => {
    const { user, project } = await setUp();
    const other = await createProject(user, { name: 'Other' });
    const sessions = [await open(user, project.id), await open(user, project.id), await open(user, other.id)];
    const first = await call('/api/agency?limit=2', { key: user.key });
    const next = /<([^>]+)>;\s*rel="next"/.exec(first.headers.get('Link') ?? '')?.[1];
    const rest = await callJson<AgencySession[]>(next!, { key: user.key });
    expect([...(await first.json<AgencySession[]>()), ...rest].map((session) => session.id)).toEqual(sessions.map((session) => session.id).reverse());
    const ofProject = await callJson<AgencySession[]>(`/api/agency?projectId=${project.id}`, { key: user.key });
    expect(ofProject.map((session) => session.id)).toEqual([sessions[1]!.id, sessions[0]!.id]);
  });

  it('answers with the context it used, stores both messages and counts them in the index', async () => {
    const { user, project } = await setUp();
    const session = await open(user, project.id);
    const answer = await ask(user, session.id, 'Is this a good idea?');
    expect(answer).toMatchObject({
      sessionId: session.id,
      role: 'assistant',
      model: 'offline',
      context: { project: { id: project.id, name: 'Team todos', status: 'draft' }, plans: 0, files: 0, deployments: 0, sources: [`/api/projects/${project.id}`] },
    });
    const read = await callJson<AgencySession & { messages: AgencyMessage[] }>(`/api/agency/${session.id}`, { key: user.key });
    expect(read.messageCount).toBe(2);
    expect(read.updatedAt >= session.updatedAt).toBe(true);
    expect(read.messages.map((message) => [message.role, message.content.slice(0, 20)])).toEqual([
      ['user', 'Is this a good idea?'],
      ['assistant', answer.content.slice(0, 20)],
    ]);
    expect(read.messages[1]).toEqual(answer);
  });

  it('reasons about audience, scope, risks and launch from the project, not only its code', async () => {
    const { user, project } = await setUp();
    await callJson<BuildPlan>(`/api/projects/${project.id}/plans`, { key: user.key, body: { templateId: 'todo-list', features: ['dark mode'] }, expect: 201 });
    const session = await open(user, project.id);
    const review = await ask(user, session.id, 'Review my product');
    for (const topic of ['**Audience.**', '**Scope.**', '**Risks.**', '**Launch.**']) expect(review.content).toContain(topic);
    expect(review.content).toContain('a small team of designers');
    expect(review.content).toContain('dark mode');
    expect(review.context).toMatchObject({ plans: 1, sources: [`/api/projects/${project.id}`, `/api/projects/${project.id}/plans`] });

    const audience = await ask(user, session.id, 'Who should I build this for?');
    expect(audience.content).toContain('**Audience.**');
    expect(audience.content).not.toContain('**Launch.**');
  });

  it('streams a reply that readUIMessageStream reads as the stored answer', async () => {
    const { user, project } = await setUp();
    const session = await open(user, project.id);
    const response = await call(`/api/agency/${session.id}/message`, {
      key: user.key,
      body: { content: 'How should I launch?' },
      headers: { Accept: 'text/event-stream' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-vercel-ai-ui-message-stream')).toBe('v1');
    const streamed = await readStreamedMessage(response);
    const read = await callJson<AgencySession & { messages: AgencyMessage[] }>(`/api/agency/${session.id}`, { key: user.key });
    expect(read.messageCount).toBe(2);
    expect(textOf(streamed)).toBe(read.messages[1]!.content);
    expect(streamed.id).toBe(read.messages[1]!.id);
  });
});

describe('agency validation and access', () => {
  it.each([
    ['a project id that is not a UUID', { projectId: 'nope' }],
    ['an empty title', { projectId: '019b0b3c-5f1e-7000-8a3d-1c2b4e5f6a7b', title: ' ' }],
    ['no project id', {}],
  ])('refuses to open a session with %s (400)', async (_case, body) => {
    const user = await createUser();
    expect((await call('/api/agency', { key: user.key, body })).status).toBe(400);
  });

  it.each([
    ['an empty message', { content: '' }],
    ['a message of 32,001 characters', { content: 'x'.repeat(32_001) }],
    ['an unknown model', { content: 'hi', model: 'nope:1' }],
  ])('refuses %s with a 400 and stores nothing', async (_case, body) => {
    const { user, project } = await setUp();
    const session = await open(user, project.id);
    expect((await call(`/api/agency/${session.id}/message`, { key: user.key, body })).status).toBe(400);
    expect((await callJson<AgencySession & { messages: AgencyMessage[] }>(`/api/agency/${session.id}`, { key: user.key })).messages).toEqual([]);
  });

  it('answers 401 without a key on every agency route', async () => {
    const { user, project } = await setUp();
    const session = await open(user, project.id);
    expect((await call('/api/agency', { body: { projectId: project.id } })).status).toBe(401);
    expect((await call('/api/agency')).status).toBe(401);
    expect((await call(`/api/agency/${session.id}`)).status).toBe(401);
    expect((await call(`/api/agency/${session.id}/message`, { body: { content: 'hi' } })).status).toBe(401);
  });

  it('answers 404 to another organisation on sessions, messages and projects, and lists nothing of theirs', async () => {
    const { user, project } = await setUp();
    const session = await open(user, project.id);
    const stranger = await createUser('Stranger');
    expect((await call(`/api/agency/${session.id}`, { key: stranger.key })).status).toBe(404);
    expect((await call(`/api/agency/${session.id}/message`, { key: stranger.key, body: { content: 'hi' } })).status).toBe(404);
    expect(
      (await call(`/api/agency/${session.id}/message`, { key: stranger.key, body: { content: 'hi' }, headers: { Accept: 'text/event-stream' } })).status,
    ).toBe(404);
    expect((await call('/api/agency', { key: stranger.key, body: { projectId: project.id } })).status).toBe(404);
    expect(await callJson<AgencySession[]>('/api/agency', { key: stranger.key })).toEqual([]);
    expect((await callJson<AgencySession>(`/api/agency/${session.id}`, { key: user.key })).messageCount).toBe(0);
  });
});

describe('API description', () => {
  it('documents every chat and agency route, with the stream as a second content type', async () => {
    const document = await callJson<{ paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, unknown> }> }>> }>('/openapi.json');
    for (const path of ['/api/projects/{projectId}/chat', '/api/projects/{projectId}/chat/stream', '/api/agency', '/api/agency/{sessionId}', '/api/agency/{sessionId}/message']) {
      expect(document.paths[path]).toBeDefined();
    }
    expect(Object.keys(document.paths['/api/projects/{projectId}/chat']!.post!.responses['200']!.content!)).toEqual(['application/json', 'text/event-stream']);
    expect(Object.keys(document.paths['/api/agency/{sessionId}/message']!.post!.responses['200']!.content!)).toEqual(['application/json', 'text/event-stream']);
  });
});

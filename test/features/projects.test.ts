import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createDb } from '../../src/db/client';
import { analyticsEvents, projects, selfHealEvents } from '../../src/db/schema';
import type { AnalyticsMessage } from '../../src/features/analytics/service';
import type { Project } from '../../src/features/projects/routes';
import { nowIso, uuidv7 } from '../../src/lib/ids';
import { addMembership, call, callJson, createProject, createUser, deliverMessages } from '../helpers';
import type { TestUser } from '../helpers';

interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: { location: string; pointer: string; detail: string }[];
}

const MISSING = '019b0b3c-5f1e-7000-8a3d-1c2b4e5f6a7b';

/** Stores events of the project the way they arrive: a fix request (its requested and fixed events) and a tracked event through the analytics queue. */
async function recordEvents(user: TestUser, projectId: string) {
  await callJson('/api/self-heal/fix', { key: user.key, body: { projectId, code: '{"a": 1,}', path: 'data.json', errors: [] } });
  const tracked: AnalyticsMessage = { id: uuidv7(), type: 'page.view', data: {}, userId: user.userId, organisationId: user.organisationId, projectId, createdAt: nowIso() };
  await deliverMessages('promptax-analytics', [tracked]);
}

describe('projects CRUD', () => {
  it('creates a draft project in the caller\'s only organisation', async () => {
    const user = await createUser();
    const project = await createProject(user, { name: 'Shop', description: 'A small shop' });
    expect(project).toMatchObject({
      name: 'Shop',
      description: 'A small shop',
      organisationId: user.organisationId,
      ownerId: user.userId,
      templateId: null,
      status: 'draft',
    });
    expect(project.createdAt).toBe(project.updatedAt);
    const stored = await createDb(env.DB).select().from(projects).where(eq(projects.id, project.id));
    expect(stored).toHaveLength(1);
  });

  it('reads, updates and deletes a project', async () => {
    const user = await createUser();
    const created = await createProject(user);
    expect(await callJson<Project>(`/api/projects/${created.id}`, { key: user.key })).toEqual(created);

    const updated = await callJson<Project>(`/api/projects/${created.id}`, {
      key: user.key,
      method: 'PUT',
      body: { name: 'Renamed' },
    });
    expect(updated).toMatchObject({ id: created.id, name: 'Renamed', description: created.description });
    expect(updated.updatedAt >= created.updatedAt).toBe(true);

    expect(await callJson(`/api/projects/${created.id}`, { key: user.key, method: 'DELETE' })).toEqual({ success: true });
    expect((await call(`/api/projects/${created.id}`, { key: user.key })).status).toBe(404);
    expect(await createDb(env.DB).select().from(projects).where(eq(projects.id, created.id))).toEqual([]);
  });

  it("leaves none of its self-heal or analytics events, and another project's stay", async () => {
    const user = await createUser();
    const [doomed, kept] = [await createProject(user), await createProject(user)];
    for (const project of [doomed, kept]) await recordEvents(user, project.id);
    const db = createDb(env.DB);
    const eventsOf = async (projectId: string) => ({
      selfHeal: (await db.select().from(selfHealEvents).where(eq(selfHealEvents.projectId, projectId))).length,
      analytics: (await db.select().from(analyticsEvents).where(eq(analyticsEvents.projectId, projectId))).length,
    });
    expect(await eventsOf(doomed.id)).toEqual({ selfHeal: 2, analytics: 1 });

    expect(await callJson(`/api/projects/${doomed.id}`, { key: user.key, method: 'DELETE' })).toEqual({ success: true });

    expect(await eventsOf(doomed.id)).toEqual({ selfHeal: 0, analytics: 0 });
    expect(await eventsOf(kept.id)).toEqual({ selfHeal: 2, analytics: 1 });
  });

  it('lists projects newest first', async () => {
    const user = await createUser();
    const first = await createProject(user, { name: 'first' });
    const second = await createProject(user, { name: 'second' });
    const listed = await callJson<Project[]>('/api/projects', { key: user.key });
    expect(listed.map((project) => project.id)).toEqual([second.id, first.id]);
  });

  it('needs organisationId when the caller belongs to several organisations', async () => {
    const user = await createUser();
    const colleague = await createUser();
    await addMembership(user, colleague.organisationId);

    const response = await call('/api/projects', { key: user.key, body: { name: 'x' } });
    expect(response.status).toBe(400);
    expect((await response.json<Problem>()).errors).toEqual([expect.objectContaining({ pointer: '#/organisationId' })]);

    const project = await createProject(user, { organisationId: colleague.organisationId });
    expect(project.organisationId).toBe(colleague.organisationId);
    // A member of the organisation sees it too.
    expect((await call(`/api/projects/${project.id}`, { key: colleague.key })).status).toBe(200);
  });

  it('is 403 to create a project in an organisation the caller is not in', async () => {
    const user = await createUser();
    const stranger = await createUser();
    const response = await call('/api/projects', { key: user.key, body: { name: 'x', organisationId: stranger.organisationId } });
    expect(response.status).toBe(403);
    expect(await callJson<Project[]>('/api/projects', { key: stranger.key })).toEqual([]);
  });
});

describe('projects: validation', () => {
  it.each([
    [{}, '#/name'],
    [{ name: '' }, '#/name'],
    [{ name: 'x'.repeat(121) }, '#/name'],
    [{ name: 'ok', description: 'x'.repeat(4001) }, '#/description'],
    [{ name: 7 }, '#/name'],
    [{ name: 'ok', organisationId: 'nope' }, '#/organisationId'],
  ])('POST %j is a 400 naming %s', async (body, pointer) => {
    const user = await createUser();
    const response = await call('/api/projects', { key: user.key, body });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    const problem = await response.json<Problem>();
    expect(problem).toMatchObject({ status: 400, title: 'Invalid request' });
    expect(problem.errors?.map((error) => error.pointer)).toContain(pointer);
  });

  it('PUT with nothing to change is a 400', async () => {
    const user = await createUser();
    const project = await createProject(user);
    const response = await call(`/api/projects/${project.id}`, { key: user.key, method: 'PUT', body: {} });
    expect(response.status).toBe(400);
  });

  it('malformed JSON is a 400 problem, not a 500', async () => {
    const user = await createUser();
    const response = await call('/api/projects', { key: user.key, body: '{"name": ' });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(await callJson<Project[]>('/api/projects', { key: user.key })).toEqual([]);
  });

  it('a non-UUID project id is a 400 naming the path parameter', async () => {
    const user = await createUser();
    for (const method of ['GET', 'PUT', 'DELETE']) {
      const response = await call('/api/projects/123', { key: user.key, method, body: method === 'PUT' ? { name: 'x' } : undefined });
      expect(response.status).toBe(400);
      expect((await response.json<Problem>()).errors?.[0]).toMatchObject({ location: 'path', pointer: '#/projectId' });
    }
  });

  it('an unknown project id is a 404', async () => {
    const user = await createUser();
    expect((await call(`/api/projects/${MISSING}`, { key: user.key })).status).toBe(404);
  });
});

describe('projects: authentication', () => {
  const routes: [string, string, unknown?][] = [
    ['GET', '/api/projects'],
    ['POST', '/api/projects', { name: 'x' }],
    ['GET', `/api/projects/${MISSING}`],
    ['PUT', `/api/projects/${MISSING}`, { name: 'x' }],
    ['DELETE', `/api/projects/${MISSING}`],
  ];

  it.each(routes)('%s %s is 401 without a key', async (method, path, body) => {
    const response = await call(path, { method, body });
    expect(response.status).toBe(401);
    expect((await response.json<Problem>()).type).toMatch(/unauthorized$/);
  });

  it.each(routes)('%s %s is 401 with a revoked key', async (method, path, body) => {
    const user = await createUser();
    await callJson(`/api/auth/keys/${user.keyId}`, { key: user.key, method: 'DELETE' });
    expect((await call(path, { method, body, key: user.key })).status).toBe(401);
  });
});

describe('projects: another organisation', () => {
  it('gets 404 on every project route, never sees the project, and changes nothing', async () => {
    const owner = await createUser();
    const intruder = await createUser();
    const project = await createProject(owner);
    const path = `/api/projects/${project.id}`;

    expect((await call(path, { key: intruder.key })).status).toBe(404);
    expect((await call(path, { key: intruder.key, method: 'PUT', body: { name: 'hacked' } })).status).toBe(404);
    expect((await call(path, { key: intruder.key, method: 'DELETE' })).status).toBe(404);
    expect(await callJson<Project[]>('/api/projects', { key: intruder.key })).toEqual([]);
    expect(await callJson<Project[]>(`/api/projects?organisationId=${owner.organisationId}`, { key: intruder.key })).toEqual([]);

    expect(await callJson<Project>(path, { key: owner.key })).toEqual(project);
  });
});

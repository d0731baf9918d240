// D1 round trips per request, counted by a wrapper over the binding (each statement run and each
// batch is one): what a request waits for in a Worker far from the database. Held per route class:
// at most 1 for an authenticated read of one object or a list page, at most 2 for a write, at most
// 1 before the model in a chat turn. Work left to `waitUntil` (the rate-limit flush, `lastUsedAt`)
// happens after the answer and is not counted. Calls into a conversation's Durable Object are
// crossings too, counted by a wrapper over its namespace: one a turn.
import { createExecutionContext, runInDurableObject, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app';
import type { Bindings } from '../../src/app-env';
import type { AgencySession } from '../../src/durable-objects/agency-session';
import type { ChatSession } from '../../src/durable-objects/chat-session';
import { engineFor } from '../../src/engine/models';
import { eq } from 'drizzle-orm';
import { createDb } from '../../src/db/client';
import { apiKeys, memberships, projects, testSuites } from '../../src/db/schema';
import { API, call, callJson, createProject, createUser, deployProject, editFile } from '../helpers';
import type { TestUser } from '../helpers';
import { scenario } from '../model-server/scenario';
import { countingNamespace, FaultyD1 } from './faulty-bindings';
import { FIXTURES, requestFor } from './fixtures';
import { loadOperations } from './openapi';

/**
 * Sends a request over a D1 that counts its calls, and answers how many the response waited for:
 * until its body ends, or, for an event stream (open until the client leaves), until its headers.
 */
async function countTrips(request: Request, overrides: Partial<Bindings> = {}) {
  const counting = new FaultyD1(env.DB, { from: Infinity, count: 0 });
  const ctx = createExecutionContext();
  const response = await createApp().fetch(request, { ...env, ...overrides, DB: counting.binding }, ctx);
  const atHeaders = counting.calls;
  // A stream's polls after its headers are its events, not what the client waited for.
  const streams = response.headers.get('content-type')?.startsWith('text/event-stream') === true;
  if (streams) await response.body?.cancel();
  else await response.arrayBuffer();
  const trips = streams ? atHeaders : counting.calls;
  await waitOnExecutionContext(ctx);
  expect(response.status, `${request.method} ${request.url}`).toBeLessThan(300);
  return trips;
}

async function roundTrips(user: TestUser, method: string, path: string, body?: { json?: unknown; text?: string }, overrides: Partial<Bindings> = {}) {
  const headers = new Headers({ Authorization: `Bearer ${user.key}` });
  if (body?.json !== undefined) headers.set('content-type', 'application/json');
  if (body?.text !== undefined) headers.set('content-type', 'text/javascript');
  return countTrips(new Request(API + path, { method, headers, body: body?.json !== undefined ? JSON.stringify(body.json) : body?.text }), overrides);
}

const operations = await loadOperations();

let user: TestUser;
let projectId: string;
let deploymentId: string;

beforeAll(async () => {
  user = await createUser();
  projectId = (await createProject(user)).id;
  await editFile(user, projectId, 'index.html', '<!doctype html><title>Todo</title><h1>Todo</h1>', 'text/html');
  deploymentId = (await deployProject(user, projectId)).id;
  // The isolate has now seen the key, as any isolate serving a client's second request has.
  await callJson('/api/auth/session', { key: user.key });
});

describe('the key check that rides the first round trip', () => {
  it('refuses a key revoked elsewhere at once, on reads, on writes and on routes that read no D1', async () => {
    const other = await createUser();
    const project = await createProject(other);
    await callJson('/api/auth/session', { key: other.key });
    // As another isolate (or `DELETE /api/auth/keys/{id}` served elsewhere) would: this isolate still knows the caller.
    await createDb(env.DB).update(apiKeys).set({ revokedAt: new Date().toISOString() }).where(eq(apiKeys.id, other.keyId));

    for (const [method, path, body] of [
      ['GET', `/api/projects/${project.id}`],
      ['GET', '/api/models'],
      ['POST', '/api/projects', { name: 'Never' }],
      ['PUT', `/api/projects/${project.id}`, { name: 'Never' }],
    ] as const) {
      const response = await call(path, { key: other.key, method, body });
      expect(response.status, `${method} ${path}`).toBe(401);
    }
    const [stored] = await createDb(env.DB).select().from(projects).where(eq(projects.organisationId, other.organisationId));
    expect(stored!.name).toBe(project.name);
    expect(await createDb(env.DB).select().from(projects).where(eq(projects.organisationId, other.organisationId))).toHaveLength(1);
  });

  it('refuses a request whose memberships changed since the isolate resolved the caller, doing nothing', async () => {
    const other = await createUser();
    const project = await createProject(other);
    await callJson('/api/auth/session', { key: other.key });
    await createDb(env.DB).delete(memberships).where(eq(memberships.userId, other.userId));

    const response = await call(`/api/projects/${project.id}`, { key: other.key });
    expect(response.status).toBe(503);
    // The next request resolves the caller again: no organisation, so the project is not theirs.
    expect((await call(`/api/projects/${project.id}`, { key: other.key })).status).toBe(404);
  });
});

describe('reads: at most one round trip, key check included', () => {
  const reads = () => [
    `/api/auth/session`,
    `/api/projects/${projectId}`,
    `/api/projects`,
    `/api/projects/${projectId}/files`,
    `/api/projects/${projectId}/files/index.html`,
    `/api/projects/${projectId}/versions`,
    `/api/projects/${projectId}/versions/1`,
    `/api/projects/${projectId}/deployments`,
    `/api/projects/${projectId}/deployments/${deploymentId}`,
    `/api/projects/${projectId}/plans`,
    `/api/usage`,
    `/api/webhooks`,
  ];
  it('GET each representative read', async () => {
    const counts: Record<string, number> = {};
    for (const path of reads()) counts[path] = await roundTrips(user, 'GET', path);
    expect(Object.entries(counts).filter(([, trips]) => trips > 1)).toEqual([]);
  });

  it('every GET operation with a fixture in the route matrix, as its owner', async () => {
    const counts: Record<string, number> = {};
    for (const operation of operations.filter((each) => each.method === 'GET' && FIXTURES[each.key])) {
      const arranged = await FIXTURES[operation.key]!(user);
      counts[operation.key] = await countTrips(requestFor(operation, arranged, user.key));
    }
    expect(Object.keys(counts).length).toBeGreaterThan(20);
    expect(Object.entries(counts).filter(([, trips]) => trips > 1)).toEqual([]);
  });

  it('the test progress stream of a project with a run in progress: the project check, where to start and the first poll together', async () => {
    const project = await createProject(user);
    const now = new Date().toISOString();
    const suite = { projectId: project.id, type: 'unit' as const, target: 'src/app.js', model: 'offline', createdAt: now, updatedAt: now };
    await createDb(env.DB)
      .insert(testSuites)
      .values([
        { ...suite, id: crypto.randomUUID(), name: 'done', status: 'passed' },
        { ...suite, id: crypto.randomUUID(), name: 'running', status: 'running' },
      ]);
    expect(await roundTrips(user, 'GET', `/api/projects/${project.id}/tests/events`)).toBe(1);
  });
});

describe('a chat turn: at most one round trip before the model', () => {
  it('offline, and through an OpenAI-compatible server (key, project, facts and the token reservation together)', async () => {
    const stub = await scenario({ fallback: { content: 'Plan it first.' } });
    const settings: Partial<Bindings> = { OPENAI_BASE_URL: stub.baseUrl, OPENAI_API_KEY: 'sk-stub' };
    await runInDurableObject(env.CHAT.get(env.CHAT.idFromName(projectId)), (chat: ChatSession) => {
      chat.engineFor = (model, meter) => engineFor({ ...env, ...settings }, model, meter);
    });
    const offline = await roundTrips(user, 'POST', `/api/projects/${projectId}/chat`, { json: { content: 'What next?', model: 'offline' } });
    // The Worker's D1 calls until the object answers; the object reads no D1 before the model (the reservation came with the turn).
    const model = await roundTrips(user, 'POST', `/api/projects/${projectId}/chat`, { json: { content: 'What next?', model: 'openai:stub-model' } }, settings);
    expect({ offline, model }).toEqual({ offline: 1, model: 1 });
    expect(await stub.completions()).toHaveLength(1);
    const [report] = await callJson<{ budget: { reserved: number }; days: { calls: number }[] }[]>('/api/usage', { key: user.key });
    expect(report!.days.map((day) => day.calls)).toEqual([1]);
    expect(report!.budget.reserved).toBe(0);
  });

  it('a consultant message, offline and through an OpenAI-compatible server (key, session, project, facts and the reservation together)', async () => {
    const consultant = await createUser();
    const project = await createProject(consultant);
    await callJson('/api/auth/session', { key: consultant.key });
    const session = await callJson<{ id: string }>('/api/agency', { key: consultant.key, body: { projectId: project.id }, expect: 201 });
    const stub = await scenario({ fallback: { content: 'Ask ten designers first.' } });
    const settings: Partial<Bindings> = { OPENAI_BASE_URL: stub.baseUrl, OPENAI_API_KEY: 'sk-stub' };
    await runInDurableObject(env.AGENCY.get(env.AGENCY.idFromName(session.id)), (agency: AgencySession) => {
      agency.engineFor = (model, meter) => engineFor({ ...env, ...settings }, model, meter);
    });
    const path = `/api/agency/${session.id}/message`;
    const offline = await roundTrips(consultant, 'POST', path, { json: { content: 'Who is it for?', model: 'offline' } });
    const model = await roundTrips(consultant, 'POST', path, { json: { content: 'Who is it for?', model: 'openai:stub-model' } }, settings);
    expect({ offline, model }).toEqual({ offline: 1, model: 1 });
    expect(await stub.completions()).toHaveLength(1);
    const [report] = await callJson<{ budget: { reserved: number }; days: { calls: number }[] }[]>('/api/usage', { key: consultant.key });
    expect(report!.days.map((day) => day.calls)).toEqual([1]);
    expect(report!.budget.reserved).toBe(0);
  });
});

describe('a turn with a client message id: one call into its conversation\'s object before the model', () => {
  it('the project chat and a consultation, as useChat sends them: the object checks the id and queues the turn in the same call', async () => {
    const owner = await createUser();
    const project = await createProject(owner);
    const session = await callJson<{ id: string }>('/api/agency', { key: owner.key, body: { projectId: project.id }, expect: 201 });
    const [chat, agency] = [countingNamespace(env.CHAT), countingNamespace(env.AGENCY)];
    const question = (id: string) => ({ json: { messages: [{ id, role: 'user', parts: [{ type: 'text', text: 'Who is it for?' }] }] } });
    await roundTrips(owner, 'POST', `/api/projects/${project.id}/chat`, question('client-chat-1'), { CHAT: chat.namespace });
    await roundTrips(owner, 'POST', `/api/agency/${session.id}/message`, question('client-consult-1'), { AGENCY: agency.namespace });
    expect({ chat: chat.calls, consultant: agency.calls }).toEqual({ chat: ['sendStreaming'], consultant: ['sendStreaming'] });
  });
});

describe('writes: at most two round trips', () => {
  it('POST a project, PUT its name, PUT a file', async () => {
    const counts = {
      create: await roundTrips(user, 'POST', '/api/projects', { json: { name: 'Counted' } }),
      rename: await roundTrips(user, 'PUT', `/api/projects/${projectId}`, { json: { name: 'Renamed' } }),
    };
    expect(Object.entries(counts).filter(([, trips]) => trips > 2)).toEqual([]);
  });

  it('PUT a file, a new one and a change, and restore a version: the access and quota read, then the write with its version', async () => {
    const counts = {
      add: await roundTrips(user, 'PUT', `/api/projects/${projectId}/files/src%2Fapp.js`, { text: 'export const counted = 1;\n' }),
      change: await roundTrips(user, 'PUT', `/api/projects/${projectId}/files/src%2Fapp.js`, { text: 'export const counted = 2;\n' }),
      restore: await roundTrips(user, 'POST', `/api/projects/${projectId}/versions/1/restore`),
    };
    expect(counts).toEqual({ add: 2, change: 2, restore: 2 });
  });
});

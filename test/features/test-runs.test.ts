// Test runs through the API and the test-runs queue consumer: suites planned from the code, written, run in a sandbox, recorded;
// and a project's deletion taking its deployments, sites and test runs with it.
import { env, exports } from 'cloudflare:workers';
import { eq, inArray } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createDb } from '../../src/db/client';
import { deployments, testCases, testSuites } from '../../src/db/schema';
import type { TestSuite } from '../../src/features/tests/routes';
import { uuidv7 } from '../../src/lib/ids';
import { call, callJson, createProject, createUser, deliverMessages, deployProject, editFile, generateProject } from '../helpers';
import type { TestUser } from '../helpers';

interface TestRunCreated {
  suitesCreated: number;
  testsGenerated: number;
}

const TODOS = 'src/lib/todos.js';

const startTestRun = (user: TestUser, projectId: string, type: string) =>
  callJson<TestRunCreated>(`/api/projects/${projectId}/tests`, { key: user.key, body: { type }, expect: 202 });

const listSuites = (user: TestUser, projectId: string) => callJson<TestSuite[]>(`/api/projects/${projectId}/tests`, { key: user.key });

const deliver = (suiteIds: string[], queue = 'promptax-test-runs') => deliverMessages(queue, suiteIds.map((suiteId) => ({ suiteId })));

/** Starts a test run, delivers its suites' messages, and returns the run's suites as the API then lists them. */
async function runTestRun(user: TestUser, projectId: string, type: string) {
  const created = await startTestRun(user, projectId, type);
  const queued = (await listSuites(user, projectId)).filter((suite) => suite.status === 'queued');
  expect(queued).toHaveLength(created.suitesCreated);
  await deliver(queued.map((suite) => suite.id));
  const ids = new Set(queued.map((suite) => suite.id));
  return { created, suites: (await listSuites(user, projectId)).filter((suite) => ids.has(suite.id)) };
}

/** Replaces one exact piece of a project file, as a hand edit. */
async function breakFile(user: TestUser, projectId: string, path: string, from: string, to: string) {
  const source = await (await call(`/api/projects/${projectId}/files/${path}`, { key: user.key })).text();
  expect(source).toContain(from);
  await editFile(user, projectId, path, source.replace(from, to));
}

const casesWith = (suite: TestSuite | undefined, status: string) => suite!.tests.filter((entry) => entry.status === status);

describe('test runs', () => {
  it('passes every unit test written from the todo template, and keeps the test code in R2', async () => {
    const user = await createUser();
    const project = await generateProject(user, 'todo-list');
    const { created, suites } = await runTestRun(user, project.id, 'unit');
    expect(created).toEqual({ suitesCreated: 1, testsGenerated: 34 });

    const [suite] = suites;
    expect(suite).toMatchObject({ type: 'unit', name: 'unit: todos', target: TODOS, status: 'passed' });
    expect(suite!.tests).toHaveLength(34);
    expect(casesWith(suite, 'passed')).toHaveLength(34);
    expect(suite!.tests[0]).toMatchObject({ name: 'createTodo: trims and collapses whitespace', message: null, durationMs: expect.any(Number) });

    const code = await (await env.FILES.get(`tests/${suite!.id}.test.js`))!.text();
    expect(code).toContain("import * as m from '../src/lib/todos.js';");
    expect(code).toContain('"countRemaining: counts open todos"');
  });

  it('fails the cases of a logic module broken on purpose with a readable message, and passes the rest', async () => {
    const user = await createUser();
    const project = await generateProject(user, 'todo-list');
    await breakFile(user, project.id, TODOS, 'return todos.filter((todo) => !todo.done).length;', 'return todos.length;');
    const [suite] = (await runTestRun(user, project.id, 'unit')).suites;

    expect(suite!.status).toBe('failed');
    expect(casesWith(suite, 'failed')).toEqual([
      expect.objectContaining({ name: 'countRemaining: counts open todos', message: 'expected 2 but got 3' }),
      expect.objectContaining({ name: 'countRemaining: zero when all are done', message: 'expected 0 but got 1' }),
    ]);
    expect(casesWith(suite, 'passed')).toHaveLength(32);
  });

  it('ends a case that loops forever as an error on its CPU limit, and still runs the cases after it', async () => {
    const user = await createUser();
    const project = await generateProject(user, 'todo-list');
    await breakFile(user, project.id, TODOS, 'export function remainingLabel(count) {', 'export function remainingLabel(count) {\n  while (count === 1) {}');
    const [suite] = (await runTestRun(user, project.id, 'unit')).suites;

    expect(suite!.status).toBe('error');
    expect(casesWith(suite, 'error')).toEqual([
      expect.objectContaining({ name: 'remainingLabel: singular', message: 'CPU limit of 500 ms exceeded' }),
    ]);
    // The cases after it ran in a fresh isolate and passed.
    expect(suite!.tests.at(-1)).toMatchObject({ name: 'parseTodos: drops malformed entries and coerces done', status: 'passed' });
    expect(casesWith(suite, 'passed')).toHaveLength(33);
  }, 20_000);

  it("passes the integration tests of the guestbook's worker.js", async () => {
    const user = await createUser();
    const project = await generateProject(user, 'guestbook');
    const { created, suites } = await runTestRun(user, project.id, 'integration');
    expect(created).toEqual({ suitesCreated: 1, testsGenerated: 13 });
    const [suite] = suites;
    expect(suite).toMatchObject({ type: 'integration', target: 'worker.js', status: 'passed' });
    expect(casesWith(suite, 'passed').map((entry) => entry.name)).toContain('POST /api/entries: posting masks profanity');
  });

  it('refuses e2e tests without a live deployment, and passes them against one', async () => {
    const user = await createUser();
    const project = await generateProject(user, 'todo-list');
    const refused = await call(`/api/projects/${project.id}/tests`, { key: user.key, body: { type: 'e2e' } });
    expect(refused.status).toBe(409);
    expect((await refused.json<{ detail: string }>()).detail).toContain('no live deployment');

    const live = await deployProject(user, project.id);
    const [suite] = (await runTestRun(user, project.id, 'e2e')).suites;
    expect(suite).toMatchObject({ type: 'e2e', target: live.id, status: 'passed' });
    expect(suite!.tests.map((entry) => entry.name)).toEqual(expect.arrayContaining(['GET /index.html serves it', 'an unknown path is a 404']));
    expect(casesWith(suite, 'passed')).toHaveLength(suite!.tests.length);
  });

  it('does nothing twice when a message is delivered again: the same case rows, no second run', async () => {
    const user = await createUser();
    const project = await generateProject(user, 'todo-list');
    const [first] = (await runTestRun(user, project.id, 'unit')).suites;
    const written = await env.FILES.head(`tests/${first!.id}.test.js`);

    const result = await deliver([first!.id, first!.id]);
    expect(result.explicitAcks).toHaveLength(2);
    expect(await listSuites(user, project.id)).toEqual([first]);
    expect((await env.FILES.head(`tests/${first!.id}.test.js`))!.uploaded).toEqual(written!.uploaded);
  });

  it('marks a suite and its cases that never ran as errors when its message reaches the dead-letter queue', async () => {
    const user = await createUser();
    const project = await generateProject(user, 'todo-list');
    await startTestRun(user, project.id, 'unit');
    const [queued] = await listSuites(user, project.id);
    expect(queued!.status).toBe('queued');

    await deliver([queued!.id], 'promptax-test-runs-dlq');
    const [dead] = await listSuites(user, project.id);
    expect(dead!.status).toBe('error');
    expect(casesWith(dead, 'error')).toHaveLength(34);
    expect(dead!.tests[0]!.message).toBe('Not run: the suite could not be written or run after every retry.');
  });

  it('lists suites with their cases, newest first', async () => {
    const user = await createUser();
    const project = await generateProject(user, 'guestbook');
    const [unit] = (await runTestRun(user, project.id, 'unit')).suites;
    const [integration] = (await runTestRun(user, project.id, 'integration')).suites;
    const listed = await listSuites(user, project.id);
    expect(listed.map((suite) => suite.id)).toEqual([integration!.id, unit!.id]);
    expect(listed[1]!.tests.length).toBeGreaterThan(0);
  });

  it('lists a page of 200 suites, each with its own cases only', async () => {
    const user = await createUser();
    const project = await createProject(user);
    const other = await createProject(user);
    const db = createDb(env.DB);
    const now = new Date().toISOString();
    const suite = (projectId: string, index: number) => ({
      id: uuidv7(), projectId, type: 'unit' as const, name: `unit: ${index}`, target: `src/lib/m${index}.js`, status: 'passed' as const,
      codeKey: null, model: 'offline', attempts: 1, sweeps: 0, createdAt: now, updatedAt: now,
    });
    // Suites of two projects interleave in id order, as they do when both run at once.
    const suites = Array.from({ length: 402 }, (_, index) => suite(index % 2 === 0 ? project.id : other.id, index));
    const cases = suites.map((row) => ({ id: uuidv7(), suiteId: row.id, projectId: row.projectId, position: 1, name: `case of ${row.name}`, status: 'passed' as const, durationMs: 1, message: null }));
    for (let start = 0; start < suites.length; start += 8) {
      await db.batch([db.insert(testSuites).values(suites.slice(start, start + 8)), db.insert(testCases).values(cases.slice(start, start + 8))]);
    }
    const page = await callJson<TestSuite[]>(`/api/projects/${project.id}/tests?limit=200`, { key: user.key });
    expect(page).toHaveLength(200);
    expect(page.every((listed) => listed.projectId === project.id && listed.tests.length === 1 && listed.tests[0]!.name === `case of ${listed.name}`)).toBe(true);
  });

  it('is 404 for another organisation, on both routes', async () => {
    const owner = await createUser();
    const intruder = await createUser();
    const project = await generateProject(owner, 'todo-list');
    await startTestRun(owner, project.id, 'unit');
    expect((await call(`/api/projects/${project.id}/tests`, { key: intruder.key })).status).toBe(404);
    expect((await call(`/api/projects/${project.id}/tests`, { key: intruder.key, body: { type: 'unit' } })).status).toBe(404);
  });

  it('refuses an unknown test type', async () => {
    const user = await createUser();
    const project = await createProject(user);
    const response = await call(`/api/projects/${project.id}/tests`, { key: user.key, body: { type: 'smoke' } });
    expect(response.status).toBe(400);
    expect((await response.json<{ errors: { pointer: string }[] }>()).errors).toEqual([expect.objectContaining({ pointer: '#/type' })]);
  });
});

describe('deleting a project', () => {
  it('leaves nothing of its deployments, sites, app data, suites, cases or test code', async () => {
    const user = await createUser();
    const project = await generateProject(user, 'guestbook');
    const preview = await deployProject(user, project.id, 'preview');
    const production = await deployProject(user, project.id, 'production');
    for (const live of [preview, production]) {
      const posted = await exports.default.fetch(
        new Request(`${live.url}api/entries`, { method: 'POST', body: JSON.stringify({ name: 'Ada', message: 'Hi' }), headers: { 'content-type': 'application/json' } }),
      );
      expect(posted.status).toBe(201);
    }
    const { suites } = await runTestRun(user, project.id, 'unit');
    const suiteIds = suites.map((suite) => suite.id);
    const stores = ['preview', 'production'].map((environment) => env.APP_DATA.get(env.APP_DATA.idFromName(`${project.id}:${environment}`)));
    expect(await env.FILES.head(`tests/${suiteIds[0]}.test.js`)).not.toBeNull();

    expect(await callJson(`/api/projects/${project.id}`, { key: user.key, method: 'DELETE' })).toEqual({ success: true });

    const db = createDb(env.DB);
    expect(await db.select().from(deployments).where(eq(deployments.projectId, project.id))).toEqual([]);
    expect(await db.select().from(testSuites).where(eq(testSuites.projectId, project.id))).toEqual([]);
    expect(await db.select().from(testCases).where(inArray(testCases.suiteId, suiteIds))).toEqual([]);
    for (const deployment of [preview, production]) expect(await env.FILES.head(`manifests/${deployment.id}.json`)).toBeNull();
    for (const suiteId of suiteIds) expect(await env.FILES.head(`tests/${suiteId}.test.js`)).toBeNull();
    for (const store of stores) expect(await store.list()).toEqual([]);
    const stable = `http://p-${project.id.replaceAll('-', '').slice(-12)}-preview.localhost:8787/`;
    for (const url of [preview.url!, `${production.url}api/entries`, stable]) {
      expect((await exports.default.fetch(new Request(url))).status, url).toBe(404);
    }
  });
});

// Self-heal through the API: each fixer class end to end through GPRE, fixes proven by the sandbox and the
// project's own tests, refusals explained; and the status with its checks, metrics and events per organisation.
import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createDb } from '../../src/db/client';
import { deployments, selfHealEvents, testSuites } from '../../src/db/schema';
import { eventInsert } from '../../src/features/self-heal/events';
import type { GPREResult } from '../../src/features/self-heal/gpre';
import { nowIso, uuidv7 } from '../../src/lib/ids';
import { call, callJson, createProject, createUser, deliverMessages, editFile, generateProject } from '../helpers';
import type { TestUser } from '../helpers';

interface SelfHealStatus {
  status: 'healthy' | 'degraded' | 'unhealthy';
  checks: Record<'database' | 'storage' | 'queues' | 'ai', { ok: boolean; latencyMs: number; detail?: string }>;
  metrics: { fixRequests24h: number; fixSuccessRate: number | null; recoveredJobs24h: number; failedDeployments24h: number; failedTestRuns24h: number };
  events: { id: string; type: string; severity: string; message: string; projectId: string | null; createdAt: string }[];
}

const TODOS = 'src/lib/todos.js';

const fix = (user: TestUser, body: Record<string, unknown>) => callJson<GPREResult[]>('/api/self-heal/fix', { key: user.key, body });

const status = (user: TestUser) => callJson<SelfHealStatus>('/api/self-heal/status', { key: user.key });

/** A user with a project whose only file is a small logic module, for the fixes that import project files. */
async function projectWithMath() {
  const user = await createUser();
  const project = await createProject(user, { name: 'Calculator' });
  await editFile(user, project.id, 'src/lib/math.js', 'export function add(a, b) {\n  return a + b;\n}\n');
  return { user, project };
}

/** The one result of a request with one error, asserted fixed and verified. */
function expectFixedAndVerified(results: GPREResult[]) {
  expect(results).toHaveLength(1);
  expect(results[0]).toMatchObject({ status: 'fixed', verified: true, attempts: 1 });
  return results[0]!;
}

/** A todo-list project with its unit tests written and run once, so they are stored for self-heal to run. */
async function todoProjectWithTests() {
  const user = await createUser();
  const project = await generateProject(user, 'todo-list');
  await callJson(`/api/projects/${project.id}/tests`, { key: user.key, body: { type: 'unit' }, expect: 202 });
  const [suite] = await createDb(env.DB).select().from(testSuites).where(eq(testSuites.projectId, project.id));
  await deliverMessages('promptax-test-runs', [{ suiteId: suite!.id }]);
  const source = await (await call(`/api/projects/${project.id}/files/${TODOS}`, { key: user.key })).text();
  return { user, project, source };
}

describe('POST /api/self-heal/fix: each fixer class, end to end', () => {
  it('closes a missing brace it found itself, and keeps a unified diff of the change', async () => {
    const { user, project } = await projectWithMath();
    const code = 'export function double(x) {\n  return x * 2;\n\nexport const four = double(2);\n';
    const [result] = await fix(user, { projectId: project.id, code, errors: [] });
    expect(result).toMatchObject({ status: 'fixed', verified: true, error: { message: "'import' and 'export' may only appear at the top level", line: 4, code: 'syntax' } });
    expect(result!.fixedCode).toBe('export function double(x) {\n  return x * 2;\n}\n\nexport const four = double(2);\n');
    expect(result!.patch).toBe(
      ['--- a/snippet.js', '+++ b/snippet.js', '@@ -1,4 +1,5 @@', ' export function double(x) {', '   return x * 2;', '+}', ' ', ' export const four = double(2);', ''].join('\n'),
    );
    expect(result!.explanation).toContain('Verified: it parses and imports in a sandbox');
  });

  it('replaces a misspelt identifier with the nearest name in scope', async () => {
    const { user, project } = await projectWithMath();
    const code = 'const items = [1, 2, 3];\nexport const total = itemz.length;\n';
    const result = expectFixedAndVerified(await fix(user, { projectId: project.id, code, errors: [{ message: 'ReferenceError: itemz is not defined' }] }));
    expect(result.fixedCode).toBe('const items = [1, 2, 3];\nexport const total = items.length;\n');
    expect(result.patch).toContain('-export const total = itemz.length;\n+export const total = items.length;\n');
  });

  it('imports a name that another project file exports, and the module then loads beside it', async () => {
    const { user, project } = await projectWithMath();
    const code = 'export const three = add(1, 2);\n';
    const result = expectFixedAndVerified(
      await fix(user, { projectId: project.id, code, path: 'src/lib/three.js', errors: [{ message: 'ReferenceError: add is not defined' }] }),
    );
    expect(result.fixedCode).toBe("import { add } from './math.js';\nexport const three = add(1, 2);\n");
    expect(result.patch).toBe("--- a/src/lib/three.js\n+++ b/src/lib/three.js\n@@ -1,1 +1,2 @@\n+import { add } from './math.js';\n export const three = add(1, 2);\n");
  });

  it('makes the function around an await async', async () => {
    const { user, project } = await projectWithMath();
    const code = 'export async function load() {\n  return 1;\n}\nexport function run() {\n  const value = await load();\n  return value;\n}\n';
    const result = expectFixedAndVerified(await fix(user, { projectId: project.id, code, errors: [] }));
    expect(result.error).toMatchObject({ message: "Cannot use keyword 'await' outside an async function", line: 5 });
    expect(result.fixedCode).toBe(code.replace('export function run', 'export async function run'));
  });

  it('turns a const that is assigned again into a let, with the exact diff', async () => {
    const { user, project } = await projectWithMath();
    const code = 'const total = 1;\ntotal = 2;\nexport { total };\n';
    const result = expectFixedAndVerified(await fix(user, { projectId: project.id, code, errors: [{ message: 'TypeError: Assignment to constant variable.' }] }));
    expect(result.patch).toBe('--- a/snippet.js\n+++ b/snippet.js\n@@ -1,3 +1,3 @@\n-const total = 1;\n+let total = 1;\n total = 2;\n export { total };\n');
  });

  it('removes a trailing comma from JSON, and loads the JSON in the sandbox', async () => {
    const { user, project } = await projectWithMath();
    const code = '{\n  "theme": "dark",\n  "items": [1, 2,]\n}\n';
    const result = expectFixedAndVerified(await fix(user, { projectId: project.id, code, path: 'data/settings.json', errors: [] }));
    expect(result.error).toMatchObject({ message: 'Trailing comma in JSON', line: 3 });
    expect(JSON.parse(result.fixedCode!)).toEqual({ theme: 'dark', items: [1, 2] });
  });

  it('closes an unclosed HTML element, verified by the page checks (well formed, references exist, nothing inline)', async () => {
    const { user, project } = await projectWithMath();
    const code = '<main>\n  <div class="card">\n    <h1>Hi</h1>\n</main>\n';
    const [result] = await fix(user, { projectId: project.id, code, path: 'index.html', errors: [] });
    expect(result).toMatchObject({ status: 'fixed', verified: true, error: { message: '<div> is not closed before </main> on line 4', line: 2 } });
    expect(result!.fixedCode).toBe('<main>\n  <div class="card">\n    <h1>Hi</h1>\n  </div>\n</main>\n');
    expect(result!.explanation).toContain('Verified: the page is well formed');
  });

  it('fixes a front-end module by parsing and says it needs a browser to run, without calling that an error', async () => {
    const { user, project } = await projectWithMath();
    const code = "import { add } from './lib/math.js';\nconst out = document.querySelector('#out');\nout.textContent = String(add(1, 2);\n";
    const [result] = await fix(user, { projectId: project.id, code, path: 'src/main.js', errors: [] });
    expect(result).toMatchObject({ status: 'fixed', verified: false, fixedCode: code.replace('add(1, 2);', 'add(1, 2));') });
    expect(result!.explanation).toContain('not run: it needs a browser (document is not defined in the sandbox)');
  });

  it("transpiles TypeScript to run it, beside the project's own TypeScript, and fixes it in TypeScript", async () => {
    const { user, project } = await projectWithMath();
    await editFile(user, project.id, 'src/lib/units.ts', "export const unit: string = 'km';\n");
    const code = "import { unit } from './units.js';\nexport function label(x: number {\n  return `${x} ${unit}`;\n}\nexport const one = label(1);\n";
    const result = expectFixedAndVerified(await fix(user, { projectId: project.id, code, path: 'src/lib/label.ts', errors: [] }));
    expect(result.fixedCode).toBe(code.replace('(x: number {', '(x: number) {'));
  });
});

describe('POST /api/self-heal/fix: what is not fixed', () => {
  it('leaves an error no rule covers unfixed, with the code unchanged and why', async () => {
    const { user, project } = await projectWithMath();
    const [result] = await fix(user, { projectId: project.id, code: 'export const a = 1;\n', errors: [{ message: 'TypeError: x.map is not a function' }] });
    expect(result).toEqual({
      error: { message: 'TypeError: x.map is not a function' },
      status: 'unfixed',
      fixedCode: null,
      patch: null,
      explanation: expect.stringContaining('No offline rule for "TypeError: x.map is not a function"'),
      attempts: 0,
      verified: false,
    });
  });

  it('answers Python unfixed, each error with the reason, rather than refusing the request', async () => {
    const { user, project } = await projectWithMath();
    const errors = [{ message: 'SyntaxError: invalid syntax', line: 1 }, { message: 'NameError: name "x" is not defined' }];
    const results = await fix(user, { projectId: project.id, code: 'def f(:\n  pass\n', path: 'app.py', errors });
    expect(results.map((result) => [result.error, result.status, result.fixedCode])).toEqual(errors.map((error) => [error, 'unfixed', null]));
    expect(results[0]!.explanation).toBe('Python is not supported: the offline fixers read JavaScript, TypeScript, JSON and HTML.');
  });

  it('finds nothing to fix in code that parses and loads', async () => {
    const { user, project } = await projectWithMath();
    expect(await fix(user, { projectId: project.id, code: 'export const ok = true;\n', errors: [] })).toEqual([]);
  });

  it('finds the error that stops code from loading when it parses', async () => {
    const { user, project } = await projectWithMath();
    const code = 'const items = [];\nexport const first = itms[0];\n';
    const [result] = await fix(user, { projectId: project.id, code, errors: [] });
    expect(result).toMatchObject({ error: { message: 'ReferenceError: itms is not defined', line: 2, code: 'load' }, status: 'fixed', verified: true });
    expect(result!.fixedCode).toBe(code.replace('itms', 'items'));
  });

  it('fixes errors in order, each from the code as fixed so far, with a patch per fix', async () => {
    const { user, project } = await projectWithMath();
    const code = 'const limit = 1;\nlimit = 2;\nexport const total = limt + 1;\n';
    const results = await fix(user, {
      projectId: project.id,
      code,
      errors: [{ message: 'TypeError: Assignment to constant variable.' }, { message: 'ReferenceError: limt is not defined', line: 3 }],
    });
    expect(results.map((result) => result.status)).toEqual(['fixed', 'fixed']);
    // The first fix cannot run clean while the second error is there; the second can.
    expect(results.map((result) => result.verified)).toEqual([false, true]);
    expect(results[0]!.fixedCode).toBe('let limit = 1;\nlimit = 2;\nexport const total = limt + 1;\n');
    expect(results[1]!.fixedCode).toBe('let limit = 1;\nlimit = 2;\nexport const total = limit + 1;\n');
    expect(results[1]!.patch).toContain('-export const total = limt + 1;\n+export const total = limit + 1;\n');
    expect(results[1]!.patch).not.toContain('-const limit');
  });
});

describe("POST /api/self-heal/fix: the project's tests judge a fix", () => {
  it("verifies a fix of a logic module by running the project's stored unit tests that import it", async () => {
    const { user, project, source } = await todoProjectWithTests();
    const broken = source.replace('return todos.filter((todo) => !todo.done).length;', 'return todoz.filter((todo) => !todo.done).length;');
    expect(broken).not.toBe(source);
    const result = expectFixedAndVerified(
      await fix(user, { projectId: project.id, code: broken, path: TODOS, errors: [{ message: 'ReferenceError: todoz is not defined' }] }),
    );
    expect(result.fixedCode).toBe(source);
    expect(result.explanation).toContain("the project's 34 test cases that import src/lib/todos.js pass");
  });

  it('does not count a candidate that breaks a test as fixed, and says which test', async () => {
    const { user, project, source } = await todoProjectWithTests();
    // Making `unit` async, the one candidate the rules have, turns remainingLabel's text into a Promise.
    const broken = source.replace(
      'export function remainingLabel(count) {\n  return `${count} ${count === 1 ? \'item\' : \'items\'} left`;\n}',
      "function unit(count) {\n  return await count === 1 ? 'item' : 'items';\n}\n\nexport function remainingLabel(count) {\n  return `${count} ${unit(count)} left`;\n}",
    );
    expect(broken).not.toBe(source);
    const [result] = await fix(user, { projectId: project.id, code: broken, path: TODOS, errors: [] });
    expect(result).toMatchObject({ status: 'unfixed', fixedCode: null, patch: null, verified: false, attempts: 1 });
    expect(result!.explanation).toMatch(/^The one candidate fix \(Made `unit` \(line \d+\) async.*\) failed the re-check: it brings 3 new errors, the first: Test "remainingLabel: singular" failed: expected "1 item left" but got "1 \[object Promise\] left"/);
  });
});

describe('POST /api/self-heal/fix: requests it refuses', () => {
  it("answers 404 for another organisation's project, as if it did not exist", async () => {
    const { project } = await projectWithMath();
    const stranger = await createUser('Stranger');
    const response = await call('/api/self-heal/fix', { key: stranger.key, body: { projectId: project.id, code: 'x', errors: [] } });
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ type: 'https://promptax.dev/problems/not-found' });
  });

  it('answers 400 listing each invalid field', async () => {
    const { user, project } = await projectWithMath();
    const response = await call('/api/self-heal/fix', {
      key: user.key,
      body: { projectId: project.id, code: 'x'.repeat(256 * 1024 + 1), errors: Array.from({ length: 21 }, () => ({ message: 'x' })), path: '../etc/passwd' },
    });
    expect(response.status).toBe(400);
    const problem = await response.json<{ errors: { pointer: string }[] }>();
    expect(problem.errors.map((error) => error.pointer).sort()).toEqual(['#/code', '#/errors', '#/path']);
  });

  it('answers 401 without a key', async () => {
    expect((await call('/api/self-heal/fix', { body: { projectId: uuidv7(), code: 'x', errors: [] } })).status).toBe(401);
  });
});

describe('API description', () => {
  it('describes both routes with their request and result shapes', async () => {
    const document = await callJson<{ paths: Record<string, Record<string, unknown>>; components: { schemas: Record<string, unknown> } }>('/openapi.json');
    expect(Object.keys(document.paths['/api/self-heal/fix']!)).toEqual(['post']);
    expect(Object.keys(document.paths['/api/self-heal/status']!)).toEqual(['get']);
    expect(Object.keys(document.components.schemas)).toEqual(expect.arrayContaining(['FixRequest', 'GPREResult', 'CodeError', 'SelfHealStatus', 'SelfHealEvent']));
  });
});

describe('GET /api/self-heal/status', () => {
  it('checks each part with its latency, and is healthy when all answer', async () => {
    const user = await createUser();
    const body = await status(user);
    expect(body.status).toBe('healthy');
    for (const check of Object.values(body.checks)) expect(check).toMatchObject({ ok: true, latencyMs: expect.any(Number) });
    expect(body.checks.ai.detail).toContain('offline');
    expect(body.metrics).toEqual({ fixRequests24h: 0, fixSuccessRate: null, recoveredJobs24h: 0, failedDeployments24h: 0, failedTestRuns24h: 0 });
    expect(body.events).toEqual([]);
  });

  it("counts and lists only the caller's organisations' fixes, jobs and events, newest first", async () => {
    const { user, project } = await projectWithMath();
    await fix(user, { projectId: project.id, code: 'const a = 1;\na = 2;\n', errors: [{ message: 'TypeError: Assignment to constant variable.' }] });
    await fix(user, { projectId: project.id, code: 'export const a = 1;\n', errors: [{ message: 'TypeError: x.map is not a function' }] });
    const db = createDb(env.DB);
    const now = nowIso();
    const job = { projectId: project.id, environment: 'preview' as const, siteLabel: `p-${project.id.slice(-12)}-preview`, createdAt: now, updatedAt: now };
    await db.batch([
      db.insert(deployments).values({ ...job, id: uuidv7(), status: 'failed', label: `d-${uuidv7().slice(-12)}`, error: 'index.html is missing' }),
      db.insert(testSuites).values({ id: uuidv7(), projectId: project.id, type: 'unit', name: 'unit: math', target: 'src/lib/math.js', status: 'error', model: 'offline', createdAt: now, updatedAt: now }),
      eventInsert(db, { type: 'deployment.requeued', severity: 'warning', message: 'Re-queued a stuck deployment.', organisationId: user.organisationId, projectId: project.id }),
    ]);

    const mine = await status(user);
    expect(mine.metrics).toEqual({ fixRequests24h: 2, fixSuccessRate: 0.5, recoveredJobs24h: 1, failedDeployments24h: 1, failedTestRuns24h: 1 });
    expect(mine.events.map((event) => event.type)).toEqual(['deployment.requeued', 'fix.unfixed', 'fix.requested', 'fix.fixed', 'fix.requested']);
    expect(mine.events[1]).toMatchObject({ severity: 'warning', projectId: project.id, message: expect.stringContaining('x.map is not a function') });

    const other = await createUser('Other');
    const theirs = await status(other);
    expect(theirs.metrics).toEqual({ fixRequests24h: 0, fixSuccessRate: null, recoveredJobs24h: 0, failedDeployments24h: 0, failedTestRuns24h: 0 });
    expect(theirs.events).toEqual([]);
  });

  it('records a fix request and its outcomes in one go, with the organisation and project', async () => {
    const { user, project } = await projectWithMath();
    await fix(user, { projectId: project.id, code: 'export const a = [1, 2;\n', errors: [] });
    const rows = await createDb(env.DB).select().from(selfHealEvents).where(eq(selfHealEvents.projectId, project.id));
    expect(rows.map((row) => [row.type, row.organisationId])).toEqual([
      ['fix.requested', user.organisationId],
      ['fix.fixed', user.organisationId],
    ]);
  });

  it('is degraded when a job has waited past the queue threshold', async () => {
    const { user, project } = await projectWithMath();
    const db = createDb(env.DB);
    const id = uuidv7();
    const queuedAt = new Date(Date.now() - 11 * 60_000).toISOString();
    await db.insert(deployments).values({
      id,
      projectId: project.id,
      environment: 'preview',
      status: 'queued',
      label: `d-${id.slice(-12)}`,
      siteLabel: `p-${project.id.slice(-12)}-preview`,
      createdAt: queuedAt,
      updatedAt: queuedAt,
    });
    try {
      const body = await status(user);
      expect(body.status).toBe('degraded');
      expect(body.checks.queues).toMatchObject({ ok: false, detail: expect.stringMatching(/^The oldest unfinished job is a deployment queued 6\d\d s ago, past the 10 minutes/) });
    } finally {
      await db.delete(deployments).where(eq(deployments.id, id));
    }
  });
});

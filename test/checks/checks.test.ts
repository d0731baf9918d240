// The checks module on file states: parse, imports, pages, worker.js, the tests that passed; and healing through GPRE.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { checkAndHeal, checkDeps, projectFileMap, runChecks } from '../../src/checks';
import { createDb } from '../../src/db/client';
import { offlineEngine } from '../../src/engine/offline';
import type { TestSuite } from '../../src/features/tests/routes';
import { callJson, createProject, createUser, deliverMessages, generateProject } from '../helpers';

const deps = (engine = offlineEngine) => checkDeps(createDb(env.DB), env, engine);

const page = '<!doctype html>\n<title>T</title>\n<script type="module" src="src/main.js"></script>\n';

describe('runChecks', () => {
  it('reports each file that does not parse, imports a missing module, or a worker.js without fetch, with path and line', async () => {
    const user = await createUser();
    const project = await createProject(user);
    const files = new Map([
      ['index.html', page],
      ['src/main.js', "import { total } from './lib/cart.js';\nconsole.log(total);\n"],
      ['src/lib/util.js', 'export const add = (a, b) => a + b;\nexport function broken( {\n'],
      ['data/seed.json', '{"items": [1, 2,]}'],
      ['worker.js', 'export default { hello: true };\n'],
      ['styles.css', 'body { color: red }'],
    ]);
    const report = await runChecks(deps(), { projectId: project.id, files, tests: false });
    expect(report.ok).toBe(false);
    expect(report.parse.problems).toEqual([
      { path: 'src/main.js', line: 1, column: 23, message: 'It imports src/lib/cart.js, which is not a file of the project' },
      { path: 'src/lib/util.js', line: 3, column: 1, message: 'Unexpected token' },
      { path: 'data/seed.json', line: 1, column: 16, message: 'Trailing comma in JSON' },
    ]);
    expect(report.load.problems).toEqual([{ path: 'worker.js', message: expect.stringContaining('fetch') }]);
    expect(report.tests).toBeNull();
  });

  it('counts only the changed files, and paths that will exist, when a change says so', async () => {
    const user = await createUser();
    const project = await createProject(user);
    const files = new Map([
      ['index.html', page],
      ['src/old.js', 'this is not javascript'],
    ]);
    const report = await runChecks(deps(), { projectId: project.id, files, changed: ['index.html'], otherPaths: ['src/main.js'], tests: false });
    expect(report).toEqual({ ok: true, parse: { ok: true, problems: [] }, load: { ok: true, problems: [] }, tests: null, healed: [] });
  });

  it("runs the project's passing tests against the state, and heals a module they catch breaking", async () => {
    const user = await createUser();
    const project = await generateProject(user, 'todo-list');
    await callJson(`/api/projects/${project.id}/tests`, { key: user.key, body: { type: 'unit' }, expect: 202 });
    const suites = await callJson<TestSuite[]>(`/api/projects/${project.id}/tests`, { key: user.key });
    await deliverMessages('promptax-test-runs', suites.map((suite) => ({ suiteId: suite.id })));
    expect((await callJson<TestSuite[]>(`/api/projects/${project.id}/tests`, { key: user.key })).map((suite) => suite.status)).toContain('passed');

    const files = await projectFileMap(deps(), project.id);
    const source = files.get('src/lib/todos.js')!;
    const broken = source.replace('return todos.filter((todo) => !todo.done).length;', 'return todoz.filter((todo) => !todo.done).length;');
    expect(broken).not.toBe(source);
    files.set('src/lib/todos.js', broken);

    const report = await runChecks(deps(), { projectId: project.id, files, tests: true });
    expect(report.ok).toBe(false);
    expect(report.parse.ok && report.load.ok).toBe(true);
    expect(report.tests!.problems[0]).toMatchObject({ path: 'src/lib/todos.js', message: expect.stringContaining('todoz is not defined') });

    const healed = await checkAndHeal(deps(), { projectId: project.id, files, changed: ['src/lib/todos.js'], tests: true });
    expect(healed.report.ok).toBe(true);
    expect(healed.report.healed).toEqual([{ path: 'src/lib/todos.js', error: expect.stringContaining('todoz is not defined'), verified: true }]);
    expect(healed.healed).toEqual([{ path: 'src/lib/todos.js', content: source }]);
  });

  it('heals a syntax error as written, and reports what it cannot heal without hiding it', async () => {
    const user = await createUser();
    const project = await createProject(user);
    const files = new Map([
      ['src/lib/sum.js', 'export function sum(items) {\n  return items.reduce((a, b) => a + b, 0;\n}\n'],
      ['index.html', '<!doctype html>\n<script>start()</script>\n'],
    ]);
    const { report, healed } = await checkAndHeal(deps(), { projectId: project.id, files, tests: false });
    expect(healed).toEqual([{ path: 'src/lib/sum.js', content: 'export function sum(items) {\n  return items.reduce((a, b) => a + b, 0);\n}\n' }]);
    expect(report.healed).toEqual([{ path: 'src/lib/sum.js', error: expect.any(String), verified: true }]);
    expect(report.ok).toBe(false);
    expect(report.parse.problems).toEqual([{ path: 'index.html', line: 2, column: 1, message: expect.stringContaining('Inline <script>') }]);

    const unhealed = await checkAndHeal(checkDeps(createDb(env.DB), env, null), { projectId: project.id, files, tests: false });
    expect(unhealed.healed).toEqual([]);
    expect(unhealed.report.parse.problems.map((problem) => problem.path)).toEqual(['src/lib/sum.js', 'index.html']);
  });
});

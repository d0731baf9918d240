// runTests: generated test modules run against an app inside one Dynamic Worker, each case reported.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { MemoryData, runTests } from '../../src/sandbox';
import type { SuiteResult } from '../../src/sandbox';
import { testModule, todoApp } from './fixtures';

const TODOS = "import { addTodo, toggle } from '../src/lib/todos.js';";
// Short limits keep the slow paths of these tests fast.
const limits = { caseTimeLimitMs: 300, suiteTimeLimitMs: 3_000 };

async function runOne(source: string, options: Parameters<typeof runTests>[3] = {}, app = todoApp): Promise<SuiteResult> {
  const [suite] = await runTests(env.LOADER, app, { 'tests/app.test.js': source }, { ...limits, ...options });
  return suite!;
}

const statuses = (suite: SuiteResult) => suite.cases.map((c) => [c.name, c.status]);

describe('runTests', () => {
  it('passes a suite whose assertions hold, with a duration per case', async () => {
    const suite = await runOne(
      testModule(
        {
          'adds a todo': "t.equal(addTodo([], ' Milk '), [{ title: 'Milk', done: false }]);",
          'toggles by index': "t.equal(toggle([{ title: 'a', done: false }], 0)[0].done, true);",
          'refuses an empty title': "await t.throws(() => addTodo([], ''), 'required');",
          'reads its JSON config': "await t.throws(() => addTodo([], 'x'.repeat(21)), 'longer than 20');",
          'matches part of a value': "t.matches({ id: 1, todo: { title: 'a', done: false } }, { todo: { done: false } });",
        },
        TODOS,
      ),
    );
    expect(suite).toMatchObject({ path: 'tests/app.test.js', status: 'passed', error: null });
    expect(suite.cases).toHaveLength(5);
    for (const result of suite.cases) {
      expect(result).toMatchObject({ status: 'passed', message: null });
      expect(result.durationMs).toBeGreaterThanOrEqual(0);
    }
  });

  it('fails a case on an assertion, saying where and how the values differ', async () => {
    const suite = await runOne(
      testModule(
        {
          'numbers': 't.equal(1 + 3, 3);',
          'nested': "t.equal(toggle([{ title: 'a', done: false }], 0), [{ title: 'a', done: false }], 'toggle');",
          'truthy': "t.ok(0, 'count');",
          'throws': 'await t.throws(() => addTodo([], "fine"));',
          'unawaited throws': "t.throws(() => 1, 'boom');",
          'passes': 't.ok(true);',
        },
        TODOS,
      ),
    );
    expect(suite.status).toBe('failed');
    expect(suite.cases.map((c) => [c.status, c.message])).toEqual([
      ['failed', 'expected 3 but got 4'],
      ['failed', 'toggle: at [0].done: expected false but got true'],
      ['failed', 'count: expected a truthy value but got 0'],
      ['failed', 'expected an error but nothing was thrown'],
      ['failed', 'expected an error containing "boom" but nothing was thrown'],
      ['passed', null],
    ]);
  });

  it('reports an exception in a case as an error, pointing at the line that threw', async () => {
    const suite = await runOne(testModule({ 'calls a missing export': "const m = await import('../src/lib/todos.js');\n    m.remove([], 0);" }));
    expect(suite.status).toBe('error');
    expect(suite.cases[0]).toMatchObject({ status: 'error', message: 'TypeError: m.remove is not a function (tests/app.test.js:5:7)' });
  });

  it('reports a module that throws at import as a suite error, and runs the next module', async () => {
    const results = await runTests(
      env.LOADER,
      { ...todoApp, 'src/lib/broken.js': "export const x = 1;\nthrow new RangeError('bad config');" },
      {
        'tests/broken.test.js': testModule({ 'never runs': 't.ok(true);' }, "import { x } from '../src/lib/broken.js';"),
        'tests/todos.test.js': testModule({ 'still runs': "t.equal(addTodo([], 'a').length, 1);" }, TODOS),
      },
      limits,
    );
    expect(results.map((suite) => [suite.path, suite.status, suite.error])).toEqual([
      ['tests/broken.test.js', 'error', 'RangeError: bad config (src/lib/broken.js:2:7)'],
      ['tests/todos.test.js', 'passed', null],
    ]);
  });

  it('names the app file and line of a syntax error instead of running the tests that import it', async () => {
    const app = { ...todoApp, 'src/lib/todos.js': 'export function addTodo(list, title) {\n  return [...list, { title ];\n}\n' };
    const suite = await runOne(testModule({ 'adds': "t.equal(addTodo([], 'a').length, 1);" }, TODOS), {}, app);
    expect(suite).toMatchObject({
      status: 'error',
      error: 'It imports src/lib/todos.js, which cannot load: SyntaxError: Unexpected token (src/lib/todos.js:2:28)',
      cases: [],
    });
  });

  it('says so when a module does not export tests in the contract shape', async () => {
    expect((await runOne('export const cases = [];')).error).toBe('Error: tests/app.test.js must export const tests = [{ name, run }].');
    expect((await runOne('export const tests = [{ name: "x" }];')).error).toBe(
      'Error: tests/app.test.js: tests[0] must be { name: string, run: async (t) => {} }.',
    );
    expect((await runOne('export const tests = [];')).error).toBe('tests/app.test.js exports no test cases.');
  });

  it('stops a case stuck in a synchronous infinite loop at its time limit and runs the rest', async () => {
    const started = Date.now();
    const suite = await runOne(
      testModule(
        {
          'before': 't.ok(true);',
          'spins forever': 'while (true) {}',
          'spins in the app': "const m = await import('../src/lib/spin.js');\n    m.spin();",
          'spins inside t.throws': 'await t.throws(() => { for (;;) {} });',
          'after': "t.equal(addTodo([], 'a').length, 1);",
        },
        TODOS,
      ),
      {},
      { ...todoApp, 'src/lib/spin.js': 'export function spin() { for (let i = 0; ; i++) { if (i < 0) break; } }' },
    );
    expect(statuses(suite)).toEqual([
      ['before', 'passed'],
      ['spins forever', 'error'],
      ['spins in the app', 'error'],
      ['spins inside t.throws', 'error'],
      ['after', 'passed'],
    ]);
    for (const spun of suite.cases.slice(1, 4)) expect(spun.message).toBe('Time limit of 300 ms exceeded');
    expect(suite.cases[1]!.durationMs).toBeGreaterThanOrEqual(300);
    expect(Date.now() - started).toBeLessThan(2_500);
  });

  it('stops a case that awaits forever, and a module whose cases outrun the suite limit', async () => {
    const hang = 'await new Promise(() => {});';
    const suite = await runOne(testModule({ 'hangs': hang, 'hangs again': hang, 'hangs a third time': hang, 'never starts': 't.ok(true);' }), {
      caseTimeLimitMs: 300,
      suiteTimeLimitMs: 700,
    });
    // How much of the module's limit is left for the second and third cases depends on how fast the isolate started.
    const stopped = expect.stringMatching(/^Time limit of \d+ ms exceeded$|^Not run: the module's time limit of 700 ms was used up\.$/);
    expect(suite.cases.map((c) => [c.status, c.message])).toEqual([
      ['error', 'Time limit of 300 ms exceeded'],
      ['error', stopped],
      ['error', stopped],
      ['error', "Not run: the module's time limit of 700 ms was used up."],
    ]);
    expect(suite.durationMs).toBeLessThan(1_500);
  });

  it('calls worker.js through t.app with the DATA store the run passes, one store for all cases', async () => {
    const data = new MemoryData();
    const suite = await runOne(
      testModule({
        'POST /api/todos adds one': [
          "const response = await t.app('/api/todos', { method: 'POST', body: JSON.stringify({ title: 'Milk' }) });",
          't.equal(response.status, 201);',
          "t.equal(await response.json(), { title: 'Milk', done: false });",
        ].join('\n    '),
        'GET /api/todos lists it': [
          "const response = await t.app('/api/todos');",
          "t.matches(await response.json(), [{ title: 'Milk' }]);",
        ].join('\n    '),
        'an unknown path is a 404': "t.equal((await t.app('/api/nope')).status, 404);",
        'a bad title is an error in the app': "await t.app('/api/todos', { method: 'POST', body: '{}' });",
      }),
      { data },
    );
    expect(statuses(suite)).toEqual([
      ['POST /api/todos adds one', 'passed'],
      ['GET /api/todos lists it', 'passed'],
      ['an unknown path is a 404', 'passed'],
      ['a bad title is an error in the app', 'error'],
    ]);
    expect(suite.cases[3]!.message).toBe('Error: title is required (src/lib/todos.js:4:63)');
    expect(await data.get('todos')).toEqual([{ title: 'Milk', done: false }]);
  });

  it('fetches the site under test through t.site, and says so when the run has none', async () => {
    const source = testModule({ 'serves /': "const response = await t.site('/');\n    t.equal(await response.text(), 'home');" });
    const site = async (path: string) => new Response(path === '/' ? 'home' : 'missing');
    expect((await runOne(source, { site })).status).toBe('passed');
    expect((await runOne(source)).cases[0]!.message).toBe(
      'Error: This run has no deployed site for t.site to fetch. (tests/app.test.js:4:30)',
    );
  });

  it('blocks the network: fetch() fails at once without reaching out', async () => {
    const suite = await runOne(
      testModule({
        'fetch is refused': [
          'let error;',
          "try { await fetch('https://example.com'); } catch (caught) { error = caught; }",
          "t.ok(error, 'fetch succeeded');",
          "t.equal(error.message.includes('not permitted to access the internet'), true, error.message);",
        ].join('\n    '),
      }),
    );
    expect(suite.cases[0]).toMatchObject({ status: 'passed' });
  });

  it("gives the code no binding of the parent's: an empty env, and no DATA without one passed", async () => {
    const suite = await runOne(
      testModule(
        {
          'cloudflare:workers env is empty': 't.equal(Object.keys(env), []);',
          'no platform globals': "t.equal(typeof globalThis.DB + typeof globalThis.FILES + typeof globalThis.LOADER, 'undefinedundefinedundefined');",
          'worker.js gets no DATA': `await t.throws(() => t.app('/api/todos'), "reading 'get'");`,
        },
        "import { env } from 'cloudflare:workers';",
      ),
    );
    expect(statuses(suite)).toEqual([
      ['cloudflare:workers env is empty', 'passed'],
      ['no platform globals', 'passed'],
      ['worker.js gets no DATA', 'passed'],
    ]);
  });
});

// loadApp and the import checks: which files become modules, isolate reuse by content, worker.js behind fetch.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { checkModulesImport, checkWorkerModule, loadApp, MemoryData } from '../../src/sandbox';
import { todoApp } from './fixtures';

describe('loadApp', () => {
  it('loads JS and JSON as modules and skips the rest', async () => {
    const sandbox = await loadApp(env.LOADER, { ...todoApp, '__promptax/entry.js': 'export default {}' });
    expect(sandbox.modules.map((module) => [module.path, module.kind, module.error])).toEqual([
      ['data/config.json', 'json', null],
      ['src/lib/todos.js', 'js', null],
      ['src/main.js', 'js', null],
      ['worker.js', 'js', null],
    ]);
    expect(sandbox.skipped).toEqual(['index.html', 'styles.css', '__promptax/entry.js']);
  });

  it('gives identical code the same id, whatever the order of its files, and other code or scope another', async () => {
    const reversed = Object.fromEntries(Object.entries(todoApp).reverse());
    const id = (await loadApp(env.LOADER, todoApp)).id;
    expect((await loadApp(env.LOADER, reversed)).id).toBe(id);
    expect((await loadApp(env.LOADER, { ...todoApp, 'worker.js': todoApp['worker.js'] + '\n' })).id).not.toBe(id);
    expect((await loadApp(env.LOADER, todoApp, { scope: 'project-a:preview' })).id).not.toBe(id);
    expect((await loadApp(env.LOADER, todoApp)).reload().id).not.toBe(id);
  });

  it('reuses the isolate for identical code: module state survives between loads', async () => {
    const counter = { 'worker.js': `let served = 0;\nexport default { fetch() { served += 1; return new Response(String(served)); } }\n// ${crypto.randomUUID()}` };
    const first = await loadApp(env.LOADER, counter);
    expect(await (await first.fetch(new Request('http://app/'))).text()).toBe('1');
    const again = await loadApp(env.LOADER, counter);
    expect(await (await again.fetch(new Request('http://app/'))).text()).toBe('2');
    expect(await (await again.reload().fetch(new Request('http://app/'))).text()).toBe('1');
  });

  it("serves worker.js with the DATA passed to the call, and 404s for an app without one", async () => {
    const sandbox = await loadApp(env.LOADER, todoApp);
    const data = new MemoryData();
    const created = await sandbox.fetch(new Request('http://app/api/todos', { method: 'POST', body: '{"title":"Tea"}' }), { data });
    expect(created.status).toBe(201);
    expect(await data.get('todos')).toEqual([{ title: 'Tea', done: false }]);
    const { 'worker.js': _, ...staticApp } = todoApp;
    const none = await (await loadApp(env.LOADER, staticApp)).fetch(new Request('http://app/api/todos'));
    expect(none.status).toBe(404);
  });

  it('rejects a request whose handler loops forever with the time limit, and serves the next one', async () => {
    const sandbox = await loadApp(env.LOADER, {
      'worker.js': "export default { fetch(request) { if (request.url.endsWith('/spin')) { while (true) {} } return new Response('ok'); } }",
    });
    await expect(sandbox.fetch(new Request('http://app/spin'), { timeLimitMs: 200 })).rejects.toThrow('Time limit of 200 ms exceeded');
    expect(await (await sandbox.fetch(new Request('http://app/'))).text()).toBe('ok');
  });
});

describe('checkModulesImport', () => {
  it('imports each logic module and worker.js, with their exports or why they failed', async () => {
    const results = await checkModulesImport(
      env.LOADER,
      {
        ...todoApp,
        'src/lib/throws.js': "export const a = 1;\nthrow new Error('no config');",
        'src/lib/syntax.js': 'export const = 1;',
        'src/lib/uses-syntax.js': "export { a } from './syntax.js';",
        'src/lib/missing.js': "import { x } from './nowhere.js';\nexport const y = x;",
        'src/lib/spins.js': 'while (true) {}',
        'data/bad.json': '{ "a": ',
        'src/lib/reads-bad-json.js': "import bad from '../../data/bad.json';\nexport default bad;",
      },
      { timeLimitMs: 200 },
    );
    expect(results).toEqual([
      { path: 'src/lib/missing.js', ok: false, exports: [], error: expect.stringContaining('No such module "src/lib/nowhere.js"') },
      {
        path: 'src/lib/reads-bad-json.js',
        ok: false,
        exports: [],
        error: expect.stringMatching(/^It imports data\/bad\.json, which cannot load: SyntaxError: .+ \(data\/bad\.json\)$/),
      },
      { path: 'src/lib/spins.js', ok: false, exports: [], error: 'Time limit of 200 ms exceeded' },
      { path: 'src/lib/syntax.js', ok: false, exports: [], error: 'SyntaxError: Unexpected token (src/lib/syntax.js:1:14)' },
      { path: 'src/lib/throws.js', ok: false, exports: [], error: 'Error: no config (src/lib/throws.js:2:7)' },
      { path: 'src/lib/todos.js', ok: true, exports: ['addTodo', 'toggle'], error: null },
      {
        path: 'src/lib/uses-syntax.js',
        ok: false,
        exports: [],
        error: 'It imports src/lib/syntax.js, which cannot load: SyntaxError: Unexpected token (src/lib/syntax.js:1:14)',
      },
      { path: 'worker.js', ok: true, exports: ['default'], error: null },
    ]);
  });
});

describe('checkWorkerModule', () => {
  it('accepts a worker.js with a default fetch and explains one without', async () => {
    expect(await checkWorkerModule(env.LOADER, todoApp)).toEqual({ ok: true });
    expect(await checkWorkerModule(env.LOADER, { 'worker.js': 'export default {}' })).toEqual({
      ok: false,
      error: 'Error: worker.js must export default { fetch(request, env) }.',
    });
    expect(await checkWorkerModule(env.LOADER, { 'worker.js': 'export default { fetch() {}' })).toEqual({
      ok: false,
      error: 'SyntaxError: Unexpected token (worker.js:1:28)',
    });
  });
});

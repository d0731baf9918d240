// Every catalog template keeps its own promises: the unit and integration tests the offline engine
// writes from its `logic` and `routes` specs all pass against the template's files in a sandbox.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { planTestSuites, writeTestModule } from '../../src/engine/offline/tests';
import type { TestPlanInput } from '../../src/engine/types';
import { MemoryData, runTests } from '../../src/sandbox';
import { CATALOG } from '../../src/templates/catalog';
import { loadTemplateFiles } from '../../src/templates/files';

describe.each(CATALOG.map((template) => [template.id, template] as const))('template %s', (_id, template) => {
  it('passes every test written from its logic and route specs, and specifies each of its logic modules', async () => {
    const app = await loadTemplateFiles(env.ASSETS, template.id);
    const files = Object.entries(app).map(([path, content]) => ({ path, content }));
    const tests: Record<string, string> = {};
    for (const type of ['unit', 'integration'] as const) {
      const input: TestPlanInput = { type, files, template, deployments: [] };
      for (const suite of planTestSuites(input)) tests[`tests/${type}-${suite.target.replaceAll('/', '-')}.test.js`] = writeTestModule(input, suite);
    }
    const results = await runTests(env.LOADER, app, tests, { data: new MemoryData() });
    const failures = results.flatMap((suite) =>
      suite.error ? [`${suite.path}: ${suite.error}`] : suite.cases.filter((c) => c.status !== 'passed').map((c) => `${c.name}: ${c.message}`),
    );
    expect(failures).toEqual([]);

    const specified = new Set(template.logic.map((spec) => spec.module));
    const logicModules = Object.keys(app).filter((path) => /^src\/lib\/.+\.js$/.test(path));
    expect(logicModules.filter((path) => !specified.has(path)), 'logic modules without specs').toEqual([]);
    expect(template.routes.length > 0, 'routes specified exactly when there is a worker.js').toBe('worker.js' in app);
  });
});

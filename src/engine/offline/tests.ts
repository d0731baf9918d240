/**
 * Offline test writing: turns a template's specifications into test code, and writes smoke tests
 * (named so) for code it has no specification for. Test modules follow the sandbox runner's
 * contract: `export const tests = [{ name, run: async (t) => {…} }]`, in `tests/`, importing the
 * app's modules by relative path.
 */
import type { TemplateMeta } from '../../templates/types';
import type { TestPlanInput, TestSuiteDraft } from '../types';

interface CaseSource {
  name: string;
  /** The body of `run(t)`. */
  body: string;
}

interface SuiteSource extends TestSuiteDraft {
  imports: string[];
  cases: CaseSource[];
}

const literal = (value: unknown) => JSON.stringify(value);
const moduleName = (path: string) => path.replace(/^src\/lib\//, '').replace(/\.m?js$/, '');
const exportsOf = (source: string) =>
  [...source.matchAll(/export\s+(?:async\s+)?(?:function\*?|const|let|class)\s+([A-Za-z_$][\w$]*)/g)].map((match) => match[1]!);

function unitSuite(path: string, source: string, template: TemplateMeta | null): SuiteSource {
  const specs = template?.logic.filter((spec) => spec.module === path) ?? [];
  const exported = exportsOf(source);
  const cases: CaseSource[] = [];
  for (const spec of specs) {
    if (!exported.includes(spec.export)) continue;
    for (const example of spec.cases) {
      const call = `m.${spec.export}(...${literal(example.args)})`;
      cases.push({
        name: `${spec.export}: ${example.name}`,
        body:
          example.throws !== undefined
            ? `await t.throws(() => ${call}, ${literal(example.throws)});`
            : `t.equal(await ${call}, ${literal(example.expected)});`,
      });
    }
  }
  const specified = new Set(specs.map((spec) => spec.export));
  for (const name of exported.filter((name) => !specified.has(name))) {
    cases.push({ name: `smoke: ${name} is exported`, body: `t.ok(m.${literal(name).slice(1, -1)} !== undefined, ${literal(`${name} is not exported`)});` });
  }
  if (cases.length === 0) cases.push({ name: 'smoke: the module loads', body: 't.ok(typeof m === "object", "the module did not load");' });
  return { name: `unit: ${moduleName(path)}`, target: path, imports: [`import * as m from '../${path}';`], cases };
}

function integrationSuite(template: TemplateMeta | null): SuiteSource {
  const routes = template?.routes ?? [];
  const cases: CaseSource[] = routes.map((route) => {
    const init = route.body === undefined ? { method: route.method } : { method: route.method, body: JSON.stringify(route.body), headers: { 'content-type': 'application/json' } };
    const json = route.json === undefined ? '' : `\n    t.matches(await response.json(), ${literal(route.json)});`;
    return {
      name: `${route.method} ${route.path}: ${route.name}`,
      body: `const response = await t.app(${literal(route.path)}, ${literal(init)});\n    t.equal(response.status, ${route.status}, ${literal(`${route.method} ${route.path} status`)});${json}`,
    };
  });
  if (cases.length === 0) {
    cases.push({
      name: 'smoke: GET /api/ answers without a server error',
      body: 'const response = await t.app("/api/");\n    t.ok(response.status < 500, `answered ${response.status}`);',
    });
  }
  return { name: 'integration: worker.js', target: 'worker.js', imports: [], cases };
}

function e2eSuite(deployment: TestPlanInput['deployments'][number]): SuiteSource {
  const cases: CaseSource[] = deployment.files.map((file) => ({
    name: `GET /${file.path} serves it`,
    body: `const response = await t.site(${literal('/' + file.path)});\n    t.equal(response.status, 200);\n    t.equal(response.headers.get('content-type'), ${literal(file.contentType)});\n    t.equal((await response.arrayBuffer()).byteLength, ${file.size});`,
  }));
  cases.push(
    { name: 'GET / serves index.html', body: "const response = await t.site('/');\n    t.equal(response.status, 200);\n    t.ok((await response.text()).includes('<html'), 'no HTML page at /');" },
    { name: 'an unknown path is a 404', body: "const response = await t.site('/no-such-page-here');\n    t.equal(response.status, 404);" },
    { name: 'every response has a Content-Security-Policy', body: "const response = await t.site('/');\n    t.ok(response.headers.get('content-security-policy'), 'no CSP header');" },
  );
  return { name: `e2e: deployment ${deployment.label}`, target: deployment.id, imports: [], cases };
}

function suitesFor(input: TestPlanInput): SuiteSource[] {
  const files = new Map(input.files.map((file) => [file.path, file.content]));
  if (input.type === 'unit') {
    return [...files.keys()].filter((path) => /^src\/lib\/.+\.m?js$/.test(path)).map((path) => unitSuite(path, files.get(path)!, input.template));
  }
  if (input.type === 'integration') return files.has('worker.js') ? [integrationSuite(input.template)] : [];
  return input.deployments.map(e2eSuite);
}

/**
 * The suites and case names for a test run; the same input gives the same plan.
 *
 * @example planTestSuites({ type: 'unit', files, template, deployments: [] })[0]?.name // 'unit: todos'
 */
export function planTestSuites(input: TestPlanInput): TestSuiteDraft[] {
  return suitesFor(input).map(({ name, target, cases }) => ({ name, target, cases: cases.map((entry) => ({ name: entry.name })) }));
}

/** The test module of one planned suite. */
export function writeTestModule(input: TestPlanInput, suite: TestSuiteDraft): string {
  const source = suitesFor(input).find((candidate) => candidate.target === suite.target);
  if (!source) throw new Error(`Nothing to test for ${suite.target}`);
  return [
    `// ${source.name}: written by the offline engine${source.cases.some((entry) => entry.name.startsWith('smoke:')) ? '; smoke tests where no specification exists' : ''}.`,
    ...source.imports,
    '',
    'export const tests = [',
    ...source.cases.map((entry) => `  {\n    name: ${literal(entry.name)},\n    run: async (t) => {\n    ${entry.body}\n    },\n  },`),
    '];',
    '',
  ].join('\n');
}

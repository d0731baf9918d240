// The missing-import rule: a name another project file exports is imported from it, with a correct relative specifier.
import { describe, expect, it } from 'vitest';
import { fixMissingImport, relativeSpecifier } from '../../../src/engine/offline/fixers/missing-import';
import { fixInput } from './input';

const notDefined = (name: string) => ({ message: `ReferenceError: ${name} is not defined` });
const store = { path: 'src/lib/store.js', content: 'export function addTodo(title) {}\nexport const listTodos = () => [];\n' };

describe('fixMissingImport', () => {
  it('adds an import after the existing ones, relative to the file', () => {
    const code = "// Todo routes.\nimport { Hono } from 'hono';\n\nexport const app = new Hono();\napp.post('/', (c) => addTodo(c.req.query('t')));\n";
    const [candidate] = fixMissingImport(fixInput(code, { path: 'src/routes/todos.js', files: [store], error: notDefined('addTodo') }));
    expect(candidate).toEqual({
      code: "// Todo routes.\nimport { Hono } from 'hono';\nimport { addTodo } from '../lib/store.js';\n\nexport const app = new Hono();\napp.post('/', (c) => addTodo(c.req.query('t')));\n",
      explanation: "Imported `addTodo`, which is not declared here, from src/lib/store.js, which exports it ('../lib/store.js').",
      rule: 'missing-import',
    });
  });

  it('adds the name to an import of the same file that is already there', () => {
    const code = "import { listTodos } from './lib/store.js';\naddTodo('a');\nlistTodos();\n";
    const [candidate] = fixMissingImport(fixInput(code, { path: 'src/main.js', files: [store], error: notDefined('addTodo') }));
    expect(candidate?.code).toBe("import { listTodos, addTodo } from './lib/store.js';\naddTodo('a');\nlistTodos();\n");
    const defaultOnly = "import store from './lib/store';\naddTodo(store);\n";
    const [merged] = fixMissingImport(fixInput(defaultOnly, { path: 'src/main.js', files: [store], error: notDefined('addTodo') }));
    expect(merged?.code).toBe("import store, { addTodo } from './lib/store';\naddTodo(store);\n");
  });

  it('puts the first import before the first statement, after the opening comment', () => {
    const code = '/**\n * Entry.\n */\naddTodo("a");\n';
    const [candidate] = fixMissingImport(fixInput(code, { path: 'src/main.js', files: [store], error: notDefined('addTodo') }));
    expect(candidate?.code).toBe('/**\n * Entry.\n */\nimport { addTodo } from \'./lib/store.js\';\naddTodo("a");\n');
  });

  it('imports a default export declared under the name', () => {
    const files = [{ path: 'src/render.js', content: 'export default function render(x) { return x; }\n' }];
    const [candidate] = fixMissingImport(fixInput('render(1);\n', { path: 'src/main.js', files, error: notDefined('render') }));
    expect(candidate?.code).toBe("import render from './render.js';\nrender(1);\n");
  });

  it('follows the file: extensionless specifiers and double quotes stay so; TypeScript exports count', () => {
    const files = [{ path: 'src/lib/math.ts', content: 'export function sum(xs: number[]): number { return xs.length; }\n' }];
    const code = 'import { a } from "./a";\nexport const total: number = sum([a]);\n';
    const [candidate] = fixMissingImport(fixInput(code, { language: 'typescript', path: 'src/main.ts', files, error: { message: "Cannot find name 'sum'." } }));
    expect(candidate?.code).toBe('import { a } from "./a";\nimport { sum } from "./lib/math";\nexport const total: number = sum([a]);\n');
  });

  it('offers each exporting file, the nearest first, and never a test file or the file itself', () => {
    const files = [
      { path: 'src/far/away/store.js', content: 'export const addTodo = 1;' },
      store,
      { path: 'tests/store.test.js', content: 'export const addTodo = 2;' },
      { path: 'src/main.js', content: 'export const addTodo = 3;' },
    ];
    const candidates = fixMissingImport(fixInput('addTodo();\n', { path: 'src/main.js', files, error: notDefined('addTodo') }));
    expect(candidates.map((candidate) => candidate.code.split('\n')[0])).toEqual([
      "import { addTodo } from './lib/store.js';",
      "import { addTodo } from './far/away/store.js';",
    ]);
  });

  it('proposes nothing when no file exports the name, or the name is declared', () => {
    expect(fixMissingImport(fixInput('removeTodo();\n', { files: [store], error: notDefined('removeTodo') }))).toEqual([]);
    expect(fixMissingImport(fixInput('const addTodo = 1;\naddTodo;\n', { files: [store], error: notDefined('addTodo') }))).toEqual([]);
  });
});

describe('relativeSpecifier', () => {
  it.each([
    ['src/main.js', 'src/lib/a.js', './lib/a.js'],
    ['src/routes/todos.js', 'src/lib/a.js', '../lib/a.js'],
    ['tests/a.test.js', 'src/a.js', '../src/a.js'],
    ['worker.js', 'src/a.js', './src/a.js'],
    ['src/a/b/c.js', 'src/a/b/d.js', './d.js'],
  ])('leads from %s to %s with %s', (from, to, specifier) => {
    expect(relativeSpecifier(from, to)).toBe(specifier);
  });
});

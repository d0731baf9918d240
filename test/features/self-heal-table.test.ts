// The self-heal table: broken snippets across the rule classes, each fixed through the API as
// expected and verified by running it; what no rule covers comes back unfixed and untouched.
import { beforeAll, describe, expect, it } from 'vitest';
import type { GPREResult } from '../../src/features/self-heal/gpre';
import { callJson, createProject, createUser, editFile } from '../helpers';
import type { TestUser } from '../helpers';

const text = (...lines: string[]) => lines.join('\n') + '\n';

interface Snippet {
  name: string;
  path: string;
  code: string;
  /** The error as a client reports it; omitted, self-heal finds it. */
  error?: string;
  fixed: string;
}

// Every snippet runs at import once fixed, so "verified" means the fixed code really ran.
const TABLE: Snippet[] = [
  // Unbalanced brackets, braces, parentheses, strings and template literals.
  { name: 'unterminated string', path: 'src/a.js', code: 'export const greeting = "hi;\n', fixed: 'export const greeting = "hi";\n' },
  { name: 'call missing its )', path: 'src/a.js', code: text('const add = (a, b) => a + b;', 'export const sum = add(1, 2;'), fixed: text('const add = (a, b) => a + b;', 'export const sum = add(1, 2);') },
  { name: 'array missing its ]', path: 'src/a.js', code: 'export const xs = [1, 2;\n', fixed: 'export const xs = [1, 2];\n' },
  { name: 'function missing its }', path: 'src/a.js', code: text('export function f() {', '  return 1;'), fixed: text('export function f() {', '  return 1;', '}') },
  { name: 'inner block missing its }', path: 'src/a.js', code: text('export function f(x) {', '  if (x) {', '    x += 1;', '', '  return x;', '}'), fixed: text('export function f(x) {', '  if (x) {', '    x += 1;', '  }', '', '  return x;', '}') },
  { name: 'callback missing its )', path: 'src/a.js', code: text('export const doubled = [1, 2].map((x) => {', '  return x * 2;', '}'), error: 'SyntaxError: missing ) after argument list', fixed: text('export const doubled = [1, 2].map((x) => {', '  return x * 2;', '})') },
  { name: 'stray closing brace', path: 'src/a.js', code: text('export function f() {', '  return 1;', '}', '}'), fixed: text('export function f() {', '  return 1;', '}') },
  { name: 'unterminated template literal', path: 'src/a.js', code: text('const who = "Ada";', 'export const s = `Hello ${who}, welcome', 'to the app;'), fixed: text('const who = "Ada";', 'export const s = `Hello ${who}, welcome', 'to the app`;') },
  { name: 'wrong closer', path: 'src/a.js', code: text('const add = (a, b) => a + b;', 'export const sum = add(1, 2];'), fixed: text('const add = (a, b) => a + b;', 'export const sum = add(1, 2);') },
  { name: 'object missing its }', path: 'src/a.js', code: text('export const config = {', '  theme: "dark",', '  size: 2,'), fixed: text('export const config = {', '  theme: "dark",', '  size: 2,', '}') },
  { name: 'TypeScript function missing its }', path: 'src/a.ts', code: text('export function f(n: number): number {', '  return n;'), fixed: text('export function f(n: number): number {', '  return n;', '}') },
  { name: 'TypeScript parameter list missing its )', path: 'src/a.ts', code: text('export function label(x: number {', '  return `${x} km`;', '}'), fixed: text('export function label(x: number) {', '  return `${x} km`;', '}') },
  // A misspelt identifier, replaced by the nearest name in scope.
  { name: 'misspelt local', path: 'src/a.js', code: text('const todos = [];', 'todoz.push(1);', 'export { todos };'), error: 'ReferenceError: todoz is not defined', fixed: text('const todos = [];', 'todos.push(1);', 'export { todos };') },
  { name: 'misspelt parameter', path: 'src/a.js', code: text('export function area(width, height) {', '  return widht * height;', '}', 'export const a = area(2, 3);'), error: 'ReferenceError: widht is not defined', fixed: text('export function area(width, height) {', '  return width * height;', '}', 'export const a = area(2, 3);') },
  { name: 'misspelt global', path: 'src/a.js', code: 'export const s = JSNO.stringify({});\n', error: 'ReferenceError: JSNO is not defined', fixed: 'export const s = JSON.stringify({});\n' },
  { name: 'misspelt import', path: 'src/a.js', code: text("import { saveTodo } from './lib/store.js';", 'export const saved = saveTodos({});'), error: 'ReferenceError: saveTodos is not defined', fixed: text("import { saveTodo } from './lib/store.js';", 'export const saved = saveTodo({});') },
  { name: 'misspelt in TypeScript', path: 'src/a.ts', code: text('const total: number = 1;', 'export const t: number = totl + 1;'), error: "Cannot find name 'totl'.", fixed: text('const total: number = 1;', 'export const t: number = total + 1;') },
  { name: 'misspelt, found by loading', path: 'src/a.js', code: text('const items = [1, 2, 3];', 'export const count = itemz.length;'), fixed: text('const items = [1, 2, 3];', 'export const count = items.length;') },
  // A name used but not imported that another project file exports.
  { name: 'missing import', path: 'src/a.js', code: 'export const saved = saveTodo({});\n', error: 'ReferenceError: saveTodo is not defined', fixed: text("import { saveTodo } from './lib/store.js';", 'export const saved = saveTodo({});') },
  { name: 'missing import, found by loading', path: 'src/a.js', code: 'export const saved = saveTodo({ id: 1 });\n', fixed: text("import { saveTodo } from './lib/store.js';", 'export const saved = saveTodo({ id: 1 });') },
  { name: 'missing import in TypeScript', path: 'src/a.ts', code: 'export const t = saveTodo({});\n', error: "Cannot find name 'saveTodo'.", fixed: text("import { saveTodo } from './lib/store.js';", 'export const t = saveTodo({});') },
  // `await` in a function that is not async.
  { name: 'await in a function', path: 'src/a.js', code: text('export function load() {', '  return await Promise.resolve(1);', '}'), fixed: text('export async function load() {', '  return await Promise.resolve(1);', '}') },
  { name: 'await in a callback', path: 'src/a.js', code: text('export async function f(xs) {', '  return xs.map((x) => await Promise.resolve(x));', '}'), fixed: text('export async function f(xs) {', '  return xs.map(async (x) => await Promise.resolve(x));', '}') },
  { name: 'await in a method', path: 'src/a.ts', code: text('export class A {', '  load(): Promise<number> {', '    return await Promise.resolve(1);', '  }', '}'), fixed: text('export class A {', '  async load(): Promise<number> {', '    return await Promise.resolve(1);', '  }', '}') },
  // Assignment to a const.
  { name: 'const reassigned', path: 'src/a.js', code: text('const count = 0;', 'count = 1;', 'export { count };'), error: 'TypeError: Assignment to constant variable.', fixed: text('let count = 0;', 'count = 1;', 'export { count };') },
  { name: 'const incremented', path: 'src/a.js', code: text('export function f() {', '  const n = 0;', '  n++;', '  return n;', '}', 'export const one = f();'), error: 'TypeError: Assignment to constant variable.', fixed: text('export function f() {', '  let n = 0;', '  n++;', '  return n;', '}', 'export const one = f();') },
  { name: 'const reassigned, found by loading', path: 'src/a.js', code: text('const total = 1;', 'total = 2;', 'export { total };'), fixed: text('let total = 1;', 'total = 2;', 'export { total };') },
  { name: 'const in TypeScript', path: 'src/a.ts', code: text('let start: string = "a";', 'const s: string = start;', 's += "b";', 'export { s };'), error: 'TypeError: Assignment to constant variable.', fixed: text('let start: string = "a";', 'let s: string = start;', 's += "b";', 'export { s };') },
  // JSON with trailing commas, single quotes, bare keys.
  { name: 'JSON trailing comma', path: 'data/a.json', code: '{"a": 1,}\n', fixed: '{"a": 1}\n' },
  { name: 'JSON single quotes', path: 'data/a.json', code: "{'a': 'b'}\n", fixed: '{"a": "b"}\n' },
  { name: 'JSON bare keys', path: 'data/a.json', code: '{a: 1, b: [true]}\n', fixed: '{"a": 1, "b": [true]}\n' },
  { name: 'JSON trailing comma in an array', path: 'data/a.json', code: '{\n  "items": [1, 2,]\n}\n', fixed: '{\n  "items": [1, 2]\n}\n' },
  { name: 'JSON unclosed array', path: 'data/a.json', code: '{"a": [1, 2}\n', fixed: '{"a": [1, 2]}\n' },
];

let user: TestUser;
let projectId: string;

beforeAll(async () => {
  user = await createUser();
  const project = await createProject(user, { name: 'Fixes' });
  projectId = project.id;
  await editFile(user, projectId, 'src/lib/store.js', 'export function saveTodo(todo) {\n  return todo;\n}\n');
});

const fix = (body: Record<string, unknown>) => callJson<GPREResult[]>('/api/self-heal/fix', { key: user.key, body: { projectId, ...body } });

describe('the self-heal table', () => {
  it.each(TABLE)('fixes and verifies: $name', async ({ path, code, error, fixed }) => {
    const results = await fix({ code, path, errors: error ? [{ message: error }] : [] });
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ status: 'fixed', verified: true, fixedCode: fixed });
    expect(results[0]!.patch).toMatch(/^--- a\/.+\n\+\+\+ b\/.+\n@@ /);
  });

  it('fixes every snippet of the table, each verified, and prints the rate', async () => {
    expect(TABLE.length).toBeGreaterThanOrEqual(30);
    let fixedAndVerified = 0;
    for (const { path, code, error, fixed } of TABLE) {
      const [result] = await fix({ code, path, errors: error ? [{ message: error }] : [] });
      if (result?.status === 'fixed' && result.verified && result.fixedCode === fixed) fixedAndVerified += 1;
    }
    console.log(`self-heal table: ${fixedAndVerified}/${TABLE.length} fixed and verified (${Math.round((fixedAndVerified / TABLE.length) * 100)}%)`);
    expect(fixedAndVerified).toBe(TABLE.length);
  });

  it.each([
    { name: 'a runtime TypeError no rule covers', path: 'src/a.js', code: 'export const n = null;\nexport const len = n.length;\n', error: "TypeError: Cannot read properties of null (reading 'length')" },
    { name: 'a wrong result', path: 'src/a.js', code: 'export const add = (a, b) => a - b;\n', error: 'add(1, 2) should be 3 but is -1' },
    { name: 'Python', path: 'app.py', code: 'def f(:\n    return 1\n', error: 'SyntaxError: invalid syntax' },
  ])('leaves $name unfixed, with the code unchanged and why', async ({ path, code, error }) => {
    const [result] = await fix({ code, path, errors: [{ message: error }] });
    expect(result).toMatchObject({ status: 'unfixed', fixedCode: null, patch: null, verified: false });
    expect(result!.explanation.length).toBeGreaterThan(20);
  });
});

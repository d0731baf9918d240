// proposeFix and explainUnfixable: the right rule for each error text, no candidate twice, and a reason when there is none.
import { describe, expect, it } from 'vitest';
import { explainUnfixable, findStaticErrors, proposeFix } from '../../../src/engine/offline/fixers';
import type { FixInput, FixLanguage } from '../../../src/engine/offline/fixers';
import { fixInput } from './input';

const text = (...lines: string[]) => lines.join('\n') + '\n';
const PATHS: Record<FixLanguage, string> = { javascript: 'src/app.js', typescript: 'src/app.ts', json: 'data/app.json', html: 'public/index.html' };
const STORE = { path: 'src/lib/store.js', content: 'export function saveTodo(todo) { return todo; }\n' };

/** Each broken snippet, the error the loop would pass, and the fix expected first. */
const TABLE: { name: string; language: FixLanguage; code: string; error: string; fixed: string; rule: string }[] = [
  { name: 'string before `);`', language: 'javascript', code: 'console.log("hi);\n', error: 'Unterminated string constant', fixed: 'console.log("hi");\n', rule: 'unclosed-bracket' },
  { name: 'call before `;`', language: 'javascript', code: 'run(a, b;\n', error: 'Unexpected token', fixed: 'run(a, b);\n', rule: 'unclosed-bracket' },
  { name: 'array', language: 'javascript', code: 'export const xs = [1, 2;\n', error: 'Unexpected token', fixed: 'export const xs = [1, 2];\n', rule: 'unclosed-bracket' },
  { name: 'function body', language: 'javascript', code: text('export function f() {', '  return 1;'), error: 'Unexpected token', fixed: text('export function f() {', '  return 1;', '}'), rule: 'unclosed-bracket' },
  { name: 'inner block', language: 'javascript', code: text('function f(x) {', '  if (x) {', '    go();', '', '  return x;', '}'), error: 'Unexpected token', fixed: text('function f(x) {', '  if (x) {', '    go();', '  }', '', '  return x;', '}'), rule: 'unclosed-bracket' },
  { name: 'callback', language: 'javascript', code: text('app.get("/", (c) => {', '  return c.text("ok");', '}'), error: 'SyntaxError: missing ) after argument list', fixed: text('app.get("/", (c) => {', '  return c.text("ok");', '})'), rule: 'unclosed-bracket' },
  { name: 'stray brace', language: 'javascript', code: text('function f() {', '  return 1;', '}', '}'), error: "SyntaxError: Unexpected token '}'", fixed: text('function f() {', '  return 1;', '}'), rule: 'unclosed-bracket' },
  { name: 'template literal', language: 'javascript', code: text('const s = `Hello ${name}, welcome', 'to the app;'), error: 'Unterminated template', fixed: text('const s = `Hello ${name}, welcome', 'to the app`;'), rule: 'unclosed-bracket' },
  { name: 'wrong closer', language: 'javascript', code: 'run(a, b];\n', error: 'Unexpected token', fixed: 'run(a, b);\n', rule: 'unclosed-bracket' },
  { name: 'TypeScript brace', language: 'typescript', code: text('export function f(n: number): number {', '  return n;'), error: 'Unexpected token', fixed: text('export function f(n: number): number {', '  return n;', '}'), rule: 'unclosed-bracket' },
  { name: 'misspelt local', language: 'javascript', code: text('const todos = [];', 'todoz.push(1);'), error: 'ReferenceError: todoz is not defined', fixed: text('const todos = [];', 'todos.push(1);'), rule: 'misspelt-identifier' },
  { name: 'misspelt parameter', language: 'javascript', code: text('export function area(width, height) {', '  return widht * height;', '}'), error: 'ReferenceError: widht is not defined', fixed: text('export function area(width, height) {', '  return width * height;', '}'), rule: 'misspelt-identifier' },
  { name: 'misspelt global', language: 'javascript', code: 'JSNO.stringify({});\n', error: 'ReferenceError: JSNO is not defined', fixed: 'JSON.stringify({});\n', rule: 'misspelt-identifier' },
  { name: 'misspelt import', language: 'javascript', code: text("import { saveTodo } from './lib/store.js';", 'saveTodos({});'), error: 'ReferenceError: saveTodos is not defined', fixed: text("import { saveTodo } from './lib/store.js';", 'saveTodo({});'), rule: 'misspelt-identifier' },
  { name: 'misspelt in TypeScript', language: 'typescript', code: text('const total: number = 1;', 'export const t: number = totl + 1;'), error: "Cannot find name 'totl'.", fixed: text('const total: number = 1;', 'export const t: number = total + 1;'), rule: 'misspelt-identifier' },
  { name: 'missing import', language: 'javascript', code: 'saveTodo({});\n', error: 'ReferenceError: saveTodo is not defined', fixed: text("import { saveTodo } from './lib/store.js';", 'saveTodo({});'), rule: 'missing-import' },
  { name: 'missing import in TypeScript', language: 'typescript', code: 'export const t = saveTodo({});\n', error: "Cannot find name 'saveTodo'.", fixed: text("import { saveTodo } from './lib/store.js';", 'export const t = saveTodo({});'), rule: 'missing-import' },
  { name: 'await in a function', language: 'javascript', code: text('function load() {', '  return await fetch("/");', '}'), error: "Cannot use keyword 'await' outside an async function", fixed: text('async function load() {', '  return await fetch("/");', '}'), rule: 'await-outside-async' },
  { name: 'await in a callback', language: 'javascript', code: text('async function f(xs) {', '  xs.map((x) => await g(x));', '}'), error: 'SyntaxError: await is only valid in async functions and the top level bodies of modules', fixed: text('async function f(xs) {', '  xs.map(async (x) => await g(x));', '}'), rule: 'await-outside-async' },
  { name: 'await in a method', language: 'typescript', code: text('class A {', '  load(): Promise<void> {', '    await go();', '  }', '}'), error: "Cannot use keyword 'await' outside an async function", fixed: text('class A {', '  async load(): Promise<void> {', '    await go();', '  }', '}'), rule: 'await-outside-async' },
  { name: 'const reassigned', language: 'javascript', code: text('const count = 0;', 'count = 1;'), error: 'TypeError: Assignment to constant variable.', fixed: text('let count = 0;', 'count = 1;'), rule: 'const-assignment' },
  { name: 'const incremented', language: 'javascript', code: text('export function f() {', '  const n = 0;', '  n++;', '  return n;', '}'), error: 'TypeError: Assignment to constant variable.', fixed: text('export function f() {', '  let n = 0;', '  n++;', '  return n;', '}'), rule: 'const-assignment' },
  { name: 'const in TypeScript', language: 'typescript', code: text('const s: string = "a";', 's += "b";'), error: 'TypeError: Assignment to constant variable.', fixed: text('let s: string = "a";', 's += "b";'), rule: 'const-assignment' },
  { name: 'JSON trailing comma', language: 'json', code: '{"a": 1,}\n', error: 'Trailing comma in JSON', fixed: '{"a": 1}\n', rule: 'json-syntax' },
  { name: 'JSON single quotes', language: 'json', code: "{'a': 'b'}\n", error: 'Property names in JSON must be double-quoted strings', fixed: '{"a": "b"}\n', rule: 'json-syntax' },
  { name: 'JSON bare keys', language: 'json', code: '{a: 1, b: [true]}\n', error: 'Property names in JSON must be double-quoted strings', fixed: '{"a": 1, "b": [true]}\n', rule: 'json-syntax' },
  { name: 'JSON unclosed array', language: 'json', code: '{"a": [1, 2}\n', error: "Expected ',' or ']' after an array element", fixed: '{"a": [1, 2]}\n', rule: 'unclosed-bracket' },
  { name: 'JSON two mistakes', language: 'json', code: "{'a': [1, 2,}\n", error: 'Property names in JSON must be double-quoted strings', fixed: '{"a": [1, 2]}\n', rule: 'json-syntax+unclosed-bracket' },
  { name: 'HTML inline', language: 'html', code: '<p>Hi <b>there</p>\n', error: '<b> is not closed before </p> on line 1', fixed: '<p>Hi <b>there</b></p>\n', rule: 'unclosed-html' },
  { name: 'HTML block', language: 'html', code: text('<main>', '  <div>', '    <p>x</p>', '</main>'), error: '<div> is not closed before </main> on line 4', fixed: text('<main>', '  <div>', '    <p>x</p>', '  </div>', '</main>'), rule: 'unclosed-html' },
  { name: 'HTML stray end tag', language: 'html', code: text('<div>a</div>', '</span>'), error: '</span> closes no open <span>', fixed: text('<div>a</div>'), rule: 'unclosed-html' },
];

describe('proposeFix', () => {
  it.each(TABLE)('fixes $name with $rule', ({ language, code, error, fixed, rule }) => {
    const input = fixInput(code, { language, path: PATHS[language], error: { message: error }, files: [STORE] });
    const candidate = proposeFix(input);
    expect(candidate?.code).toBe(fixed);
    expect(candidate?.rule).toBe(rule);
    expect(findStaticErrors(fixed, language, PATHS[language])).toEqual([]);
  });

  it('fixes every snippet of the table, and says so', () => {
    const fixed = TABLE.filter(({ language, code, error, fixed }) => proposeFix(fixInput(code, { language, path: PATHS[language], error: { message: error }, files: [STORE] }))?.code === fixed);
    console.log(`offline fixers: ${fixed.length}/${TABLE.length} snippets fixed (${Math.round((fixed.length / TABLE.length) * 100)}%)`);
    expect(fixed.length).toBe(TABLE.length);
  });

  it('never proposes the code itself or an earlier attempt, and then proposes nothing', () => {
    const input = fixInput(text("app.get('/', (c) => {", "  return c.text('hi');", '}'));
    const seen: FixInput['attempts'] = [];
    for (let candidate = proposeFix(input); candidate; candidate = proposeFix({ ...input, attempts: seen })) {
      expect(candidate.code).not.toBe(input.code);
      expect(seen.map((attempt) => attempt.code)).not.toContain(candidate.code);
      seen.push({ code: candidate.code, reason: 'the tests failed' });
    }
    expect(seen.length).toBeGreaterThan(1);
    expect(explainUnfixable({ ...input, attempts: seen })).toBe(`All ${seen.length} offline candidates for "SyntaxError: Unexpected token" were tried and rejected; the last because the tests failed.`);
  });

  it('prefers importing an exact name another file exports over respelling it as a near local', () => {
    const code = text('const saveTodos = [];', 'saveTodo({});');
    expect(proposeFix(fixInput(code, { error: { message: 'ReferenceError: saveTodo is not defined' }, files: [STORE] }))?.rule).toBe('missing-import');
  });

  it.each([
    ['a runtime error no rule covers', fixInput('export const f = (x) => x.map(String);\n', { error: { message: 'TypeError: x.map is not a function' } })],
    ['a syntax error with balanced brackets', fixInput('export function add(a, b) {\n  return a +;\n}\n', { error: { message: 'Unexpected token', line: 2, column: 13 } })],
    ['an undeclared name with nothing near', fixInput('const apples = 1;\nexport default pears;\n', { error: { message: 'ReferenceError: pears is not defined' } })],
    ['a const error without a const', fixInput('let a = 1;\na = 2;\n', { error: { message: 'TypeError: Assignment to constant variable.' } })],
    ['valid JSON', fixInput('{"a": 1}\n', { language: 'json', path: 'a.json', error: { message: 'Unexpected token' } })],
  ])('proposes nothing for %s', (_, input) => {
    expect(proposeFix(input)).toBeNull();
  });

  it('explains each kind of miss in words a user can act on', () => {
    expect(explainUnfixable(fixInput('export const f = (x) => x.map(String);\n', { error: { message: 'TypeError: x.map is not a function' } }))).toBe(
      'No offline rule for "TypeError: x.map is not a function". The offline rules fix syntax errors, undeclared names (misspelt or not imported), `await` outside an async function and assignments to a `const`.',
    );
    expect(explainUnfixable(fixInput('export function add(a, b) {\n  return a +;\n}\n', { error: { message: 'Unexpected token', line: 2, column: 13 } }))).toBe(
      'No offline rule for "Unexpected token" (line 2, column 13): brackets, strings, template literals and comments all close, and no `await` is outside an async function.',
    );
    expect(explainUnfixable(fixInput('const apples = 1;\nexport default pears;\n', { error: { message: 'ReferenceError: pears is not defined' } }))).toBe(
      '`pears` is not declared where it is used, no name in its scope is within 2 edits of it, and no other project file exports it.',
    );
    expect(explainUnfixable(fixInput('let a = 1;\na = 2;\n', { error: { message: 'TypeError: Assignment to constant variable.' } }))).toBe(
      'No assignment to a `const` was found in the code, so "TypeError: Assignment to constant variable" cannot be traced to a declaration.',
    );
    expect(explainUnfixable(fixInput('const todos = [];\ntodos.push(1);\n', { error: { message: 'ReferenceError: todos is not defined' } }))).toBe(
      '`todos` is declared wherever this code uses it, so the error comes from elsewhere (another module, or a test).',
    );
    expect(explainUnfixable(fixInput('x(;\nfoo\n', { error: { message: 'ReferenceError: foo is not defined' } }))).toBe(
      'The code does not parse, so `foo` cannot be looked up in its scopes: fix its syntax error first.',
    );
  });
});

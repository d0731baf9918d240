// The unclosed-bracket rule: what is left open gets closed where the indentation says, and nothing else moves.
import { describe, expect, it } from 'vitest';
import { fixUnclosedBrackets } from '../../../src/engine/offline/fixers/unclosed-brackets';
import { fixInput } from './input';

const lines = (...text: string[]) => text.join('\n') + '\n';

describe('fixUnclosedBrackets', () => {
  it.each([
    ['a string, before the trailing `);`', 'console.log("hello);\n', 'console.log("hello");\n'],
    ['a string, before the trailing `;`', "const msg = 'hello;\n", "const msg = 'hello';\n"],
    ['a string, before the first punctuation that parses', "const id = el.closest('li).dataset.id;\n", "const id = el.closest('li').dataset.id;\n"],
    ['a string, before the space ahead of a brace', "const h = { 'content-type': 'text/plain };\n", "const h = { 'content-type': 'text/plain' };\n"],
    ['a parenthesis, before the trailing `;`', 'console.log("a", b;\n', 'console.log("a", b);\n'],
    ['an empty call', 'event.preventDefault(;\n', 'event.preventDefault();\n'],
    ['an array, before the trailing `;`', 'const xs = [1, 2, 3;\n', 'const xs = [1, 2, 3];\n'],
    ['a condition, before its block', lines('if (a && b {', '  go();', '}'), lines('if (a && b) {', '  go();', '}')],
    ['a brace at the end of the file', lines('export function a() {', '  return 1;'), lines('export function a() {', '  return 1;', '}')],
    [
      'a callback, after the brace of the block it wraps',
      lines("app.get('/', (c) => {", "  return c.text('hi');", '}', '', 'export default app;'),
      lines("app.get('/', (c) => {", "  return c.text('hi');", '})', '', 'export default app;'),
    ],
    ['a function argument, before the `)` of the call', lines('run(function () {', '  go();', ');'), lines('run(function () {', '  go();', '});')],
    [
      'a template literal, before the trailing `;`',
      lines('const html = `<div>', '  <p>${name}</p>', '</div>;', 'export default html;'),
      lines('const html = `<div>', '  <p>${name}</p>', '</div>`;', 'export default html;'),
    ],
    ['a block comment, at the end of its line', lines('/* the answer', 'export const answer = 42;'), lines('/* the answer */', 'export const answer = 42;')],
  ])('closes %s', (_, code, fixed) => {
    expect(fixUnclosedBrackets(fixInput(code))[0]?.code).toBe(fixed);
  });

  it('closes an inner block where its indentation ends, not the outer one at the end of the file', () => {
    const code = lines('function total(items) {', '  let sum = 0;', '  for (const item of items) {', '    sum += item.price;', '', '  return sum;', '}');
    const [first] = fixUnclosedBrackets(fixInput(code));
    expect(first?.code).toBe(lines('function total(items) {', '  let sum = 0;', '  for (const item of items) {', '    sum += item.price;', '  }', '', '  return sum;', '}'));
    expect(first?.explanation).toBe('Closed the `{` opened on line 3 after line 4, where its indented block ends.');
  });

  it('removes a closing brace that closes nothing, and its line', () => {
    const code = lines('function a() {', '  return 1;', '}', '}', 'a();');
    expect(fixUnclosedBrackets(fixInput(code))[0]?.code).toBe(lines('function a() {', '  return 1;', '}', 'a();'));
  });

  it('replaces a closer meant for the open bracket on its line', () => {
    expect(fixUnclosedBrackets(fixInput('foo(a, b];\n'))[0]).toMatchObject({
      code: 'foo(a, b);\n',
      explanation: 'Replaced the `]` on line 1 with the `)` that the `(` on line 1 needs.',
      rule: 'unclosed-bracket',
    });
  });

  it('repairs several problems in one file into one candidate', () => {
    const code = lines('export function a(x) {', '  if (x > 1 {', '    return "big;', '  }', '  return [x, x;');
    expect(fixUnclosedBrackets(fixInput(code))[0]?.code).toBe(lines('export function a(x) {', '  if (x > 1) {', '    return "big";', '  }', '  return [x, x];', '}'));
  });

  it('reads regular expressions, comments and strings without counting the brackets inside them', () => {
    const code = lines('const re = /[(]/g; // a ( in a comment', 'const s = "{[";', 'foo(re, s;');
    expect(fixUnclosedBrackets(fixInput(code))[0]?.code).toBe(lines('const re = /[(]/g; // a ( in a comment', 'const s = "{[";', 'foo(re, s);'));
  });

  it('fixes TypeScript and JSON, checking candidates as their own language', () => {
    const ts = lines('export function f(items: Array<{ id: number }>): number {', '  return items.length;');
    expect(fixUnclosedBrackets(fixInput(ts, { language: 'typescript', path: 'src/f.ts' }))[0]?.code).toBe(ts + '}\n');
    const json = '{ "a": [1, 2 }\n';
    expect(fixUnclosedBrackets(fixInput(json, { language: 'json', path: 'data.json' }))[0]?.code).toBe('{ "a": [1, 2] }\n');
  });

  it('puts candidates that parse first', () => {
    const candidates = fixUnclosedBrackets(fixInput(lines("app.get('/', (c) => {", "  return c.text('hi');", '}')));
    expect(candidates.length).toBeGreaterThan(1);
    expect(candidates[0]?.code).toBe(lines("app.get('/', (c) => {", "  return c.text('hi');", '})'));
  });

  it('proposes nothing for code whose brackets all close, even when it does not parse', () => {
    expect(fixUnclosedBrackets(fixInput('export function add(a, b) {\n  return a +;\n}\n'))).toEqual([]);
    expect(fixUnclosedBrackets(fixInput('const s = `a ${b} c`;\nconst t = "(";\n'))).toEqual([]);
  });

  it('leaves HTML to the HTML rule', () => {
    expect(fixUnclosedBrackets(fixInput('<div>(</div>', { language: 'html', path: 'index.html' }))).toEqual([]);
  });
});

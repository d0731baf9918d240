// findStaticErrors and languageOf: what a file shows without running, and which files the fixers read.
import { describe, expect, it } from 'vitest';
import { explainUnsupportedLanguage, languageOf } from '../../../src/engine/offline/fixers/language';
import { findStaticErrors } from '../../../src/engine/offline/fixers/static-errors';

describe('findStaticErrors', () => {
  it('finds nothing in code that parses, in each language', () => {
    expect(findStaticErrors('export const a = 1;\n', 'javascript', 'src/a.js')).toEqual([]);
    expect(findStaticErrors('export const a: number = 1;\n', 'typescript', 'src/a.ts')).toEqual([]);
    expect(findStaticErrors('{"a": [1, 2.5e3, true, null, "\\u00e9"]}\n', 'json', 'a.json')).toEqual([]);
    expect(findStaticErrors('<!DOCTYPE html>\n<ul><li>one<li>two</ul>\n<p>a<p>b<img src="x.png"><br/>\n', 'html', 'index.html')).toEqual([]);
  });

  it("reports JavaScript's first syntax error with acorn's message and position", () => {
    expect(findStaticErrors('export function add(a, b) {\n  return a +;\n}\n', 'javascript', 'src/math.js')).toEqual([
      { message: 'Unexpected token', line: 2, column: 13, code: 'syntax' },
    ]);
  });

  it('reports a TypeScript syntax error at its place in the TypeScript', () => {
    expect(findStaticErrors('const a: number = 1;\nfunction f(x: string {\n}\n', 'typescript', 'src/f.ts')).toEqual([
      { message: 'Unexpected token, expected ","', line: 2, column: 22, code: 'syntax' },
    ]);
  });

  it('maps an error found after transpiling back to the TypeScript column', () => {
    const code = 'const n: number = 1;\nexport function f(xs: number[]) { const y: number = await g(xs); return y; }\n';
    expect(findStaticErrors(code, 'typescript', 'src/f.ts')).toEqual([
      { message: "Cannot use keyword 'await' outside an async function", line: 2, column: (code.split('\n')[1] ?? '').indexOf('await') + 1, code: 'syntax' },
    ]);
  });

  it.each([
    ['{"a": 1,}', 'Trailing comma in JSON', 1, 8],
    ["{'a': 1}", 'Property names in JSON must be double-quoted strings', 1, 2],
    ['{"a": \'x\'}', 'JSON strings use double quotes', 1, 7],
    ['{\n  "a": 1\n  "b": 2\n}', "Expected ',' or '}' after a property value", 3, 3],
    ['[1, 2', 'Unexpected end of JSON input', 1, 6],
    ['', 'Unexpected end of JSON input', 1, 1],
  ])('reports JSON %j as %s at %i:%i', (code, message, line, column) => {
    expect(findStaticErrors(code, 'json', 'data.json')).toEqual([{ message, line, column, code: 'syntax' }]);
  });

  it('accepts and rejects exactly the JSON that JSON.parse does', () => {
    const samples = ['{}', '[]', '0', '-0.5e-3', '01', '1.', '"a\\x"', '"\t"', '"\\/"', 'true', 'tru', 'null ', ' [1,]', '{"a":1}x', '"\\u12"', '[1 2]'];
    for (const sample of samples) {
      let valid = true;
      try {
        JSON.parse(sample);
      } catch {
        valid = false;
      }
      expect(findStaticErrors(sample, 'json', null).length === 0, sample).toBe(valid);
    }
  });

  it('reports an HTML element left open, where it opens, and an end tag that closes nothing', () => {
    const code = '<main>\n  <section>\n    <p>Hi <b>there</p>\n</main>\n</div>\n';
    expect(findStaticErrors(code, 'html', 'index.html')).toEqual([
      { message: '<b> is not closed before </p> on line 3', line: 3, column: 11, code: 'unclosed-element' },
      { message: '<section> is not closed before </main> on line 4', line: 2, column: 3, code: 'unclosed-element' },
      { message: '</div> closes no open <div>', line: 5, column: 1, code: 'stray-end-tag' },
    ]);
  });

  it('reads script and style contents as text, and forgives optional end tags', () => {
    const code = '<table><tr><td>1<td>2<tr><td>3</table>\n<script>if (a < b && "</div>") {}</script>\n<style>a > b {}</style>\n<dl><dt>a<dd>b</dl>\n';
    expect(findStaticErrors(code, 'html', 'index.html')).toEqual([]);
  });

  it('reports an element open at the end of the document', () => {
    expect(findStaticErrors('<body>\n<div class="a>b">\n  text\n', 'html', 'index.html')).toEqual([
      { message: '<div> is not closed by the end of the document', line: 2, column: 1, code: 'unclosed-element' },
    ]);
  });
});

describe('languageOf', () => {
  it.each([
    ['src/a.js', undefined, 'javascript'],
    ['src/a.mjs', undefined, 'javascript'],
    ['src/a.ts', undefined, 'typescript'],
    ['data/a.json', undefined, 'json'],
    ['public/index.html', undefined, 'html'],
    ['app.py', undefined, null],
    ['Dockerfile', undefined, null],
    [null, undefined, 'javascript'],
    [null, 'TypeScript', 'typescript'],
    ['notes.txt', 'json', 'json'],
    ['a.js', 'python', null],
  ])('reads %s (declared %s) as %s', (path, declared, language) => {
    expect(languageOf(path, declared)).toBe(language);
  });

  it('says which language is not supported and which are', () => {
    expect(explainUnsupportedLanguage('app.py')).toBe('Python is not supported: the offline fixers read JavaScript, TypeScript, JSON and HTML.');
    expect(explainUnsupportedLanguage(null, 'cobol')).toBe('"cobol" is not supported: the offline fixers read JavaScript, TypeScript, JSON and HTML.');
    expect(explainUnsupportedLanguage('notes.txt')).toBe('A .txt file is not supported: the offline fixers read JavaScript, TypeScript, JSON and HTML.');
  });
});

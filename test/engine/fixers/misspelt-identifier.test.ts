// The misspelt-identifier rule: an undeclared name becomes the nearest name its scope sees, and only there.
import { describe, expect, it } from 'vitest';
import { fixMisspeltIdentifier } from '../../../src/engine/offline/fixers/misspelt-identifier';
import { fixInput } from './input';

const notDefined = (name: string) => ({ message: `ReferenceError: ${name} is not defined` });
const lines = (...text: string[]) => text.join('\n') + '\n';

describe('fixMisspeltIdentifier', () => {
  it('replaces every undeclared use of the name with the closest declared one', () => {
    const code = lines('const todos = [];', 'export function add(title) {', '  todoz.push({ title });', '  return todoz.length;', '}');
    expect(fixMisspeltIdentifier(fixInput(code, { error: notDefined('todoz') }))).toEqual([
      {
        code: lines('const todos = [];', 'export function add(title) {', '  todos.push({ title });', '  return todos.length;', '}'),
        explanation: 'Replaced `todoz`, which is not declared, with `todos`, the closest name in scope (1 edit away), on lines 3 and 4.',
        rule: 'misspelt-identifier',
      },
    ]);
  });

  it('counts a swap of two letters as one edit', () => {
    const code = lines('const length = 3;', 'export const double = lenght * 2;');
    expect(fixMisspeltIdentifier(fixInput(code, { error: notDefined('lenght') }))[0]?.code).toBe(lines('const length = 3;', 'export const double = length * 2;'));
  });

  it('does not offer a name declared in another function', () => {
    const code = lines('function a() {', '  const total = 1;', '  return total;', '}', 'function b() {', '  return totl;', '}');
    expect(fixMisspeltIdentifier(fixInput(code, { error: notDefined('totl') }))).toEqual([]);
  });

  it('prefers the nearest scope, and offers the other names within reach after it', () => {
    const code = lines('const count = 0;', 'function show(cont) {', '  return coutn;', '}');
    const candidates = fixMisspeltIdentifier(fixInput(code, { error: notDefined('coutn') }));
    expect(candidates.map((candidate) => candidate.code.split('\n')[2])).toEqual(['  return count;', '  return cont;']);
  });

  it('suggests a global when no declared name is close', () => {
    expect(fixMisspeltIdentifier(fixInput('consol.log("hi");\n', { error: notDefined('consol') }))[0]?.code).toBe('console.log("hi");\n');
  });

  it('corrects a shorthand property, key and name together', () => {
    const code = lines('const title = "a";', 'export const todo = { titel };');
    expect(fixMisspeltIdentifier(fixInput(code, { error: notDefined('titel') }))[0]?.code).toBe(lines('const title = "a";', 'export const todo = { title };'));
  });

  it('leaves properties, keys, strings and declared names that look alike untouched', () => {
    const code = lines('const items = [];', 'const obj = { itemz: 1 };', 'obj.itemz = "itemz";', 'itemz.push(obj.itemz);');
    expect(fixMisspeltIdentifier(fixInput(code, { error: notDefined('itemz') }))[0]?.code).toBe(
      lines('const items = [];', 'const obj = { itemz: 1 };', 'obj.itemz = "itemz";', 'items.push(obj.itemz);'),
    );
  });

  it('fixes TypeScript in place, types untouched', () => {
    const code = lines('const todos: Array<{ title: string }> = [];', 'export const count: number = todoz.length as number;');
    const fixed = fixMisspeltIdentifier(fixInput(code, { language: 'typescript', path: 'src/count.ts', error: { message: "Cannot find name 'todoz'." } }));
    expect(fixed[0]?.code).toBe(lines('const todos: Array<{ title: string }> = [];', 'export const count: number = todos.length as number;'));
  });

  it('proposes nothing when no visible name is within reach', () => {
    expect(fixMisspeltIdentifier(fixInput('const apples = 1;\nexport default orange;\n', { error: notDefined('orange') }))).toEqual([]);
    expect(fixMisspeltIdentifier(fixInput('const ab = 1;\nexport default ac;\n', { error: notDefined('ac') }))).toEqual([]);
  });

  it('proposes nothing when the error names no undeclared name', () => {
    expect(fixMisspeltIdentifier(fixInput('const todos = [];\ntodos.push(1);\n', { error: notDefined('todos') }))).toEqual([]);
    expect(fixMisspeltIdentifier(fixInput('const todos = [];\n', { error: { message: 'TypeError: x is not a function' } }))).toEqual([]);
  });
});

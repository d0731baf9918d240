// The const-assignment rule: a const that is assigned again becomes a let, and no other declaration changes.
import { describe, expect, it } from 'vitest';
import { fixConstAssignment } from '../../../src/engine/offline/fixers/const-assignment';
import { fixInput } from './input';

const assignment = { message: 'TypeError: Assignment to constant variable.' };
const lines = (...text: string[]) => text.join('\n') + '\n';

describe('fixConstAssignment', () => {
  it('declares the const that is assigned to with let', () => {
    const code = lines('const limit = 10;', 'export let count = 0;', 'export function bump() {', '  count += 1;', '  limit = limit * 2;', '}');
    expect(fixConstAssignment(fixInput(code, { error: assignment }))).toEqual([
      {
        code: lines('const limit = 10;'.replace('const', 'let'), 'export let count = 0;', 'export function bump() {', '  count += 1;', '  limit = limit * 2;', '}'),
        explanation: 'Declared `limit` with `let` instead of `const`: line 5 assigns to it again.',
        rule: 'const-assignment',
      },
    ]);
  });

  it.each([
    ['++', lines('const n = 0;', 'n++;'), lines('let n = 0;', 'n++;')],
    ['a destructuring assignment', lines('const [a, b] = [1, 2];', '[a] = [3];'), lines('let [a, b] = [1, 2];', '[a] = [3];')],
    ['a for-of variable', lines('for (const x of [1]) {', '  x = 2;', '}'), lines('for (let x of [1]) {', '  x = 2;', '}')],
    ['an exported const', lines('export const total = 0;', 'total = 1;'), lines('export let total = 0;', 'total = 1;')],
  ])('handles %s', (_, code, fixed) => {
    expect(fixConstAssignment(fixInput(code, { error: assignment }))[0]?.code).toBe(fixed);
  });

  it('changes the const assigned on the error line first, then every assigned const', () => {
    const code = lines('const a = 1;', 'const b = 2;', 'a = 3;', 'b = 4;');
    const candidates = fixConstAssignment(fixInput(code, { error: { ...assignment, line: 4 } }));
    expect(candidates.map((candidate) => candidate.code)).toEqual([lines('const a = 1;', 'let b = 2;', 'a = 3;', 'b = 4;'), lines('let a = 1;', 'let b = 2;', 'a = 3;', 'b = 4;')]);
    expect(candidates[1]?.explanation).toBe('Declared `a` and `b` with `let` instead of `const`: lines 3 and 4 assign to them again.');
  });

  it('respects shadowing: a let of the same name in an inner scope is not the const', () => {
    const code = lines('const x = 1;', 'function f() {', '  let x = 2;', '  x = 3;', '}', 'x = 4;');
    expect(fixConstAssignment(fixInput(code, { error: assignment }))[0]?.code).toBe(lines('let x = 1;', 'function f() {', '  let x = 2;', '  x = 3;', '}', 'x = 4;'));
  });

  it('uses the name when the error gives one, and fixes TypeScript', () => {
    const code = lines('const a: number = 1;', 'const b: number = 2;', 'a = 3;', 'b = 4;');
    const error = { message: "Cannot assign to 'b' because it is a constant." };
    expect(fixConstAssignment(fixInput(code, { language: 'typescript', path: 'src/a.ts', error }))[0]?.code).toBe(
      lines('const a: number = 1;', 'let b: number = 2;', 'a = 3;', 'b = 4;'),
    );
  });

  it('proposes nothing without an assignment to a const, or for another error', () => {
    expect(fixConstAssignment(fixInput(lines('const a = [];', 'a.push(1);', 'let b = 1;', 'b = 2;'), { error: assignment }))).toEqual([]);
    expect(fixConstAssignment(fixInput(lines('const a = 1;', 'a = 2;'), { error: { message: 'ReferenceError: b is not defined' } }))).toEqual([]);
  });
});

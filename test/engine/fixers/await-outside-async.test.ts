// The await-outside-async rule: the innermost function around a rejected `await` becomes async, and no other.
import { describe, expect, it } from 'vitest';
import { fixAwaitOutsideAsync } from '../../../src/engine/offline/fixers/await-outside-async';
import { fixInput } from './input';

const error = { message: "Cannot use keyword 'await' outside an async function", line: 2, column: 10 };
const lines = (...text: string[]) => text.join('\n') + '\n';

describe('fixAwaitOutsideAsync', () => {
  it('makes a function declaration async', () => {
    const code = lines('export function load(url) {', '  const r = await fetch(url);', '  return r.json();', '}');
    expect(fixAwaitOutsideAsync(fixInput(code, { error }))).toEqual([
      {
        code: lines('export async function load(url) {', '  const r = await fetch(url);', '  return r.json();', '}'),
        explanation: 'Made `load` (line 1) async, since it uses `await` on line 2.',
        rule: 'await-outside-async',
      },
    ]);
  });

  it('makes the innermost function async, not the async one around it', () => {
    const code = lines('export async function saveAll(items) {', '  items.forEach((item) => {', '    await save(item);', '  });', '}');
    expect(fixAwaitOutsideAsync(fixInput(code, { error }))[0]?.code).toBe(
      lines('export async function saveAll(items) {', '  items.forEach(async (item) => {', '    await save(item);', '  });', '}'),
    );
  });

  it.each([
    ['an arrow function', lines('const load = () => {', '  return await get();', '};'), lines('const load = async () => {', '  return await get();', '};')],
    ['a one-parameter arrow', lines('const load = x =>', '  await get(x);'), lines('const load = async x =>', '  await get(x);')],
    ['a function expression', lines('run(function () {', '  await go();', '});'), lines('run(async function () {', '  await go();', '});')],
    ['a class method', lines('class A {', '  static load() {', '    await go();', '  }', '}'), lines('class A {', '  static async load() {', '    await go();', '  }', '}')],
    ['an object method', lines('const api = {', '  get() {', '    return await go();', '  },', '};'), lines('const api = {', '  async get() {', '    return await go();', '  },', '};')],
    ['a computed generator method', lines('class A {', '  *[key]() {', '    yield await go();', '  }', '}'), lines('class A {', '  async *[key]() {', '    yield await go();', '  }', '}')],
    ['for await', lines('function f(xs) {', '  for await (const x of xs) {}', '}'), lines('async function f(xs) {', '  for await (const x of xs) {}', '}')],
  ])('makes %s async', (_, code, fixed) => {
    expect(fixAwaitOutsideAsync(fixInput(code, { error }))[0]?.code).toBe(fixed);
  });

  it('makes every function with a misplaced await async at once', () => {
    const code = lines('function a() {', '  await x();', '}', 'function b() {', '  await y();', '  await z();', '}');
    const [candidate] = fixAwaitOutsideAsync(fixInput(code, { error }));
    expect(candidate?.code).toBe(lines('async function a() {', '  await x();', '}', 'async function b() {', '  await y();', '  await z();', '}'));
    expect(candidate?.explanation).toBe('Made `a` (line 1) and `b` (line 4) async, since they use `await` on lines 2, 5 and 6.');
  });

  it('fixes TypeScript at the same place in the TypeScript', () => {
    const code = lines('export function load(url: string): Promise<Response> {', '  return await fetch(url) as Promise<Response>;', '}');
    expect(fixAwaitOutsideAsync(fixInput(code, { language: 'typescript', path: 'src/load.ts', error }))[0]?.code).toBe(
      lines('export async function load(url: string): Promise<Response> {', '  return await fetch(url) as Promise<Response>;', '}'),
    );
  });

  it('proposes nothing for a getter, code that parses, or another syntax error', () => {
    expect(fixAwaitOutsideAsync(fixInput(lines('const o = {', '  get v() {', '    return await go();', '  },', '};'), { error }))).toEqual([]);
    expect(fixAwaitOutsideAsync(fixInput(lines('async function f() {', '  await go();', '}'), { error }))).toEqual([]);
    expect(fixAwaitOutsideAsync(fixInput(lines('function f() {', '  return 1 +;', '}'), { error }))).toEqual([]);
  });
});

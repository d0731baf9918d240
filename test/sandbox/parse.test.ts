// parseModule: what a generated module imports and exports, or where it stops parsing.
import { describe, expect, it } from 'vitest';
import { parseModule } from '../../src/sandbox';

describe('parseModule', () => {
  it('lists imports resolved to project paths and every export name, default included', () => {
    const source = [
      "import { add } from '../src/lib/math.js';",
      "import config from '../data/config.json' with { type: 'json' };",
      "export * from './shared.js';",
      "export * as helpers from '/src/lib/helpers.js';",
      "export { add as plus, config as 'the-config' } from './again.js';",
      'export const { a, b: [c], ...rest } = { a: 1, b: [2] };',
      'export async function load() { return import("../src/lib/lazy.js"); }',
      'export class Store {}',
      'export default add;',
      "import 'hono';",
    ].join('\n');
    expect(parseModule(source, 'tests/math.test.js')).toEqual({
      ok: true,
      imports: ['src/lib/math.js', 'data/config.json', 'tests/shared.js', 'src/lib/helpers.js', 'tests/again.js', 'src/lib/lazy.js', 'hono'],
      exports: ['helpers', 'plus', 'the-config', 'a', 'c', 'rest', 'load', 'Store', 'default'],
    });
  });

  it('reports a syntax error with its line and column, counted from 1', () => {
    const source = 'export function add(a, b) {\n  return a +;\n}\n';
    expect(parseModule(source, 'src/lib/math.js')).toEqual({ ok: false, error: { message: 'Unexpected token', line: 2, column: 13 } });
  });

  it('parses as a module: top-level await and import.meta are fine, `with` statements are not', () => {
    expect(parseModule('export const data = await Promise.resolve(import.meta.url);', 'src/main.js').ok).toBe(true);
    const result = parseModule('with (Math) { max(1, 2); }', 'src/main.js');
    expect(result).toMatchObject({ ok: false, error: { line: 1, column: 1 } });
  });
});

// transpileTypeScript: TypeScript in, the JavaScript the sandbox runs out, with positions that lead back.
import { describe, expect, it } from 'vitest';
import { parseModule, transpileTypeScript } from '../../src/sandbox';

describe('transpileTypeScript', () => {
  it('removes types and keeps modern syntax and every line number', () => {
    const source = [
      "import type { Todo } from './types.ts';",
      'interface Options { done?: boolean }',
      'export function open(todos: Todo[], options: Options = {}): Todo[] {',
      '  return todos.filter((todo) => todo.done === (options.done ?? false)) as Todo[];',
      '}',
      'export const first = (todos: Todo[]) => todos[0]?.title;',
    ].join('\n');
    const result = transpileTypeScript(source, 'src/lib/todos.ts');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.code.split('\n')).toHaveLength(6);
    expect(result.code).not.toMatch(/Todo\[\]|Options|import/);
    expect(result.code).toContain('options.done ?? false');
    expect(result.code).toContain('todos[0]?.title');
    expect(parseModule(result.code, 'src/lib/todos.js')).toEqual({ ok: true, imports: [], exports: ['open', 'first'] });
  });

  it('reports a TypeScript syntax error at its position in the TypeScript', () => {
    const result = transpileTypeScript('const a: number = 1;\nfunction f(x: string {\n  return x;\n}\n', 'src/f.ts');
    expect(result).toEqual({ ok: false, error: { message: 'Unexpected token, expected ","', line: 2, column: 22 } });
  });

  it('maps a position in the JavaScript to the same token in the TypeScript', () => {
    const source = 'const todos: Array<{ title: string }> = [];\nexport const count: number = todoz.length;\n';
    const result = transpileTypeScript(source, 'src/count.ts');
    if (!result.ok) throw new Error(result.error.message);
    const line = result.code.split('\n')[1] ?? '';
    const column = line.indexOf('todoz') + 1;
    expect(column).toBe(22);
    expect(result.toSource({ line: 2, column })).toEqual({ line: 2, column: 30 });
    expect(result.toSource({ line: 2, column: column + 2 })).toEqual({ line: 2, column: 32 });
  });

  it('keeps imports only types use when asked, as code analysis needs', () => {
    const source = "import { Todo } from './types.ts';\nexport const make = (title: string): Todo => ({ title });\n";
    const dropped = transpileTypeScript(source, 'src/make.ts');
    const kept = transpileTypeScript(source, 'src/make.ts', { keepUnusedImports: true });
    expect(dropped.ok && dropped.code).not.toContain('import');
    expect(kept.ok && kept.code).toContain("import { Todo } from './types.ts';");
  });
});

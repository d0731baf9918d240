// The pieces behind structured answers and prompt budgets, on their own: the schema subset sent,
// JSON read from replies, the fallback order, and which files a generate prompt shows.
import { describe, expect, it } from 'vitest';
import { referencedPaths, selectPromptFiles } from '../../src/engine/prompt-budget';
import type { IndexedFile } from '../../src/engine/prompt-budget';
import { fallbackAfter, readJson, rememberFallback, startingMode, strictSubset } from '../../src/engine/structured';
import { Problem } from '../../src/lib/problems';

describe('strictSubset', () => {
  it('drops length, count, range, pattern and format keywords at every depth, and keeps properties named like them', () => {
    const schema = {
      type: 'object' as const,
      properties: {
        pattern: { type: 'string' as const, pattern: '^a', minLength: 1 },
        items: { type: 'array' as const, items: { type: 'integer' as const, minimum: 0, maximum: 9 }, minItems: 1, maxItems: 3 },
        when: { anyOf: [{ type: 'string' as const, format: 'date-time' }, { type: 'null' as const }] },
      },
      required: ['pattern', 'items', 'when'],
      additionalProperties: false,
    };
    expect(strictSubset(schema)).toEqual({
      type: 'object',
      properties: {
        pattern: { type: 'string' },
        items: { type: 'array', items: { type: 'integer' } },
        when: { anyOf: [{ type: 'string' }, { type: 'null' }] },
      },
      required: ['pattern', 'items', 'when'],
      additionalProperties: false,
    });
  });
});

describe('readJson', () => {
  it('reads bare JSON, a ```json fence, a bare fence, and an object inside prose', () => {
    expect(readJson(' {"a": 1} ')).toEqual({ a: 1 });
    expect(readJson('Sure:\n```json\n{"a": 2}\n```\nDone.')).toEqual({ a: 2 });
    expect(readJson('```\n{"a": 3}\n```')).toEqual({ a: 3 });
    expect(readJson('The answer is {"a": {"b": 4}} as asked.')).toEqual({ a: { b: 4 } });
  });

  it('gives undefined when nothing parses', () => {
    expect(readJson('no JSON here')).toBeUndefined();
    expect(readJson('```json\n{"a": \n```')).toBeUndefined();
  });
});

describe('response format fallback', () => {
  it('goes json_schema, json_object, text, then has nothing left', () => {
    expect(fallbackAfter('json_schema')).toBe('json_object');
    expect(fallbackAfter('json_object')).toBe('text');
    expect(fallbackAfter('text')).toBeNull();
  });

  it('remembers a fallback per server for ten minutes', () => {
    const server = `http://127.0.0.1:1/v1 model-${Math.random()}`;
    expect(startingMode(server)).toBe('json_schema');
    rememberFallback(server, 'json_object', 1_000);
    expect(startingMode(server, 1_000 + 9 * 60_000)).toBe('json_object');
    expect(startingMode(`${server}-other`, 1_000)).toBe('json_schema');
    expect(startingMode(server, 1_000 + 11 * 60_000)).toBe('json_schema');
  });
});

/** An index whose reads are counted, so a test sees which contents were read. */
function indexOf(contents: Record<string, string>) {
  const read: string[] = [];
  const index: IndexedFile[] = Object.entries(contents).map(([path, content]) => ({
    path,
    size: new TextEncoder().encode(content).length,
    read: async () => {
      read.push(path);
      return content;
    },
  }));
  return { index, read };
}

describe('referencedPaths', () => {
  it('resolves relative and root imports and HTML references, and ignores URLs and bare packages', () => {
    const html = '<link href="styles.css"><script type="module" src="./src/app.js"></script><img src="https://x.test/a.png">';
    expect(referencedPaths('index.html', html)).toEqual(['styles.css', 'src/app.js']);
    const js = "import { a } from '../lib/a.js';\nexport { b } from './b.js';\nconst c = await import('/data/c.json');\nimport 'zod';";
    expect(referencedPaths('src/pages/home.js', js)).toEqual(['src/lib/a.js', 'src/pages/b.js', 'data/c.json']);
  });
});

describe('selectPromptFiles', () => {
  it("shows the step's files, what they import, then the dependencies' files, and names the rest; a file over the budget left is never read", async () => {
    const { index, read } = indexOf({
      'src/app.js': "import { add } from './lib/add.js';\nimport data from './data.json';\n",
      'src/lib/add.js': 'export const add = (a, b) => a + b;\n',
      'src/data.json': `"${'x'.repeat(500)}"`,
      'src/lib/dep.js': 'export const dep = 1;\n',
      'README.md': '# hi\n',
    });
    const selected = await selectPromptFiles(index, { own: ['src/app.js', 'src/new.js'], dependencies: ['src/lib/dep.js'] }, 200);
    expect(selected.files.map((file) => file.path)).toEqual(['src/app.js', 'src/lib/add.js', 'src/lib/dep.js']);
    expect(selected.otherPaths).toEqual(['src/data.json', 'README.md']);
    expect(read).not.toContain('src/data.json');
  });

  it("is a 422 naming the file when the step's own files exceed the budget, with nothing read", async () => {
    const { index, read } = indexOf({ 'src/big.js': 'y'.repeat(300) });
    const selecting = selectPromptFiles(index, { own: ['src/big.js'], dependencies: [] }, 200);
    await expect(selecting).rejects.toBeInstanceOf(Problem);
    await expect(selecting).rejects.toMatchObject({ status: 422, detail: expect.stringContaining('src/big.js (300 bytes)') });
    expect(read).toEqual([]);
  });
});

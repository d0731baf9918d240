// The unified diff self-heal keeps of a fix: the same hunks as GNU `diff -u`, and a patch that applies back.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lineMapping, unifiedDiff } from '../../src/features/self-heal/diff';

/**
 * Applies a unified diff to `before` the way `patch` does with no fuzz: every context and removed
 * line must be where the hunk header says. Throws on anything else.
 */
function applyPatch(before: string, patch: string): string {
  if (patch === '') return before;
  const source = before === '' ? [] : before.split(/(?<=\n)/);
  const lines = patch.split('\n');
  expect(lines[0]).toMatch(/^--- a\//);
  expect(lines[1]).toMatch(/^\+\+\+ b\//);
  const out: string[] = [];
  let cursor = 0;
  let index = 2;
  while (index < lines.length && lines[index] !== '') {
    const header = /^@@ -(\d+),(\d+) \+(\d+),(\d+) @@$/.exec(lines[index]!);
    if (!header) throw new Error(`Not a hunk header: ${lines[index]}`);
    const [oldStart, oldCount, , newCount] = header.slice(1).map(Number) as [number, number, number, number];
    const start = oldCount === 0 ? oldStart : oldStart - 1;
    out.push(...source.slice(cursor, start));
    cursor = start;
    index += 1;
    let seenOld = 0;
    let seenNew = 0;
    while (index < lines.length && /^[ +-]/.test(lines[index]!)) {
      const kind = lines[index]![0];
      const noEol = lines[index + 1] === '\\ No newline at end of file';
      const text = lines[index]!.slice(1) + (noEol ? '' : '\n');
      if (kind !== '+') {
        if (source[cursor] !== text) throw new Error(`Context mismatch at old line ${cursor + 1}`);
        cursor += 1;
        seenOld += 1;
      }
      if (kind !== '-') {
        out.push(text);
        seenNew += 1;
      }
      index += noEol ? 2 : 1;
    }
    expect([seenOld, seenNew]).toEqual([oldCount, newCount]);
  }
  out.push(...source.slice(cursor));
  return out.join('');
}

describe('unifiedDiff', () => {
  it('shows an added line with three lines of context, as diff -u does', () => {
    const before = 'function add(a, b) {\n  return a + b;\n\nexport const x = 1;\nexport const y = 2;\nexport const z = 3;\nconsole.log(add(1, 2));\n';
    const after = before.replace('a + b;\n', 'a + b;\n}\n');
    expect(unifiedDiff('src/add.js', before, after)).toBe(
      [
        '--- a/src/add.js',
        '+++ b/src/add.js',
        '@@ -1,5 +1,6 @@',
        ' function add(a, b) {',
        '   return a + b;',
        '+}',
        ' ',
        ' export const x = 1;',
        ' export const y = 2;',
        '',
      ].join('\n'),
    );
  });

  it('keeps changes far apart in separate hunks and joins changes within six lines', () => {
    const numbers = (count: number) => Array.from({ length: count }, (_, index) => `${index + 1}\n`).join('');
    const apart = unifiedDiff('n.txt', numbers(20), numbers(20).replace(/^2$/m, 'two').replace(/^18$/m, 'eighteen'));
    expect(apart.split('\n').filter((line) => line.startsWith('@@'))).toEqual(['@@ -1,5 +1,5 @@', '@@ -15,6 +15,6 @@']);
    const close = unifiedDiff('n.txt', numbers(12), numbers(12).replace(/^3$/m, 'three').replace(/^9$/m, 'nine'));
    expect(close.split('\n').filter((line) => line.startsWith('@@'))).toEqual(['@@ -1,12 +1,12 @@']);
  });

  it('marks a last line without a line break', () => {
    expect(unifiedDiff('x', 'a\nb', 'a\nb\n')).toBe('--- a/x\n+++ b/x\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+b\n');
  });

  it('names the line before an empty side, as diff -u does', () => {
    expect(unifiedDiff('x', '', 'x\ny\n')).toBe('--- a/x\n+++ b/x\n@@ -0,0 +1,2 @@\n+x\n+y\n');
    expect(unifiedDiff('x', 'a\nb\nc\n', 'a\nc\n')).toBe('--- a/x\n+++ b/x\n@@ -1,3 +1,2 @@\n a\n-b\n c\n');
  });

  it('is empty when nothing changed', () => {
    expect(unifiedDiff('x', 'same\n', 'same\n')).toBe('');
  });

  it('applies back to the new text for any pair of texts', () => {
    const text = fc
      .array(fc.constantFrom('a', 'b', 'c', '', '}', '  return x;'), { maxLength: 30 })
      .chain((lines) => fc.boolean().map((eol) => lines.join('\n') + (eol && lines.length > 0 ? '\n' : '')));
    fc.assert(
      fc.property(text, text, (before, after) => {
        expect(applyPatch(before, unifiedDiff('f.js', before, after))).toBe(after);
      }),
      { numRuns: 500 },
    );
  });

  it('stays correct and bounded when two large texts share nothing', () => {
    const before = Array.from({ length: 3000 }, (_, index) => `old ${index}`).join('\n');
    const after = Array.from({ length: 3000 }, (_, index) => `new ${index}`).join('\n');
    expect(applyPatch(before, unifiedDiff('big.js', before, after))).toBe(after);
  });
});

describe('lineMapping', () => {
  it('follows kept lines and points changed ones at what replaced them', () => {
    const map = lineMapping('a\nb\nc\nd\n', 'import x;\na\nB1\nB2\nc\n');
    expect(map(1)).toEqual({ from: 2, to: 2 });
    expect(map(2)).toEqual({ from: 3, to: 4 });
    expect(map(3)).toEqual({ from: 5, to: 5 });
    // d was removed: it maps to where it would be.
    expect(map(4)).toEqual({ from: 6, to: 6 });
    expect(map(5)).toEqual({ from: 6, to: 6 });
  });
});

/** Line diffs of a fix: the unified diff self-heal keeps, and where a line of the old code went in the new. */

/** Lines of context around each change, as `diff -u` gives. */
export const CONTEXT_LINES = 3;

/**
 * The most edits the exact (Myers) diff looks for. Past it, the changed middle is shown as one
 * replacement: still a correct diff, only not the shortest, and time and memory stay bounded.
 */
const MAX_EDITS = 2_000;

/** A line with its line break, so that a last line without one differs from the same text with one. */
interface Line {
  text: string;
  eol: boolean;
}

function splitLines(source: string): Line[] {
  if (source === '') return [];
  const parts = source.split('\n');
  const last = parts.pop()!;
  const lines = parts.map((text) => ({ text, eol: true }));
  if (last !== '') lines.push({ text: last, eol: false });
  return lines;
}

const keyOf = (line: Line) => (line.eol ? line.text + '\n' : line.text);

/**
 * The lines `a` and `b` share, as index pairs in increasing order: a longest common subsequence
 * (Myers' O(ND) algorithm) after the common start and end are taken off.
 */
function commonLines(a: string[], b: string[]): [number, number][] {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start += 1;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA -= 1;
    endB -= 1;
  }
  const pairs: [number, number][] = [];
  for (let index = 0; index < start; index += 1) pairs.push([index, index]);
  for (const [i, j] of myers(a.slice(start, endA), b.slice(start, endB))) pairs.push([i + start, j + start]);
  for (let offset = 0; endA + offset < a.length; offset += 1) pairs.push([endA + offset, endB + offset]);
  return pairs;
}

function myers(a: string[], b: string[]): [number, number][] {
  const n = a.length;
  const m = b.length;
  if (n === 0 || m === 0) return [];
  const max = Math.min(n + m, MAX_EDITS);
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  // trace[d]: the furthest x on each diagonal k in -d..d before round d.
  const trace: Int32Array[] = [];
  for (let d = 0; d <= max; d += 1) {
    trace.push(v.slice(offset - d, offset + d + 1));
    for (let k = -d; k <= d; k += 2) {
      const down = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!);
      let x = down ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x += 1;
        y += 1;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) return backtrack(trace, n, m);
    }
  }
  return [];
}

function backtrack(trace: Int32Array[], n: number, m: number): [number, number][] {
  const pairs: [number, number][] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d > 0; d -= 1) {
    const before = trace[d]!;
    const at = (k: number) => before[k + d]!;
    const k = x - y;
    const previousK = k === -d || (k !== d && at(k - 1) < at(k + 1)) ? k + 1 : k - 1;
    const previousX = at(previousK);
    const previousY = previousX - previousK;
    while (x > previousX && y > previousY) {
      x -= 1;
      y -= 1;
      pairs.push([x, y]);
    }
    x = previousX;
    y = previousY;
  }
  while (x > 0 && y > 0) {
    x -= 1;
    y -= 1;
    pairs.push([x, y]);
  }
  return pairs.reverse();
}

type Op = { kind: ' ' | '-' | '+'; line: Line };

function editScript(a: Line[], b: Line[]): Op[] {
  const ops: Op[] = [];
  let i = 0;
  let j = 0;
  for (const [nextI, nextJ] of [...commonLines(a.map(keyOf), b.map(keyOf)), [a.length, b.length] as [number, number]]) {
    for (; i < nextI; i += 1) ops.push({ kind: '-', line: a[i]! });
    for (; j < nextJ; j += 1) ops.push({ kind: '+', line: b[j]! });
    if (i < a.length && j < b.length) ops.push({ kind: ' ', line: a[i]! });
    i += 1;
    j += 1;
  }
  return ops;
}

/** `start,count` of a hunk side; an empty side names the line before it, as `diff -u` does. */
const range = (start: number, count: number) => `${count === 0 ? start - 1 : start},${count}`;

/**
 * The unified diff that turns `before` into `after`, with `--- a/<path>` and `+++ b/<path>`
 * headers and hunks of three lines of context; an empty string when they are the same. A last
 * line without a line break is marked `\ No newline at end of file`, so `patch` and `git apply`
 * take it as it is.
 *
 * @example unifiedDiff('src/a.js', 'let a = 1;\n', 'const a = 1;\n')
 * // '--- a/src/a.js\n+++ b/src/a.js\n@@ -1,1 +1,1 @@\n-let a = 1;\n+const a = 1;\n'
 */
export function unifiedDiff(path: string, before: string, after: string): string {
  const ops = editScript(splitLines(before), splitLines(after));
  const changed = ops.flatMap((op, index) => (op.kind === ' ' ? [] : [index]));
  if (changed.length === 0) return '';
  // Changes closer than twice the context share a hunk.
  const groups: [number, number][] = [];
  for (const index of changed) {
    const last = groups.at(-1);
    if (last && index - last[1] <= 2 * CONTEXT_LINES + 1) last[1] = index;
    else groups.push([index, index]);
  }
  const out = [`--- a/${path}`, `+++ b/${path}`];
  // Line numbers (1-based) of each op in the old and the new text.
  const oldLine: number[] = [];
  const newLine: number[] = [];
  let o = 1;
  let p = 1;
  for (const op of ops) {
    oldLine.push(o);
    newLine.push(p);
    if (op.kind !== '+') o += 1;
    if (op.kind !== '-') p += 1;
  }
  for (const [first, last] of groups) {
    const from = Math.max(0, first - CONTEXT_LINES);
    const to = Math.min(ops.length - 1, last + CONTEXT_LINES);
    const hunk = ops.slice(from, to + 1);
    const oldCount = hunk.filter((op) => op.kind !== '+').length;
    const newCount = hunk.filter((op) => op.kind !== '-').length;
    out.push(`@@ -${range(oldLine[from]!, oldCount)} +${range(newLine[from]!, newCount)} @@`);
    for (const op of hunk) {
      out.push(op.kind + op.line.text);
      if (!op.line.eol) out.push('\\ No newline at end of file');
    }
  }
  return out.join('\n') + '\n';
}

/**
 * Where each line of `before` is in `after`: its own line when it was kept, else the lines that
 * replaced it (the line where they would be, when nothing did). Lines count from 1; a line past
 * the end maps past the end.
 *
 * @example lineMapping('a\nb\nc\n', 'a\nx\ny\nc\n')(2) // { from: 2, to: 3 }
 */
export function lineMapping(before: string, after: string): (line: number) => { from: number; to: number } {
  const a = splitLines(before);
  const b = splitLines(after);
  const pairs = commonLines(a.map(keyOf), b.map(keyOf));
  const kept = new Map(pairs.map(([i, j]) => [i, j]));
  return (line) => {
    const index = line - 1;
    const same = kept.get(index);
    if (same !== undefined) return { from: same + 1, to: same + 1 };
    // The changed region around `index`: between the kept pairs before and after it.
    let previous: [number, number] = [-1, -1];
    let next: [number, number] = [a.length, b.length];
    for (const pair of pairs) {
      if (pair[0] < index) previous = pair;
      else {
        next = pair;
        break;
      }
    }
    const from = previous[1] + 2;
    const to = Math.max(from, next[1]);
    return { from, to };
  };
}

/** Exact find-and-replace edits, all or nothing, with errors that point at the line the editor probably meant. */

/** Lines compared when a `find` misses: past this, only the first lines are searched for the closest. */
const MAX_COMPARED_LINES = 5_000;

/** The Levenshtein distance of two strings, for lines of ordinary length. */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/**
 * The line of `content` most like the first non-blank line of `find` (1-based, with its text).
 *
 * @example closestLine('<h1>Todos</h1>\n<p>x</p>', '<h1>Todo</h1>') // { line: 1, text: '<h1>Todos</h1>' }
 */
export function closestLine(content: string, find: string): { line: number; text: string } | null {
  const wanted = find.split('\n').map((line) => line.trim()).find(Boolean);
  if (!wanted) return null;
  const probe = wanted.slice(0, 200);
  let best: { line: number; text: string; score: number } | null = null;
  for (const [index, text] of content.split('\n').slice(0, MAX_COMPARED_LINES).entries()) {
    const trimmed = text.trim();
    if (!trimmed) continue;
    const score = trimmed.includes(probe) || probe.includes(trimmed) ? 0 : distance(probe, trimmed.slice(0, 200)) / Math.max(probe.length, trimmed.length);
    if (!best || score < best.score) best = { line: index + 1, text: trimmed, score };
  }
  return best ? { line: best.line, text: best.text } : null;
}

/** The 1-based lines where `find` starts in `content`. */
function occurrences(content: string, find: string): number[] {
  const lines: number[] = [];
  for (let at = content.indexOf(find); at !== -1; at = content.indexOf(find, at + 1)) lines.push(content.slice(0, at).split('\n').length);
  return lines;
}

const quoted = (text: string) => JSON.stringify(text.length > 120 ? `${text.slice(0, 117)}...` : text);

/**
 * Applies edits in order, each to the content the ones before it left. Each `find` must occur
 * exactly once; otherwise nothing is applied and `error` says which edit failed, how, and the
 * closest line (for a miss) or the lines it matched (for several matches).
 *
 * @example applyEdits('<h1>Todos</h1>', [{ find: 'Todos', replace: 'Chores' }]) // { ok: true, content: '<h1>Chores</h1>' }
 */
export function applyEdits(content: string, edits: { find: string; replace: string }[]): { ok: true; content: string } | { ok: false; error: string } {
  let edited = content;
  for (const [index, edit] of edits.entries()) {
    const label = edits.length === 1 ? 'the find text' : `edit ${index + 1}'s find text`;
    const found = occurrences(edited, edit.find);
    if (found.length === 0) {
      const closest = closestLine(edited, edit.find);
      return {
        ok: false,
        error:
          `${label} ${quoted(edit.find)} occurs nowhere in the file${closest ? `; the closest line is ${closest.line}: ${quoted(closest.text)}` : ''}. ` +
          'Nothing was changed: read the file and copy the text exactly.',
      };
    }
    if (found.length > 1) {
      return {
        ok: false,
        error: `${label} ${quoted(edit.find)} occurs ${found.length} times (lines ${found.join(', ')}). Nothing was changed: include more of the surrounding text so it occurs once.`,
      };
    }
    const at = edited.indexOf(edit.find);
    edited = edited.slice(0, at) + edit.replace + edited.slice(at + edit.find.length);
  }
  return { ok: true, content: edited };
}

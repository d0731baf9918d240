/** Rule: brackets, braces, parentheses, strings, template literals and comments that do not close, or a closer that closes nothing. */
import { CLOSER_OF, scanBrackets } from './bracket-scan';
import type { OpenBracket, ScanProblem } from './bracket-scan';
import { distinct, rankBy, repairAll } from './repair';
import type { Repair } from './repair';
import { findStaticErrors } from './static-errors';
import { Lines } from './text';
import type { FixCandidate, FixInput } from './types';

export const RULE = 'unclosed-bracket';

/** How many candidates each problem keeps after ranking. */
const KEEP = 4;

/** How many lines a template literal's closing backtick is looked for in. */
const TEMPLATE_LINES = 80;

/**
 * Closes what the code leaves open, where the code's indentation says the block ends: a string on
 * its own line (before a `)`, `,` or `;` that follows it, or at the line's end), a brace after the
 * last line indented under it, a parenthesis at the end of its line or after the block it wraps;
 * a closer that closes nothing is removed, or replaced when it was meant for the open bracket.
 * Several problems are repaired one after another. Candidates that make the file parse come first.
 *
 * @example fixUnclosedBrackets({ ...input, code: 'console.log("hi";' })[0]?.code // 'console.log("hi");'
 */
export function fixUnclosedBrackets(input: FixInput): FixCandidate[] {
  if (input.language === 'html') return [];
  const parses = (code: string) => findStaticErrors(code, input.language, input.path).length === 0;
  const step = (code: string): Repair[] | null => {
    const scan = scanBrackets(code);
    const problem = scan.problems[0];
    if (!problem) return null;
    const score = (repair: Repair) => {
      const left = scanBrackets(repair.code).problems.length;
      if (left > 0) return left < scan.problems.length ? 2 : 3;
      return parses(repair.code) ? 0 : 1;
    };
    // Scoring parses each candidate: stop once enough of them parse, as the earliest of those lead anyway.
    const scored: { repair: Repair; score: number }[] = [];
    for (const repair of distinct(repairsFor(code, problem, scan.suspects))) {
      scored.push({ repair, score: score(repair) });
      if (scored.filter((item) => item.score === 0).length === KEEP) break;
    }
    return rankBy(scored, (item) => item.score)
      .slice(0, KEEP)
      .map((item) => item.repair);
  };
  const repairs = rankBy(repairAll(input.code, step), (repair) => (parses(repair.code) ? 0 : 1));
  return repairs.map((repair) => ({ code: repair.code, explanation: `${repair.notes.join('; ')}.`, rule: RULE }));
}

function repairsFor(code: string, problem: ScanProblem, suspects: OpenBracket[]): Repair[] {
  const lines = new Lines(code);
  const insert = (offset: number, text: string, note: string): Repair => ({ code: code.slice(0, offset) + text + code.slice(offset), notes: [note] });
  const lineOf = (offset: number) => lines.indexAt(offset) + 1;
  switch (problem.kind) {
    case 'unterminated-string': {
      const quote = code[problem.start] ?? '"';
      const end = problem.start + code.slice(problem.start, problem.end).trimEnd().length;
      const note = `Closed the string opened on line ${lineOf(problem.start)}`;
      return [...beforePunctuation(code, problem.start + 1, end), ...beforeTrailingClosers(code, problem.start + 1, end), end].map((at) => insert(at, quote, note));
    }
    case 'unterminated-template': {
      const first = lines.indexAt(problem.start);
      const repairs: Repair[] = [];
      for (let index = first; index < Math.min(lines.count, first + TEMPLATE_LINES); index += 1) {
        const from = index === first ? problem.start + 1 : lines.start(index);
        const end = lines.contentEnd(index);
        if (end <= from) continue;
        const note = `Closed the template literal opened on line ${first + 1} at the end of line ${index + 1}`;
        for (const at of [...beforeTrailingClosers(code, from, end), end]) repairs.push(insert(at, '`', note));
      }
      return repairs;
    }
    case 'unterminated-comment':
      return [insert(lines.contentEnd(lines.indexAt(problem.start)), ' */', `Closed the comment opened on line ${lineOf(problem.start)}`)];
    case 'unclosed':
      return closeBracket(code, lines, problem.opener, problem.closer?.offset ?? null, problem.closer === null ? suspects : []);
    case 'stray': {
      const { closer, open } = problem;
      const index = lines.indexAt(closer.offset);
      const alone = lines.text(index).trim() === closer.char;
      const removeStart = alone ? lines.start(index) : closer.offset;
      const removeEnd = alone ? Math.min(lines.end(index) + 1, code.length) : closer.offset + 1;
      const removed = { code: code.slice(0, removeStart) + code.slice(removeEnd), notes: [`Removed the \`${closer.char}\` on line ${index + 1}, which closes nothing`] };
      if (!open || open.char === '${') return [removed];
      const wanted = CLOSER_OF[open.char];
      const replaced = {
        code: code.slice(0, closer.offset) + wanted + code.slice(closer.offset + 1),
        notes: [`Replaced the \`${closer.char}\` on line ${index + 1} with the \`${wanted}\` that the \`${open.char}\` on line ${lineOf(open.offset)} needs`],
      };
      return lines.indexAt(open.offset) === index ? [replaced, removed] : [removed, replaced];
    }
  }
}

/**
 * Where the closer of `opener` may go, most likely first: for a brace, before a `)` that ends the
 * call it is an argument of, or on a new line after the lines indented under it; for a parenthesis
 * or bracket, at the end of its line (before a trailing `;`, `,` or ` {`) or after the closing
 * brace of the block it wraps; then right before the closer that revealed it, or at the end.
 */
function closeBracket(code: string, lines: Lines, opener: OpenBracket, revealedAt: number | null, suspects: OpenBracket[]): Repair[] {
  const closer = CLOSER_OF[opener.char];
  const index = lines.indexAt(opener.offset);
  const indentation = lines.indentation(index);
  const insert = (offset: number, text: string, where: string): Repair => ({
    code: code.slice(0, offset) + text + code.slice(offset),
    notes: [`Closed the \`${opener.char}\` opened on line ${index + 1} ${where}`],
  });
  const fits = (offset: number) => offset > opener.offset && (revealedAt === null || offset <= revealedAt);
  const repairs: Repair[] = [];
  // A block whose closing brace went missing: an inner block's brace, less indented than its own
  // line, closed the outer one in its place.
  for (const suspect of suspects.filter((suspect) => suspect.char === '{' && opener.char === '{').slice(0, 2)) {
    const suspectIndex = lines.indexAt(suspect.offset);
    const body = lines.indentedBody(suspectIndex);
    repairs.push({
      code: code.slice(0, lines.contentEnd(body.last)) + `\n${lines.indentation(suspectIndex)}}` + code.slice(lines.contentEnd(body.last)),
      notes: [`Closed the \`{\` opened on line ${suspectIndex + 1} after line ${body.last + 1}, where its indented block ends`],
    });
  }
  const body = lines.indentedBody(index);
  if (opener.char === '{') {
    if (body.next !== null && lines.indentation(body.next) === indentation && /^[)\]]/.test(lines.text(body.next).trimStart())) {
      const at = lines.start(body.next) + indentation.length;
      if (fits(at)) repairs.push(insert(at, '}', `before the \`${lines.text(body.next).trimStart()[0]}\` on line ${body.next + 1}`));
    }
    const end = lines.contentEnd(body.last);
    if (fits(end)) repairs.push(insert(end, `\n${indentation}}`, `after line ${body.last + 1}, where its indented block ends`));
  } else {
    const end = lines.contentEnd(index);
    if (revealedAt === null || lines.indexAt(revealedAt) !== index) {
      for (const at of [...beforeTrailing(code, opener.offset + 1, end, /\s*(?:;|,|\{)$/), end]) {
        if (fits(at)) repairs.push(insert(at, closer, `at the end of line ${index + 1}`));
      }
    }
    if (body.next !== null) {
      const text = lines.text(body.next);
      const leading = /^[)\]}]+/.exec(text.trimStart())?.[0] ?? '';
      const start = lines.start(body.next) + (text.length - text.trimStart().length);
      for (let count = 1; count <= leading.length; count += 1) {
        if (fits(start + count)) repairs.push(insert(start + count, closer, `after the block it wraps, on line ${body.next + 1}`));
      }
    }
  }
  if (revealedAt !== null) {
    let at = revealedAt;
    while (at > opener.offset + 1 && /\s/.test(code[at - 1] ?? '')) at -= 1;
    repairs.push(insert(at, closer, `before the \`${code[revealedAt]}\` on line ${lines.indexAt(revealedAt) + 1}`));
  } else {
    const end = code.trimEnd().length;
    repairs.push(insert(end, opener.char === '{' ? `\n${indentation}}` : closer, 'at the end of the file'));
  }
  return repairs;
}

/** How many places inside a line a string's missing quote is tried at. */
const STRING_ENDS = 12;

/**
 * Offsets in `from`..`end` before each `)`, `]`, `}`, `,`, `;` and `:` (and the spaces before
 * it), where a string's closing quote most often went missing (`closest('li).id` wants `'li'`),
 * the first ones first.
 */
function beforePunctuation(code: string, from: number, end: number): number[] {
  const offsets: number[] = [];
  for (let at = from; at < end && offsets.length < STRING_ENDS; at += 1) {
    if (!')]},;:'.includes(code[at] ?? '')) continue;
    let before = at;
    while (before > from && /\s/.test(code[before - 1] ?? '')) before -= 1;
    if (!offsets.includes(before)) offsets.push(before);
  }
  return offsets;
}

/** The offset in `from`..`end` right before a trailing run of `;`, `,` and closers, when there is one. */
function beforeTrailingClosers(code: string, from: number, end: number): number[] {
  return beforeTrailing(code, from, end, /[\s;,)\]}]+$/);
}

function beforeTrailing(code: string, from: number, end: number, trailing: RegExp): number[] {
  const match = trailing.exec(code.slice(from, end));
  return match && match[0].length > 0 ? [end - match[0].length] : [];
}

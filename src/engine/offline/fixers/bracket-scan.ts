/** Finds brackets, strings, template literals and comments that do not close in JavaScript, TypeScript or JSON source. */
import { Lines } from './text';

/** An open bracket; `${` opens a template literal's placeholder, whose template starts at `template`. */
export interface OpenBracket {
  char: '(' | '[' | '{' | '${';
  offset: number;
  template?: number;
}

export interface CloseBracket {
  char: ')' | ']' | '}';
  offset: number;
}

export type ScanProblem =
  /** A string that meets the end of its line (`end`, before the newline) unclosed. */
  | { kind: 'unterminated-string'; start: number; end: number }
  | { kind: 'unterminated-template'; start: number }
  | { kind: 'unterminated-comment'; start: number }
  /** An open bracket left open when a closer of an outer one came (`closer`), or at the end (`closer` null). */
  | { kind: 'unclosed'; opener: OpenBracket; closer: CloseBracket | null }
  /** A closer that matches no open bracket; `open` is the innermost bracket open at the time. */
  | { kind: 'stray'; closer: CloseBracket; open: OpenBracket | null };

export interface BracketScan {
  problems: ScanProblem[];
  /**
   * Openers closed by a closer that starts a line less indented than the opener's own line: when a
   * bracket is missing, the closer probably belonged to an outer block and these are where.
   */
  suspects: OpenBracket[];
}

export const CLOSER_OF = { '(': ')', '[': ']', '{': '}', '${': '}' } as const;
const OPENER_OF = { ')': '(', ']': '[', '}': '{' } as const;

/** Words after which a `/` starts a regular expression rather than dividing. */
const BEFORE_EXPRESSION = new Set(['return', 'typeof', 'instanceof', 'in', 'of', 'new', 'delete', 'void', 'throw', 'case', 'do', 'else', 'yield', 'await']);

const WORD = /[\w$\u0080-\uffff]+/y;

/**
 * Scans `code` once, tracking strings, template literals with their `${}`, comments and regular
 * expression literals (a `/` after a value divides), and reports what does not close, in the
 * order it is found.
 *
 * @example scanBrackets('f(a, [1, 2);').problems // [{ kind: 'unclosed', opener: { char: '[', offset: 5 }, closer: { char: ')', offset: 10 } }]
 */
export function scanBrackets(code: string): BracketScan {
  const lines = new Lines(code);
  const problems: ScanProblem[] = [];
  const suspects: OpenBracket[] = [];
  const stack: OpenBracket[] = [];
  let regexAllowed = true;

  /** Reads template text from `from` to its end or its next `${`; returns where scanning goes on. */
  const template = (from: number, start: number): number => {
    for (let at = from; at < code.length; at += 1) {
      const char = code[at];
      if (char === '\\') at += 1;
      else if (char === '`') {
        regexAllowed = false;
        return at + 1;
      } else if (char === '$' && code[at + 1] === '{') {
        stack.push({ char: '${', offset: at, template: start });
        regexAllowed = true;
        return at + 2;
      }
    }
    problems.push({ kind: 'unterminated-template', start });
    return code.length;
  };

  const close = (closer: CloseBracket) => {
    const opener = OPENER_OF[closer.char];
    const top = stack.at(-1);
    if (top?.char === opener) {
      const closerLine = lines.indexAt(closer.offset);
      if (lines.startsLine(closer.offset) && lines.indentation(closerLine).length < lines.indentation(lines.indexAt(top.offset)).length) suspects.push(top);
      stack.pop();
      return;
    }
    let index = stack.length - 1;
    while (index >= 0 && stack[index]?.char !== opener && stack[index]?.char !== '${') index -= 1;
    if (index < 0 || stack[index]?.char !== opener) {
      problems.push({ kind: 'stray', closer, open: top ?? null });
      return;
    }
    for (let inner = stack.length - 1; inner > index; inner -= 1) problems.push({ kind: 'unclosed', opener: stack[inner] as OpenBracket, closer });
    stack.length = index;
  };

  let at = 0;
  while (at < code.length) {
    const char = code[at] ?? '';
    const next = code[at + 1];
    if (/\s/.test(char)) {
      at += 1;
    } else if (char === '/' && next === '/') {
      at = lines.end(lines.indexAt(at));
    } else if (char === '/' && next === '*') {
      const end = code.indexOf('*/', at + 2);
      if (end < 0) problems.push({ kind: 'unterminated-comment', start: at });
      at = end < 0 ? code.length : end + 2;
    } else if (char === '"' || char === "'") {
      at = scanString(code, at, problems);
      regexAllowed = false;
    } else if (char === '`') {
      at = template(at + 1, at);
    } else if (char === '(' || char === '[' || char === '{') {
      stack.push({ char, offset: at });
      regexAllowed = true;
      at += 1;
    } else if (char === ')' || char === ']' || char === '}') {
      const top = stack.at(-1);
      if (char === '}' && top?.char === '${') {
        stack.pop();
        at = template(at + 1, top.template ?? top.offset);
        continue;
      }
      close({ char, offset: at });
      regexAllowed = false;
      at += 1;
    } else if (char === '/' && regexAllowed) {
      const end = regexEnd(code, at);
      regexAllowed = end < 0;
      at = end < 0 ? at + 1 : end;
    } else {
      WORD.lastIndex = at;
      const word = WORD.exec(code)?.[0];
      if (word) {
        regexAllowed = BEFORE_EXPRESSION.has(word);
        at += word.length;
      } else {
        regexAllowed = true;
        at += 1;
      }
    }
  }
  for (let index = stack.length - 1; index >= 0; index -= 1) {
    const opener = stack[index] as OpenBracket;
    if (opener.char === '${') problems.push({ kind: 'unterminated-template', start: opener.template ?? opener.offset });
    else problems.push({ kind: 'unclosed', opener, closer: null });
  }
  return { problems, suspects };
}

/** Where a string starting at `start` ends; a string that meets its line's end is a problem, and scanning goes on on the next line. */
function scanString(code: string, start: number, problems: ScanProblem[]): number {
  const quote = code[start];
  for (let at = start + 1; at < code.length; at += 1) {
    const char = code[at];
    if (char === '\\') at += code.startsWith('\r\n', at + 1) ? 2 : 1;
    else if (char === quote) return at + 1;
    else if (char === '\n') {
      problems.push({ kind: 'unterminated-string', start, end: code[at - 1] === '\r' ? at - 1 : at });
      return at;
    }
  }
  problems.push({ kind: 'unterminated-string', start, end: code.length });
  return code.length;
}

/** The offset past a regular expression literal starting at `start` (its flags included), or -1 when the line ends first. */
function regexEnd(code: string, start: number): number {
  let inClass = false;
  for (let at = start + 1; at < code.length; at += 1) {
    const char = code[at];
    if (char === '\\') at += 1;
    else if (char === '\n') return -1;
    else if (char === '[') inClass = true;
    else if (char === ']') inClass = false;
    else if (char === '/' && !inClass) {
      WORD.lastIndex = at + 1;
      return at + 1 + (WORD.exec(code)?.[0].length ?? 0);
    }
  }
  return -1;
}

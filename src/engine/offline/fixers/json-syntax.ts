/** Rule: JSON written the JavaScript way (trailing commas, single quotes, bare keys, comments, a missing comma) turned into JSON with the same data. */
import { checkJson } from './json-check';
import { applyEdits, Lines, listed } from './text';
import type { Edit } from './text';
import type { FixCandidate, FixInput } from './types';

export const RULE = 'json-syntax';

type TokenKind = 'punctuation' | 'string' | 'word' | 'number' | 'comment' | 'other';

interface Token {
  kind: TokenKind;
  start: number;
  end: number;
}

const TOKEN = /\s+|\/\/[^\n]*|\/\*[\s\S]*?(?:\*\/|$)|[{}[\]:,]|"(?:[^"\\\n]|\\.)*"?|'(?:[^'\\\n]|\\.)*'?|[A-Za-z_$][\w$]*|-?(?:\d|\.\d)[\w.+-]*|./y;

interface Container {
  type: 'object' | 'array';
  /** What comes next: a key, the colon, a value, or a comma (or the end). */
  state: 'key' | 'colon' | 'value' | 'after';
}

/**
 * Rewrites the parts of `input.code` that JSON does not allow and that carry no data: trailing
 * commas are removed, single-quoted strings are double-quoted (their escapes kept), bare keys are
 * quoted, comments are removed, and a comma is put between two values that lack one. Formatting
 * is kept. The candidate may still not be JSON when something else is wrong too (a bracket left
 * open): it says so, and the other rules can go on from it.
 *
 * @example fixJsonSyntax({ ...input, language: 'json', code: "{ name: 'Ada', tags: ['a',], }" })[0]?.code
 * // '{ "name": "Ada", "tags": ["a"] }'
 */
export function fixJsonSyntax(input: FixInput): FixCandidate[] {
  if (input.language !== 'json') return [];
  const { edits, changes } = rewrite(input.code);
  if (edits.length === 0) return [];
  const code = applyEdits(input.code, edits);
  const rest = checkJson(code) ? ' Other errors remain.' : '';
  return [{ code, explanation: `${capitalised(listed(changes))}; the data is unchanged.${rest}`, rule: RULE }];
}

function rewrite(code: string): { edits: Edit[]; changes: string[] } {
  const lines = new Lines(code);
  const edits: Edit[] = [];
  const counts = { trailing: 0, quotes: 0, keys: 0, comments: 0, commas: 0 };
  const stack: Container[] = [];
  let top: Container = { type: 'array', state: 'value' };
  let lastComma: Token | null = null;
  let lastValueEnd = -1;

  const valueDone = (end: number) => {
    top.state = 'after';
    lastValueEnd = end;
  };

  for (const token of tokens(code)) {
    const text = code.slice(token.start, token.end);
    if (token.kind === 'comment') {
      edits.push(commentRemoval(code, lines, token));
      counts.comments += 1;
      continue;
    }
    if (text === ',') {
      // A comma where a value belongs (`[1,,2]`) is a hole in a JavaScript array: data, so not ours to drop.
      if (top.state === 'after') {
        top.state = top.type === 'object' ? 'key' : 'value';
        lastComma = token;
      }
      continue;
    }
    if (text === '}' || text === ']') {
      if (lastComma && (top.state === 'key' || top.state === 'value')) {
        edits.push({ start: lastComma.start, end: lastComma.end, text: '' });
        counts.trailing += 1;
      }
      lastComma = null;
      top = stack.pop() ?? top;
      valueDone(token.end);
      continue;
    }
    if (text === ':') {
      if (top.state === 'colon') top.state = 'value';
      continue;
    }
    lastComma = null;
    // Two values apart with no comma between; only when space separates them, as a value glued to another is more likely a stray quote.
    if (top.state === 'after' && lastValueEnd >= 0 && /^\s/.test(code.slice(lastValueEnd, token.start))) {
      edits.push({ start: lastValueEnd, end: lastValueEnd, text: ',' });
      counts.commas += 1;
      top.state = top.type === 'object' ? 'key' : 'value';
    }
    if (top.type === 'object' && top.state === 'key') {
      if (token.kind === 'word' || token.kind === 'number') {
        edits.push({ start: token.start, end: token.end, text: JSON.stringify(text) });
        counts.keys += 1;
      } else if (token.kind === 'string' && text.startsWith("'")) {
        edits.push({ start: token.start, end: token.end, text: doubleQuoted(text) });
        counts.quotes += 1;
      }
      top.state = 'colon';
      continue;
    }
    if (text === '{' || text === '[') {
      stack.push(top);
      top = { type: text === '{' ? 'object' : 'array', state: text === '{' ? 'key' : 'value' };
      continue;
    }
    if (token.kind === 'string' && text.startsWith("'")) {
      edits.push({ start: token.start, end: token.end, text: doubleQuoted(text) });
      counts.quotes += 1;
    }
    valueDone(token.end);
  }
  const changes = [
    plural(counts.trailing, 'removed a trailing comma', 'removed # trailing commas'),
    plural(counts.quotes, 'double-quoted a single-quoted string', 'double-quoted # single-quoted strings'),
    plural(counts.keys, 'quoted a bare key', 'quoted # bare keys'),
    plural(counts.comments, 'removed a comment', 'removed # comments'),
    plural(counts.commas, 'added a missing comma', 'added # missing commas'),
  ].filter((change) => change !== '');
  return { edits, changes };
}

function* tokens(code: string): Generator<Token> {
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < code.length) {
    const start = TOKEN.lastIndex;
    const text = TOKEN.exec(code)?.[0] ?? code.slice(start);
    const end = start + text.length;
    TOKEN.lastIndex = end;
    if (/^\s/.test(text)) continue;
    yield { kind: kindOf(text), start, end };
  }
}

function kindOf(text: string): TokenKind {
  if (text.startsWith('//') || text.startsWith('/*')) return 'comment';
  if (/^[{}[\]:,]$/.test(text)) return 'punctuation';
  if (text.startsWith('"') || text.startsWith("'")) return 'string';
  if (/^[A-Za-z_$]/.test(text)) return 'word';
  if (/^[-\d.]/.test(text)) return 'number';
  return 'other';
}

/** A comment's removal: its whole line when nothing else is on it, else the comment and the spaces before it. */
function commentRemoval(code: string, lines: Lines, token: Token): Edit {
  const first = lines.indexAt(token.start);
  const last = lines.indexAt(token.end);
  const before = code.slice(lines.start(first), token.start);
  const after = code.slice(token.end, lines.end(last));
  if (before.trim() === '' && after.trim() === '') return { start: lines.start(first), end: Math.min(lines.end(last) + 1, code.length), text: '' };
  return { start: token.start - (before.length - before.trimEnd().length), end: token.end, text: '' };
}

/** A single-quoted string as a double-quoted one with the same value: `\'` loses its escape, `"` gains one. */
function doubleQuoted(text: string): string {
  const body = text.slice(1, text.endsWith("'") && text.length > 1 ? -1 : undefined);
  let result = '';
  for (let at = 0; at < body.length; at += 1) {
    const char = body[at];
    if (char === '\\' && body[at + 1] === "'") {
      result += "'";
      at += 1;
    } else if (char === '\\') {
      result += char + (body[at + 1] ?? '');
      at += 1;
    } else {
      result += char === '"' ? '\\"' : char;
    }
  }
  return `"${result}"`;
}

function plural(count: number, one: string, many: string): string {
  if (count === 0) return '';
  return count === 1 ? one : many.replace('#', String(count));
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

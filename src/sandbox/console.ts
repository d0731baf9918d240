/** The sandbox's console: what generated code prints reaches the log bounded, one plain line a call, secrets masked. */
import { INTERNAL_FOLDER } from './instrument';

export const CONSOLE_PATH = `${INTERNAL_FOLDER}console.js`;

/** Characters one console call may print, and all calls of one sandbox call together. */
export const CONSOLE_LINE_LIMIT = 2_000;
export const CONSOLE_CALL_LIMIT = 20_000;

/**
 * Installed by the entry module before any app module is imported, so every `console` method the
 * app can reach prints through `clean`. A sandbox's output goes straight to the runtime's log,
 * which the parent never sees, so this is the only place to bound and clean it:
 * - ANSI escape sequences are removed and other control characters (line breaks included) are
 *   written as `\uXXXX`, so an app cannot colour, rewrite or forge a log line;
 * - API keys (`ptx_…`), bearer credentials and provider keys (`sk-…`) become `[redacted]`;
 * - a call prints at most CONSOLE_LINE_LIMIT characters, and a sandbox call (a request, a test
 *   case, an import) at most CONSOLE_CALL_LIMIT, then one line saying the rest was dropped.
 *
 * `resetOutput()` opens a new sandbox call's allowance; `clean(args)` is the line a call prints.
 */
export const CONSOLE_MODULE = `
const LINE_LIMIT = ${CONSOLE_LINE_LIMIT};
const CALL_LIMIT = ${CONSOLE_CALL_LIMIT};
const ESCAPES = /\\x1b(?:\\[[0-?]*[ -/]*[@-~]|\\][^\\x07\\x1b]*(?:\\x07|\\x1b\\\\)?|[@-_])|\\x9b[0-?]*[ -/]*[@-~]/g;
const CONTROLS = /[\\x00-\\x1f\\x7f-\\x9f\\u2028\\u2029\\u202a-\\u202e\\u2066-\\u2069]/g;
const SECRETS = [/ptx_[A-Za-z0-9_-]+/g, /Bearer\\s+[^\\s"'\\\\]+/gi, /sk-[A-Za-z0-9_-]{8,}/g];
const original = {};
let printed = 0;
let dropped = false;

function text(value) {
  if (typeof value === 'string') return value;
  if (value instanceof Error) return value.stack || String(value);
  try {
    const json = JSON.stringify(value);
    return json === undefined ? String(value) : json;
  } catch {
    return Object.prototype.toString.call(value);
  }
}

export function clean(args) {
  let line = '';
  for (const arg of args) {
    if (line.length > LINE_LIMIT) break;
    line += (line ? ' ' : '') + text(arg).slice(0, LINE_LIMIT + 1);
  }
  line = line.replace(ESCAPES, '').replace(CONTROLS, (c) => '\\\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
  line = SECRETS.reduce((masked, pattern) => masked.replace(pattern, '[redacted]'), line);
  return line.length > LINE_LIMIT ? line.slice(0, LINE_LIMIT) + ' [' + (line.length - LINE_LIMIT) + '+ more characters dropped]' : line;
}

export function resetOutput() {
  printed = 0;
  dropped = false;
}

function print(level, args) {
  if (dropped) return;
  const line = clean(args);
  printed += line.length;
  if (printed > CALL_LIMIT) {
    dropped = true;
    original.warn('[console output over ' + CALL_LIMIT + ' characters in one call; the rest was dropped]');
    return;
  }
  original[level](line);
}

for (const name of Object.keys(console)) {
  if (typeof console[name] !== 'function') continue;
  original[name] = console[name].bind(console);
}
for (const name of Object.keys(original)) {
  const level = name === 'error' || name === 'warn' || name === 'info' || name === 'debug' ? name : 'log';
  console[name] = name === 'assert' ? (condition, ...args) => condition || print('error', ['Assertion failed', ...args]) : (...args) => print(level, args);
}
`;

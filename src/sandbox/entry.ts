/** The sandbox's own modules, as source: the guard instrumented code calls, and the entry that serves and tests the app. */
import type { DataStore } from './data';
import { CONSOLE_PATH } from './console';
import { GUARD_PATH, INTERNAL_FOLDER } from './instrument';

export const ENTRY_PATH = `${INTERNAL_FOLDER}entry.js`;

/** What `props` the entry reads from `getEntrypoint(name, { props })`. */
export interface EntryProps {
  /** How long one call may take, awaits included: the guard's deadline and the timer an awaiting call races. */
  timeLimitMs: number;
  /**
   * How long the call's code may run without pausing (an await that waits, a timer). Locally one
   * thread runs every isolate, the API's included, so this is what keeps the API answering while
   * generated code spins; on Cloudflare the same number goes to the Worker Loader as `limits.cpuMs`.
   */
  cpuLimitMs: number;
}

/** Fetches a path of the deployed site under test, for `t.site`; a function crosses into the sandbox as an RPC stub. */
export type SiteFetcher = (path: string, init?: RequestInit) => Promise<Response>;

/** One module imported in the sandbox: its export names, or why it could not be imported. */
export interface ImportOutcome {
  path: string;
  ok: boolean;
  exports: string[];
  error: string | null;
}

export type CaseListing = { ok: true; names: string[] } | { ok: false; error: string };

/** A case's outcome as the sandbox saw it; `failed` is an assertion, `error` anything else. */
export interface CaseOutcome {
  status: 'passed' | 'failed' | 'error';
  durationMs: number;
  message: string | null;
}

/**
 * The RPC surface of the entry's `Runner` entrypoint. Its class lives in generated source, so
 * TypeScript cannot see it. `data` and `site` are passed with each call, not bound to the
 * isolate, so one isolate can serve calls with different stores and never keeps one.
 */
export interface SandboxRunner {
  importModule(path: string): Promise<ImportOutcome>;
  listCases(path: string): Promise<CaseListing>;
  runCase(path: string, index: number, data: DataStore | null, site: SiteFetcher | null): Promise<CaseOutcome>;
  checkWorker(data: DataStore | null): Promise<{ ok: true } | { ok: false; error: string }>;
  serve(request: Request, data: DataStore | null): Promise<Response>;
}

/**
 * The guard every instrumented loop turn and function entry calls. The deadline starts in the
 * past, so code that runs outside a call (a case abandoned at its time limit that wakes up
 * later) is stopped at its next loop turns instead of spinning with nobody waiting for it.
 *
 * Two limits: the call's deadline (wall clock, awaits included) and its CPU limit, the longest
 * the code may run without a pause. A pause is a turn of the event loop, when other isolates
 * (the API's among them) get to run: a zero-delay timer set during a run fires only then. An
 * `await` on something already settled is no pause, so a loop of them is still one run. The
 * clock and the timer are taken before any app code runs, so an app cannot replace them.
 *
 * Reading the clock costs as much as hundreds of cheap loop turns, so it is read once every
 * 1,024 ticks. While the clock stands still (workerd does not advance it while a module is
 * evaluated, Cloudflare not during synchronous code), time is counted in ticks instead, at
 * 100,000 a millisecond: about a third of what a tight loop does here, so an import-time
 * infinite loop stops in about a third of the limit, and one with a heavier body later.
 */
export const GUARD_MODULE = `
export class TimeLimitError extends Error {
  constructor(message) {
    super(message);
    this.name = 'TimeLimitError';
  }
}
const CHECK_EVERY = 1024;
const TICKS_PER_MS = 100000;
const clock = Date.now;
const schedule = setTimeout;
let deadline = 0;
let limit = 0;
let cpuLimit = 0;
let ticks = 0;
let lastNow = 0;
let stillTicks = 0;
let runStart = 0;
let paused = false;
let watching = false;
export function timeLimitMessage(limitMs) {
  return 'Time limit of ' + limitMs + ' ms exceeded';
}
function start(limitMs, cpuMs) {
  limit = limitMs;
  cpuLimit = Math.min(cpuMs, limitMs);
  stillTicks = 0;
  runStart = lastNow = clock();
  paused = false;
}
export function setDeadline(limitMs, cpuMs) {
  start(limitMs, cpuMs);
  deadline = clock() + limitMs;
}
export function extendDeadline(limitMs, cpuMs) {
  start(limitMs, cpuMs);
  deadline = Math.max(deadline, clock() + limitMs);
}
// When the CPU limit is the whole time limit, the time limit is what ran out.
function cpuExceeded() {
  return new TimeLimitError(cpuLimit < limit ? 'CPU limit of ' + cpuLimit + ' ms exceeded' : timeLimitMessage(limit));
}
// While a module is evaluated no timer may be set; the clock stands still then too, so ticks count the run.
function watchForPause() {
  if (watching) return;
  try {
    schedule(() => {
      watching = false;
      paused = true;
    }, 0);
    watching = true;
  } catch {}
}
export function tick() {
  ticks += 1;
  if (ticks < CHECK_EVERY) return;
  ticks = 0;
  const now = clock();
  if (now === lastNow) stillTicks += CHECK_EVERY;
  else {
    lastNow = now;
    stillTicks = 0;
  }
  if (paused) {
    paused = false;
    runStart = now;
  }
  watchForPause();
  if (now > deadline) throw new TimeLimitError(timeLimitMessage(limit));
  if (now - runStart > cpuLimit || stillTicks > cpuLimit * TICKS_PER_MS) throw cpuExceeded();
}
`;

/**
 * The main module of every sandbox: the `Runner` entrypoint (see `SandboxRunner`), which imports
 * modules, runs test cases one call at a time and serves requests to the app's worker.js.
 * `appModules` (the project paths loaded) is written into it.
 */
export function entryModule(appModules: string[]): string {
  return `import { WorkerEntrypoint } from 'cloudflare:workers';
import { TimeLimitError, extendDeadline, setDeadline, timeLimitMessage } from '/${GUARD_PATH}';
import { resetOutput } from '/${CONSOLE_PATH}';

const APP_MODULES = ${JSON.stringify(appModules)};
const HAS_WORKER = APP_MODULES.includes('worker.js');
${ENTRY_BODY}`;
}

// Plain JavaScript run inside the sandbox. It may use no template literals, since it lives in one.
const ENTRY_BODY = `
class AssertionError extends Error {
  constructor(message) {
    super(message);
    this.name = 'AssertionError';
  }
}

function describe(error) {
  if (error instanceof TimeLimitError || error instanceof AssertionError) return error.message;
  if (!(error instanceof Error)) return 'Threw a non-error: ' + format(error);
  const where = locate(error);
  return error.name + ': ' + error.message + (where ? ' (' + where + ')' : '');
}

// The first stack frame in the app's or the tests' code, so a message says which file broke.
function locate(error) {
  for (const line of String(error.stack || '').split('\\n').slice(1)) {
    const match = /\\(?([^\\s()]+):(\\d+):(\\d+)\\)?\\s*$/.exec(line);
    if (match && APP_MODULES.includes(match[1].replace(/^\\//, ''))) {
      return match[1].replace(/^\\//, '') + ':' + match[2] + ':' + match[3];
    }
  }
  return null;
}

function format(value, seen = new Set()) {
  let text;
  if (typeof value === 'string') text = JSON.stringify(value);
  else if (typeof value === 'bigint') text = value + 'n';
  else if (Object.is(value, -0)) text = '-0';
  else if (typeof value === 'function') text = '[Function ' + (value.name || 'anonymous') + ']';
  else if (typeof value === 'symbol') text = value.toString();
  else if (value === null || typeof value !== 'object') text = String(value);
  else if (seen.has(value)) text = '[Circular]';
  else {
    seen.add(value);
    if (value instanceof Date) text = 'Date(' + (isNaN(value) ? 'Invalid' : value.toISOString()) + ')';
    else if (value instanceof Error) text = value.name + '(' + JSON.stringify(value.message) + ')';
    else if (Array.isArray(value)) text = '[' + value.map((item) => format(item, seen)).join(', ') + ']';
    else if (value instanceof Map) text = 'Map {' + [...value].map(([k, v]) => ' ' + format(k, seen) + ' => ' + format(v, seen)).join(',') + ' }';
    else if (value instanceof Set) text = 'Set {' + [...value].map((item) => ' ' + format(item, seen)).join(',') + ' }';
    else {
      const entries = Object.keys(value).map((key) => ' ' + (/^[A-Za-z_$][\\w$]*$/.test(key) ? key : JSON.stringify(key)) + ': ' + format(value[key], seen));
      const name = value.constructor && value.constructor !== Object ? value.constructor.name + ' ' : '';
      text = name + '{' + entries.join(',') + (entries.length ? ' ' : '') + '}';
    }
    seen.delete(value);
  }
  return text.length > 300 ? text.slice(0, 297) + '...' : text;
}

function property(path, key) {
  return path + (/^[A-Za-z_$][\\w$]*$/.test(key) ? '.' + key : '[' + JSON.stringify(key) + ']');
}

// The first place where actual and expected differ, as 'at <path>: expected X but got Y', or null.
// Partly: only the keys expected has are compared (arrays still need the same length).
function difference(actual, expected, path, partly) {
  const mismatch = () => (path ? 'at ' + path + ': ' : '') + 'expected ' + format(expected) + ' but got ' + format(actual);
  if (Object.is(actual, expected) || (actual === 0 && expected === 0)) return null;
  if (typeof actual !== 'object' || typeof expected !== 'object' || actual === null || expected === null) return mismatch();
  const plainExpected = Object.getPrototypeOf(expected) === Object.prototype;
  if (!(partly && plainExpected) && Object.getPrototypeOf(actual) !== Object.getPrototypeOf(expected)) return mismatch();
  if (actual instanceof Date) return actual.getTime() === expected.getTime() ? null : mismatch();
  if (actual instanceof Map || actual instanceof Set) return difference([...actual], [...expected], path, false) === null ? null : mismatch();
  if (Array.isArray(expected)) {
    if (actual.length !== expected.length) return mismatch();
    for (let i = 0; i < expected.length; i += 1) {
      const found = difference(actual[i], expected[i], path + '[' + i + ']', partly);
      if (found) return found;
    }
    return null;
  }
  const keys = partly ? Object.keys(expected) : new Set([...Object.keys(expected), ...Object.keys(actual)]);
  for (const key of keys) {
    const found = difference(actual[key], expected[key], property(path, key), partly);
    if (found) return found;
  }
  return null;
}

function fail(message, detail) {
  throw new AssertionError(message ? message + ': ' + detail : detail);
}

// What the app's fetch gets as ctx: waitUntil, and nothing of the sandbox's own context.
function appContext(ctx) {
  return { waitUntil: (promise) => ctx.waitUntil(promise), passThroughOnException() {} };
}

async function importApp(path) {
  return import('/' + path);
}

async function appWorker() {
  if (!HAS_WORKER) throw new Error('This app has no worker.js for t.app to call.');
  const handler = (await importApp('worker.js')).default;
  if (!handler || typeof handler.fetch !== 'function') throw new Error('worker.js must export default { fetch(request, env) }.');
  return handler;
}

// Every call starts its limits and its console allowance; requests may overlap, so they extend the deadline rather than set it.
function begin(props, overlapping = false) {
  (overlapping ? extendDeadline : setDeadline)(props.timeLimitMs, props.cpuLimitMs);
  resetOutput();
}

// Waits at most waitMs (what is left of the call's limitMs) for the promise.
function withinTimeLimit(promise, waitMs, limitMs = waitMs) {
  let timer;
  const expired = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new TimeLimitError(timeLimitMessage(limitMs))), waitMs);
  });
  return Promise.race([promise, expired]).finally(() => clearTimeout(timer));
}

// Imported test modules, checked once per isolate.
const suites = new Map();

async function loadSuite(path) {
  if (!suites.has(path)) {
    suites.set(path, importApp(path).then((module) => {
      const tests = module.tests;
      if (!Array.isArray(tests)) throw new Error(path + ' must export const tests = [{ name, run }].');
      tests.forEach((test, index) => {
        if (!test || typeof test.name !== 'string' || typeof test.run !== 'function') {
          throw new Error(path + ': tests[' + index + '] must be { name: string, run: async (t) => {} }.');
        }
      });
      return tests;
    }));
  }
  return suites.get(path);
}

export class Runner extends WorkerEntrypoint {
  async importModule(path) {
    begin(this.ctx.props);
    try {
      const module = await withinTimeLimit(importApp(path), this.ctx.props.timeLimitMs);
      return { path, ok: true, exports: Object.keys(module), error: null };
    } catch (error) {
      return { path, ok: false, exports: [], error: describe(error) };
    }
  }

  async listCases(path) {
    begin(this.ctx.props);
    try {
      const tests = await withinTimeLimit(loadSuite(path), this.ctx.props.timeLimitMs);
      return { ok: true, names: tests.map((test) => test.name) };
    } catch (error) {
      return { ok: false, error: describe(error) };
    }
  }

  async runCase(path, index, data, site) {
    const timeLimitMs = this.ctx.props.timeLimitMs;
    const started = Date.now();
    begin(this.ctx.props);
    const env = data ? { DATA: data } : {};
    const ctx = appContext(this.ctx);
    // t.throws returns a promise; a case that forgets to await it is still failed by it.
    const pending = [];
    const t = {
      equal(actual, expected, message) {
        const found = difference(actual, expected, '', false);
        if (found) fail(message, found);
      },
      matches(actual, expected, message) {
        const found = difference(actual, expected, '', true);
        if (found) fail(message, found);
      },
      ok(value, message) {
        if (!value) fail(message, 'expected a truthy value but got ' + format(value));
      },
      throws(fn, substring) {
        if (typeof fn !== 'function') throw new TypeError('t.throws needs a function to call.');
        const check = (async () => {
          try {
            await fn();
          } catch (error) {
            // Running out of time is the case's error, not the one it expects.
            if (error instanceof TimeLimitError) throw error;
            const text = error instanceof Error ? error.message : String(error);
            if (substring !== undefined && !text.includes(substring)) {
              fail(undefined, 'expected an error containing ' + JSON.stringify(substring) + ' but got ' + JSON.stringify(text));
            }
            return error;
          }
          fail(undefined, 'expected an error' + (substring === undefined ? '' : ' containing ' + JSON.stringify(substring)) + ' but nothing was thrown');
        })();
        check.catch(() => {});
        pending.push(check);
        return check;
      },
      async app(path, init) {
        const handler = await appWorker();
        return handler.fetch(new Request(new URL(path, 'http://app.test/'), init), env, ctx);
      },
      // The body is read at once: one left unread would keep the parent's side of its stream
      // waiting after the call, until the runtime cancels it as hung.
      async site(path, init) {
        if (!site) throw new Error('This run has no deployed site for t.site to fetch.');
        const response = await site(path, init);
        return new Response(response.body === null ? null : await response.arrayBuffer(), response);
      },
    };
    try {
      const tests = await withinTimeLimit(loadSuite(path), timeLimitMs);
      const run = async () => {
        await tests[index].run(t);
        await Promise.all(pending);
      };
      await withinTimeLimit(run(), timeLimitMs - (Date.now() - started), timeLimitMs);
      return { status: 'passed', durationMs: Date.now() - started, message: null };
    } catch (error) {
      return { status: error instanceof AssertionError ? 'failed' : 'error', durationMs: Date.now() - started, message: describe(error) };
    }
  }

  // A probe request after the import: code that never answers, or kills its isolate, is not
  // deployed. An exception is an answer (the site would show a 500), so only time counts.
  async checkWorker(data) {
    begin(this.ctx.props);
    const started = Date.now();
    const timeLimitMs = this.ctx.props.timeLimitMs;
    try {
      const handler = await withinTimeLimit(appWorker(), timeLimitMs);
      const probe = async () => handler.fetch(new Request('http://app.test/api/'), data ? { DATA: data } : {}, appContext(this.ctx));
      const answered = probe().catch((error) => {
        if (error instanceof TimeLimitError) throw error;
      });
      await withinTimeLimit(answered, timeLimitMs - (Date.now() - started), timeLimitMs);
      return { ok: true };
    } catch (error) {
      return { ok: false, error: describe(error) };
    }
  }

  async serve(request, data) {
    if (!HAS_WORKER) return new Response('This app has no worker.js.', { status: 404 });
    const timeLimitMs = this.ctx.props.timeLimitMs;
    begin(this.ctx.props, true);
    const answer = async () => (await appWorker()).fetch(request, data ? { DATA: data } : {}, appContext(this.ctx));
    return withinTimeLimit(answer(), timeLimitMs);
  }
}
`;

/** Loads an app's files into a Dynamic Worker: ES and JSON modules, no network, no bindings but the DATA each call passes. */
import { sha256Hex } from '../lib/hash';
import { CONSOLE_MODULE, CONSOLE_PATH } from './console';
import { entryModule, ENTRY_PATH, GUARD_MODULE } from './entry';
import type { EntryProps, SandboxRunner } from './entry';
import type { DataStore } from './data';
import { GUARD_PATH, INTERNAL_FOLDER, instrumentModule } from './instrument';
import { normalisePath, readModule } from './parse';

/** An app as the sandbox takes it: project path (`src/lib/todos.js`, `worker.js`) to file content. */
export type AppFiles = Record<string, string>;

const COMPATIBILITY_DATE = '2026-11-01';

/** How long one request to the app's worker.js may take, awaits included, when the caller names no limit. */
const DEFAULT_REQUEST_TIME_LIMIT_MS = 10_000;

/**
 * How long generated code may run without pausing in one sandbox call (see `EntryProps.cpuLimitMs`),
 * when the caller names no limit: far more than an app's request or a unit test needs, and short
 * enough that the API, which shares the one local thread, keeps answering.
 */
export const DEFAULT_CPU_LIMIT_MS = 500;

/** How much longer than its own time limit the parent waits for a sandbox call before it gives the isolate up. */
const GRACE_MS = 1_000;

/** A sandbox call that did not answer within its time limit (and a grace), or answered only after it. */
export class SandboxTimeLimitError extends Error {
  constructor(readonly limitMs: number) {
    super(`Time limit of ${limitMs} ms exceeded`);
    this.name = 'SandboxTimeLimitError';
  }
}

/**
 * What the call answers, unless it takes longer than `timeLimitMs` plus a grace: then it rejects
 * with a SandboxTimeLimitError at that moment, or as soon as the answer comes if synchronous code
 * held the thread so long that no timer could fire (a native call such as a regular expression,
 * which the guard cannot interrupt). Either way the isolate is suspect and should be replaced.
 *
 * @example const value = await withinSandboxTimeLimit(runner.runCase(path, 0, null, null), 5_000);
 */
export async function withinSandboxTimeLimit<T>(call: Promise<T>, timeLimitMs: number): Promise<T> {
  const started = Date.now();
  const overdueAt = timeLimitMs + GRACE_MS;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const overdue = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new SandboxTimeLimitError(timeLimitMs)), overdueAt);
  });
  try {
    const value = await Promise.race([call, overdue]);
    if (Date.now() - started > overdueAt) throw new SandboxTimeLimitError(timeLimitMs);
    return value;
  } finally {
    clearTimeout(timer);
  }
}

/** One file loaded as a module, with the project paths it imports and, when it does not parse or is not valid JSON, why. */
export interface SandboxModule {
  path: string;
  kind: 'js' | 'json';
  imports: string[];
  error: string | null;
}

export interface LoadOptions {
  /**
   * Folded into the id. Identical code shares an isolate, and with it the module-level state of
   * the app's code (a cache, a counter); a scope such as `${projectId}:${environment}` keeps
   * that state to its owner.
   */
  scope?: string;
}

/**
 * A loaded app. Cheap to keep: the isolate behind it is made on first use and reused while it
 * lives. Its `env` is empty: what the app may reach (`DATA`) is handed to each call, so an
 * isolate never holds a store, and nothing of the parent's bindings is ever in it.
 */
export interface AppSandbox {
  /** Derived from the modules and the scope: loading identical code again gives the same id, and so the same isolate; `reload()` gives a new one. */
  readonly id: string;
  readonly modules: readonly SandboxModule[];
  /** Files not loaded: neither JS nor JSON (HTML, CSS, images), under the reserved `__promptax/` folder, or a second spelling of a path. */
  readonly skipped: readonly string[];
  /**
   * Sends a request to the app's worker.js as `fetch(request, { DATA: data })` (a 404 when there
   * is none). Rejects with the app's exception, "CPU limit of N ms exceeded", or "Time limit of N
   * ms exceeded" (a SandboxTimeLimitError when the isolate did not answer in time: reload it).
   */
  fetch(request: Request, options?: { data?: DataStore; timeLimitMs?: number; cpuLimitMs?: number }): Promise<Response>;
  /** The test runner inside the sandbox, for one call with these props. */
  runner(props: EntryProps): SandboxRunner;
  /** The same code in a new isolate, under an id never used before: the way on after one was killed, aborted or hung. */
  reload(): AppSandbox;
}

interface PreparedCode {
  /** Everything the isolate is made of, as one string. */
  fingerprint: string;
  modules: Record<string, WorkerLoaderModule>;
  loaded: SandboxModule[];
  skipped: string[];
}

/**
 * Turns the files into modules and opens a sandbox on them. `.js` and `.mjs` files become ES
 * modules (instrumented so a time limit can stop them, see `instrumentModule`), `.json` files JSON
 * modules, so `import data from './data.json'` works; anything else is skipped. A module that
 * does not parse is replaced by one that throws its syntax error when imported, because one bad
 * module would otherwise stop the whole Worker from starting. The generated entry module is
 * the main module. The sandbox has no outbound network (`globalOutbound: null`) and no bindings.
 *
 * It parses every module, so keep the sandbox (one per deployment, say) rather than loading for
 * every request.
 *
 * @example
 * const sandbox = await loadApp(env.LOADER, { 'worker.js': source }, { scope: `${projectId}:preview` });
 * const response = await sandbox.fetch(new Request('http://app/api/entries'), { data: new MemoryData() });
 */
export async function loadApp(loader: WorkerLoader, files: AppFiles, options: LoadOptions = {}): Promise<AppSandbox> {
  const code = prepare(files);
  const hash = await sha256Hex(JSON.stringify([code.fingerprint, options.scope ?? null]));
  return open(loader, code, `app-${hash}`);
}

function prepare(files: AppFiles): PreparedCode {
  const modules: Record<string, WorkerLoaderModule> = {};
  const loaded: SandboxModule[] = [];
  const skipped: string[] = [];
  for (const [rawPath, content] of Object.entries(files)) {
    const path = normalisePath(rawPath);
    if (path.startsWith(INTERNAL_FOLDER) || !/\.(m?js|json)$/.test(path) || path in modules) {
      skipped.push(rawPath);
      continue;
    }
    if (path.endsWith('.json')) {
      const json = parseJson(content);
      const error = json.ok ? null : `${json.message} (${path})`;
      modules[path] = json.ok ? { json: json.value } : { js: throwing(`${json.message} (${path})`) };
      loaded.push({ path, kind: 'json', imports: [], error: error && `SyntaxError: ${error}` });
      continue;
    }
    const read = readModule(content, path);
    if (read.ok) {
      modules[path] = { js: instrumentModule(content, read.program) };
      loaded.push({ path, kind: 'js', imports: read.imports, error: null });
    } else {
      const error = `${read.error.message} (${path}:${read.error.line}:${read.error.column})`;
      modules[path] = { js: throwing(error) };
      loaded.push({ path, kind: 'js', imports: [], error: `SyntaxError: ${error}` });
    }
  }
  // Sorted, so the entry module (which lists them) and the id do not depend on the order of `files`.
  loaded.sort((a, b) => (a.path < b.path ? -1 : 1));
  modules[GUARD_PATH] = { js: GUARD_MODULE };
  modules[CONSOLE_PATH] = { js: CONSOLE_MODULE };
  modules[ENTRY_PATH] = { js: entryModule(loaded.map((module) => module.path)) };
  const canonical = Object.keys(modules)
    .sort()
    .map((path) => [path, modules[path]]);
  return { fingerprint: JSON.stringify([COMPATIBILITY_DATE, canonical]), modules, loaded, skipped };
}

function parseJson(content: string): { ok: true; value: unknown } | { ok: false; message: string } {
  try {
    return { ok: true, value: JSON.parse(content) as unknown };
  } catch (error) {
    return { ok: false, message: (error as SyntaxError).message };
  }
}

/** A module whose only effect is to throw a SyntaxError with `message` when imported; its stack would only point at itself. */
function throwing(message: string): string {
  return `const error = new SyntaxError(${JSON.stringify(message)});\nerror.stack = '';\nthrow error;\n`;
}

function open(loader: WorkerLoader, code: PreparedCode, baseId: string, id = baseId): AppSandbox {
  // A stub belongs to the request that made it, so each call asks the loader again: a sandbox
  // kept across requests (a site's) still works, and the loader answers from its loaded isolate.
  const worker = () =>
    loader.get(id, () => ({
      compatibilityDate: COMPATIBILITY_DATE,
      mainModule: ENTRY_PATH,
      modules: code.modules,
      globalOutbound: null,
      env: {},
    }));
  // cpuMs stops a runaway call on Cloudflare; workerd ignores it, and the instrumented guard
  // (which reads a clock that Cloudflare freezes during synchronous code) stops it locally.
  const runner = (props: EntryProps) => worker().getEntrypoint('Runner', { props, limits: { cpuMs: props.cpuLimitMs } }) as unknown as SandboxRunner;
  return {
    id,
    modules: code.loaded,
    skipped: code.skipped,
    // Awaited here so callers get a plain promise: touching a property of an RPC promise (as
    // some assertion libraries do) starts a pipelined call, whose rejection nobody would handle.
    fetch: async (request, options = {}) => {
      const timeLimitMs = options.timeLimitMs ?? DEFAULT_REQUEST_TIME_LIMIT_MS;
      const props = { timeLimitMs, cpuLimitMs: options.cpuLimitMs ?? DEFAULT_CPU_LIMIT_MS };
      return await withinSandboxTimeLimit(runner(props).serve(request, options.data ?? null), timeLimitMs);
    },
    runner,
    // Random rather than counted: another isolate of the API may already have moved past a
    // numbered id onto one that is hung.
    reload: () => open(loader, code, baseId, `${baseId}-${crypto.randomUUID()}`),
  };
}

/**
 * Runs generated tests against an app's modules inside one Dynamic Worker and reports each case.
 *
 * The contract for a generated test module:
 * - It lives at `tests/<name>.test.js` and imports the app by relative path, as the browser
 *   would: `import { addTodo } from '../src/lib/todos.js'`. App paths are project paths, so
 *   a test sees exactly the files the app is made of (JSON included), and nothing else.
 * - It exports `tests`, an array of `{ name: string, run: async (t) => void }`. A case passes
 *   when `run` settles without throwing.
 * - `t.equal(actual, expected, message?)`: deep equality (arrays, plain objects, Map, Set,
 *   Date; `NaN` equals `NaN`). It fails with where and how the values differ:
 *   `expected 3 but got 4`, `at [1].done: expected true but got false`, prefixed by `message`.
 * - `t.matches(actual, expected, message?)`: the same, but only the keys `expected` names are
 *   compared, at every depth (arrays must still have the same length): for JSON answers.
 * - `t.ok(value, message?)`: fails with `expected a truthy value but got 0`.
 * - `t.throws(fn, substring?)`: awaits `fn()` and fails unless it throws (or rejects) with a
 *   message containing `substring`; resolves to the error. Await it; a case that does not is
 *   still failed by it.
 * - `t.app(path, init?)`: a `Response` from the app's `worker.js` default export, called as
 *   `fetch(new Request('http://app.test' + path, init), env)`. `env` holds `DATA` when the run
 *   has one (`RunOptions.data`: one store for the whole run, so cases run in order against
 *   it), else nothing. An exception in the handler makes the case an error with its message,
 *   rather than a 500, so the cause is reported.
 * - `t.site(path, init?)`: a `Response` from the deployed site under test, when the run has
 *   one (`RunOptions.site`), for e2e tests.
 * - Each case has a time limit (`caseTimeLimitMs`), and each module one for all its cases
 *   (`suiteTimeLimitMs`); a case that runs out, even in a loop that never yields, ends as
 *   `error` with "Time limit of N ms exceeded" and the remaining cases still run. A case (or an
 *   import) that runs 500 ms without pausing ends as "CPU limit of 500 ms exceeded".
 * - No network: `fetch()` to the outside throws. No platform bindings: only `DATA` if given.
 */
import { MemoryData } from './data';
import type { DataStore } from './data';
import type { EntryProps, SandboxRunner, SiteFetcher } from './entry';
import { DEFAULT_CPU_LIMIT_MS, loadApp, SandboxTimeLimitError, withinSandboxTimeLimit } from './load';
import type { AppFiles, AppSandbox, SandboxModule } from './load';
import { normalisePath } from './parse';

export type TestStatus = 'passed' | 'failed' | 'error';

/** One case's result: `failed` means an assertion failed, `error` anything else (a throw, a time limit, a crash). */
export interface CaseResult {
  name: string;
  status: TestStatus;
  durationMs: number;
  message: string | null;
}

/** One test module's result. `error` says why none of its cases could run (it did not import, it exports no `tests`). */
export interface SuiteResult {
  path: string;
  status: TestStatus;
  durationMs: number;
  error: string | null;
  cases: CaseResult[];
}

export interface RunOptions {
  /** Per case; default 5,000 ms. */
  caseTimeLimitMs?: number;
  /** Per test module, its import and all its cases together; default 60,000 ms. */
  suiteTimeLimitMs?: number;
  /** `env.DATA` of the app under `t.app`, typically a fresh `MemoryData`. */
  data?: DataStore;
  /** What `t.site` fetches: the deployed site under test, and nothing else. */
  site?: SiteFetcher;
  /** See `LoadOptions.scope`: without one, runs of identical code share module-level state. */
  scope?: string;
}

const DEFAULT_CASE_TIME_LIMIT_MS = 5_000;
const DEFAULT_SUITE_TIME_LIMIT_MS = 60_000;
const DEFAULT_IMPORT_TIME_LIMIT_MS = 5_000;


/**
 * Runs every module of `tests` (path → source, see the contract above) against `app`, one case
 * per call into the sandbox, in order. A module that imports a file that does not parse is
 * reported with that file's syntax error, without running.
 *
 * @example
 * const [suite] = await runTests(env.LOADER, files, { 'tests/todos.test.js': source }, { data: new MemoryData() });
 * // { path: 'tests/todos.test.js', status: 'failed', cases: [{ name: 'adds a todo', status: 'failed', message: 'expected 1 but got 0', … }], … }
 */
export async function runTests(loader: WorkerLoader, app: AppFiles, tests: AppFiles, options: RunOptions = {}): Promise<SuiteResult[]> {
  const appPaths = new Set(Object.keys(app).map(normalisePath));
  const clash = Object.keys(tests).find((path) => appPaths.has(normalisePath(path)));
  if (clash) throw new RangeError(`The test module ${clash} has the path of an app file.`);
  const caseLimit = options.caseTimeLimitMs ?? DEFAULT_CASE_TIME_LIMIT_MS;
  const suiteLimit = options.suiteTimeLimitMs ?? DEFAULT_SUITE_TIME_LIMIT_MS;
  const sandbox = new Session(await loadApp(loader, { ...app, ...tests }, { scope: options.scope }));

  const results: SuiteResult[] = [];
  for (const path of Object.keys(tests).map(normalisePath)) {
    const started = Date.now();
    const remaining = () => started + suiteLimit - Date.now();
    const finish = (error: string | null, cases: CaseResult[]): SuiteResult => ({
      path,
      status: error || cases.some((c) => c.status === 'error') ? 'error' : cases.some((c) => c.status === 'failed') ? 'failed' : 'passed',
      durationMs: Date.now() - started,
      error,
      cases,
    });

    const broken = sandbox.brokenDependency(path);
    if (broken) {
      results.push(finish(broken, []));
      continue;
    }
    const call = await sandbox.call(Math.min(caseLimit, suiteLimit), (runner) => runner.listCases(path));
    const listing = call.ok ? call.value : call;
    if (!listing.ok || listing.names.length === 0) {
      results.push(finish(listing.ok ? `${path} exports no test cases.` : listing.error, []));
      continue;
    }

    const cases: CaseResult[] = [];
    for (const [index, name] of listing.names.entries()) {
      const timeLimitMs = Math.min(caseLimit, remaining());
      if (timeLimitMs <= 0) {
        cases.push({ name, status: 'error', durationMs: 0, message: `Not run: the module's time limit of ${suiteLimit} ms was used up.` });
        continue;
      }
      const caseStarted = Date.now();
      const outcome = await sandbox.call(timeLimitMs, (runner) => runner.runCase(path, index, options.data ?? null, options.site ?? null));
      cases.push(
        outcome.ok
          ? { name, ...outcome.value }
          : { name, status: 'error', durationMs: Date.now() - caseStarted, message: outcome.error },
      );
    }
    results.push(finish(null, cases));
  }
  return results;
}

/** One module imported in the sandbox: its export names, or why it could not be imported. */
export interface ModuleImportResult {
  path: string;
  ok: boolean;
  exports: string[];
  error: string | null;
}

/**
 * Imports each logic module (`src/lib/**.js`) and `worker.js`, when there is one, in a sandbox,
 * each with its own time limit, and says what each exports or why it failed: a syntax error in
 * it or in a module it imports, an exception at import, a missing module, a time limit.
 *
 * @example await checkModulesImport(env.LOADER, files)
 * // [{ path: 'src/lib/todos.js', ok: true, exports: ['addTodo', 'toggle'], error: null }, …]
 */
export async function checkModulesImport(
  loader: WorkerLoader,
  files: AppFiles,
  options: { timeLimitMs?: number } = {},
): Promise<ModuleImportResult[]> {
  const timeLimitMs = options.timeLimitMs ?? DEFAULT_IMPORT_TIME_LIMIT_MS;
  const sandbox = new Session(await loadApp(loader, files));
  const targets = sandbox.modules.filter((module) => /^src\/lib\/.+\.m?js$/.test(module.path) || module.path === 'worker.js');
  const results: ModuleImportResult[] = [];
  for (const { path } of targets) {
    const broken = sandbox.brokenDependency(path);
    const outcome = broken ? { ok: false as const, error: broken } : await sandbox.call(timeLimitMs, (runner) => runner.importModule(path));
    results.push(outcome.ok ? outcome.value : { path, ok: false, exports: [], error: outcome.error });
  }
  return results;
}

/**
 * Whether `worker.js` can serve: it and everything it imports load in a sandbox, its default
 * export has a `fetch` method, and it answers a probe `GET /api/` (with an empty `DATA`) within
 * the time limit, even if with an exception. `error` is one readable line.
 *
 * @example await checkWorkerModule(env.LOADER, { 'worker.js': 'export default {}' })
 * // { ok: false, error: 'Error: worker.js must export default { fetch(request, env) }.' }
 */
export async function checkWorkerModule(
  loader: WorkerLoader,
  files: AppFiles,
  options: { timeLimitMs?: number } = {},
): Promise<{ ok: true } | { ok: false; error: string }> {
  if (!('worker.js' in files)) return { ok: false, error: 'There is no worker.js.' };
  const sandbox = new Session(await loadApp(loader, files));
  const broken = sandbox.brokenDependency('worker.js');
  if (broken) return { ok: false, error: broken };
  const outcome = await sandbox.call(options.timeLimitMs ?? DEFAULT_IMPORT_TIME_LIMIT_MS, (runner) => runner.checkWorker(new MemoryData()));
  return outcome.ok ? outcome.value : outcome;
}

type CallOutcome<T> = { ok: true; value: T } | { ok: false; error: string };

/** A sandbox that survives its isolate: a call that kills or outlives it moves the next call to a fresh one. */
class Session {
  private readonly byPath: Map<string, SandboxModule>;

  constructor(private sandbox: AppSandbox) {
    this.byPath = new Map(sandbox.modules.map((module) => [module.path, module]));
  }

  get modules(): readonly SandboxModule[] {
    return this.sandbox.modules;
  }

  /**
   * Why `path` cannot load because it, or a module it imports (directly or not), does not parse.
   * Checked here because the stand-in for a broken module has none of its exports, so an importer
   * would fail on a missing export name instead of the syntax error that explains it.
   */
  brokenDependency(path: string): string | null {
    const seen = new Set<string>();
    const search = (current: string): SandboxModule | null => {
      const module = this.byPath.get(current);
      if (!module || seen.has(current)) return null;
      seen.add(current);
      if (module.error) return module;
      for (const imported of module.imports) {
        const found = search(imported);
        if (found) return found;
      }
      return null;
    };
    const broken = search(path);
    if (!broken) return null;
    return broken.path === path ? broken.error : `It imports ${broken.path}, which cannot load: ${broken.error}`;
  }

  /**
   * One call into the sandbox. A call that hangs, answers only after its time limit, or fails
   * outside the entry's own handling (the isolate was killed, on Cloudflare by limits.cpuMs, or
   * aborted) moves the next call to a new isolate.
   */
  async call<T>(timeLimitMs: number, use: (runner: SandboxRunner) => Promise<T>): Promise<CallOutcome<T>> {
    const props: EntryProps = { timeLimitMs, cpuLimitMs: DEFAULT_CPU_LIMIT_MS };
    try {
      return { ok: true, value: await withinSandboxTimeLimit(use(this.sandbox.runner(props)), timeLimitMs) };
    } catch (error) {
      this.sandbox = this.sandbox.reload();
      const message = error instanceof Error ? error.message : String(error);
      if (error instanceof SandboxTimeLimitError) return { ok: false, error: message };
      return { ok: false, error: /cpu|time limit/i.test(message) ? `Time limit of ${timeLimitMs} ms exceeded (${message})` : `The sandbox stopped: ${message}` };
    }
  }
}

/**
 * The one checks module: does a project's file state parse, do its pages refer to files that
 * exist with nothing inline the sites' CSP blocks, does `worker.js` load, do the tests that passed
 * still pass; and the heal loop that runs failures through GPRE. Generate, the builder chat,
 * self-heal and the deployment consumer all check through here.
 */
import { and, desc, eq, inArray, isNotNull } from 'drizzle-orm';
import type { Bindings } from '../app-env';
import type { Database } from '../db/client';
import { testSuites } from '../db/schema';
import { OFFLINE_MODEL } from '../engine/models';
import { explainUnfixable, findStaticErrors, languageOf } from '../engine/offline/fixers';
import type { CodeError, FixInput } from '../engine/offline/fixers/types';
import type { Engine } from '../engine/types';
import type { CheckProblem, CheckReport, CheckResult } from '../lib/check-report';
import { checkWorkerModule, MemoryData, parseModule, runTests } from '../sandbox';
import type { AppFiles, ParsedModule } from '../sandbox';
import { readAllFiles } from '../features/files/service';
import type { FileWrite } from '../features/files/service';
import { runGpre } from '../features/self-heal/gpre';
import { modulePathOf, projectModules, recheck } from '../features/self-heal/recheck';
import { htmlProblems, referenceExists } from './html';
import { Lines } from '../engine/offline/fixers/text';

/** GPRE rounds `checkAndHeal` runs before it reports what is still broken (DESIGN.md section 8). */
export const MAX_HEAL_ROUNDS = 3;

/** Each case of a re-run test, and each suite for all its cases: checks answer while a client waits. */
export const CHECK_CASE_TIME_LIMIT_MS = 5_000;
export const CHECK_SUITE_TIME_LIMIT_MS = 20_000;

/** What checking needs: the file index, the blobs, the sandbox, and (to heal) an engine. */
export interface CheckDeps {
  db: Database;
  bucket: R2Bucket;
  loader: WorkerLoader;
  /** Proposes fixes for `checkAndHeal`; null to check without healing. */
  engine: Engine | null;
}

/**
 * The dependencies of checks, from the Worker's bindings.
 *
 * @example const deps = checkDeps(c.get('db'), c.env, engine); await runChecks(deps, { projectId, tests: true });
 */
export function checkDeps(db: Database, env: Pick<Bindings, 'FILES' | 'LOADER'>, engine: Engine | null = null): CheckDeps {
  return { db, bucket: env.FILES, loader: env.LOADER, engine };
}

export interface CheckInput {
  projectId: string;
  /** The complete file state to check, path to content; the project's current files when left out. */
  files?: Map<string, string>;
  /**
   * The files a change wrote: only their parse and page problems count, `worker.js` is loaded only
   * when it reaches one of them through its imports, and only tests that reach one run. Every
   * file, and all of it, when left out.
   */
  changed?: string[];
  /**
   * Paths that exist, or will, though they are not in `files`: a plan's later steps, or assets a
   * caller did not read (images, CSS). Pages and imports may refer to them.
   */
  otherPaths?: string[];
  /** Whether to run the project's tests that passed last time. */
  tests: boolean;
  /** Those tests (`passingSuites`) when the caller has read them already; read here when left out. */
  suites?: StoredSuite[];
}

/**
 * The project's current files as a map, to change and hand to `runChecks` as a proposed state.
 *
 * @example const files = await projectFileMap(deps, projectId); files.set('index.html', edited); await runChecks(deps, { projectId, files, tests: true });
 */
export async function projectFileMap(deps: Pick<CheckDeps, 'db' | 'bucket'>, projectId: string): Promise<Map<string, string>> {
  return new Map((await readAllFiles(deps.db, deps.bucket, projectId)).map((file) => [file.path, file.content]));
}

const result = (problems: CheckProblem[]): CheckResult => ({ ok: problems.length === 0, problems });

/**
 * Checks a file state (DESIGN.md section 8), without changing anything:
 * - `parse`: every JS, TS and JSON file parses, and its relative imports name files that exist;
 *   every HTML page is well formed, its local `src`/`href` exist, nothing inline;
 * - `load`: `worker.js`, when there is one, loads in a sandbox and exports `fetch`;
 * - `tests`: with `tests: true`, the newest suite of each target that passed still passes.
 *
 * @example await runChecks(deps, { projectId, tests: false })
 * // { ok: false, parse: { ok: false, problems: [{ path: 'index.html', line: 9, column: 29, message: 'src="src/app.js" on <script>: there is no file src/app.js' }] }, load: { ok: true, problems: [] }, tests: null, healed: [] }
 */
export async function runChecks(deps: CheckDeps, input: CheckInput): Promise<CheckReport> {
  const files = input.files ?? (await projectFileMap(deps, input.projectId));
  const exists = referenceExists(new Set([...files.keys(), ...(input.otherPaths ?? [])]));
  const checked = input.changed ? input.changed.filter((path) => files.has(path)) : [...files.keys()];
  const read = parseOnce();
  const parse = result(checked.flatMap((path) => fileProblems(path, files.get(path)!, exists, read)));
  const modules = projectModules([...files].map(([path, content]) => ({ path, content })));
  const affected = affectedBy(modules, input.changed, read);
  const load = result(files.has('worker.js') && affected('worker.js', modules['worker.js']!) ? await workerProblems(deps.loader, modules) : []);
  const tests = input.tests ? result(await testProblems(deps, input.suites ?? (await passingSuites(deps, input.projectId)), modules, affected)) : null;
  return { ok: parse.ok && load.ok && (tests?.ok ?? true), parse, load, tests, healed: [] };
}

/** `parseModule` that parses each module once, however many scans of one check ask for it. */
type ReadModule = (source: string, path: string) => ParsedModule;

/** A `ReadModule` for one check: the static scan, the import scan and the reach of a change share its parses. */
function parseOnce(): ReadModule {
  const parsed = new Map<string, { source: string; parsed: ParsedModule }>();
  return (source, path) => {
    const known = parsed.get(path);
    if (known?.source === source) return known.parsed;
    const answer = parseModule(source, path);
    parsed.set(path, { source, parsed: answer });
    return answer;
  };
}

/** The parse and page problems of one file; none for a language nothing here reads (CSS, SVG, text). */
function fileProblems(path: string, content: string, exists: (path: string) => boolean, read: ReadModule): CheckProblem[] {
  const language = languageOf(path);
  if (language === 'html') return htmlProblems(content, path, exists);
  if (language === null || !/\.(?:[cm]?[jt]s|json)$/.test(path)) return [];
  // JavaScript's static scan is its parse, which the import scan then reads.
  const errors = language === 'javascript' ? syntaxErrorOf(path, read(content, path)) : findStaticErrors(content, language, path).map((error) => problemOf(path, error));
  if (errors.length > 0 || language === 'json') return errors;
  return missingImports(path, content, exists, read);
}

/** `findStaticErrors` of a JavaScript module, from its parse. */
function syntaxErrorOf(path: string, parsed: ParsedModule): CheckProblem[] {
  return parsed.ok ? [] : [problemOf(path, parsed.error)];
}

function problemOf(path: string, error: CodeError): CheckProblem {
  return { path, ...(error.line !== undefined ? { line: error.line } : {}), ...(error.column !== undefined ? { column: error.column } : {}), message: error.message };
}

/** Relative imports of a JS or TS module that name no file (a `.js` import of a `.ts` file counts as found). */
function missingImports(path: string, content: string, exists: (path: string) => boolean, read: ReadModule): CheckProblem[] {
  const parsed = read(content, path);
  if (!parsed.ok) return [];
  const lines = new Lines(content);
  return parsed.imports
    .filter((target) => /\.(?:[cm]?[jt]s|json)$/.test(target) && !target.includes(':') && isLocal(target, content))
    .filter((target) => !exists(target) && !exists(target.replace(/\.([cm]?)js$/, '.$1ts')))
    .map((target) => {
      const name = target.split('/').pop()!;
      const offset = content.search(new RegExp(`['"][^'"]*${escapeRegExp(name)}['"]`));
      return { path, ...(offset >= 0 ? lines.positionAt(offset) : {}), message: `It imports ${target}, which is not a file of the project` };
    });
}

/** Whether a resolved import came from a relative or root-absolute specifier: `parseModule` leaves a bare one as written. */
function isLocal(target: string, content: string): boolean {
  return !new RegExp(`['"]${escapeRegExp(target)}['"]`).test(content);
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Whether a module (or a test module, given its source) depends on a changed file: it is one, or
 * imports one directly or through other modules. Always true when nothing says what changed.
 */
function affectedBy(modules: AppFiles, changed: string[] | undefined, read: ReadModule): (path: string, source: string) => boolean {
  if (!changed) return () => true;
  const targets = new Set(changed.flatMap((path) => [path, path.replace(/\.([cm]?)ts$/, '.$1js')]));
  const memo = new Map<string, boolean>();
  const reaches = (path: string, source: string | undefined, seen: Set<string>): boolean => {
    if (targets.has(path)) return true;
    if (source === undefined || seen.has(path)) return false;
    seen.add(path);
    const parsed = read(source, path);
    return parsed.ok && parsed.imports.some((imported) => memo.get(imported) ?? reaches(imported, modules[imported], seen));
  };
  return (path, source) => {
    const known = memo.get(path);
    if (known !== undefined) return known;
    const answer = reaches(path, source, new Set());
    memo.set(path, answer);
    return answer;
  };
}

async function workerProblems(loader: WorkerLoader, modules: AppFiles): Promise<CheckProblem[]> {
  const loaded = await checkWorkerModule(loader, modules);
  return loaded.ok ? [] : [{ path: 'worker.js', message: loaded.error }];
}

/** A stored test module: the newest suite of its target. */
export interface StoredSuite {
  id: string;
  type: 'unit' | 'integration' | 'e2e';
  target: string;
  status: 'passed' | 'failed' | 'error';
  /** Where the runner loads it: under tests/, as the test-runs consumer does. */
  path: string;
  source: string;
}

/**
 * The newest finished suite of each target with its test module: what the project's tests said
 * last time. Self-heal runs those that import a file under repair; checks run those that passed.
 */
export async function newestSuites(deps: Pick<CheckDeps, 'db' | 'bucket'>, projectId: string): Promise<StoredSuite[]> {
  return loadSuites(deps.bucket, await finishedSuites(deps.db, projectId));
}

/**
 * The read behind `newestSuites`, for a caller that sends it beside its other reads; `loadSuites`
 * takes its rows.
 *
 * @example const [suites, index] = await Promise.all([finishedSuites(db, projectId), currentFiles(db, projectId)]);
 */
export function finishedSuites(db: Database, projectId: string) {
  return db
    .select({ id: testSuites.id, type: testSuites.type, target: testSuites.target, status: testSuites.status, codeKey: testSuites.codeKey })
    .from(testSuites)
    .where(and(eq(testSuites.projectId, projectId), isNotNull(testSuites.codeKey), inArray(testSuites.status, ['passed', 'failed', 'error'])))
    .orderBy(desc(testSuites.id));
}

type SuiteRow = Awaited<ReturnType<typeof finishedSuites>>[number];

/**
 * The newest of `finishedSuites`' rows for each target, those `keep` keeps, with their test modules from R2.
 *
 * @example const suites = await loadSuites(env.FILES, await finishedSuites(db, projectId)); // [{ id, type: 'unit', target: 'src/lib/todos.js', status: 'passed', path: 'tests/suite-….test.js', source }]
 */
export async function loadSuites(bucket: R2Bucket, rows: readonly SuiteRow[], keep: (row: SuiteRow) => boolean = () => true): Promise<StoredSuite[]> {
  const seen = new Set<string>();
  const newest = rows.filter((suite) => !seen.has(suite.target) && Boolean(seen.add(suite.target))).filter(keep);
  const loaded = await Promise.all(
    newest.map(async (suite) => {
      const source = await (await bucket.get(suite.codeKey!))?.text();
      const status = suite.status as StoredSuite['status'];
      return source === undefined ? [] : [{ id: suite.id, type: suite.type, target: suite.target, status, path: `tests/suite-${suite.id}.test.js`, source }];
    }),
  );
  return loaded.flat();
}

/** The suites that passed last time; end-to-end suites test a deployment, not a file state, so they are left out. */
export async function passingSuites(deps: Pick<CheckDeps, 'db' | 'bucket'>, projectId: string): Promise<StoredSuite[]> {
  return passingOf(deps.bucket, await finishedSuites(deps.db, projectId));
}

/**
 * `passingSuites` of `finishedSuites`' rows the caller has read already; only their test modules
 * are read from R2.
 *
 * @example const suites = await passingOf(env.FILES, await finishedSuites(db, projectId));
 */
export function passingOf(bucket: R2Bucket, rows: readonly SuiteRow[]): Promise<StoredSuite[]> {
  return loadSuites(bucket, rows, (row) => row.status === 'passed' && row.type !== 'e2e');
}

/**
 * Whether a test module imports `modulePath`.
 *
 * @example importsModule("import { add } from '../src/lib/math.js';", 'tests/suite-1.test.js', 'src/lib/math.js') // true
 */
export function importsModule(source: string, path: string, modulePath: string): boolean {
  const parsed = parseModule(source, path);
  return parsed.ok && parsed.imports.includes(modulePath);
}

async function testProblems(deps: CheckDeps, suites: StoredSuite[], modules: AppFiles, affected: (path: string, source: string) => boolean): Promise<CheckProblem[]> {
  const problems: CheckProblem[] = [];
  for (const suite of suites.filter((candidate) => affected(candidate.path, candidate.source))) {
    const [ran] = await runTests(deps.loader, modules, { [suite.path]: suite.source }, {
      caseTimeLimitMs: CHECK_CASE_TIME_LIMIT_MS,
      suiteTimeLimitMs: CHECK_SUITE_TIME_LIMIT_MS,
      scope: `check-${suite.id}-${crypto.randomUUID()}`,
      ...(suite.type === 'integration' ? { data: new MemoryData() } : {}),
    });
    if (ran!.error) problems.push({ path: suite.target, message: `Its tests did not run: ${ran!.error}` });
    for (const failed of ran!.cases.filter((entry) => entry.status !== 'passed')) {
      problems.push({ path: suite.target, message: `Test "${failed.name}" failed: ${failed.message ?? failed.status}` });
    }
  }
  return problems;
}

/**
 * `runChecks`, then GPRE on every file with a problem, up to `MAX_HEAL_ROUNDS` rounds, each
 * re-checking the whole state with the fixes of the rounds before. Nothing is stored: `healed`
 * holds the files GPRE changed (their whole new content), for the caller to commit with its own
 * change, and `report.healed` what was fixed. What is still broken stays in the report.
 *
 * @example const { report, healed } = await checkAndHeal(checkDeps(db, env, engine), { projectId, files, tests: true });
 * // report.ok === true, report.healed === [{ path: 'src/lib/todos.js', error: 'Unexpected token', verified: true }]
 */
export async function checkAndHeal(deps: CheckDeps, input: CheckInput): Promise<{ report: CheckReport; healed: FileWrite[] }> {
  const state = new Map(input.files ?? (await projectFileMap(deps, input.projectId)));
  const healed: CheckReport['healed'] = [];
  const changed = new Set<string>();
  let report = await runChecks(deps, { ...input, files: state });
  const suites = report.ok || !deps.engine ? [] : (input.suites ?? (await passingSuites(deps, input.projectId)));
  for (let round = 0; round < MAX_HEAL_ROUNDS && !report.ok && deps.engine; round += 1) {
    let fixedAny = false;
    for (const [path, problems] of problemsByFile(report)) {
      const code = state.get(path);
      const language = languageOf(path);
      if (code === undefined || language === null) continue;
      const modules = projectModules([...state].filter(([other]) => other !== path).map(([other, content]) => ({ path: other, content })));
      const modulePath = modulePathOf({ language, path });
      const tests = Object.fromEntries(suites.filter((suite) => importsModule(suite.source, suite.path, modulePath)).map((suite) => [suite.path, suite.source]));
      const engine = deps.engine;
      const results = await runGpre(
        { code, language, path, errors: problems.map(codeErrorOf), files: [...state].filter(([other]) => other !== path).map(([other, content]) => ({ path: other, content })) },
        {
          fix: (fixInput) => engine.fix(fixInput),
          recheck: (candidate) => recheck(deps.loader, { language, path, project: modules, tests, otherPaths: input.otherPaths ?? [] }, candidate),
          explainUnfixable: engine.model === OFFLINE_MODEL ? explainUnfixable : (fixInput: FixInput) => `The model ${engine.model} proposed no fix for "${fixInput.error.message}".`,
        },
      );
      const fixed = results.filter((outcome) => outcome.status === 'fixed');
      if (fixed.length === 0) continue;
      state.set(path, fixed.at(-1)!.fixedCode!);
      changed.add(path);
      fixedAny = true;
      healed.push(...fixed.map((outcome) => ({ path, error: outcome.error.message, verified: outcome.verified })));
    }
    if (!fixedAny) break;
    report = await runChecks(deps, { ...input, files: state });
  }
  return { report: { ...report, healed }, healed: [...changed].map((path) => ({ path, content: state.get(path)! })) };
}

/** Every problem of a report, by the file it is in, in the order parse, load, tests. */
function problemsByFile(report: CheckReport): Map<string, CheckProblem[]> {
  const byFile = new Map<string, CheckProblem[]>();
  for (const problem of [...report.parse.problems, ...report.load.problems, ...(report.tests?.problems ?? [])]) {
    byFile.set(problem.path, [...(byFile.get(problem.path) ?? []), problem]);
  }
  return byFile;
}

/** A problem as GPRE takes an error: a test's failure by the test's own message, as the re-check words it. */
function codeErrorOf(problem: CheckProblem): CodeError {
  return {
    message: problem.message.replace(/^Test "[^"]*" failed: /, ''),
    ...(problem.line !== undefined ? { line: problem.line } : {}),
    ...(problem.column !== undefined ? { column: problem.column } : {}),
  };
}

/** A report's problems as lines, `path:line:column: message`, the way a deployment's `error` shows them. */
export function problemLines(report: CheckReport): string[] {
  return [...report.parse.problems, ...report.load.problems, ...(report.tests?.problems ?? [])].map(
    (problem) => `${problem.path}${problem.line !== undefined ? `:${problem.line}${problem.column !== undefined ? `:${problem.column}` : ''}` : ''}: ${problem.message}`,
  );
}

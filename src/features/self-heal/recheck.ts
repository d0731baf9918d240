/** GPRE's Re-check: the errors code shows when parsed, imported in a sandbox with its project, and tested by the project's tests that import it. */
import { findStaticErrors } from '../../engine/offline/fixers';
import type { CodeError, FixLanguage } from '../../engine/offline/fixers/types';
import { htmlProblems, referenceExists } from '../../checks/html';
import { uuidv7 } from '../../lib/ids';
import { runTests, transpileTypeScript } from '../../sandbox';
import type { AppFiles, SuiteResult } from '../../sandbox';

/** Each test case of a re-check gets this long, and each test module this long for all its cases: a fix is answered while the client waits. */
export const RECHECK_CASE_TIME_LIMIT_MS = 2_000;
export const RECHECK_SUITE_TIME_LIMIT_MS = 10_000;

/** Where the module that imports the code under check sits; under tests/, as the runner expects. */
const LOAD_TEST_PATH = 'tests/self-heal-load.test.js';

/** An error a re-check found, with what it is matched by. */
export interface Finding extends CodeError {
  /** Parsing, importing in the sandbox, or one of the project's tests. */
  stage: 'parse' | 'load' | 'test';
  /** The message without its error class and location, for telling one error from another. */
  key: string;
  /** The test case that failed, for a test's finding. */
  test: string | null;
}

export interface Recheck {
  findings: Finding[];
  /** The sandbox imported the code and every test that imports it passed: the code ran, and nothing failed. */
  verified: boolean;
  /** How many of the project's test cases ran, when the code was imported. */
  testsRun: number;
  /** Why the code was not run, when it was not. */
  notRun: string | null;
}

/** What the code is checked as: its language, where it sits, the project around it and the tests that import it. */
export interface CheckSubject {
  language: FixLanguage;
  /** The file's project path; null for a snippet, which is checked as a file at the project's root. */
  path: string | null;
  /** The project's files as `projectModules` gives them. */
  project: AppFiles;
  /** The project's stored test modules that import the file, path (`tests/…`) to source. */
  tests: AppFiles;
  /** Paths that exist, or will, beyond `project` (a plan's later steps): a page may refer to them. */
  otherPaths?: string[];
}

/**
 * The message of an error as it is compared: no `SyntaxError: ` in front, no `(file:line:column)`
 * or `(line:column)` behind.
 *
 * @example errorKey('ReferenceError: todoz is not defined (src/lib/todos.js:4:10)') // 'todoz is not defined'
 */
export function errorKey(message: string): string {
  return message
    .trim()
    .replace(/^(?:Uncaught )?[A-Z]\w*Error: /, '')
    .replace(/ \((?:[^()\s]+:)?\d+:\d+\)$/, '')
    .trim();
}

/**
 * The file the sandbox loads for the subject: its own path (a TypeScript file as the `.js` its
 * importers name), or a root-level file for a snippet, so that relative imports of project files
 * resolve as they would from the project's root.
 */
export function modulePathOf(subject: Pick<CheckSubject, 'language' | 'path'>): string {
  if (subject.path === null) return subject.language === 'json' ? 'self-heal-snippet.json' : 'self-heal-snippet.js';
  return subject.language === 'typescript' ? subject.path.replace(/\.([cm]?)ts$/, '.$1js') : subject.path;
}

/**
 * The project's files as the sandbox loads them: each TypeScript module also as the JavaScript
 * its importers name (`./store.js` for `store.ts`), since the sandbox loads JavaScript only.
 *
 * @example projectModules([{ path: 'src/lib/n.ts', content: 'export const n: number = 1;' }]) // { 'src/lib/n.ts': '…', 'src/lib/n.js': 'export const n = 1;' }
 */
export function projectModules(files: { path: string; content: string }[]): AppFiles {
  const modules: AppFiles = Object.fromEntries(files.map((file) => [file.path, file.content]));
  for (const file of files) {
    const js = file.path.replace(/\.([cm]?)ts$/, '.$1js');
    if (js === file.path || js in modules) continue;
    const transpiled = transpileTypeScript(file.content, file.path);
    if (transpiled.ok) modules[js] = transpiled.code;
  }
  return modules;
}

/**
 * Checks `code` as the subject's file. It must parse (`findStaticErrors`); then JavaScript,
 * TypeScript (transpiled) and JSON are imported in a sandbox together with the project's other
 * files, and the project's tests that import the file run against it. HTML is checked as the
 * checks module checks a page (`htmlProblems`): there is nothing in it to run.
 *
 * @example const check = await recheck(env.LOADER, { language: 'javascript', path: 'src/lib/todos.js', project, tests }, fixed);
 * // { findings: [], verified: true, testsRun: 34, notRun: null }
 */
export async function recheck(loader: WorkerLoader, subject: CheckSubject, code: string): Promise<Recheck> {
  if (subject.language === 'html') return recheckPage(subject, code);
  const staticErrors = findStaticErrors(code, subject.language, subject.path);
  if (staticErrors.length > 0) {
    const findings = staticErrors.map((error): Finding => ({ ...error, stage: 'parse', key: errorKey(error.message), test: null }));
    return { findings, verified: false, testsRun: 0, notRun: 'it does not parse' };
  }

  const modulePath = modulePathOf(subject);
  const transpiled = subject.language === 'typescript' ? transpileTypeScript(code, subject.path ?? 'self-heal-snippet.ts') : null;
  const moduleCode = transpiled?.ok ? transpiled.code : code;
  const toSource = (line: number) => (transpiled?.ok ? transpiled.toSource({ line, column: 1 }).line : line);

  const app: AppFiles = { ...subject.project };
  // The file under check replaces the project's own; nothing of the project may take a test's path.
  for (const path of [subject.path, modulePath, LOAD_TEST_PATH, ...Object.keys(subject.tests)]) if (path !== null) delete app[path];
  app[modulePath] = moduleCode;
  const specifier = JSON.stringify(`../${modulePath}`);
  const importLine = subject.language === 'json' ? `import subject from ${specifier};` : `import * as subject from ${specifier};`;
  const loadTest = `${importLine}\nexport const tests = [{ name: ${JSON.stringify(`imports ${modulePath}`)}, run: async () => { void subject; } }];\n`;

  const [load, ...suites] = await runTests(loader, app, { [LOAD_TEST_PATH]: loadTest, ...subject.tests }, {
    caseTimeLimitMs: RECHECK_CASE_TIME_LIMIT_MS,
    suiteTimeLimitMs: RECHECK_SUITE_TIME_LIMIT_MS,
    // A scope of its own, so that no module-level state is shared with another run of the same code.
    scope: uuidv7(),
  });
  const browserOnly = load!.status !== 'passed' && BROWSER_ONLY.exec(load!.error ?? '');
  if (browserOnly) return { findings: [], verified: false, testsRun: 0, notRun: `it needs a browser (${browserOnly[1]} is not defined in the sandbox)` };
  if (load!.status !== 'passed') {
    const message = (load!.error ?? load!.cases[0]?.message ?? 'The code could not be imported').replace(/^It imports /, `${modulePath} imports `);
    return { findings: [runtimeFinding('load', message, modulePath, toSource)], verified: false, testsRun: 0, notRun: `it cannot be imported: ${message}` };
  }
  const findings = suites.flatMap((suite) => testFindings(suite, modulePath, toSource));
  const testsRun = suites.reduce((count, suite) => count + suite.cases.length, 0);
  return { findings, verified: findings.length === 0, testsRun, notRun: null };
}

/**
 * A page is checked as the checks module checks pages: well formed, its local references among the
 * project's files, nothing inline. Passing that is all a page can prove without a browser, so it
 * is verified.
 */
function recheckPage(subject: CheckSubject, code: string): Recheck {
  const path = subject.path ?? 'index.html';
  const exists = referenceExists(new Set([...Object.keys(subject.project), ...(subject.otherPaths ?? [])]));
  const findings = htmlProblems(code, path, exists).map(
    (problem): Finding => ({
      message: problem.message,
      ...(problem.line !== undefined ? { line: problem.line } : {}),
      ...(problem.column !== undefined ? { column: problem.column } : {}),
      stage: 'parse',
      key: errorKey(problem.message),
      test: null,
    }),
  );
  return { findings, verified: findings.length === 0, testsRun: 0, notRun: findings.length === 0 ? null : 'the page has problems' };
}

/**
 * Globals of the browser that the sandbox does not have: a front-end module that reaches for one
 * when imported is not broken, it only cannot run here.
 */
const BROWSER_ONLY = /^ReferenceError: (document|window|localStorage|sessionStorage|navigator|location|history|alert|confirm|prompt|HTMLElement|customElements|requestAnimationFrame|matchMedia|getComputedStyle|IntersectionObserver|ResizeObserver|MutationObserver) is not defined\b/;

/** An error from running code: its line when it names the file under check (lines survive instrumenting, columns may not). */
function runtimeFinding(stage: 'load' | 'test', message: string, modulePath: string, toSource: (line: number) => number, test: string | null = null): Finding {
  const location = / \(([^()\s]+):(\d+):\d+\)$/.exec(message);
  const line = location && location[1] === modulePath ? toSource(Number(location[2])) : undefined;
  const text = location && line !== undefined ? message.slice(0, location.index) : message;
  const prefix = test === null ? '' : `Test "${test}" failed: `;
  return { message: prefix + text, ...(line !== undefined ? { line } : {}), code: stage, stage, key: errorKey(message), test };
}

function testFindings(suite: SuiteResult, modulePath: string, toSource: (line: number) => number): Finding[] {
  if (suite.error) return [runtimeFinding('test', `${suite.path} did not run: ${suite.error}`, modulePath, toSource)];
  return suite.cases
    .filter((entry) => entry.status !== 'passed')
    .map((entry) => runtimeFinding('test', entry.message ?? entry.status, modulePath, toSource, entry.name));
}

/** Self-heal fixes: a request's errors through GPRE against the project's code and stored tests, each outcome recorded as an event. */
import type { Bindings, Caller } from '../../app-env';
import { importsModule, newestSuites } from '../../checks';
import type { Database } from '../../db/client';
import type { ProjectRow } from '../../db/schema';
import { OFFLINE_MODEL } from '../../engine/models';
import { explainUnfixable, explainUnsupportedLanguage, languageOf } from '../../engine/offline/fixers';
import type { CodeError, FixInput, FixLanguage } from '../../engine/offline/fixers/types';
import type { Engine } from '../../engine/types';
import type { AppFiles } from '../../sandbox';
import { readAllFiles } from '../files/service';
import { getProject } from '../projects/service';
import { eventInsert } from './events';
import { runGpre } from './gpre';
import type { GPREResult } from './gpre';
import { modulePathOf, projectModules, recheck } from './recheck';

/** The largest code a fix request takes, in UTF-8 bytes, and the most errors it lists. */
export const MAX_CODE_BYTES = 256 * 1024;
export const MAX_ERRORS = 20;

export interface FixRequest {
  projectId: string;
  code: string;
  errors: CodeError[];
  path?: string | undefined;
  language?: string | undefined;
}

/**
 * Runs each error of the request through GPRE (see `runGpre`) and records `fix.requested` and a
 * `fix.fixed` or `fix.unfixed` per error in one batch. With `path`, the code is checked in its
 * place among the project's files, and the project's stored tests that import it run against
 * each candidate. A language the fixers do not read makes every error `unfixed`, with why.
 *
 * @example await fixCode(db, env, offlineEngine, caller, { projectId, code: '{"a": 1,}', errors: [], path: 'data.json' })
 * // [{ error: { message: 'Trailing comma in JSON', … }, status: 'fixed', fixedCode: '{"a": 1}', verified: true, … }]
 */
export async function fixCode(
  db: Database,
  env: Pick<Bindings, 'FILES' | 'LOADER'>,
  engine: Engine,
  caller: Caller,
  request: FixRequest,
): Promise<GPREResult[]> {
  const project = await getProject(db, caller, request.projectId);
  const path = request.path ?? null;
  const language = languageOf(path, request.language);
  const results = language
    ? await heal(db, env, engine, project, { code: request.code, errors: request.errors, path, language })
    : unsupported(request.errors, explainUnsupportedLanguage(path, request.language));
  const [requested, ...outcomes] = fixEvents(db, project, path, results);
  await db.batch([requested, ...outcomes]);
  return results;
}

async function heal(
  db: Database,
  env: Pick<Bindings, 'FILES' | 'LOADER'>,
  engine: Engine,
  project: ProjectRow,
  request: { code: string; errors: CodeError[]; path: string | null; language: FixLanguage },
): Promise<GPREResult[]> {
  const { path, language } = request;
  const files = await readAllFiles(db, env.FILES, project.id);
  const tests = path !== null && language !== 'html' ? await storedTestsImporting(db, env.FILES, project.id, modulePathOf({ language, path })) : {};
  const subject = { language, path, project: projectModules(files), tests };
  return runGpre(
    { ...request, files: files.filter((file) => file.path !== path) },
    {
      fix: (input) => engine.fix(input),
      recheck: (code) => recheck(env.LOADER, subject, code),
      explainUnfixable: engine.model === OFFLINE_MODEL ? explainUnfixable : (input: FixInput) => `The model ${engine.model} proposed no fix for "${input.error.message}".`,
    },
  );
}

/**
 * The test modules of the project's newest suite per target whose code imports `modulePath`,
 * keyed by the path the test-runs consumer runs them at.
 */
async function storedTestsImporting(db: Database, bucket: R2Bucket, projectId: string, modulePath: string): Promise<AppFiles> {
  const suites = await newestSuites({ db, bucket }, projectId);
  return Object.fromEntries(suites.filter((suite) => importsModule(suite.source, suite.path, modulePath)).map((suite) => [suite.path, suite.source]));
}

/** Every error unfixed for one reason; with none given, one result says that none could be looked for. */
function unsupported(errors: CodeError[], explanation: string): GPREResult[] {
  const listed = errors.length > 0 ? errors : [{ message: 'No errors were given, and they cannot be looked for in this language.', code: 'unsupported-language' }];
  return listed.map((error) => ({ error, status: 'unfixed', fixedCode: null, patch: null, explanation, attempts: 0, verified: false }));
}

const clip = (text: string, length = 200) => (text.length > length ? `${text.slice(0, length - 1)}…` : text);

function fixEvents(db: Database, project: ProjectRow, path: string | null, results: GPREResult[]) {
  const scope = { organisationId: project.organisationId, projectId: project.id };
  const where = path ?? 'a snippet';
  const fixed = results.filter((result) => result.status === 'fixed').length;
  return [
    eventInsert(db, {
      ...scope,
      type: 'fix.requested',
      severity: 'info',
      message: `Fix of ${where}: ${results.length} error${results.length === 1 ? '' : 's'}, ${fixed} fixed.`,
    }),
    ...results.map((result) => {
      const error = `"${clip(result.error.message, 120)}"${result.error.line ? ` (line ${result.error.line})` : ''}`;
      return result.status === 'fixed'
        ? eventInsert(db, { ...scope, type: 'fix.fixed', severity: 'info', message: `Fixed ${error} in ${where}${result.verified ? ', verified' : ''}.` })
        : eventInsert(db, { ...scope, type: 'fix.unfixed', severity: 'warning', message: clip(`Could not fix ${error} in ${where}: ${result.explanation}`, 400) });
    }),
  ] as const;
}

/**
 * GPRE, the loop each error of a fix request goes through: Generate a candidate (the engine),
 * Patch it in (a unified diff is kept), Re-check the patched code, Evaluate (the error is gone and
 * no new one appeared). A rejected candidate goes back to the engine with the reason.
 */
import type { CodeError, FixCandidate, FixInput, FixLanguage } from '../../engine/offline/fixers/types';
import { lineMapping, unifiedDiff } from './diff';
import { errorKey } from './recheck';
import type { Finding, Recheck } from './recheck';

/** Candidates tried per error before it is given up as unfixed. */
export const MAX_FIX_ATTEMPTS = 3;

/** DESIGN.md section 7. */
export interface GPREResult {
  error: CodeError;
  status: 'fixed' | 'unfixed';
  /** The whole code with this fix and every earlier one; null when unfixed. */
  fixedCode: string | null;
  /** This fix alone: a unified diff from the code as fixed before it. */
  patch: string | null;
  explanation: string;
  /** Candidates re-checked for this error. */
  attempts: number;
  verified: boolean;
}

export interface GpreRequest {
  code: string;
  language: FixLanguage;
  path: string | null;
  /** The errors to fix, positions in `code`; empty to find them. */
  errors: CodeError[];
  /** The project's other files, for the engine. */
  files: { path: string; content: string }[];
}

export interface GpreSteps {
  /** Generate: the engine's candidate, or null when it has none. */
  fix(input: FixInput): Promise<FixCandidate | null>;
  /** Re-check: what the code shows when parsed, run and tested. */
  recheck(code: string): Promise<Recheck>;
  /** Why the engine had no candidate at all. */
  explainUnfixable(input: FixInput): string;
}

type LineMap = (line: number) => { from: number; to: number };

/** The code at one point of the loop, with its re-check. */
interface State {
  code: string;
  check: Recheck;
}

const STAGE_ORDER = { parse: 0, load: 1, test: 2 } as const;

/**
 * Runs every error through GPRE, in order; each starts from the code as fixed so far. With no
 * errors given, the errors are found first: what does not parse, else what stops the code from
 * being imported.
 *
 * @example await runGpre({ code: 'const a = [1, 2;', language: 'javascript', path: null, errors: [], files: [] }, steps)
 * // [{ error: { message: 'Unexpected token', line: 1, … }, status: 'fixed', fixedCode: 'const a = [1, 2];', verified: true, … }]
 */
export async function runGpre(request: GpreRequest, steps: GpreSteps): Promise<GPREResult[]> {
  const original = request.code;
  let state: State = { code: original, check: await steps.recheck(original) };
  const errors = request.errors.length > 0 ? request.errors : state.check.findings.filter((finding) => finding.stage !== 'test').map(asCodeError);
  const results: GPREResult[] = [];
  for (const [index, error] of errors.entries()) {
    // Errors still to come, and earlier ones left unfixed, are known to be there: not new.
    const others = errors.filter((_, other) => other > index || (other < index && results[other]!.status === 'unfixed'));
    const outcome = await healOne(request, steps, original, state, error, others);
    results.push(outcome.result);
    if (outcome.state) state = outcome.state;
  }
  return results;
}

async function healOne(
  request: GpreRequest,
  steps: GpreSteps,
  original: string,
  before: State,
  target: CodeError,
  others: CodeError[],
): Promise<{ result: GPREResult; state: State | null }> {
  const toCurrent = lineMapping(original, before.code);
  // What in the re-check is this error: the same message where it was; failing that (a linter's
  // words are not the parser's), what broke on its line and is not another requested error.
  const same = before.check.findings.filter((finding) => matchesTarget(target, finding, toCurrent));
  const evidence =
    same.length > 0
      ? same
      : before.check.findings.filter((finding) => onLine(target, finding, toCurrent) && !others.some((other) => matchesTarget(other, finding, toCurrent)));
  const attempts: FixInput['attempts'] = [];
  let last: FixCandidate | null = null;
  const input = (): FixInput => ({
    code: before.code,
    language: request.language,
    path: request.path,
    error: target,
    files: request.files,
    attempts: [...attempts],
  });
  while (attempts.length < MAX_FIX_ATTEMPTS) {
    const candidate = await steps.fix(input());
    if (!candidate) break;
    last = candidate;
    if (candidate.code === before.code || attempts.some((attempt) => attempt.code === candidate.code)) {
      attempts.push({ code: candidate.code, reason: candidate.code === before.code ? 'it changes nothing' : 'it was already tried and rejected' });
      continue;
    }
    const after: State = { code: candidate.code, check: await steps.recheck(candidate.code) };
    const rejection = evaluate(original, before, after, target, evidence, others);
    if (rejection === null) {
      const explanation = [candidate.explanation, verification(after.check, request.path, request.language)];
      if (evidence.length === 0) explanation.push('The re-check did not show this error before the fix, so it shows that the fixed code passes, not that this error is what it fixed.');
      return {
        result: {
          error: target,
          status: 'fixed',
          fixedCode: candidate.code,
          patch: unifiedDiff(request.path ?? snippetName(request.language), before.code, candidate.code),
          explanation: explanation.join(' '),
          attempts: attempts.length + 1,
          verified: after.check.verified,
        },
        state: after,
      };
    }
    attempts.push({ code: candidate.code, reason: rejection });
  }
  const explanation =
    attempts.length === 0
      ? steps.explainUnfixable(input())
      : attempts.length === 1
        ? `The one candidate fix (${last!.explanation.replace(/\.$/, '')}) failed the re-check: ${attempts[0]!.reason}.`
        : `All ${attempts.length} candidate fixes failed the re-check; the last (${last!.explanation.replace(/\.$/, '')}) because ${attempts.at(-1)!.reason}.`;
  return { result: { error: target, status: 'unfixed', fixedCode: null, patch: null, explanation, attempts: attempts.length, verified: false }, state: null };
}

/** Why the candidate is rejected, or null when the error is gone and nothing new appeared. */
function evaluate(original: string, before: State, after: State, target: CodeError, evidence: Finding[], others: CodeError[]): string | null {
  const fromCurrent = lineMapping(before.code, after.code);
  const fromOriginal = lineMapping(original, after.code);
  const still = after.check.findings.find(
    (finding) => matchesTarget(target, finding, fromOriginal) || evidence.some((known) => sameFinding(known, finding, fromCurrent)),
  );
  if (still) return `the error is still there: ${describe(still)}`;
  const fresh = after.check.findings.filter(
    (finding) =>
      !before.check.findings.some((known) => sameFinding(known, finding, fromCurrent)) &&
      !others.some((other) => matchesTarget(other, finding, fromOriginal)),
  );
  if (fresh.length === 0) return null;
  const first = fresh[0]!;
  const count = fresh.length === 1 ? 'a new error' : `${fresh.length} new errors, the first`;
  // The code before may have stopped short of where this error shows: a parser stops at its first error, a module that does not import runs no test.
  const reach = Math.min(...before.check.findings.map((finding) => STAGE_ORDER[finding.stage]), STAGE_ORDER.test);
  const hidden = STAGE_ORDER[first.stage] > reach || (first.stage === 'parse' && reach === STAGE_ORDER.parse);
  return `it brings ${count}: ${describe(first)}${hidden ? ' (if it failed before, hidden behind this error, send it in `errors` too)' : ''}`;
}

const linesAgree = (line: number | undefined, other: number | undefined, map: LineMap) => {
  if (line === undefined || other === undefined) return true;
  const { from, to } = map(line);
  return other >= from && other <= to;
};

/** A requested error is this finding: the same message, where the error was. */
function matchesTarget(target: CodeError, finding: Finding, map: LineMap): boolean {
  return errorKey(target.message) === finding.key && linesAgree(target.line, finding.line, map);
}

/** A finding on the requested error's line, whatever its wording (a linter's and the parser's messages differ). */
function onLine(target: CodeError, finding: Finding, map: LineMap): boolean {
  return target.line !== undefined && finding.line !== undefined && linesAgree(target.line, finding.line, map);
}

/** The same finding before and after a change: the same message, in the same test, on the line it moved to. */
function sameFinding(before: Finding, after: Finding, map: LineMap): boolean {
  return before.key === after.key && before.test === after.test && linesAgree(before.line, after.line, map);
}

function describe(finding: Finding): string {
  return finding.line === undefined ? finding.message : `${finding.message} (line ${finding.line})`;
}

/** What the re-check of an accepted fix proved, in a sentence. */
function verification(check: Recheck, path: string | null, language: FixLanguage): string {
  if (check.verified && language === 'html') return "Verified: the page is well formed, every local file it refers to exists, and nothing in it is inline for the site's CSP to block.";
  if (check.verified) {
    const tests = check.testsRun > 0 ? `, and the project's ${check.testsRun} test cases that import ${path} pass` : path ? `; no stored test imports ${path}` : '';
    return `Verified: it parses and imports in a sandbox${tests}.`;
  }
  const [remaining] = check.findings;
  if (remaining) return `Not verified: the code still shows ${check.findings.length === 1 ? 'another error' : `${check.findings.length} other errors`} (${describe(remaining)}), so it could not be run clean.`;
  return `Checked by parsing; not run: ${check.notRun ?? 'nothing to run'}.`;
}

function asCodeError(finding: Finding): CodeError {
  return {
    message: finding.message,
    ...(finding.line !== undefined ? { line: finding.line } : {}),
    ...(finding.column !== undefined ? { column: finding.column } : {}),
    ...(finding.code !== undefined ? { code: finding.code } : {}),
  };
}

const SNIPPET_EXTENSIONS: Record<FixLanguage, string> = { javascript: 'js', typescript: 'ts', json: 'json', html: 'html' };

/** The file name a snippet's patch shows. */
function snippetName(language: FixLanguage): string {
  return `snippet.${SNIPPET_EXTENSIONS[language]}`;
}

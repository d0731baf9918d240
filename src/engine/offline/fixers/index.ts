/** The offline engine's code fixers: a file's static errors, a candidate fix for one error from deterministic rules, and why there is none. */
import { fixAwaitOutsideAsync } from './await-outside-async';
import { fixConstAssignment } from './const-assignment';
import { misspellingLimit } from './edit-distance';
import { readProgram } from './js-program';
import { fixJsonSyntax } from './json-syntax';
import { constAssignmentOf, isAwaitOutsideAsync, isSyntaxError, undefinedNameOf } from './messages';
import { fixMisspeltIdentifier } from './misspelt-identifier';
import { fixMissingImport } from './missing-import';
import { distinct, rankBy } from './repair';
import { analyseScopes } from './scope';
import { findStaticErrors } from './static-errors';
import type { CodeError, FixCandidate, FixInput } from './types';
import { fixUnclosedBrackets } from './unclosed-brackets';
import { fixUnclosedHtml } from './unclosed-html';

export { explainUnsupportedLanguage, languageOf } from './language';
export { findStaticErrors } from './static-errors';
export type { CodeError, FixCandidate, FixInput, FixLanguage } from './types';

type Rule = (input: FixInput) => FixCandidate[];

type ErrorKind = 'undefined-name' | 'const-assignment' | 'syntax' | 'other';

/**
 * The next candidate fix for `input.error`, or null when no rule has one left. Rules are chosen
 * by what the error says (an undeclared name: import it, else correct its spelling; an assignment
 * to a const; a syntax error: close what is open, make a function async; JSON and HTML: their own
 * rules), candidates that leave no static error come first, and none equals the code or an
 * earlier attempt. A candidate is only a guess until the caller's re-check passes.
 *
 * @example proposeFix({ code: 'const todos = [];\ntodoz.push(1);\n', language: 'javascript', path: 'src/a.js', error: { message: 'ReferenceError: todoz is not defined' }, files: [], attempts: [] })
 * // { code: 'const todos = [];\ntodos.push(1);\n', explanation: 'Replaced `todoz`, …', rule: 'misspelt-identifier' }
 */
export function proposeFix(input: FixInput): FixCandidate | null {
  const tried = new Set([input.code, ...input.attempts.map((attempt) => attempt.code)]);
  return candidatesFor(input).find((candidate) => !tried.has(candidate.code)) ?? null;
}

/**
 * Why `proposeFix` has nothing for `input`, in a sentence for the user: every candidate was
 * tried, or what the rules looked for and did not find.
 *
 * @example explainUnfixable({ ...input, error: { message: 'TypeError: x.map is not a function' } })
 * // 'No offline rule for "TypeError: x.map is not a function". The offline rules fix …'
 */
export function explainUnfixable(input: FixInput): string {
  const candidates = candidatesFor(input);
  const error = described(input.error);
  if (candidates.length > 0) {
    const last = input.attempts.at(-1);
    const count = candidates.length === 1 ? 'The one offline candidate' : `All ${candidates.length} offline candidates`;
    return `${count} for ${error} ${candidates.length === 1 ? 'was' : 'were'} tried and rejected${last ? `; the last because ${last.reason}` : ''}.`;
  }
  switch (kindOf(input)) {
    case 'undefined-name': {
      const name = undefinedNameOf(input.error.message) ?? '';
      const read = input.language === 'javascript' || input.language === 'typescript' ? readProgram(input.code, input.language, input.path) : null;
      if (!read) return `The code does not parse, so \`${name}\` cannot be looked up in its scopes: fix its syntax error first.`;
      const undeclared = analyseScopes(read.program).references.some((reference) => !reference.binding && reference.identifier.name === name);
      if (!undeclared) return `\`${name}\` is declared wherever this code uses it, so the error comes from elsewhere (another module, or a test).`;
      const limit = misspellingLimit(name);
      const near = limit === 0 ? 'it is too short to be read as a misspelling' : `no name in its scope is within ${limit === 1 ? '1 edit' : `${limit} edits`} of it`;
      return `\`${name}\` is not declared where it is used, ${near}, and no other project file exports it.`;
    }
    case 'const-assignment':
      return `No assignment to a \`const\` was found in the code, so ${error} cannot be traced to a declaration.`;
    case 'syntax':
      return `No offline rule for ${error}: ${SYNTAX_RULES[input.language]}`;
    case 'other':
      return `No offline rule for ${error}. The offline rules fix syntax errors, undeclared names (misspelt or not imported), \`await\` outside an async function and assignments to a \`const\`.`;
  }
}

/** What the syntax rules of each language look for, said when none found anything. */
const SYNTAX_RULES = {
  javascript: 'brackets, strings, template literals and comments all close, and no `await` is outside an async function.',
  typescript: 'brackets, strings, template literals and comments all close, and no `await` is outside an async function.',
  json: 'no trailing comma, single quote, bare key, comment, missing comma or unclosed bracket was found.',
  html: 'no element is left open and no end tag closes nothing.',
} as const;

function kindOf(input: FixInput): ErrorKind {
  const message = input.error.message;
  if (input.language === 'json' || input.language === 'html') return 'syntax';
  if (undefinedNameOf(message)) return 'undefined-name';
  if (constAssignmentOf(message)) return 'const-assignment';
  if (isAwaitOutsideAsync(message) || isSyntaxError(message)) return 'syntax';
  return findStaticErrors(input.code, input.language, input.path).length > 0 ? 'syntax' : 'other';
}

function rulesFor(input: FixInput, kind: ErrorKind): Rule[] {
  switch (kind) {
    case 'undefined-name':
      // An exact name another file exports beats a near one declared here.
      return [fixMissingImport, fixMisspeltIdentifier];
    case 'const-assignment':
      return [fixConstAssignment];
    case 'syntax':
      return syntaxRules(input);
    case 'other':
      return [];
  }
}

function syntaxRules(input: FixInput): Rule[] {
  switch (input.language) {
    case 'json':
      return [fixJsonSyntax, fixUnclosedBrackets];
    case 'html':
      return [fixUnclosedHtml];
    default:
      return isAwaitOutsideAsync(input.error.message) ? [fixAwaitOutsideAsync, fixUnclosedBrackets] : [fixUnclosedBrackets, fixAwaitOutsideAsync];
  }
}

/**
 * Every candidate the rules have for `input`, best first, without repeats. Each syntax rule sees
 * one kind of mistake; a file with two kinds (a trailing comma and a bracket left open) gets each
 * rule's candidate carried on by the others, and candidates that leave no static error come first.
 */
function candidatesFor(input: FixInput): FixCandidate[] {
  const kind = kindOf(input);
  const rules = rulesFor(input, kind);
  const direct = rules.flatMap((rule) => rule(input));
  const isClean = (candidate: FixCandidate) => findStaticErrors(candidate.code, input.language, input.path).length === 0;
  const composed =
    kind === 'syntax'
      ? direct
          .filter((candidate) => !isClean(candidate))
          .flatMap((first) =>
            rules.flatMap((rule) =>
              rule({ ...input, code: first.code }).map((second) => ({ code: second.code, explanation: `${first.explanation} ${second.explanation}`, rule: `${first.rule}+${second.rule}` })),
            ),
          )
      : [];
  const unique = distinct([...direct, ...composed]).filter((candidate) => candidate.code !== input.code);
  return kind === 'syntax' ? rankBy(unique, (candidate) => (isClean(candidate) ? 0 : 1)) : unique;
}

function described(error: CodeError): string {
  const at = error.line ? ` (line ${error.line}${error.column ? `, column ${error.column}` : ''})` : '';
  return `"${error.message.replace(/\.$/, '')}"${at}`;
}

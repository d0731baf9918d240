/** The errors a file shows without running it: JavaScript and TypeScript that do not parse, JSON that is not JSON, HTML whose elements do not close. */
import { readModule, transpileTypeScript } from '../../../sandbox';
import { checkHtml } from './html-check';
import type { HtmlProblem } from './html-check';
import { checkJson } from './json-check';
import { Lines } from './text';
import type { CodeError, FixLanguage } from './types';

/**
 * The static errors of `code`, in order. JavaScript and TypeScript stop at their first syntax
 * error (TypeScript's reported where it is in the TypeScript); JSON stops at its first; HTML lists
 * every element left open and every end tag that closes nothing.
 *
 * @example findStaticErrors('{"a": 1,}', 'json', 'data/a.json') // [{ message: 'Trailing comma in JSON', line: 1, column: 8, code: 'syntax' }]
 */
export function findStaticErrors(code: string, language: FixLanguage, path: string | null): CodeError[] {
  switch (language) {
    case 'javascript': {
      const read = readModule(code, path ?? 'main.js');
      return read.ok ? [] : [{ ...read.error, code: 'syntax' }];
    }
    case 'typescript':
      return typeScriptErrors(code, path ?? 'main.ts');
    case 'json': {
      const error = checkJson(code);
      return error ? [{ message: error.message, ...new Lines(code).positionAt(error.offset), code: 'syntax' }] : [];
    }
    case 'html': {
      const lines = new Lines(code);
      return checkHtml(code).map((problem) => htmlError(problem, lines));
    }
  }
}

function typeScriptErrors(code: string, path: string): CodeError[] {
  const transpiled = transpileTypeScript(code, path);
  if (!transpiled.ok) return [{ ...transpiled.error, code: 'syntax' }];
  const read = readModule(transpiled.code, path);
  if (read.ok) return [];
  const { line, column } = transpiled.toSource(read.error);
  return [{ message: read.error.message, line, column, code: 'syntax' }];
}

function htmlError(problem: HtmlProblem, lines: Lines): CodeError {
  switch (problem.kind) {
    case 'unclosed': {
      const before = problem.before ? `before </${problem.before.name}> on line ${lines.positionAt(problem.before.start).line}` : 'by the end of the document';
      return { message: `<${problem.element.name}> is not closed ${before}`, ...lines.positionAt(problem.element.start), code: 'unclosed-element' };
    }
    case 'stray':
      return { message: `</${problem.tag.name}> closes no open <${problem.tag.name}>`, ...lines.positionAt(problem.tag.start), code: 'stray-end-tag' };
    case 'unfinished':
      return {
        message: problem.what === 'comment' ? 'Comment is not closed with -->' : 'Tag is not finished with >',
        ...lines.positionAt(problem.start),
        code: 'syntax',
      };
  }
}

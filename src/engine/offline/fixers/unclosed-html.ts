/** Rule: an HTML element left open gets its end tag where the document says it ends; an end tag that closes nothing goes. */
import { checkHtml } from './html-check';
import type { HtmlProblem, StartTag } from './html-check';
import { distinct, rankBy, repairAll } from './repair';
import type { Repair } from './repair';
import { Lines } from './text';
import type { FixCandidate, FixInput } from './types';

export const RULE = 'unclosed-html';

/**
 * Closes each element `checkHtml` finds open: inline, right before the end tag that revealed it,
 * when both are on one line; at the end of its own line when its content is there; else on a new
 * line after the lines indented under it. A stray end tag is removed; an unfinished comment or
 * tag is closed at the end of its line. Every problem is repaired in one candidate.
 *
 * @example fixUnclosedHtml({ ...input, language: 'html', code: '<p>Hello <b>world</p>' })[0]?.code // '<p>Hello <b>world</b></p>'
 */
export function fixUnclosedHtml(input: FixInput): FixCandidate[] {
  if (input.language !== 'html') return [];
  const step = (code: string): Repair[] | null => {
    const problems = checkHtml(code);
    const problem = problems[0];
    if (!problem) return null;
    return rankBy(distinct(repairsFor(code, problem)), (repair) => Math.sign(checkHtml(repair.code).length - problems.length) + 1);
  };
  return repairAll(input.code, step).map((repair) => ({ code: repair.code, explanation: `${repair.notes.join('; ')}.`, rule: RULE }));
}

function repairsFor(code: string, problem: HtmlProblem): Repair[] {
  const lines = new Lines(code);
  const lineOf = (offset: number) => lines.indexAt(offset) + 1;
  const insert = (offset: number, text: string, note: string): Repair => ({ code: code.slice(0, offset) + text + code.slice(offset), notes: [note] });
  switch (problem.kind) {
    case 'stray': {
      const { tag } = problem;
      const index = lines.indexAt(tag.start);
      const alone = lines.text(index).trim() === code.slice(tag.start, tag.end);
      const start = alone ? lines.start(index) : tag.start;
      const end = alone ? Math.min(lines.end(index) + 1, code.length) : tag.end;
      return [{ code: code.slice(0, start) + code.slice(end), notes: [`Removed </${tag.name}> on line ${index + 1}, which closes no open element`] }];
    }
    case 'unfinished': {
      const end = lines.contentEnd(lines.indexAt(problem.start));
      const note = `Closed the ${problem.what} that starts on line ${lineOf(problem.start)} at the end of its line`;
      return [insert(end, problem.what === 'comment' ? ' -->' : '>', note)];
    }
    case 'unclosed':
      return closeElement(code, lines, problem.element, problem.before?.start ?? null);
  }
}

function closeElement(code: string, lines: Lines, element: StartTag, before: number | null): Repair[] {
  const endTag = `</${element.name}>`;
  const index = lines.indexAt(element.start);
  const note = (where: string) => `Closed <${element.name}> from line ${index + 1} ${where}`;
  const insert = (offset: number, text: string, where: string): Repair => ({ code: code.slice(0, offset) + text + code.slice(offset), notes: [note(where)] });
  const fits = (offset: number) => offset >= element.end && (before === null || offset <= before);

  const inline =
    before !== null
      ? insert(before, endTag, `before </${code.slice(before + 2).match(/^[^\s>]+/)?.[0] ?? ''}> on line ${lines.indexAt(before) + 1}`)
      : insert(code.trimEnd().length, (lines.startsLine(element.start) ? `\n${lines.indentation(index)}` : '') + endTag, 'at the end of the document');
  const lineEnd = lines.contentEnd(index);
  const atLineEnd = fits(lineEnd) && lineEnd > element.end ? insert(lineEnd, endTag, `at the end of line ${index + 1}`) : null;
  const body = lines.indentedBody(index);
  const bodyEnd = lines.contentEnd(body.last);
  const afterBody =
    lines.startsLine(element.start) && body.last > index && fits(bodyEnd)
      ? insert(bodyEnd, `\n${lines.indentation(index)}${endTag}`, `after line ${body.last + 1}, where its indented content ends`)
      : null;

  const order =
    before !== null && lines.indexAt(before) === index
      ? [inline, atLineEnd, afterBody]
      : lineEnd === element.end
        ? [afterBody, inline]
        : [atLineEnd, afterBody, inline];
  return order.filter((repair): repair is Repair => repair !== null);
}

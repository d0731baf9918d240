/** Whether an HTML document's elements open and close in order, read the way a browser forgives: void elements and optional end tags are fine. */

/** An element's start tag: its name as written, and where the tag runs (`<` to past `>`). */
export interface StartTag {
  name: string;
  start: number;
  end: number;
}

/** An end tag, where it runs. */
export interface EndTag {
  name: string;
  start: number;
  end: number;
}

export type HtmlProblem =
  /** An element still open when an end tag for one of its ancestors came (`before`), or at the end of the document (`before` null). */
  | { kind: 'unclosed'; element: StartTag; before: EndTag | null }
  /** An end tag with no open element of its name. */
  | { kind: 'stray'; tag: EndTag }
  /** A comment or a tag that runs to the end of the document. */
  | { kind: 'unfinished'; what: 'comment' | 'tag'; start: number };

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr', 'param', 'keygen']);

/** Elements whose end tag may be left out: the next sibling or the parent's end closes them. */
const OPTIONAL_END = new Set(['html', 'head', 'body', 'li', 'dt', 'dd', 'p', 'rt', 'rp', 'rb', 'rtc', 'optgroup', 'option', 'colgroup', 'caption', 'thead', 'tbody', 'tfoot', 'tr', 'td', 'th']);

/** Elements whose content is text up to their own end tag. */
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title']);

/** Start tags that close an open `p`. */
const CLOSES_P = new Set([
  'address', 'article', 'aside', 'blockquote', 'details', 'dialog', 'div', 'dl', 'dd', 'dt', 'fieldset', 'figcaption', 'figure', 'footer',
  'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup', 'hr', 'li', 'main', 'menu', 'nav', 'ol', 'p', 'pre', 'section', 'table', 'ul',
]);

/** For a start tag: which open elements it closes, searching down through elements with optional end tags only. */
const IMPLIED_END: Record<string, string[]> = {
  li: ['li'],
  dt: ['dt', 'dd'],
  dd: ['dt', 'dd'],
  tr: ['tr', 'td', 'th'],
  td: ['td', 'th'],
  th: ['td', 'th'],
  thead: ['thead', 'tbody', 'tfoot', 'tr', 'td', 'th', 'caption', 'colgroup'],
  tbody: ['thead', 'tbody', 'tfoot', 'tr', 'td', 'th', 'caption', 'colgroup'],
  tfoot: ['thead', 'tbody', 'tfoot', 'tr', 'td', 'th', 'caption', 'colgroup'],
  option: ['option'],
  optgroup: ['option', 'optgroup'],
};

const TAG_NAME = /[a-zA-Z][\w:.-]*/y;

/**
 * The problems of `html`, in document order. `<x />` closes any element (SVG and custom elements
 * use it). An end tag closes the nearest open element of its name; elements left open inside it
 * are problems unless their end tag is optional.
 *
 * @example checkHtml('<div><span>Hi</div>') // [{ kind: 'unclosed', element: { name: 'span', start: 5, end: 11 }, before: { name: 'div', start: 13, end: 19 } }]
 */
export function checkHtml(html: string): HtmlProblem[] {
  const problems: HtmlProblem[] = [];
  const open: StartTag[] = [];
  const nameOf = (tag: StartTag) => tag.name.toLowerCase();

  const closeImplied = (names: string[]) => {
    for (let index = open.length - 1; index >= 0; index -= 1) {
      const name = nameOf(open[index] as StartTag);
      if (names.includes(name)) {
        open.length = index;
        return;
      }
      if (!OPTIONAL_END.has(name)) return;
    }
  };

  const endTag = (tag: EndTag) => {
    const name = tag.name.toLowerCase();
    let index = open.length - 1;
    while (index >= 0 && nameOf(open[index] as StartTag) !== name) index -= 1;
    if (index < 0 || VOID.has(name)) {
      problems.push({ kind: 'stray', tag });
      return;
    }
    for (let inner = open.length - 1; inner > index; inner -= 1) {
      const element = open[inner] as StartTag;
      if (!OPTIONAL_END.has(nameOf(element))) problems.push({ kind: 'unclosed', element, before: tag });
    }
    open.length = index;
  };

  let at = 0;
  for (;;) {
    const lt = html.indexOf('<', at);
    if (lt < 0) break;
    if (html.startsWith('<!--', lt)) {
      const close = html.indexOf('-->', lt + 4);
      if (close < 0) {
        problems.push({ kind: 'unfinished', what: 'comment', start: lt });
        break;
      }
      at = close + 3;
      continue;
    }
    const closing = html[lt + 1] === '/';
    const nameStart = lt + (closing ? 2 : 1);
    TAG_NAME.lastIndex = nameStart;
    const name = TAG_NAME.exec(html)?.[0];
    // A `<` that starts no tag is text; a declaration (`<!DOCTYPE html>`) is skipped like a tag.
    if (!name && html[lt + 1] !== '!' && html[lt + 1] !== '?') {
      at = lt + 1;
      continue;
    }
    const end = tagEnd(html, nameStart + (name?.length ?? 0));
    if (end < 0) {
      problems.push({ kind: 'unfinished', what: 'tag', start: lt });
      break;
    }
    at = end;
    if (!name) continue;
    if (closing) {
      endTag({ name, start: lt, end });
      continue;
    }
    const lower = name.toLowerCase();
    const implied = IMPLIED_END[lower];
    if (implied) closeImplied(implied);
    if (CLOSES_P.has(lower)) closeImplied(['p']);
    if (VOID.has(lower) || html[end - 2] === '/') continue;
    const element = { name, start: lt, end };
    open.push(element);
    if (!RAW_TEXT.has(lower)) continue;
    const rawEnd = new RegExp(`</${lower}(?=[\\s/>])`, 'ig');
    rawEnd.lastIndex = end;
    const found = rawEnd.exec(html);
    const foundEnd = found ? tagEnd(html, found.index + found[0].length) : -1;
    if (!found || foundEnd < 0) break;
    endTag({ name: html.slice(found.index + 2, found.index + 2 + lower.length), start: found.index, end: foundEnd });
    at = foundEnd;
  }
  for (let index = open.length - 1; index >= 0; index -= 1) {
    const element = open[index] as StartTag;
    if (!OPTIONAL_END.has(nameOf(element))) problems.push({ kind: 'unclosed', element, before: null });
  }
  return problems;
}

/** The offset past the `>` that ends a tag whose attributes start at `from`, quotes respected; -1 when the document ends first. */
function tagEnd(html: string, from: number): number {
  for (let at = from; at < html.length; at += 1) {
    const char = html[at];
    if (char === '>') return at + 1;
    if (char === '"' || char === "'") {
      const close = html.indexOf(char, at + 1);
      if (close < 0) return -1;
      at = close;
    }
  }
  return -1;
}

/**
 * What a page shows before any browser opens it: elements that do not close, local files it
 * refers to that do not exist, and anything inline that the sites' CSP (`script-src 'self';
 * style-src 'self'`) would block.
 */
import { findStaticErrors } from '../engine/offline/fixers';
import { Lines } from '../engine/offline/fixers/text';
import { normalisePath } from '../sandbox';
import type { CheckProblem } from '../lib/check-report';

/** Which attribute of which element loads or links a file. */
const REFERENCES: Record<string, string[]> = {
  script: ['src'],
  link: ['href'],
  img: ['src'],
  source: ['src'],
  audio: ['src'],
  video: ['src', 'poster'],
  track: ['src'],
  iframe: ['src'],
  embed: ['src'],
  input: ['src'],
  a: ['href'],
  area: ['href'],
};

/** Script types a browser does not run (data blocks), so the CSP lets them stay inline. */
const DATA_SCRIPT = /^application\/(?:ld\+)?json$/i;

/** Elements whose content is text up to their end tag: attributes inside them are not attributes. */
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title']);

const ATTRIBUTE = /\s*([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/y;

interface Tag {
  name: string;
  start: number;
  attributes: { name: string; value: string; at: number }[];
  /** The text up to the end tag, for a raw-text element. */
  content: string;
}

/** The start tags of `html` in order, comments skipped, the content of raw-text elements kept with their tag. */
function startTags(html: string): Tag[] {
  const tags: Tag[] = [];
  let at = 0;
  for (;;) {
    const lt = html.indexOf('<', at);
    if (lt < 0) return tags;
    if (html.startsWith('<!--', lt)) {
      const close = html.indexOf('-->', lt + 4);
      if (close < 0) return tags;
      at = close + 3;
      continue;
    }
    const name = /^[a-zA-Z][\w:-]*/.exec(html.slice(lt + 1, lt + 64))?.[0];
    if (!name) {
      at = lt + 1;
      continue;
    }
    const tag: Tag = { name: name.toLowerCase(), start: lt, attributes: [], content: '' };
    let cursor = lt + 1 + name.length;
    for (;;) {
      ATTRIBUTE.lastIndex = cursor;
      const match = ATTRIBUTE.exec(html);
      if (!match || match[0].trim() === '') break;
      tag.attributes.push({ name: match[1]!.toLowerCase(), value: match[2] ?? match[3] ?? match[4] ?? '', at: cursor + match[0].indexOf(match[1]!) });
      cursor = ATTRIBUTE.lastIndex;
    }
    const end = html.indexOf('>', cursor);
    if (end < 0) return tags;
    at = end + 1;
    if (RAW_TEXT.has(tag.name)) {
      const close = html.toLowerCase().indexOf(`</${tag.name}`, at);
      tag.content = html.slice(at, close < 0 ? html.length : close);
      at = close < 0 ? html.length : close;
    }
    tags.push(tag);
  }
}

/**
 * Whether a page's reference finds something among `paths`: a file, or `api/*` when `worker.js`
 * serves it.
 *
 * @example referenceExists(new Set(['index.html', 'worker.js']))('api/entries') // true
 */
export function referenceExists(paths: ReadonlySet<string>): (path: string) => boolean {
  return (path) => paths.has(path) || (path.startsWith('api/') && paths.has('worker.js'));
}

/**
 * The project path a reference names from the page at `from`, or null when it is not a local file
 * (another origin, a `data:` URL, a fragment, an empty value).
 *
 * @example localTarget('./styles.css?v=2', 'index.html') // 'styles.css'
 * @example localTarget('/', 'blog/post.html') // 'index.html'
 * @example localTarget('https://example.com/a.js', 'index.html') // null
 */
export function localTarget(reference: string, from: string): string | null {
  const value = reference.trim();
  if (value === '' || value.startsWith('#') || value.startsWith('//') || /^[a-z][a-z\d+.-]*:/i.test(value)) return null;
  let path = value.replace(/[?#].*$/, '');
  try {
    path = decodeURIComponent(path);
  } catch {
    // A malformed escape is kept as written; it will not name a file, and is reported as missing.
  }
  const directory = from.includes('/') ? from.slice(0, from.lastIndexOf('/') + 1) : '';
  const resolved = normalisePath(path.startsWith('/') ? path : directory + path);
  return resolved === '' || path.endsWith('/') ? (resolved ? `${resolved}/index.html` : 'index.html') : resolved;
}

/**
 * The problems of the page at `path`: what does not close (as the fixers read HTML), each local
 * `src`/`href` that names no file of `exists`, and each inline script, `<style>`, `style`
 * attribute, `on*` handler and `javascript:` URL. Lines and columns count from 1.
 *
 * @example htmlProblems('<script>go()</script>\n<img src="logo.png">', 'index.html', () => false)
 * // [{ path: 'index.html', line: 1, column: 1, message: 'Inline <script>: …' }, { path: 'index.html', line: 2, column: 6, message: 'src="logo.png": there is no file logo.png' }]
 */
export function htmlProblems(html: string, path: string, exists: (path: string) => boolean): CheckProblem[] {
  const lines = new Lines(html);
  const at = (offset: number) => lines.positionAt(offset);
  const problems: CheckProblem[] = findStaticErrors(html, 'html', path).map((error) => ({
    path,
    ...(error.line !== undefined ? { line: error.line } : {}),
    ...(error.column !== undefined ? { column: error.column } : {}),
    message: error.message,
  }));
  for (const tag of startTags(html)) {
    const attribute = (name: string) => tag.attributes.find((candidate) => candidate.name === name);
    if (tag.name === 'script' && !attribute('src') && tag.content.trim() !== '' && !DATA_SCRIPT.test(attribute('type')?.value ?? '')) {
      problems.push({ path, ...at(tag.start), message: "Inline <script>: the site's CSP runs only scripts from files; move it into a .js file and load it with src" });
    }
    if (tag.name === 'style' && tag.content.trim() !== '') {
      problems.push({ path, ...at(tag.start), message: "Inline <style>: the site's CSP applies only stylesheets from files; move it into a .css file and link it" });
    }
    for (const { name, value, at: offset } of tag.attributes) {
      if (name === 'style' && value.trim() !== '') {
        problems.push({ path, ...at(offset), message: `style="…" on <${tag.name}>: the site's CSP ignores inline styles; use a class in a stylesheet` });
      } else if (/^on[a-z]+$/.test(name)) {
        problems.push({ path, ...at(offset), message: `${name}="…" on <${tag.name}>: the site's CSP blocks inline handlers; add the listener in a module with addEventListener` });
      } else if (/^\s*javascript:/i.test(value)) {
        problems.push({ path, ...at(offset), message: `${name}="javascript:…" on <${tag.name}>: the site's CSP blocks javascript: URLs` });
      }
    }
    for (const name of REFERENCES[tag.name] ?? []) {
      const reference = attribute(name);
      const target = reference ? localTarget(reference.value, path) : null;
      if (reference && target !== null && !exists(target)) {
        problems.push({ path, ...at(reference.at), message: `${name}="${reference.value}" on <${tag.name}>: there is no file ${target}` });
      }
    }
  }
  return problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
}

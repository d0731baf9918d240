/** Personalising a template's files: the `{{app.*}}` placeholders, escaped for the file they stand in. */

/** What a generated app knows of its project: shown as its brand, heading, title and tagline. */
export interface AppIdentity {
  name: string;
  tagline: string;
}

const TAGLINE_LENGTH = 160;

/**
 * The longest start of `text` that ends at a word boundary and has at most `limit` characters,
 * with no dangling punctuation: a name or tagline cut from an idea never ends mid-word.
 *
 * @example cutAtWord('A recipe box for the whole family', 20) // 'A recipe box for the'
 */
export function cutAtWord(text: string, limit: number): string {
  const clean = text.trim().replace(/\s+/g, ' ');
  if (clean.length <= limit) return clean;
  const cut = clean.slice(0, limit + 1);
  const space = cut.lastIndexOf(' ');
  const kept = space > 0 ? cut.slice(0, space) : clean.slice(0, limit);
  return kept.replace(/[\s,;:\-–—(]+$/, '');
}

/**
 * The identity a project shows: its name, and as tagline its description's first sentence (cut
 * at a word) or, without a description, the template's own line.
 *
 * @example appIdentity({ name: 'Chores', description: '' }, 'Plan the day.').tagline // 'Plan the day.'
 */
export function appIdentity(project: { name: string; description: string }, fallbackTagline: string): AppIdentity {
  const firstSentence = project.description.trim().split(/(?<=[.!?])\s|\n/, 1)[0] ?? '';
  return { name: project.name.trim(), tagline: cutAtWord(firstSentence, TAGLINE_LENGTH) || fallbackTagline };
}

const escapeHtml = (text: string) =>
  text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;').replaceAll("'", '&#39;');

/** Inside a JSON string: what `JSON.stringify` escapes, without its quotes. */
const escapeJson = (text: string) => JSON.stringify(text).slice(1, -1);

/**
 * Inside any JS string literal ('...', "..." or `...`) and inside an inline `<script>`: quotes,
 * backslashes, `${`, line breaks and `<` (so `</script>` cannot close the element) escaped.
 */
const escapeJs = (text: string) =>
  escapeJson(text)
    .replaceAll("'", "\\'")
    .replaceAll('`', '\\`')
    .replaceAll('$', '\\$')
    .replaceAll('<', '\\x3C')
    .replaceAll('\u2028', '\\u2028')
    .replaceAll('\u2029', '\\u2029');

/** Inside a CSS string ('...' or "..."): quotes, backslashes and line breaks as CSS escapes. */
const escapeCss = (text: string) => text.replace(/["'\\\n\r]/g, (char) => `\\${char.charCodeAt(0).toString(16)} `);

/** How a value is escaped in a file, by the file's extension; text files without a rule take it as it is. */
function escaperFor(path: string): (text: string) => string {
  const extension = path.slice(path.lastIndexOf('.') + 1).toLowerCase();
  if (extension === 'html' || extension === 'htm' || extension === 'svg' || extension === 'xml') return escapeHtml;
  if (extension === 'json') return escapeJson;
  if (extension === 'js' || extension === 'mjs' || extension === 'ts') return escapeJs;
  if (extension === 'css') return escapeCss;
  return (text) => text;
}

const PLACEHOLDER = /\{\{\s*app\.(name|tagline)\s*\}\}/g;

/**
 * A template file with its `{{app.name}}` and `{{app.tagline}}` placeholders replaced, each value
 * escaped for the file's kind (see src/templates/types.ts for the convention).
 *
 * @example personalise('index.html', '<h1>{{app.name}}</h1>', { name: 'Tom & Jo', tagline: '' }) // '<h1>Tom &amp; Jo</h1>'
 */
export function personalise(path: string, content: string, app: AppIdentity): string {
  const escape = escaperFor(path);
  return content.replace(PLACEHOLDER, (_match, key: 'name' | 'tagline') => escape(app[key]));
}

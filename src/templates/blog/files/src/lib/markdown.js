// A small, safe Markdown renderer: headings, paragraphs, emphasis, links, code, lists and quotes, with all HTML escaped.

const HTML_ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const SAFE_SCHEMES = ['http:', 'https:', 'mailto:'];
const PLACEHOLDER = /\u0000(\d+)\u0000/g;

/** Escapes text for HTML, e.g. escapeHtml('<b>"hi"</b>') → '&lt;b&gt;&quot;hi&quot;&lt;/b&gt;'. */
export function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (char) => HTML_ESCAPES[char]);
}

/** Returns the URL if it is relative or http(s)/mailto, else '#', e.g. safeUrl('javascript:alert(1)') → '#'. */
export function safeUrl(url) {
  const trimmed = String(url).trim();
  const scheme = /^([a-z][a-z0-9+.-]*:)/i.exec(trimmed);
  if (scheme && !SAFE_SCHEMES.includes(scheme[1].toLowerCase())) return '#';
  return trimmed;
}

function emphasize(html) {
  return html
    .replace(/\*\*(?=\S)(.+?)\*\*/g, '<strong>$1</strong>')
    .replace(/\*(?=\S)([^*]+?)\*/g, '<em>$1</em>')
    .replace(/(^|[^\w])_(?=\S)([^_]+?)_(?!\w)/g, '$1<em>$2</em>');
}

/** Renders one line of inline Markdown, e.g. renderInline('**Hi** `x`') → '<strong>Hi</strong> <code>x</code>'. */
export function renderInline(text) {
  const tokens = [];
  const stash = (html) => `\u0000${tokens.push(html) - 1}\u0000`;
  const restore = (html) => html.replace(PLACEHOLDER, (_, index) => restore(tokens[Number(index)]));
  const marked = String(text)
    .replace(/\u0000/g, '')
    .replace(/`([^`]+)`/g, (_, code) => stash(`<code>${escapeHtml(code)}</code>`))
    .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, (_, label, url) =>
      stash(`<a href="${escapeHtml(safeUrl(url))}">${emphasize(escapeHtml(label))}</a>`));
  return restore(emphasize(escapeHtml(marked)));
}

const FENCE = /^```\s*([\w-]*)\s*$/;
const HEADING = /^(#{1,6})\s+(.*?)(?:\s+#+)?\s*$/;
const BULLET = /^\s*[-*+]\s+(.*)$/;
const NUMBERED = /^\s*\d+[.)]\s+(.*)$/;
const QUOTE = /^>\s?(.*)$/;

function startsBlock(line) {
  return FENCE.test(line) || HEADING.test(line) || BULLET.test(line) || NUMBERED.test(line) || QUOTE.test(line);
}

/** Renders a Markdown document to HTML, e.g. renderMarkdown('# Hi\n\nText') → '<h1>Hi</h1>\n<p>Text</p>'. */
export function renderMarkdown(markdown) {
  const lines = String(markdown ?? '').replace(/\r\n?/g, '\n').split('\n');
  const blocks = [];
  let i = 0;
  const collect = (pattern) => {
    const items = [];
    for (let match; i < lines.length && (match = pattern.exec(lines[i])); i++) items.push(match[1]);
    return items;
  };

  while (i < lines.length) {
    const line = lines[i];
    const fence = FENCE.exec(line);
    const heading = HEADING.exec(line);
    if (!line.trim()) {
      i++;
    } else if (fence) {
      const code = [];
      for (i++; i < lines.length && !/^```\s*$/.test(lines[i]); i++) code.push(lines[i]);
      i++;
      const lang = fence[1] ? ` class="language-${fence[1]}"` : '';
      blocks.push(`<pre><code${lang}>${escapeHtml(code.join('\n'))}</code></pre>`);
    } else if (heading) {
      const level = heading[1].length;
      blocks.push(`<h${level}>${renderInline(heading[2])}</h${level}>`);
      i++;
    } else if (BULLET.test(line)) {
      blocks.push(`<ul>${collect(BULLET).map((item) => `<li>${renderInline(item)}</li>`).join('')}</ul>`);
    } else if (NUMBERED.test(line)) {
      blocks.push(`<ol>${collect(NUMBERED).map((item) => `<li>${renderInline(item)}</li>`).join('')}</ol>`);
    } else if (QUOTE.test(line)) {
      blocks.push(`<blockquote><p>${renderInline(collect(QUOTE).join(' ').trim())}</p></blockquote>`);
    } else {
      const paragraph = [];
      for (; i < lines.length && lines[i].trim() && !startsBlock(lines[i]); i++) paragraph.push(lines[i].trim());
      blocks.push(`<p>${renderInline(paragraph.join(' '))}</p>`);
    }
  }
  return blocks.join('\n');
}

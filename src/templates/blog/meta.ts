import type { TemplateMeta } from '../types';

const MD = 'src/lib/markdown.js';
const POSTS = 'src/lib/posts.js';
const alpha = { slug: 'alpha', title: 'Alpha', date: '2024-01-05', tags: ['css', 'web'], summary: 'Grid tips', body: 'Use grid for pages.' };
const beta = { slug: 'beta', title: 'Beta', date: '2024-03-01', tags: ['js'], summary: 'Modules', body: 'Import small things.' };
const gamma = { slug: 'gamma', title: 'Gamma', date: '2024-03-01', tags: ['web'], summary: 'Hosting', body: 'Ship static files.' };

export const meta: TemplateMeta = {
  id: 'blog',
  name: 'Markdown Blog',
  category: 'content',
  description:
    'A clean personal blog: posts written in Markdown and loaded from posts.json, a list with dates, reading time and tags, a post view, tag filters and search.',
  tagline: 'Short, practical notes on building for the web.',
  features: ['list-posts', 'post-view', 'filter-by-tag', 'search-posts', 'render-markdown', 'reading-time'],
  techStack: ['html', 'css', 'javascript'],
  keywords: [
    'blog', 'weblog', 'posts', 'articles', 'journal', 'diary', 'newsletter', 'writing',
    'markdown', 'publication', 'magazine', 'personal site', 'news', 'stories', 'essays',
  ],
  steps: [
    {
      title: 'Markdown renderer',
      description: 'src/lib/markdown.js escapes HTML and renders headings, paragraphs, emphasis, safe links, inline and fenced code, lists and quotes.',
      files: ['src/lib/markdown.js'],
      dependsOn: [],
      features: ['render-markdown'],
    },
    {
      title: 'Post logic and content',
      description: 'src/lib/posts.js sorts posts, counts and filters tags, searches, formats dates, estimates reading time and parses hash routes; posts.json holds the posts.',
      files: ['src/lib/posts.js', 'posts.json'],
      dependsOn: [],
      features: ['list-posts', 'filter-by-tag', 'search-posts', 'reading-time'],
    },
    {
      title: 'Page and styles',
      description: 'The page shell (header, post list with search, post view, tag sidebar), icon and readable typography.',
      files: ['index.html', 'styles.css', 'favicon.svg'],
      dependsOn: [],
      features: ['list-posts', 'post-view', 'filter-by-tag', 'search-posts'],
    },
    {
      title: 'Wire the blog',
      description: 'src/main.js fetches posts.json, routes on the location hash (#/post/<slug>, #/tag/<tag>) and renders the list, tags and posts.',
      files: ['src/main.js'],
      dependsOn: ['Markdown renderer', 'Post logic and content', 'Page and styles'],
      features: ['list-posts', 'post-view', 'filter-by-tag', 'search-posts', 'render-markdown', 'reading-time'],
    },
  ],
  logic: [
    {
      module: MD,
      export: 'escapeHtml',
      cases: [
        { name: 'escapes tags and quotes', args: ['<b>"hi"</b>'], expected: '&lt;b&gt;&quot;hi&quot;&lt;/b&gt;' },
        { name: 'escapes ampersands and apostrophes', args: ["Tom & Jerry's"], expected: 'Tom &amp; Jerry&#39;s' },
        { name: 'leaves plain text alone', args: ['plain text'], expected: 'plain text' },
        { name: 'stringifies numbers', args: [42], expected: '42' },
      ],
    },
    {
      module: MD,
      export: 'safeUrl',
      cases: [
        { name: 'keeps https links', args: ['https://example.com/a?b=1'], expected: 'https://example.com/a?b=1' },
        { name: 'keeps relative links', args: ['posts/intro.html'], expected: 'posts/intro.html' },
        { name: 'keeps mailto links', args: ['mailto:hi@example.com'], expected: 'mailto:hi@example.com' },
        { name: 'blocks javascript: in any case', args: ['JavaScript:alert(1)'], expected: '#' },
        { name: 'blocks data: after whitespace', args: ['  data:text/html,x'], expected: '#' },
      ],
    },
    {
      module: MD,
      export: 'renderInline',
      cases: [
        { name: 'bold and code', args: ['**Hi** `x`'], expected: '<strong>Hi</strong> <code>x</code>' },
        {
          name: 'bold around a link, underscore italic, snake_case untouched',
          args: ['a **bold [link](https://x.io/a?b=1&c=2)** and _it_ and snake_case_name'],
          expected: 'a <strong>bold <a href="https://x.io/a?b=1&amp;c=2">link</a></strong> and <em>it</em> and snake_case_name',
        },
        { name: 'unsafe link scheme becomes #', args: ['[click](javascript:alert)'], expected: '<a href="#">click</a>' },
        {
          name: 'escapes HTML and does not format inside code',
          args: ['`<b>*x*</b>` *yes* <i>raw</i>'],
          expected: '<code>&lt;b&gt;*x*&lt;/b&gt;</code> <em>yes</em> &lt;i&gt;raw&lt;/i&gt;',
        },
        { name: 'code inside a link label', args: ['[`api` docs](docs/api.html)'], expected: '<a href="docs/api.html"><code>api</code> docs</a>' },
        { name: 'lone asterisks stay text', args: ['2 * 3 * 4'], expected: '2 * 3 * 4' },
      ],
    },
    {
      module: MD,
      export: 'renderMarkdown',
      cases: [
        { name: 'heading and paragraph', args: ['# Hi\n\nText'], expected: '<h1>Hi</h1>\n<p>Text</p>' },
        {
          name: 'paragraph lines, lists, quote, fenced code and closed heading',
          args: ['Para one\nstill one\n\n- a\n- **b**\n\n1. x\n2) y\n\n> quote\n> more\n\n```js\nif (a < b) {}\n```\n### Sub ###'],
          expected:
            '<p>Para one still one</p>\n<ul><li>a</li><li><strong>b</strong></li></ul>\n<ol><li>x</li><li>y</li></ol>\n<blockquote><p>quote more</p></blockquote>\n<pre><code class="language-js">if (a &lt; b) {}</code></pre>\n<h3>Sub</h3>',
        },
        { name: 'raw HTML is escaped', args: ['<script>alert(1)</script>'], expected: '<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>' },
        { name: 'empty input renders nothing', args: [''], expected: '' },
        { name: 'windows line endings and a hash without space', args: ['## Title\r\n#hashtag'], expected: '<h2>Title</h2>\n<p>#hashtag</p>' },
        { name: 'unclosed fence runs to the end', args: ['```\n**raw**'], expected: '<pre><code>**raw**</code></pre>' },
      ],
    },
    {
      module: POSTS,
      export: 'readingTime',
      cases: [
        { name: 'short text is one minute', args: ['one two three'], expected: 1 },
        { name: '201 words round up to two minutes', args: ['word '.repeat(201)], expected: 2 },
        { name: 'custom reading speed', args: ['a b c d e', 2], expected: 3 },
        { name: 'empty text is still one minute', args: [''], expected: 1 },
        { name: 'punctuation is not a word', args: ['— * — * ' + 'go '.repeat(400)], expected: 2 },
        { name: 'rejects a zero speed', args: ['text', 0], throws: 'wordsPerMinute must be a positive number' },
      ],
    },
    {
      module: POSTS,
      export: 'formatDate',
      cases: [
        { name: 'formats a date', args: ['2024-03-05'], expected: 'March 5, 2024' },
        { name: 'end of year', args: ['2023-12-31'], expected: 'December 31, 2023' },
        { name: 'leap day', args: ['2024-02-29'], expected: 'February 29, 2024' },
        { name: 'ignores a time part', args: ['2024-07-04T10:00:00Z'], expected: 'July 4, 2024' },
        { name: 'rejects a day that does not exist', args: ['2023-02-29'], throws: 'Invalid date' },
        { name: 'rejects month 13', args: ['2024-13-01'], throws: 'Invalid date' },
        { name: 'rejects free text', args: ['yesterday'], throws: 'Invalid date: yesterday' },
      ],
    },
    {
      module: POSTS,
      export: 'sortPosts',
      cases: [
        { name: 'newest first, ties by title', args: [[alpha, gamma, beta]], expected: [beta, gamma, alpha] },
        { name: 'already sorted stays', args: [[beta, alpha]], expected: [beta, alpha] },
        { name: 'empty list', args: [[]], expected: [] },
      ],
    },
    {
      module: POSTS,
      export: 'collectTags',
      cases: [
        {
          name: 'counts tags, most used first',
          args: [[alpha, beta, gamma]],
          expected: [{ tag: 'web', count: 2 }, { tag: 'css', count: 1 }, { tag: 'js', count: 1 }],
        },
        { name: 'a tag repeated in one post counts once', args: [[{ tags: ['x', 'x'] }]], expected: [{ tag: 'x', count: 1 }] },
        { name: 'posts without tags', args: [[{ title: 'No tags' }]], expected: [] },
      ],
    },
    {
      module: POSTS,
      export: 'filterByTag',
      cases: [
        { name: 'keeps posts with the tag', args: [[alpha, beta, gamma], 'web'], expected: [alpha, gamma] },
        { name: 'no tag keeps everything', args: [[alpha, beta], null], expected: [alpha, beta] },
        { name: 'unknown tag gives nothing', args: [[alpha, beta], 'rust'], expected: [] },
      ],
    },
    {
      module: POSTS,
      export: 'searchPosts',
      cases: [
        { name: 'matches the summary, case-insensitive', args: [[alpha, beta, gamma], 'GRID'], expected: [alpha] },
        { name: 'every word must match', args: [[alpha, beta, gamma], 'static files'], expected: [gamma] },
        { name: 'matches tags', args: [[alpha, beta, gamma], 'web'], expected: [alpha, gamma] },
        { name: 'blank query keeps everything', args: [[alpha, beta], '  '], expected: [alpha, beta] },
        { name: 'no match', args: [[alpha, beta, gamma], 'grid modules'], expected: [] },
      ],
    },
    {
      module: POSTS,
      export: 'parseRoute',
      cases: [
        { name: 'empty hash is the list', args: [''], expected: { view: 'list', tag: null } },
        { name: 'home link', args: ['#/'], expected: { view: 'list', tag: null } },
        { name: 'post route', args: ['#/post/hello-world'], expected: { view: 'post', slug: 'hello-world' } },
        { name: 'tag route is decoded', args: ['#/tag/c%2B%2B'], expected: { view: 'list', tag: 'c++' } },
        { name: 'post without a slug is the list', args: ['#/post/'], expected: { view: 'list', tag: null } },
        { name: 'malformed escape is kept', args: ['#/post/%E0%A4%A'], expected: { view: 'post', slug: '%E0%A4%A' } },
      ],
    },
  ],
  routes: [],
  smoke: {
    description: 'search for a post, open it, then filter by one of its tags',
    steps: [
      { fill: '#search', value: 'markdown headings' },
      { expectCount: '#post-list li', count: 1 },
      { click: '#post-list a[href="#/post/writing-in-markdown"]' },
      { expectText: '#post-view h1', text: 'Writing in Markdown' },
      { click: '#post-view header a[href="#/tag/writing"]' },
      { expectText: '#list-heading', text: 'Posts tagged #writing' },
    ],
  },
};

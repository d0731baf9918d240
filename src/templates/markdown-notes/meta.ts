import { collectionMeta } from '../collection/meta';

const M = 'src/lib/config.js';
const MD = 'src/lib/markdown.js';
const T = '2024-01-01T00:00:00.000Z';
const note = (id: string, notebook: string) => ({ id, title: `Note ${id}`, notebook, body: '', tags: [], createdAt: T });

export const meta = collectionMeta({
  id: 'markdown-notes',
  name: 'Markdown Notes',
  category: 'productivity',
  description:
    'Markdown notes with tags: write notes in Markdown (headings, lists, bold, italic, code, links, quotes) rendered safely, file them in notebooks, tag them, search everything and filter by notebook or tag, kept in the browser.',
  tagline: 'Write in Markdown, find anything by tag or word.',
  features: ['markdown', 'safe-rendering', 'notebooks', 'notebook-filter'],
  keywords: [
    'notes', 'note taking', 'markdown', 'markdown notes', 'notebook', 'notepad', 'journal', 'diary', 'wiki', 'knowledge base',
    'second brain', 'obsidian', 'notion', 'evernote', 'tagged notes', 'memo',
  ],
  item: 'note',
  extraSteps: [
    {
      title: 'Markdown rendering',
      description: 'src/lib/markdown.js: escaped-first Markdown to HTML (headings, paragraphs, lists, quotes, code, bold, italic, http links).',
      files: [MD],
      dependsOn: [],
      features: ['markdown', 'safe-rendering'],
    },
  ],
  logic: [
    {
      module: M,
      export: 'validate',
      cases: [
        { name: 'a note keeps its Markdown as written', args: [{ title: ' Ideas ', notebook: 'Ideas', body: '# Big\n- one', tags: 'Later' }], expected: { title: 'Ideas', notebook: 'Ideas', body: '# Big\n- one', tags: ['later'] } },
        { name: 'rejects an unknown notebook', args: [{ title: 'x', notebook: 'Secret' }], throws: 'Notebook must be one of: Personal, Work, Ideas, Journal' },
      ],
    },
    {
      module: M,
      export: 'summarize',
      cases: [{ name: 'notes per notebook', args: [[note('1', 'Work'), note('2', 'Ideas'), note('3', 'Work')]], expected: [{ label: 'Notes', value: 3 }, { label: 'Work', value: 2 }, { label: 'Ideas', value: 1 }] }],
    },
    {
      module: MD,
      export: 'renderInline',
      cases: [
        { name: 'bold, italic and code', args: ['**a** *b* `c*d*`'], expected: '<strong>a</strong> <em>b</em> <code>c*d*</code>' },
        { name: 'http links only', args: ['[ok](https://example.com) [no](javascript:alert(1))'], expected: '<a href="https://example.com" rel="noopener noreferrer">ok</a> [no](javascript:alert(1))' },
        { name: 'HTML is shown as text', args: ['<img src=x onerror=alert(1)>'], expected: '&lt;img src=x onerror=alert(1)&gt;' },
      ],
    },
    {
      module: MD,
      export: 'renderMarkdown',
      cases: [
        { name: 'a heading and a paragraph', args: ['# Hi\n\n**bold** text'], expected: '<h1>Hi</h1>\n<p><strong>bold</strong> text</p>' },
        { name: 'bullet and numbered lists', args: ['- one\n- two\n1. first'], expected: '<ul><li>one</li><li>two</li></ul>\n<ol><li>first</li></ol>' },
        { name: 'a code block is escaped and unformatted', args: ['```\n<b>**x**</b>\n```'], expected: '<pre><code>&lt;b&gt;**x**&lt;/b&gt;</code></pre>' },
        { name: 'a quote', args: ['> Done is better than perfect.'], expected: '<blockquote>Done is better than perfect.</blockquote>' },
        { name: 'lines of a paragraph keep their breaks', args: ['one\ntwo'], expected: '<p>one<br>two</p>' },
        { name: 'nothing gives nothing', args: [''], expected: '' },
      ],
    },
  ],
  smoke: {
    description: 'write a Markdown note and see it rendered, then find it by tag',
    steps: [
      { expectCount: '#records .record', count: 2 },
      { fill: '#field-title', value: 'Shopping' },
      { fill: '#field-body', value: '# Groceries\n- **apples**\n- bread' },
      { fill: '#field-tags', value: 'errands' },
      { click: '#save' },
      { expectText: '#records .record:first-child h1', text: 'Groceries' },
      { expectText: '#records .record:first-child strong', text: 'apples' },
      { click: '#tags [data-tag="errands"]' },
      { expectCount: '#records .record', count: 1 },
    ],
  },
});

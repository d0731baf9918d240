// Markdown notes: their fields, filters, sorts, totals and example notes for the shared collection module; bodies render as Markdown.
import { totals, validateRecord } from './collection.js';
import { renderMarkdown } from './markdown.js';

const T = '2024-01-01T00:00:00.000Z';

export const CONFIG = {
  storageKey: 'markdown-notes.notes',
  item: 'note',
  items: 'notes',
  accent: '#a16207',
  titleField: 'title',
  openDetails: true,
  render: { markdown: renderMarkdown },
  fields: [
    { name: 'title', label: 'Title', type: 'text', required: true, max: 120, placeholder: 'Meeting notes' },
    { name: 'notebook', label: 'Notebook', type: 'select', options: ['Personal', 'Work', 'Ideas', 'Journal'] },
    { name: 'body', label: 'Note (Markdown)', type: 'markdown', max: 20000, rows: 8, placeholder: '# Heading\n- a list\n**bold**, *italic*, `code`, [link](https://…)' },
    { name: 'tags', label: 'Tags', type: 'tags' },
  ],
  summary: ['notebook'],
  filters: ['notebook'],
  sorts: [
    { label: 'Newest', field: 'createdAt', direction: 'desc' },
    { label: 'Title A–Z', field: 'title', direction: 'asc' },
  ],
  totals: [
    { kind: 'count', label: 'Notes' },
    { kind: 'countWhere', field: 'notebook', value: 'Work', label: 'Work' },
    { kind: 'countWhere', field: 'notebook', value: 'Ideas', label: 'Ideas' },
  ],
  seed: [
    {
      id: 'seed-1', title: 'Welcome to your notes', notebook: 'Personal',
      body: '# Welcome\nWrite in **Markdown**: headings, *emphasis*, `code` and lists.\n\n- Tag notes to group them\n- Click a tag to filter\n- Search finds words in titles, notes and tags',
      tags: ['getting-started'], createdAt: T,
    },
    {
      id: 'seed-2', title: 'Weekly planning', notebook: 'Work',
      body: '## This week\n1. Ship the landing page\n2. Review the budget\n\n> Done is better than perfect.',
      tags: ['planning'], createdAt: T,
    },
  ],
};

/** A note checked against the note fields. */
export function validate(input) {
  return validateRecord(CONFIG.fields, input);
}

/** The notes' totals. */
export function summarize(records) {
  return totals(records, CONFIG.totals);
}

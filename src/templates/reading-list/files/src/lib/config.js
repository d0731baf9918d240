// The reading list: its fields, filters, sorts, totals and example books, for the shared collection module.
import { totals, validateRecord } from './collection.js';

const T = '2024-01-01T00:00:00.000Z';

export const CONFIG = {
  storageKey: 'reading-list.books',
  item: 'book',
  items: 'books',
  accent: '#0f766e',
  titleField: 'title',
  linkField: 'link',
  fields: [
    { name: 'title', label: 'Title', type: 'text', required: true, max: 150, placeholder: 'The Left Hand of Darkness' },
    { name: 'author', label: 'Author', type: 'text', max: 100 },
    { name: 'status', label: 'Status', type: 'select', required: true, options: ['To read', 'Reading', 'Finished', 'Abandoned'] },
    { name: 'pages', label: 'Pages', type: 'number', min: 1, max: 20000, suffix: ' pages' },
    { name: 'rating', label: 'Rating', type: 'number', min: 1, max: 5, suffix: '/5' },
    { name: 'link', label: 'Link', type: 'url', placeholder: 'https://…' },
    { name: 'notes', label: 'Notes', type: 'textarea', max: 3000 },
    { name: 'tags', label: 'Tags', type: 'tags' },
  ],
  summary: ['author', 'status', 'pages', 'rating'],
  filters: ['status'],
  sorts: [
    { label: 'Newest', field: 'createdAt', direction: 'desc' },
    { label: 'Title A–Z', field: 'title', direction: 'asc' },
    { label: 'Author A–Z', field: 'author', direction: 'asc' },
    { label: 'Best rated', field: 'rating', direction: 'desc' },
  ],
  totals: [
    { kind: 'count', label: 'Books' },
    { kind: 'countWhere', field: 'status', value: 'Reading', label: 'Reading now' },
    { kind: 'countWhere', field: 'status', value: 'Finished', label: 'Finished' },
    { kind: 'average', field: 'rating', label: 'Average rating' },
  ],
  seed: [
    { id: 'seed-1', title: 'The Left Hand of Darkness', author: 'Ursula K. Le Guin', status: 'Finished', pages: 304, rating: 5, link: '', notes: 'Winter, politics and friendship.', tags: ['sci-fi', 'classic'], createdAt: T },
    { id: 'seed-2', title: 'Thinking, Fast and Slow', author: 'Daniel Kahneman', status: 'Reading', pages: 499, rating: null, link: '', notes: '', tags: ['psychology'], createdAt: T },
    { id: 'seed-3', title: 'Piranesi', author: 'Susanna Clarke', status: 'To read', pages: 272, rating: null, link: '', notes: 'Recommended by Sam.', tags: ['fantasy'], createdAt: T },
  ],
};

/** A book checked against the reading-list fields. */
export function validate(input) {
  return validateRecord(CONFIG.fields, input);
}

/** The reading list's totals for these books. */
export function summarize(records) {
  return totals(records, CONFIG.totals);
}

import { collectionMeta } from '../collection/meta';

const M = 'src/lib/config.js';
const T = '2024-01-01T00:00:00.000Z';
const book = (id: string, status: string, rating: number | null) => ({ id, title: `Book ${id}`, author: '', status, pages: 200, rating, link: '', notes: '', tags: [], createdAt: T });

export const meta = collectionMeta({
  id: 'reading-list',
  name: 'Reading List',
  category: 'content',
  description:
    'A reading list and bookmark shelf: books and articles with author, status (to read, reading, finished), pages, a 1-5 rating, a link, notes and tags; search, filter by status or tag, sort by title, author or rating, and see what you are reading, kept in the browser.',
  tagline: 'What you read, what you are reading, and what is next.',
  features: ['reading-status', 'ratings', 'links', 'status-filter'],
  keywords: [
    'reading list', 'reading', 'books', 'book list', 'book tracker', 'goodreads', 'bookshelf', 'library', 'to read', 'tbr',
    'bookmarks', 'bookmark manager', 'read later', 'articles', 'book club', 'reading log',
  ],
  item: 'book',
  logic: [
    {
      module: M,
      export: 'validate',
      cases: [
        {
          name: 'a book with its fields',
          args: [{ title: ' Dune ', author: 'Frank Herbert', status: 'Reading', pages: '412', rating: '4', link: 'https://example.com/dune', tags: 'Sci Fi' }],
          expected: { title: 'Dune', author: 'Frank Herbert', status: 'Reading', pages: 412, rating: 4, link: 'https://example.com/dune', notes: '', tags: ['sci-fi'] },
        },
        { name: 'the status is required', args: [{ title: 'Dune' }], throws: 'Status is required' },
        { name: 'rejects a rating of 6', args: [{ title: 'Dune', status: 'Finished', rating: '6' }], throws: 'Rating must be from 1 to 5' },
        { name: 'rejects a link without http', args: [{ title: 'Dune', status: 'Finished', link: 'example.com' }], throws: 'Link must start with http:// or https://' },
      ],
    },
    {
      module: M,
      export: 'summarize',
      cases: [
        {
          name: 'books, reading, finished and average rating',
          args: [[book('1', 'Finished', 5), book('2', 'Reading', null), book('3', 'Finished', 4)]],
          expected: [{ label: 'Books', value: 3 }, { label: 'Reading now', value: 1 }, { label: 'Finished', value: 2 }, { label: 'Average rating', value: 4.5 }],
        },
      ],
    },
  ],
  smoke: {
    description: 'add a book as reading and filter the list by that status',
    steps: [
      { expectCount: '#records .record', count: 3 },
      { fill: '#field-title', value: 'Dune' },
      { fill: '#field-author', value: 'Frank Herbert' },
      { select: '#field-status', value: 'Reading' },
      { click: '#save' },
      { expectCount: '#records .record', count: 4 },
      { select: '#filter-status', value: 'Reading' },
      { expectCount: '#records .record', count: 2 },
      { expectText: '#records', text: 'Dune' },
      { expectText: '#count', text: '2 of 4 books' },
    ],
  },
});

import type { TemplateMeta } from '../types';

const M = 'src/lib/board.js';
const a = { id: 'c1', title: 'Write spec' };
const b = { id: 'c2', title: 'Build API' };
const c = { id: 'c3', title: 'Ship it' };
const board = { todo: [a, b], doing: [c], done: [] };

export const meta: TemplateMeta = {
  id: 'kanban-board',
  name: 'Kanban Board',
  category: 'productivity',
  description:
    'A kanban board with To do, Doing and Done columns: add cards to any column, drag them between and within columns or move them with keyboard-friendly arrow buttons, delete them, and see the progress, kept in the browser.',
  features: ['columns', 'add-cards', 'drag-and-drop', 'keyboard-moves', 'reorder-cards', 'progress', 'persist-locally'],
  techStack: ['html', 'css', 'javascript', 'local-storage'],
  keywords: [
    'kanban', 'kanban board', 'trello', 'board', 'task board', 'scrum board', 'sprint board', 'project board', 'workflow',
    'columns', 'cards', 'drag and drop', 'project management', 'backlog', 'agile',
  ],
  steps: [
    {
      title: 'Board rules',
      description: 'Pure functions in src/lib/board.js: an empty board, adding, finding, moving, shifting and removing cards, progress and stored boards.',
      files: ['src/lib/board.js'],
      dependsOn: [],
      features: ['columns', 'add-cards', 'reorder-cards', 'progress', 'persist-locally'],
    },
    {
      title: 'Page and styles',
      description: 'The page: three columns with counts and an add field each, responsive down to one column.',
      files: ['index.html', 'styles.css', 'favicon.svg'],
      dependsOn: [],
      features: ['columns', 'add-cards'],
    },
    {
      title: 'Wire the board',
      description: 'src/main.js renders the cards, adds them, moves them by buttons or drag and drop, deletes them and saves to localStorage.',
      files: ['src/main.js'],
      dependsOn: ['Board rules', 'Page and styles'],
      features: ['add-cards', 'drag-and-drop', 'keyboard-moves', 'reorder-cards', 'progress', 'persist-locally'],
    },
  ],
  logic: [
    {
      module: M,
      export: 'emptyBoard',
      cases: [{ name: 'three empty columns', args: [], expected: { todo: [], doing: [], done: [] } }],
    },
    {
      module: M,
      export: 'addCard',
      cases: [
        { name: 'adds at the bottom of a column', args: [{ todo: [a], doing: [], done: [] }, 'todo', '  Build   API ', 'c2'], expected: { todo: [a, b], doing: [], done: [] } },
        { name: 'rejects an unknown column', args: [board, 'later', 'x', 'c9'], throws: 'Unknown column: later' },
        { name: 'rejects an empty title', args: [board, 'todo', ' ', 'c9'], throws: 'Card title is required' },
        { name: 'rejects an id in another column', args: [board, 'done', 'x', 'c3'], throws: 'Duplicate card id: c3' },
      ],
    },
    {
      module: M,
      export: 'findCard',
      cases: [
        { name: 'column and index', args: [board, 'c2'], expected: { column: 'todo', index: 1 } },
        { name: 'null when missing', args: [board, 'c9'], expected: null },
      ],
    },
    {
      module: M,
      export: 'moveCard',
      cases: [
        { name: 'to another column at a position', args: [board, 'c1', 'doing', 1], expected: { todo: [b], doing: [c, a], done: [] } },
        { name: 'an index past the end goes last', args: [board, 'c1', 'done', 99], expected: { todo: [b], doing: [c], done: [a] } },
        { name: 'within a column', args: [board, 'c2', 'todo', 0], expected: { todo: [b, a], doing: [c], done: [] } },
        { name: 'rejects an unknown card', args: [board, 'c9', 'done', 0], throws: 'No card c9' },
      ],
    },
    {
      module: M,
      export: 'shiftCard',
      cases: [
        { name: 'right goes to the top of the next column', args: [board, 'c2', 'right'], expected: { todo: [a], doing: [b, c], done: [] } },
        { name: 'left of the first column stays', args: [board, 'c1', 'left'], expected: board },
        { name: 'down within a column', args: [board, 'c1', 'down'], expected: { todo: [b, a], doing: [c], done: [] } },
        { name: 'up at the top stays', args: [board, 'c1', 'up'], expected: board },
        { name: 'rejects an unknown direction', args: [board, 'c1', 'sideways'], throws: 'Unknown direction: sideways' },
      ],
    },
    {
      module: M,
      export: 'removeCard',
      cases: [{ name: 'removes from its column', args: [board, 'c3'], expected: { todo: [a, b], doing: [], done: [] } }],
    },
    {
      module: M,
      export: 'progress',
      cases: [
        { name: 'share done', args: [{ todo: [a], doing: [b], done: [c] }], expected: { total: 3, done: 1, percent: 33 } },
        { name: 'an empty board', args: [{ todo: [], doing: [], done: [] }], expected: { total: 0, done: 0, percent: 0 } },
      ],
    },
    {
      module: M,
      export: 'parseBoard',
      cases: [
        { name: 'restores a board', args: [JSON.stringify(board)], expected: board },
        { name: 'drops malformed and repeated cards', args: ['{"todo":[{"id":"c1","title":"Write spec"},{"id":"c1","title":"again"}],"doing":[{"id":2}],"done":"x"}'], expected: { todo: [a], doing: [], done: [] } },
        { name: 'nothing stored is an empty board', args: [null], expected: { todo: [], doing: [], done: [] } },
      ],
    },
  ],
  routes: [],
  smoke: {
    description: 'add a card to To do and move it to Doing',
    steps: [
      { fill: '#new-todo', value: 'Write the README' },
      { press: '#new-todo', key: 'Enter' },
      { expectCount: '#col-todo .card', count: 1 },
      { click: '#col-todo .card [data-move="right"]' },
      { expectCount: '#col-doing .card', count: 1 },
      { expectText: '#col-doing', text: 'Write the README' },
      { expectText: '#count-doing', text: '1' },
      { expectText: '#progress', text: '0 of 1 done' },
    ],
  },
};

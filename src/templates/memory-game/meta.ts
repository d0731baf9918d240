import type { TemplateMeta } from '../types';

const M = 'src/lib/memory.js';
const A = '🍎';
const L = '🍋';
const cards = [A, L, A, L];
const game = { cards, open: [], matched: [], moves: 0 };

export const meta: TemplateMeta = {
  id: 'memory-game',
  name: 'Memory Game',
  category: 'utility',
  description:
    'A memory (concentration) card game: flip two cards at a time to find the matching pairs on a 6, 8 or 12-pair board, with a move counter, a timer, star rating and your best score per board kept in the browser.',
  features: ['shuffled-deal', 'flip-cards', 'match-pairs', 'move-counter', 'timer', 'board-sizes', 'best-scores'],
  techStack: ['html', 'css', 'javascript', 'local-storage'],
  keywords: [
    'memory game', 'memory', 'concentration', 'matching game', 'match pairs', 'pairs', 'card game', 'flip cards', 'brain game',
    'puzzle game', 'kids game', 'memory match', 'small game', 'game',
  ],
  steps: [
    {
      title: 'Game rules',
      description: 'Pure functions in src/lib/memory.js: a seeded deal, flipping and matching, mismatches, the win, stars and best scores.',
      files: ['src/lib/memory.js'],
      dependsOn: [],
      features: ['shuffled-deal', 'flip-cards', 'match-pairs', 'move-counter', 'best-scores'],
    },
    {
      title: 'Page and styles',
      description: 'The page: board size, moves, pairs, time and best, and a responsive grid of cards.',
      files: ['index.html', 'styles.css', 'favicon.svg'],
      dependsOn: [],
      features: ['board-sizes', 'move-counter', 'timer'],
    },
    {
      title: 'Play the board',
      description: 'src/main.js deals, flips cards, turns mismatches back after a moment, times the game and stores best scores.',
      files: ['src/main.js'],
      dependsOn: ['Game rules', 'Page and styles'],
      features: ['shuffled-deal', 'flip-cards', 'match-pairs', 'move-counter', 'timer', 'board-sizes', 'best-scores'],
    },
  ],
  logic: [
    {
      module: M,
      export: 'dealCards',
      cases: [
        { name: 'seed 0 keeps pairs in order', args: [2, 0], expected: [A, A, L, L] },
        { name: 'a seed shuffles the same way every time', args: [3, 5], expected: ['🍇', '🍇', L, A, L, A] },
        { name: 'rejects one pair', args: [1, 0], throws: 'Pairs must be 2-12' },
      ],
    },
    {
      module: M,
      export: 'newGame',
      cases: [{ name: 'nothing open or found', args: [cards], expected: game }],
    },
    {
      module: M,
      export: 'flipCard',
      cases: [
        { name: 'the first card opens', args: [game, 0], expected: { ...game, open: [0] } },
        { name: 'a match is kept and counts a move', args: [{ ...game, open: [0] }, 2], expected: { ...game, matched: [0, 2], moves: 1 } },
        { name: 'a mismatch stays open and counts a move', args: [{ ...game, open: [0] }, 1], expected: { ...game, open: [0, 1], moves: 1 } },
        { name: 'a third card turns a mismatch back', args: [{ ...game, open: [0, 1], moves: 1 }, 3], expected: { ...game, open: [3], moves: 1 } },
        { name: 'an open card cannot be flipped again', args: [{ ...game, open: [0] }, 0], expected: { ...game, open: [0] } },
        { name: 'a matched card stays', args: [{ ...game, matched: [0, 2], moves: 1 }, 2], expected: { ...game, matched: [0, 2], moves: 1 } },
        { name: 'rejects a card off the board', args: [game, 4], throws: 'No such card' },
      ],
    },
    {
      module: M,
      export: 'hideMismatch',
      cases: [
        { name: 'turns a mismatch back', args: [{ ...game, open: [0, 1], moves: 1 }], expected: { ...game, moves: 1 } },
        { name: 'a single open card stays', args: [{ ...game, open: [0] }], expected: { ...game, open: [0] } },
      ],
    },
    {
      module: M,
      export: 'isWon',
      cases: [
        { name: 'all matched', args: [{ ...game, matched: [0, 1, 2, 3] }], expected: true },
        { name: 'some left', args: [{ ...game, matched: [0, 2] }], expected: false },
      ],
    },
    {
      module: M,
      export: 'stars',
      cases: [
        { name: 'three for a sharp game', args: [12, 8], expected: 3 },
        { name: 'two', args: [20, 8], expected: 2 },
        { name: 'one', args: [21, 8], expected: 1 },
      ],
    },
    {
      module: M,
      export: 'recordBest',
      cases: [
        { name: 'a first record', args: [{}, 8, 14], expected: { 8: 14 } },
        { name: 'fewer moves beat it', args: [{ 8: 14, 6: 9 }, 8, 12], expected: { 8: 12, 6: 9 } },
        { name: 'more moves do not', args: [{ 8: 14 }, 8, 15], expected: { 8: 14 } },
      ],
    },
  ],
  routes: [],
  smoke: {
    description: 'flip two cards and see one move counted',
    steps: [
      { expectCount: '#board .card', count: 16 },
      { click: '#board [data-index="0"]' },
      { expectCount: '#board .card.is-up', count: 1 },
      { click: '#board [data-index="1"]' },
      { expectText: '#moves', text: '1' },
      { select: '#size', value: '6' },
      { expectCount: '#board .card', count: 12 },
      { expectText: '#moves', text: '0' },
    ],
  },
};

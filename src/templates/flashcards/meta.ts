import type { TemplateMeta } from '../types';

const M = 'src/lib/cards.js';
const chat = { id: 'c1', front: 'chat', back: 'cat', box: 1, due: '2024-05-03' };
const chien = { id: 'c2', front: 'chien', back: 'dog', box: 3, due: '2024-05-01' };
const pain = { id: 'c3', front: 'pain', back: 'bread', box: 2, due: '2024-05-09' };

export const meta: TemplateMeta = {
  id: 'flashcards',
  name: 'Flashcards',
  category: 'productivity',
  description:
    'Flashcards with spaced repetition: add or paste cards, study the ones due today, reveal the answer and say whether you knew it; Leitner boxes space each card out (1, 2, 4, 8, 16 days) or bring it back, kept in the browser.',
  features: ['add-cards', 'bulk-import', 'study-due-cards', 'spaced-repetition', 'leitner-boxes', 'keyboard-study', 'persist-locally'],
  techStack: ['html', 'css', 'javascript', 'local-storage'],
  keywords: [
    'flashcards', 'flash cards', 'flashcard', 'spaced repetition', 'leitner', 'anki', 'memorize', 'memorise', 'vocabulary',
    'vocab', 'study cards', 'language learning', 'revision', 'learn words', 'srs', 'exam prep',
  ],
  steps: [
    {
      title: 'Card rules',
      description: 'Pure functions in src/lib/cards.js: creating and adding cards, reviews that move cards between Leitner boxes, due cards, box counts, pasted lines and stored decks.',
      files: ['src/lib/cards.js'],
      dependsOn: [],
      features: ['add-cards', 'bulk-import', 'spaced-repetition', 'leitner-boxes', 'persist-locally'],
    },
    {
      title: 'Page and styles',
      description: 'The page: a study panel with reveal and answer buttons, the five boxes, the add and paste forms and the deck.',
      files: ['index.html', 'styles.css', 'favicon.svg'],
      dependsOn: [],
      features: ['study-due-cards', 'leitner-boxes', 'add-cards', 'bulk-import'],
    },
    {
      title: 'Study session',
      description: 'src/main.js shows the due cards one at a time, records answers by click or key, adds, imports and removes cards and saves to localStorage.',
      files: ['src/main.js'],
      dependsOn: ['Card rules', 'Page and styles'],
      features: ['add-cards', 'bulk-import', 'study-due-cards', 'spaced-repetition', 'keyboard-study', 'persist-locally'],
    },
  ],
  logic: [
    {
      module: M,
      export: 'createCard',
      cases: [
        { name: 'starts in box 1, due today', args: [' chat ', 'cat', 'c1', '2024-05-03'], expected: chat },
        { name: 'rejects an empty back', args: ['chat', ' ', 'c1', '2024-05-03'], throws: 'The back of the card is required' },
        { name: 'rejects a bad day', args: ['chat', 'cat', 'c1', '03/05/2024'], throws: 'Invalid day: 03/05/2024' },
      ],
    },
    {
      module: M,
      export: 'addCard',
      cases: [
        { name: 'appends a card', args: [[chien], 'chat', 'cat', 'c1', '2024-05-03'], expected: [chien, chat] },
        { name: 'refuses a front already in the deck', args: [[chat], 'CHAT', 'kitty', 'c9', '2024-05-03'], throws: '"CHAT" is already in the deck' },
      ],
    },
    {
      module: M,
      export: 'review',
      cases: [
        { name: 'known moves up a box and waits its interval', args: [chat, true, '2024-05-03'], expected: { ...chat, box: 2, due: '2024-05-05' } },
        { name: 'known in box 3 waits 8 days in box 4', args: [chien, true, '2024-05-03'], expected: { ...chien, box: 4, due: '2024-05-11' } },
        { name: 'box 5 is the top', args: [{ ...chat, box: 5 }, true, '2024-05-03'], expected: { ...chat, box: 5, due: '2024-05-19' } },
        { name: 'missed goes back to box 1, due tomorrow', args: [chien, false, '2024-05-03'], expected: { ...chien, box: 1, due: '2024-05-04' } },
      ],
    },
    {
      module: M,
      export: 'dueCards',
      cases: [
        { name: 'due or overdue, lowest box first', args: [[chien, pain, chat], '2024-05-03'], expected: [chat, chien] },
        { name: 'nothing due', args: [[pain], '2024-05-03'], expected: [] },
      ],
    },
    {
      module: M,
      export: 'boxCounts',
      cases: [
        { name: 'counts per box', args: [[chat, chien, pain, { ...pain, id: 'c4', box: 2 }]], expected: [1, 2, 1, 0, 0] },
        { name: 'an empty deck', args: [[]], expected: [0, 0, 0, 0, 0] },
      ],
    },
    {
      module: M,
      export: 'removeCard',
      cases: [{ name: 'removes by id', args: [[chat, chien], 'c1'], expected: [chien] }],
    },
    {
      module: M,
      export: 'parseCardLines',
      cases: [
        { name: 'pipes, tabs and dashes', args: ['chat | cat\nchien\tdog\npain - bread'], expected: [{ front: 'chat', back: 'cat' }, { front: 'chien', back: 'dog' }, { front: 'pain', back: 'bread' }] },
        { name: 'skips lines without a separator', args: ['hello\n\nchat | cat\n | nothing'], expected: [{ front: 'chat', back: 'cat' }] },
        { name: 'keeps later separators in the back', args: ['x - y - z'], expected: [{ front: 'x', back: 'y - z' }] },
      ],
    },
    {
      module: M,
      export: 'parseCards',
      cases: [
        { name: 'restores a deck', args: [JSON.stringify([chat, chien])], expected: [chat, chien] },
        { name: 'drops cards in impossible boxes', args: [JSON.stringify([{ ...chat, box: 6 }, chien])], expected: [chien] },
        { name: 'broken JSON is empty', args: ['[{'], expected: [] },
      ],
    },
  ],
  routes: [],
  smoke: {
    description: 'add a card, study it, know it and see it move to box 2',
    steps: [
      { fill: '#front', value: 'Bonjour' },
      { fill: '#back', value: 'Hello' },
      { click: '#card-form button[type="submit"]' },
      { expectText: '#question', text: 'Bonjour' },
      { click: '#show' },
      { expectText: '#answer', text: 'Hello' },
      { click: '#knew' },
      { expectText: '#box-2', text: '1' },
      { expectText: '#question', text: 'All done for today' },
    ],
  },
};

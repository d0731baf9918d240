import type { TemplateMeta } from '../types';

const M = 'src/lib/game.js';
const _ = null;
const empty = [_, _, _, _, _, _, _, _, _];
const xRow = ['X', 'X', 'X', 'O', 'O', _, _, _, _];
const full = ['X', 'O', 'X', 'X', 'O', 'O', 'O', 'X', 'X'];

export const meta: TemplateMeta = {
  id: 'tic-tac-toe',
  name: 'Tic-tac-toe',
  category: 'utility',
  description:
    'Tic-tac-toe for two players on one device, or against a computer that never loses: click or use the arrow keys to mark a cell, see the winning line or the draw, and keep the score between visits.',
  features: ['two-players', 'win-detection', 'draw-detection', 'computer-opponent', 'score-tally', 'keyboard-play', 'persist-locally'],
  techStack: ['html', 'css', 'javascript', 'local-storage'],
  keywords: [
    'tic tac toe', 'tic-tac-toe', 'tictactoe', 'noughts and crosses', 'x and o', 'xo', 'three in a row', 'board game',
    'two player game', 'multiplayer game', 'pass and play', 'game', 'grid game', 'play against computer',
  ],
  steps: [
    {
      title: 'Game rules',
      description: 'Pure functions in src/lib/game.js: new game, moves, wins and draws, the status line, a minimax computer player and the score tally.',
      files: ['src/lib/game.js'],
      dependsOn: [],
      features: ['two-players', 'win-detection', 'draw-detection', 'computer-opponent', 'score-tally'],
    },
    {
      title: 'Board page and styles',
      description: 'The page: opponent choice, status line, a 3×3 board of buttons and the score, styled for light and dark.',
      files: ['index.html', 'styles.css', 'favicon.svg'],
      dependsOn: [],
      features: ['two-players', 'score-tally'],
    },
    {
      title: 'Play on the board',
      description: 'src/main.js renders the board, handles clicks and arrow keys, lets the computer answer and saves the score to localStorage.',
      files: ['src/main.js'],
      dependsOn: ['Game rules', 'Board page and styles'],
      features: ['two-players', 'computer-opponent', 'keyboard-play', 'score-tally', 'persist-locally'],
    },
  ],
  logic: [
    {
      module: M,
      export: 'newGame',
      cases: [
        { name: 'an empty board with X to move', args: [], expected: { board: empty, next: 'X' } },
        { name: 'O may start', args: ['O'], expected: { board: empty, next: 'O' } },
        { name: 'rejects another player', args: ['Z'], throws: 'Unknown player: Z' },
      ],
    },
    {
      module: M,
      export: 'play',
      cases: [
        { name: 'marks the cell for the player to move', args: [{ board: empty, next: 'X' }, 4], expected: { board: [_, _, _, _, 'X', _, _, _, _], next: 'O' } },
        { name: 'then O moves', args: [{ board: [_, _, _, _, 'X', _, _, _, _], next: 'O' }, 0], expected: { board: ['O', _, _, _, 'X', _, _, _, _], next: 'X' } },
        { name: 'rejects a taken cell', args: [{ board: [_, _, _, _, 'X', _, _, _, _], next: 'O' }, 4], throws: 'That cell is taken' },
        { name: 'rejects a move after a win', args: [{ board: xRow, next: 'O' }, 8], throws: 'The game is over' },
        { name: 'rejects a cell off the board', args: [{ board: empty, next: 'X' }, 9], throws: 'Cell must be 0-8' },
      ],
    },
    {
      module: M,
      export: 'winnerOf',
      cases: [
        { name: 'a row', args: [xRow], expected: { player: 'X', line: [0, 1, 2] } },
        { name: 'a column', args: [['O', 'X', _, 'O', 'X', _, 'O', _, _]], expected: { player: 'O', line: [0, 3, 6] } },
        { name: 'a diagonal', args: [[_, _, 'X', 'O', 'X', 'O', 'X', _, _]], expected: { player: 'X', line: [2, 4, 6] } },
        { name: 'nobody yet', args: [empty], expected: null },
        { name: 'nobody on a full drawn board', args: [full], expected: null },
      ],
    },
    {
      module: M,
      export: 'outcome',
      cases: [
        { name: 'playing', args: [{ board: empty, next: 'X' }], expected: { state: 'playing', next: 'X' } },
        { name: 'won', args: [{ board: xRow, next: 'O' }], expected: { state: 'won', player: 'X', line: [0, 1, 2] } },
        { name: 'draw', args: [{ board: full, next: 'O' }], expected: { state: 'draw' } },
        { name: 'a win on the last cell is a win, not a draw', args: [{ board: ['X', 'O', 'X', 'O', 'X', 'O', 'O', 'X', 'X'], next: 'O' }], expected: { state: 'won', player: 'X', line: [0, 4, 8] } },
      ],
    },
    {
      module: M,
      export: 'statusText',
      cases: [
        { name: 'whose turn', args: [{ board: empty, next: 'O' }], expected: 'O to move' },
        { name: 'the winner', args: [{ board: xRow, next: 'O' }], expected: 'X wins!' },
        { name: 'a draw', args: [{ board: full, next: 'O' }], expected: "It's a draw" },
      ],
    },
    {
      module: M,
      export: 'computerMove',
      cases: [
        { name: 'takes the centre of an empty board', args: [empty, 'O'], expected: 4 },
        { name: 'wins when it can', args: [['O', 'O', _, 'X', 'X', _, _, _, _], 'O'], expected: 2 },
        { name: 'blocks a line', args: [['X', 'X', _, _, 'O', _, _, _, _], 'O'], expected: 2 },
        { name: 'answers opposite corners with a side', args: [['X', _, _, _, 'O', _, _, _, 'X'], 'O'], expected: 1 },
        { name: 'answers a corner opening with the centre', args: [['X', _, _, _, _, _, _, _, _], 'O'], expected: 4 },
        { name: 'takes the last cell', args: [['X', 'O', 'X', 'X', 'O', 'O', 'O', 'X', _], 'X'], expected: 8 },
        { name: 'rejects a full board', args: [full, 'X'], throws: 'The board is full' },
      ],
    },
    {
      module: M,
      export: 'recordResult',
      cases: [
        { name: 'a win for X', args: [{ X: 2, O: 1, draws: 0 }, { state: 'won', player: 'X' }], expected: { X: 3, O: 1, draws: 0 } },
        { name: 'a draw', args: [{ X: 2, O: 1, draws: 0 }, { state: 'draw' }], expected: { X: 2, O: 1, draws: 1 } },
        { name: 'a game in play counts nothing', args: [{ X: 2, O: 1, draws: 0 }, { state: 'playing', next: 'X' }], expected: { X: 2, O: 1, draws: 0 } },
      ],
    },
    {
      module: M,
      export: 'parseScores',
      cases: [
        { name: 'restores a stored tally', args: ['{"X":3,"O":2,"draws":1}'], expected: { X: 3, O: 2, draws: 1 } },
        { name: 'nothing stored is zero', args: [null], expected: { X: 0, O: 0, draws: 0 } },
        { name: 'broken JSON is zero', args: ['{"X":'], expected: { X: 0, O: 0, draws: 0 } },
        { name: 'bad counts become zero', args: ['{"X":-1,"O":"2","draws":1.5}'], expected: { X: 0, O: 0, draws: 0 } },
      ],
    },
  ],
  routes: [],
  smoke: {
    description: 'X takes the top row in five clicks, wins and scores',
    steps: [
      { click: '#board [data-cell="0"]' },
      { expectText: '#board [data-cell="0"]', text: 'X' },
      { expectText: '#status', text: 'O to move' },
      { click: '#board [data-cell="3"]' },
      { click: '#board [data-cell="1"]' },
      { click: '#board [data-cell="4"]' },
      { click: '#board [data-cell="2"]' },
      { expectText: '#status', text: 'X wins!' },
      { expectText: '#score-x', text: '1' },
      { expectCount: '#board .is-winning', count: 3 },
    ],
  },
};

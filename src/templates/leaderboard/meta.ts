import type { TemplateMeta } from '../types';

const M = 'src/lib/scores.js';
const a = { player: 'Ada', score: 500, at: '2024-05-01T10:00:00.000Z' };
const b = { player: 'Bo', score: 300, at: '2024-05-01T09:00:00.000Z' };
const c = { player: 'Cy', score: 300, at: '2024-05-01T11:00:00.000Z' };
const d = { player: 'Dee', score: 100, at: '2024-05-01T08:00:00.000Z' };

export const meta: TemplateMeta = {
  id: 'leaderboard',
  name: 'Leaderboard',
  category: 'social',
  description:
    'A shared leaderboard for a game, a class or a challenge: players post scores, each player\'s best is kept, and everyone sees the ranked table (ties share a rank) with a podium for the top three, refreshed every few seconds; a Worker API keeps scores in the DATA store.',
  tagline: 'Who is on top? Post your score and find out.',
  features: ['post-scores', 'best-per-player', 'ranking-with-ties', 'podium', 'live-table', 'persist-server'],
  techStack: ['html', 'css', 'javascript', 'workers', 'durable-objects'],
  keywords: [
    'leaderboard', 'leader board', 'high scores', 'highscore', 'scoreboard', 'score board', 'ranking', 'rankings', 'top scores',
    'competition', 'tournament', 'challenge', 'points table', 'league table', 'hall of fame',
  ],
  steps: [
    {
      title: 'Score rules',
      description: 'A pure module shared by page and worker: score validation, one key per player, whether a score is a new best, ranking with ties, the table limit and ordinals.',
      files: [M],
      dependsOn: [],
      features: ['post-scores', 'best-per-player', 'ranking-with-ties'],
    },
    {
      title: 'Leaderboard API',
      description: 'worker.js: GET /api/scores?limit= (ranked) and POST /api/scores (201 for a new best, 200 when an earlier best stands), GET /api/health, JSON errors.',
      files: ['worker.js'],
      dependsOn: ['Score rules'],
      features: ['post-scores', 'best-per-player', 'ranking-with-ties', 'persist-server'],
    },
    {
      title: 'Page and styles',
      description: 'The page: a podium, the ranked table and the score form.',
      files: ['index.html', 'styles.css', 'favicon.svg'],
      dependsOn: [],
      features: ['podium', 'post-scores'],
    },
    {
      title: 'Front-end wiring',
      description: 'src/main.js loads and refreshes the table, highlights your row, posts scores and says whether they beat your best.',
      files: ['src/main.js'],
      dependsOn: ['Score rules', 'Leaderboard API', 'Page and styles'],
      features: ['post-scores', 'podium', 'live-table'],
    },
  ],
  logic: [
    {
      module: M,
      export: 'validateScore',
      cases: [
        { name: 'trims the player', args: [{ player: '  Ada  Lovelace ', score: 120 }], expected: { player: 'Ada Lovelace', score: 120 } },
        { name: 'rejects a fractional score', args: [{ player: 'Ada', score: 1.5 }], throws: 'score must be a whole number' },
        { name: 'rejects a negative score', args: [{ player: 'Ada', score: -1 }], throws: 'score must be a whole number' },
        { name: 'rejects a missing player', args: [{ score: 1 }], throws: 'player must be 1-30 characters' },
      ],
    },
    {
      module: M,
      export: 'playerKey',
      cases: [
        { name: 'any case is one player', args: ['ADA'], expected: 'player:ada' },
        { name: 'encodes spaces and symbols', args: ['Ada L/x'], expected: 'player:ada%20l%2Fx' },
      ],
    },
    {
      module: M,
      export: 'isNewBest',
      cases: [
        { name: 'the first score', args: [null, 0], expected: true },
        { name: 'a higher score', args: [a, 501], expected: true },
        { name: 'an equal score is not', args: [a, 500], expected: false },
      ],
    },
    {
      module: M,
      export: 'rankScores',
      cases: [
        {
          name: 'best first, ties share a rank, earlier first',
          args: [[d, c, a, b]],
          expected: [{ rank: 1, ...a }, { rank: 2, ...b }, { rank: 2, ...c }, { rank: 4, ...d }],
        },
        { name: 'nobody', args: [[]], expected: [] },
      ],
    },
    {
      module: M,
      export: 'parseLimit',
      cases: [
        { name: 'default', args: [null], expected: 10 },
        { name: 'a number', args: ['25'], expected: 25 },
        { name: 'rejects 101', args: ['101'], throws: 'limit must be an integer from 1 to 100' },
      ],
    },
    {
      module: M,
      export: 'ordinal',
      cases: [
        { name: 'first', args: [1], expected: '1st' },
        { name: 'second', args: [2], expected: '2nd' },
        { name: 'teens', args: [12], expected: '12th' },
        { name: 'twenty-third', args: [23], expected: '23rd' },
        { name: 'hundred and eleventh', args: [111], expected: '111th' },
      ],
    },
  ],
  routes: [
    { name: 'health answers ok', method: 'GET', path: '/api/health', status: 200, json: { status: 'ok' } },
    { name: 'an empty table', method: 'GET', path: '/api/scores', status: 200, json: { scores: [], players: 0 } },
    { name: 'a first score is a new best (201)', method: 'POST', path: '/api/scores', body: { player: 'Ada', score: 500 }, status: 201, json: { best: true, entry: { rank: 1, player: 'Ada', score: 500 }, players: 1 } },
    { name: 'a second player', method: 'POST', path: '/api/scores', body: { player: 'Bo', score: 300 }, status: 201, json: { best: true, entry: { rank: 2, player: 'Bo' }, players: 2 } },
    { name: 'a lower score keeps the best (200)', method: 'POST', path: '/api/scores', body: { player: 'ada', score: 100 }, status: 200, json: { best: false, entry: { rank: 1, player: 'Ada', score: 500 } } },
    { name: 'a tie shares the rank', method: 'POST', path: '/api/scores', body: { player: 'Cy', score: 300 }, status: 201, json: { entry: { rank: 2, player: 'Cy' }, players: 3 } },
    {
      name: 'the table is ranked',
      method: 'GET',
      path: '/api/scores',
      status: 200,
      json: { players: 3, scores: [{ rank: 1, player: 'Ada', score: 500 }, { rank: 2, player: 'Bo', score: 300 }, { rank: 2, player: 'Cy', score: 300 }] },
    },
    { name: 'limit cuts the table', method: 'GET', path: '/api/scores?limit=1', status: 200, json: { players: 3, scores: [{ player: 'Ada' }] } },
    { name: 'a fractional score is a 400', method: 'POST', path: '/api/scores', body: { player: 'Dee', score: 2.5 }, status: 400, json: { error: 'score must be a whole number from 0 to 1000000000' } },
    { name: 'a bad limit is a 400', method: 'GET', path: '/api/scores?limit=0', status: 400, json: { error: 'limit must be an integer from 1 to 100' } },
    { name: 'deleting is not allowed', method: 'DELETE', path: '/api/scores', status: 405, json: { error: 'method not allowed' } },
    { name: 'an unknown path is a 404', method: 'GET', path: '/api/players', status: 404, json: { error: 'not found' } },
  ],
  smoke: {
    description: 'post two scores and see the ranked table from its /api',
    steps: [
      { fill: '#player', value: 'Smoke Tester' },
      { fill: '#score', value: '420' },
      { click: '#score-form button[type="submit"]' },
      { expectText: '#status', text: 'New best for Smoke Tester: 1st of 1!' },
      { expectCount: '#scores tr', count: 1 },
      { fill: '#player', value: 'Second Player' },
      { fill: '#score', value: '100' },
      { click: '#score-form button[type="submit"]' },
      { expectCount: '#scores tr', count: 2 },
      { expectText: '#podium', text: 'Smoke Tester' },
    ],
  },
};

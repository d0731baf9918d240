import type { TemplateMeta } from '../types';

const M = 'src/lib/polls.js';
const lunch = { id: '1', question: 'Lunch?', options: ['Pizza', 'Sushi', 'Tacos'], votes: [2, 1, 2], createdAt: '2024-05-03T12:00:00.000Z' };
const voter = 'browser-a1';

export const meta: TemplateMeta = {
  id: 'poll',
  name: 'Poll',
  category: 'social',
  description:
    'A shared poll: anyone with the link asks a question with 2-8 options, everyone votes once per browser, and the results (percent, votes, the leader) update live; a Worker API keeps polls and votes in the DATA store.',
  features: ['create-polls', 'vote-once', 'live-results', 'share-link', 'recent-polls', 'validation', 'persist-server'],
  techStack: ['html', 'css', 'javascript', 'workers', 'durable-objects'],
  keywords: [
    'poll', 'polls', 'voting', 'vote', 'survey poll', 'straw poll', 'opinion poll', 'ballot', 'election', 'referendum',
    'doodle', 'decide together', 'group decision', 'multiplayer voting', 'live poll', 'shared poll',
  ],
  steps: [
    {
      title: 'Poll rules',
      description: 'A pure module shared by page and worker: poll and vote validation, storage keys, counting a vote, the tally with percentages and leaders.',
      files: ['src/lib/polls.js'],
      dependsOn: [],
      features: ['create-polls', 'vote-once', 'live-results', 'validation'],
    },
    {
      title: 'Poll API',
      description: 'worker.js: GET/POST /api/polls, GET /api/polls/{id} (with the voter\'s choice), POST /api/polls/{id}/votes (409 on a second vote), GET /api/health, JSON errors.',
      files: ['worker.js'],
      dependsOn: ['Poll rules'],
      features: ['create-polls', 'vote-once', 'recent-polls', 'validation', 'persist-server'],
    },
    {
      title: 'Page and styles',
      description: 'The page: the open poll with vote buttons and result bars, the create form and recent polls.',
      files: ['index.html', 'styles.css', 'favicon.svg'],
      dependsOn: [],
      features: ['create-polls', 'live-results', 'recent-polls'],
    },
    {
      title: 'Front-end wiring',
      description: 'src/main.js creates polls, votes with a per-browser token, opens polls from the link, and refreshes results every few seconds.',
      files: ['src/main.js'],
      dependsOn: ['Poll rules', 'Poll API', 'Page and styles'],
      features: ['create-polls', 'vote-once', 'live-results', 'share-link', 'recent-polls'],
    },
  ],
  logic: [
    {
      module: M,
      export: 'validatePoll',
      cases: [
        { name: 'trims the question and options, drops empty options', args: [{ question: ' Lunch? ', options: ['Pizza', ' Sushi ', ''] }], expected: { question: 'Lunch?', options: ['Pizza', 'Sushi'] } },
        { name: 'rejects one option', args: [{ question: 'Lunch?', options: ['Pizza'] }], throws: 'a poll needs 2-8 options' },
        { name: 'rejects the same option twice', args: [{ question: 'Lunch?', options: ['Pizza', 'pizza'] }], throws: 'options must differ' },
        { name: 'rejects an empty question', args: [{ question: '  ', options: ['a', 'b'] }], throws: 'question must be 1-200 characters' },
        { name: 'rejects an array', args: [[]], throws: 'body must be a JSON object' },
      ],
    },
    {
      module: M,
      export: 'validateVote',
      cases: [
        { name: 'an option and a voter', args: [{ option: 1, voter }, 3], expected: { option: 1, voter } },
        { name: 'rejects an option past the end', args: [{ option: 3, voter }, 3], throws: 'option must be an integer from 0 to 2' },
        { name: 'rejects a short voter token', args: [{ option: 0, voter: 'x' }, 3], throws: 'voter must be 8-64 letters' },
      ],
    },
    {
      module: M,
      export: 'pollKey',
      cases: [
        { name: 'the first poll', args: ['1'], expected: 'poll:999999999998' },
        { name: 'later polls sort first', args: [10], expected: 'poll:999999999989' },
        { name: 'rejects a non-number id', args: ['abc'], throws: 'poll id must be a positive integer' },
        { name: 'rejects a padded id', args: ['01'], throws: 'poll id must be a positive integer' },
      ],
    },
    {
      module: M,
      export: 'voteKey',
      cases: [{ name: 'poll and voter', args: ['3', voter], expected: 'vote:3:browser-a1' }],
    },
    {
      module: M,
      export: 'castVote',
      cases: [{ name: 'adds one to the option', args: [lunch, 1], expected: { ...lunch, votes: [2, 2, 2] } }],
    },
    {
      module: M,
      export: 'tally',
      cases: [
        {
          name: 'percentages, total and tied leaders',
          args: [lunch],
          expected: {
            id: '1', question: 'Lunch?', createdAt: lunch.createdAt, totalVotes: 5,
            options: [{ text: 'Pizza', votes: 2, percent: 40 }, { text: 'Sushi', votes: 1, percent: 20 }, { text: 'Tacos', votes: 2, percent: 40 }],
            leaders: ['Pizza', 'Tacos'],
          },
        },
        {
          name: 'no leader before the first vote',
          args: [{ ...lunch, votes: [0, 0, 0] }],
          expected: { totalVotes: 0, leaders: [], options: [{ text: 'Pizza', votes: 0, percent: 0 }, { text: 'Sushi', votes: 0, percent: 0 }, { text: 'Tacos', votes: 0, percent: 0 }], id: '1', question: 'Lunch?', createdAt: lunch.createdAt },
        },
      ],
    },
    {
      module: M,
      export: 'votesLabel',
      cases: [
        { name: 'singular', args: [1], expected: '1 vote' },
        { name: 'plural', args: [0], expected: '0 votes' },
      ],
    },
  ],
  routes: [
    { name: 'health answers ok', method: 'GET', path: '/api/health', status: 200, json: { status: 'ok' } },
    { name: 'no polls at first', method: 'GET', path: '/api/polls', status: 200, json: { polls: [] } },
    {
      name: 'creating a poll answers 201 with zero votes',
      method: 'POST',
      path: '/api/polls',
      body: { question: ' Lunch? ', options: ['Pizza', 'Sushi'] },
      status: 201,
      json: { poll: { id: '1', question: 'Lunch?', totalVotes: 0, options: [{ text: 'Pizza', votes: 0 }, { text: 'Sushi', votes: 0 }] } },
    },
    { name: 'a poll with one option is a 400', method: 'POST', path: '/api/polls', body: { question: 'Q', options: ['only'] }, status: 400, json: { error: 'a poll needs 2-8 options' } },
    {
      name: 'a vote is counted',
      method: 'POST',
      path: '/api/polls/1/votes',
      body: { option: 1, voter },
      status: 200,
      json: { choice: 1, poll: { totalVotes: 1, options: [{ votes: 0 }, { votes: 1, percent: 100 }], leaders: ['Sushi'] } },
    },
    { name: 'a second vote from the same voter is a 409', method: 'POST', path: '/api/polls/1/votes', body: { option: 0, voter }, status: 409, json: { error: 'you already voted in this poll' } },
    { name: 'another voter may vote', method: 'POST', path: '/api/polls/1/votes', body: { option: 0, voter: 'browser-b2' }, status: 200, json: { poll: { totalVotes: 2 } } },
    { name: 'an option past the end is a 400', method: 'POST', path: '/api/polls/1/votes', body: { option: 2, voter: 'browser-c3' }, status: 400, json: { error: 'option must be an integer from 0 to 1' } },
    { name: 'the poll tells a voter their choice', method: 'GET', path: `/api/polls/1?voter=${voter}`, status: 200, json: { choice: 1, poll: { totalVotes: 2 } } },
    { name: 'a newer poll lists first', method: 'POST', path: '/api/polls', body: { question: 'Dinner?', options: ['In', 'Out'] }, status: 201, json: { poll: { id: '2' } } },
    { name: 'the list is newest first', method: 'GET', path: '/api/polls', status: 200, json: { polls: [{ question: 'Dinner?' }, { question: 'Lunch?', totalVotes: 2 }] } },
    { name: 'an unknown poll is a 404', method: 'GET', path: '/api/polls/99', status: 404, json: { error: 'poll not found' } },
    { name: 'voting in an unknown poll is a 404', method: 'POST', path: '/api/polls/nope/votes', body: { option: 0, voter }, status: 404, json: { error: 'poll not found' } },
    { name: 'deleting a poll is not allowed', method: 'DELETE', path: '/api/polls/1', status: 405, json: { error: 'method not allowed' } },
  ],
  smoke: {
    description: 'create a poll, vote, and see the result from its /api',
    steps: [
      { fill: '#question', value: 'Lunch on Friday?' },
      { fill: '#option-1', value: 'Pizza' },
      { fill: '#option-2', value: 'Sushi' },
      { click: '#poll-form button[type="submit"]' },
      { expectText: '#poll-question', text: 'Lunch on Friday?' },
      { click: '#options [data-option="0"]' },
      { expectText: '#total-votes', text: '1 vote' },
      { expectText: '#results', text: 'Pizza (your vote)' },
      { expectText: '#recent', text: 'Lunch on Friday?' },
    ],
  },
};

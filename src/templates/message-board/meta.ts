import type { TemplateMeta } from '../types';

const M = 'src/lib/chat.js';
const m = (seq: number, author = 'Ada') => ({ seq, room: 'general', author, text: `message ${seq}`, createdAt: '2024-05-03T12:00:00.000Z' });

export const meta: TemplateMeta = {
  id: 'message-board',
  name: 'Message Board',
  category: 'social',
  description:
    'A shared chat room and message board: pick a name, join a room (#general or any other), post messages and see everyone else\'s appear within seconds; a Worker API keeps each room\'s messages in the DATA store and serves only what a client has not seen.',
  features: ['rooms', 'post-messages', 'live-updates', 'message-history', 'grouped-messages', 'remember-name', 'persist-server'],
  techStack: ['html', 'css', 'javascript', 'workers', 'durable-objects'],
  keywords: [
    'chat', 'chat room', 'chatroom', 'message board', 'forum', 'discussion board', 'group chat', 'team chat', 'slack', 'discord',
    'messages', 'messaging', 'community', 'live chat', 'multiplayer chat', 'shared board', 'bulletin board',
  ],
  steps: [
    {
      title: 'Chat rules',
      description: 'A pure module shared by page and worker: room names, message validation, newest-first keys, ?after= paging and merging new messages.',
      files: ['src/lib/chat.js'],
      dependsOn: [],
      features: ['rooms', 'post-messages', 'message-history'],
    },
    {
      title: 'Chat API',
      description: 'worker.js: GET /api/rooms/{room}/messages?after= (the newest page the client lacks, oldest first) and POST (201), over env.DATA with a counter per room, JSON errors.',
      files: ['worker.js'],
      dependsOn: ['Chat rules'],
      features: ['rooms', 'post-messages', 'message-history', 'persist-server'],
    },
    {
      title: 'Page and styles',
      description: 'The page: a room switcher, the message list with avatars and times, and the compose form.',
      files: ['index.html', 'styles.css', 'favicon.svg'],
      dependsOn: [],
      features: ['rooms', 'post-messages', 'grouped-messages'],
    },
    {
      title: 'Front-end wiring',
      description: 'src/main.js joins rooms from the URL, polls for new messages every few seconds, groups consecutive messages, sends with Enter and remembers the name.',
      files: ['src/main.js'],
      dependsOn: ['Chat rules', 'Chat API', 'Page and styles'],
      features: ['rooms', 'post-messages', 'live-updates', 'grouped-messages', 'remember-name'],
    },
  ],
  logic: [
    {
      module: M,
      export: 'parseRoom',
      cases: [
        { name: 'lowercases and dashes', args: [' Book Club '], expected: 'book-club' },
        { name: 'keeps a plain name', args: ['general'], expected: 'general' },
        { name: 'rejects symbols', args: ['../admin'], throws: 'room must be 1-32 lowercase letters, digits or dashes' },
        { name: 'rejects an empty name', args: [''], throws: 'room must be 1-32' },
      ],
    },
    {
      module: M,
      export: 'validateMessage',
      cases: [
        { name: 'trims both fields', args: [{ author: ' Ada ', text: ' hi there ' }], expected: { author: 'Ada', text: 'hi there' } },
        { name: 'rejects an empty text', args: [{ author: 'Ada', text: ' ' }], throws: 'text must be 1-500 characters' },
        { name: 'rejects a 41-character name', args: [{ author: 'a'.repeat(41), text: 'hi' }], throws: 'author must be 1-40 characters' },
        { name: 'rejects a string body', args: ['hi'], throws: 'body must be a JSON object' },
      ],
    },
    {
      module: M,
      export: 'roomPrefix',
      cases: [{ name: 'per room', args: ['general'], expected: 'msg:general:' }],
    },
    {
      module: M,
      export: 'messageKey',
      cases: [
        { name: 'the first message', args: ['general', 1], expected: 'msg:general:999999999998' },
        { name: 'newer sorts first', args: ['general', 12], expected: 'msg:general:999999999987' },
        { name: 'rejects zero', args: ['general', 0], throws: 'sequence must be a positive integer' },
      ],
    },
    {
      module: M,
      export: 'parseAfter',
      cases: [
        { name: 'absent is 0', args: [null], expected: 0 },
        { name: 'a number', args: ['12'], expected: 12 },
        { name: 'rejects negatives', args: ['-1'], throws: 'after must be a non-negative integer' },
      ],
    },
    {
      module: M,
      export: 'newCount',
      cases: [
        { name: 'what the client lacks', args: [12, 10], expected: 2 },
        { name: 'at most a page', args: [500, 0], expected: 50 },
        { name: 'nothing new', args: [12, 12], expected: 0 },
        { name: 'a client ahead of the server gets nothing', args: [3, 9], expected: 0 },
      ],
    },
    {
      module: M,
      export: 'mergeMessages',
      cases: [
        { name: 'adds new ones in order, once', args: [[m(1), m(2)], [m(2), m(3)]], expected: [m(1), m(2), m(3)] },
        { name: 'sorts by sequence', args: [[m(3)], [m(1)]], expected: [m(1), m(3)] },
      ],
    },
    {
      module: M,
      export: 'initials',
      cases: [
        { name: 'two words', args: ['Ada Lovelace'], expected: 'AL' },
        { name: 'one word', args: ['bo'], expected: 'B' },
        { name: 'at most two', args: ['Jean Paul Sartre'], expected: 'JP' },
      ],
    },
  ],
  routes: [
    { name: 'health answers ok', method: 'GET', path: '/api/health', status: 200, json: { status: 'ok', pageSize: 50 } },
    { name: 'an empty room', method: 'GET', path: '/api/rooms/general/messages', status: 200, json: { room: 'general', last: 0, messages: [] } },
    { name: 'posting answers 201 with the sequence', method: 'POST', path: '/api/rooms/general/messages', body: { author: ' Ada ', text: 'Hello' }, status: 201, json: { message: { seq: 1, room: 'general', author: 'Ada', text: 'Hello' } } },
    { name: 'a second message', method: 'POST', path: '/api/rooms/general/messages', body: { author: 'Bo', text: 'Hi Ada' }, status: 201, json: { message: { seq: 2 } } },
    { name: 'another room is separate', method: 'POST', path: '/api/rooms/Book%20Club/messages', body: { author: 'Cy', text: 'Chapter 3?' }, status: 201, json: { message: { seq: 1, room: 'book-club' } } },
    { name: 'reading gives the messages oldest first', method: 'GET', path: '/api/rooms/general/messages', status: 200, json: { last: 2, messages: [{ seq: 1, author: 'Ada' }, { seq: 2, author: 'Bo' }] } },
    { name: 'after= gives only the new ones', method: 'GET', path: '/api/rooms/general/messages?after=1', status: 200, json: { last: 2, messages: [{ seq: 2, text: 'Hi Ada' }] } },
    { name: 'an empty text is a 400', method: 'POST', path: '/api/rooms/general/messages', body: { author: 'Ada', text: '' }, status: 400, json: { error: 'text must be 1-500 characters' } },
    { name: 'a bad room name is a 400', method: 'GET', path: '/api/rooms/no_way/messages', status: 400, json: { error: 'room must be 1-32 lowercase letters, digits or dashes' } },
    { name: 'a bad after is a 400', method: 'GET', path: '/api/rooms/general/messages?after=x', status: 400, json: { error: 'after must be a non-negative integer' } },
    { name: 'deleting is not allowed', method: 'DELETE', path: '/api/rooms/general/messages', status: 405, json: { error: 'method not allowed' } },
    { name: 'an unknown path is a 404', method: 'GET', path: '/api/rooms', status: 404, json: { error: 'not found' } },
  ],
  smoke: {
    description: 'post a message in #general with Enter and see it in the room from its /api',
    steps: [
      { expectText: '#room-title', text: '# general' },
      { fill: '#author', value: 'Smoke Tester' },
      { fill: '#text', value: 'Hello room' },
      { press: '#text', key: 'Enter' },
      { expectText: '#messages', text: 'Hello room' },
      { expectCount: '#messages li', count: 1 },
      { expectText: '#messages', text: 'Smoke Tester' },
    ],
  },
};

import type { TemplateMeta } from '../types';

const M = 'src/lib/todos.js';
const milk = { id: 't1', title: 'Buy milk', done: false };
const call = { id: 't2', title: 'Call Ana', done: true };
const walk = { id: 't3', title: 'Walk the dog', done: false };

export const meta: TemplateMeta = {
  id: 'todo-list',
  name: 'Todo List',
  category: 'productivity',
  description:
    'A focused todo list: add tasks, tick them off, delete them, filter by all, active or done, see how many are left, and keep everything in the browser between visits.',
  tagline: 'Plan the day, one task at a time.',
  features: ['add-todos', 'toggle-complete', 'delete-todos', 'filter-todos', 'count-remaining', 'clear-completed', 'persist-locally'],
  techStack: ['html', 'css', 'javascript', 'local-storage'],
  keywords: [
    'todo', 'to-do', 'task', 'tasks', 'task list', 'checklist', 'reminders', 'to do list',
    'task manager', 'planner', 'chores', 'errands', 'gtd', 'daily tasks', 'check off',
  ],
  steps: [
    {
      title: 'Todo logic',
      description: 'Pure functions in src/lib/todos.js to create, add, toggle, remove, clear, filter, count and restore todos.',
      files: ['src/lib/todos.js'],
      dependsOn: [],
      features: ['add-todos', 'toggle-complete', 'delete-todos', 'filter-todos', 'count-remaining', 'clear-completed', 'persist-locally'],
    },
    {
      title: 'Page and styles',
      description: 'The page structure (entry form, list, footer with count, filters and clear button), icon and styles.',
      files: ['index.html', 'styles.css', 'favicon.svg'],
      dependsOn: [],
      features: ['add-todos', 'filter-todos', 'count-remaining'],
    },
    {
      title: 'Wire the interface',
      description: 'src/main.js renders the list from state, handles the form, checkboxes, delete buttons and filters, and saves to localStorage.',
      files: ['src/main.js'],
      dependsOn: ['Todo logic', 'Page and styles'],
      features: ['add-todos', 'toggle-complete', 'delete-todos', 'filter-todos', 'count-remaining', 'clear-completed', 'persist-locally'],
    },
  ],
  logic: [
    {
      module: M,
      export: 'createTodo',
      cases: [
        { name: 'trims and collapses whitespace', args: ['  Buy   milk ', 't1'], expected: milk },
        { name: 'stringifies the id', args: ['Call Ana', 7], expected: { id: '7', title: 'Call Ana', done: false } },
        { name: 'rejects a blank title', args: ['   ', 't1'], throws: 'Todo title is required' },
        { name: 'rejects a title over 200 characters', args: ['x'.repeat(201), 't1'], throws: 'at most 200 characters' },
      ],
    },
    {
      module: M,
      export: 'addTodo',
      cases: [
        { name: 'adds to an empty list', args: [[], 'Buy milk', 't1'], expected: [milk] },
        { name: 'appends at the end', args: [[milk], 'Call Ana', 't2'], expected: [milk, { ...call, done: false }] },
        { name: 'rejects a duplicate id', args: [[milk], 'Again', 't1'], throws: 'Duplicate todo id' },
        { name: 'rejects an empty title', args: [[milk], '', 't2'], throws: 'Todo title is required' },
      ],
    },
    {
      module: M,
      export: 'toggleTodo',
      cases: [
        { name: 'marks an open todo done', args: [[milk, call], 't1'], expected: [{ ...milk, done: true }, call] },
        { name: 'reopens a done todo', args: [[milk, call], 't2'], expected: [milk, { ...call, done: false }] },
        { name: 'ignores an unknown id', args: [[milk], 'nope'], expected: [milk] },
        { name: 'handles an empty list', args: [[], 't1'], expected: [] },
      ],
    },
    {
      module: M,
      export: 'removeTodo',
      cases: [
        { name: 'removes the matching todo', args: [[milk, call, walk], 't2'], expected: [milk, walk] },
        { name: 'ignores an unknown id', args: [[milk], 'nope'], expected: [milk] },
        { name: 'can empty the list', args: [[milk], 't1'], expected: [] },
      ],
    },
    {
      module: M,
      export: 'clearCompleted',
      cases: [
        { name: 'drops done todos', args: [[milk, call, walk]], expected: [milk, walk] },
        { name: 'keeps a list with nothing done', args: [[milk, walk]], expected: [milk, walk] },
        { name: 'empties an all-done list', args: [[call]], expected: [] },
      ],
    },
    {
      module: M,
      export: 'filterTodos',
      cases: [
        { name: 'all shows everything', args: [[milk, call, walk], 'all'], expected: [milk, call, walk] },
        { name: 'active shows open todos', args: [[milk, call, walk], 'active'], expected: [milk, walk] },
        { name: 'done shows completed todos', args: [[milk, call, walk], 'done'], expected: [call] },
        { name: 'done on an empty list', args: [[], 'done'], expected: [] },
        { name: 'rejects an unknown filter', args: [[milk], 'later'], throws: 'Unknown filter: later' },
      ],
    },
    {
      module: M,
      export: 'countRemaining',
      cases: [
        { name: 'counts open todos', args: [[milk, call, walk]], expected: 2 },
        { name: 'zero when all are done', args: [[call]], expected: 0 },
        { name: 'zero for an empty list', args: [[]], expected: 0 },
      ],
    },
    {
      module: M,
      export: 'remainingLabel',
      cases: [
        { name: 'singular', args: [1], expected: '1 item left' },
        { name: 'plural', args: [3], expected: '3 items left' },
        { name: 'zero is plural', args: [0], expected: '0 items left' },
      ],
    },
    {
      module: M,
      export: 'parseTodos',
      cases: [
        { name: 'restores stored todos', args: [JSON.stringify([milk, call])], expected: [milk, call] },
        { name: 'nothing stored gives an empty list', args: [null], expected: [] },
        { name: 'broken JSON gives an empty list', args: ['[{"id":'], expected: [] },
        { name: 'a non-array gives an empty list', args: ['{"id":"t1"}'], expected: [] },
        {
          name: 'drops malformed entries and coerces done',
          args: ['[{"id":"t1","title":"Buy milk","done":"yes"},{"id":2,"title":"x"},{"id":"t3","title":"  "},null]'],
          expected: [milk],
        },
      ],
    },
  ],
  routes: [],
  smoke: {
    description: 'add a todo with Enter, see it listed and counted, then tick it off',
    steps: [
      { fill: '#new-todo', value: 'Buy milk' },
      { press: '#new-todo', key: 'Enter' },
      { expectText: '#todo-list', text: 'Buy milk' },
      { expectCount: '#todo-list li', count: 1 },
      { expectText: '#remaining', text: '1 item left' },
      { click: '#todo-list li input[type="checkbox"]' },
      { expectText: '#remaining', text: '0 items left' },
    ],
  },
};

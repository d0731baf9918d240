import type { TemplateMeta } from '../types';

const M = 'src/lib/habits.js';
const read = { id: 'h1', name: 'Read', done: ['2024-05-01', '2024-05-02'] };
const run = { id: 'h2', name: 'Run', done: [] };

export const meta: TemplateMeta = {
  id: 'habit-tracker',
  name: 'Habit Tracker',
  category: 'productivity',
  description:
    'A daily habit tracker: add the habits you want to build, tick the days you kept them on a week grid, and watch the current and best streaks and the 30-day completion rate, kept in the browser.',
  features: ['add-habits', 'daily-check-off', 'week-grid', 'streaks', 'completion-rate', 'remove-habits', 'persist-locally'],
  techStack: ['html', 'css', 'javascript', 'local-storage'],
  keywords: [
    'habit', 'habits', 'habit tracker', 'streak', 'streaks', 'daily routine', 'routine', 'goals', 'daily goals',
    'self improvement', 'consistency', 'check in', 'dont break the chain', 'chain', 'resolutions', 'meditation log',
  ],
  steps: [
    {
      title: 'Habit rules',
      description: 'Pure functions in src/lib/habits.js: day arithmetic, adding and removing habits, toggling days, current and longest streaks, completion rate, restoring stored habits.',
      files: ['src/lib/habits.js'],
      dependsOn: [],
      features: ['add-habits', 'daily-check-off', 'streaks', 'completion-rate', 'remove-habits', 'persist-locally'],
    },
    {
      title: 'Page and styles',
      description: 'The page: the add form and a panel listing each habit with its streak and a week of day toggles.',
      files: ['index.html', 'styles.css', 'favicon.svg'],
      dependsOn: [],
      features: ['add-habits', 'week-grid'],
    },
    {
      title: 'Wire the tracker',
      description: 'src/main.js renders the habits for the last seven days, toggles days, removes habits and saves to localStorage.',
      files: ['src/main.js'],
      dependsOn: ['Habit rules', 'Page and styles'],
      features: ['add-habits', 'daily-check-off', 'week-grid', 'streaks', 'completion-rate', 'remove-habits', 'persist-locally'],
    },
  ],
  logic: [
    {
      module: M,
      export: 'shiftDay',
      cases: [
        { name: 'back over a leap day', args: ['2024-03-01', -1], expected: '2024-02-29' },
        { name: 'forward over a year end', args: ['2024-12-31', 1], expected: '2025-01-01' },
        { name: 'rejects a day that does not exist', args: ['2024-02-30', 1], throws: 'Invalid day: 2024-02-30' },
      ],
    },
    {
      module: M,
      export: 'lastDays',
      cases: [
        { name: 'oldest first, ending today', args: ['2024-05-03', 3], expected: ['2024-05-01', '2024-05-02', '2024-05-03'] },
        { name: 'one day is today', args: ['2024-05-03', 1], expected: ['2024-05-03'] },
      ],
    },
    {
      module: M,
      export: 'addHabit',
      cases: [
        { name: 'trims and collapses the name', args: [[], '  Read   20 pages ', 'h1'], expected: [{ id: 'h1', name: 'Read 20 pages', done: [] }] },
        { name: 'appends at the end', args: [[read], 'Run', 'h2'], expected: [read, run] },
        { name: 'refuses a name already tracked, in any case', args: [[read], 'READ', 'h2'], throws: 'You already track "READ"' },
        { name: 'refuses a blank name', args: [[], '  ', 'h1'], throws: 'Habit name is required' },
      ],
    },
    {
      module: M,
      export: 'toggleDay',
      cases: [
        { name: 'marks a day, keeping days sorted', args: [[read], 'h1', '2024-04-30'], expected: [{ ...read, done: ['2024-04-30', '2024-05-01', '2024-05-02'] }] },
        { name: 'unmarks a marked day', args: [[read], 'h1', '2024-05-02'], expected: [{ ...read, done: ['2024-05-01'] }] },
        { name: 'leaves other habits alone', args: [[read, run], 'h2', '2024-05-02'], expected: [read, { ...run, done: ['2024-05-02'] }] },
        { name: 'rejects a malformed day', args: [[read], 'h1', 'today'], throws: 'Invalid day: today' },
      ],
    },
    {
      module: M,
      export: 'removeHabit',
      cases: [{ name: 'removes by id', args: [[read, run], 'h1'], expected: [run] }],
    },
    {
      module: M,
      export: 'currentStreak',
      cases: [
        { name: 'counts back from today', args: [['2024-05-01', '2024-05-02', '2024-05-03'], '2024-05-03'], expected: 3 },
        { name: 'still counts through yesterday while today is open', args: [['2024-05-01', '2024-05-02'], '2024-05-03'], expected: 2 },
        { name: 'a missed day breaks it', args: [['2024-05-01', '2024-05-03'], '2024-05-03'], expected: 1 },
        { name: 'nothing done for two days is zero', args: [['2024-05-01'], '2024-05-03'], expected: 0 },
        { name: 'crosses a month end', args: [['2024-04-30', '2024-05-01'], '2024-05-01'], expected: 2 },
      ],
    },
    {
      module: M,
      export: 'longestStreak',
      cases: [
        { name: 'the longest run', args: [['2024-05-01', '2024-05-02', '2024-05-05', '2024-05-06', '2024-05-07']], expected: 3 },
        { name: 'duplicates count once', args: [['2024-05-01', '2024-05-01']], expected: 1 },
        { name: 'nothing done is zero', args: [[]], expected: 0 },
      ],
    },
    {
      module: M,
      export: 'completionRate',
      cases: [
        { name: 'one of four days', args: [['2024-05-03'], '2024-05-03', 4], expected: 25 },
        { name: 'days outside the window do not count', args: [['2024-04-01', '2024-05-02', '2024-05-03'], '2024-05-03', 3], expected: 67 },
        { name: 'every day', args: [['2024-05-02', '2024-05-03'], '2024-05-03', 2], expected: 100 },
      ],
    },
    {
      module: M,
      export: 'streakLabel',
      cases: [
        { name: 'none', args: [0], expected: 'No streak yet' },
        { name: 'one day', args: [1], expected: '1 day streak' },
        { name: 'several days', args: [12], expected: '12 days streak' },
      ],
    },
    {
      module: M,
      export: 'parseHabits',
      cases: [
        { name: 'restores stored habits', args: [JSON.stringify([read, run])], expected: [read, run] },
        { name: 'nothing stored is empty', args: [null], expected: [] },
        {
          name: 'drops bad habits and days, sorts and dedupes days',
          args: ['[{"id":"h1","name":"Read","done":["2024-05-02","x","2024-05-01","2024-05-02"]},{"id":2,"name":"Run"},{"id":"h3","name":" "}]'],
          expected: [read],
        },
      ],
    },
  ],
  routes: [],
  smoke: {
    description: 'add a habit, tick today and see a one-day streak',
    steps: [
      { fill: '#new-habit', value: 'Read 20 pages' },
      { press: '#new-habit', key: 'Enter' },
      { expectCount: '#habits .habit', count: 1 },
      { expectText: '#habits', text: 'Read 20 pages' },
      { expectText: '#habits .streak', text: 'No streak yet' },
      { click: '#habits .day[data-today]' },
      { expectText: '#habits .streak', text: '1 day streak' },
      { expectText: '#summary', text: '1 of 1 done today' },
    ],
  },
};

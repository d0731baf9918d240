import type { TemplateMeta } from '../types';

const M = 'src/lib/pomodoro.js';
const settings = { focus: 25, shortBreak: 5, longBreak: 15, longEvery: 4 };
const log = [
  { day: '2024-05-03', minutes: 25 },
  { day: '2024-05-03', minutes: 25 },
  { day: '2024-05-01', minutes: 50 },
  { day: '2024-04-20', minutes: 25 },
];

export const meta: TemplateMeta = {
  id: 'pomodoro-timer',
  name: 'Pomodoro Timer',
  category: 'productivity',
  description:
    'A pomodoro focus timer: focus sessions and short or long breaks that follow each other, start, pause, reset and skip, adjustable lengths, and statistics of finished sessions (today, this week, a 7-day chart), kept in the browser.',
  features: ['focus-sessions', 'breaks', 'start-pause-reset', 'adjustable-lengths', 'focus-stats', 'week-chart', 'persist-locally'],
  techStack: ['html', 'css', 'javascript', 'local-storage'],
  keywords: [
    'pomodoro', 'focus timer', 'focus', 'timer', 'work timer', 'study timer', 'tomato timer', 'deep work', 'concentration',
    'productivity timer', 'break timer', 'time boxing', 'timeboxing', 'study sessions', 'focus stats',
  ],
  steps: [
    {
      title: 'Timer rules',
      description: 'Pure functions in src/lib/pomodoro.js: phase order and lengths, the clock format, settings validation, the session log and its statistics.',
      files: ['src/lib/pomodoro.js'],
      dependsOn: [],
      features: ['focus-sessions', 'breaks', 'adjustable-lengths', 'focus-stats', 'week-chart', 'persist-locally'],
    },
    {
      title: 'Page and styles',
      description: 'The page: phase buttons, a big clock with start, reset and skip, the statistics with a 7-day chart, and a settings form.',
      files: ['index.html', 'styles.css', 'favicon.svg'],
      dependsOn: [],
      features: ['start-pause-reset', 'focus-stats', 'week-chart', 'adjustable-lengths'],
    },
    {
      title: 'Run the timer',
      description: 'src/main.js counts down against the wall clock, moves between phases, logs finished focus sessions and saves log and settings to localStorage.',
      files: ['src/main.js'],
      dependsOn: ['Timer rules', 'Page and styles'],
      features: ['focus-sessions', 'breaks', 'start-pause-reset', 'adjustable-lengths', 'focus-stats', 'week-chart', 'persist-locally'],
    },
  ],
  logic: [
    {
      module: M,
      export: 'nextPhase',
      cases: [
        { name: 'a focus session is followed by a short break', args: ['focus', 1, settings], expected: 'short-break' },
        { name: 'every fourth by a long break', args: ['focus', 4, settings], expected: 'long-break' },
        { name: 'a break is followed by focus', args: ['long-break', 4, settings], expected: 'focus' },
        { name: 'rejects an unknown phase', args: ['nap', 1, settings], throws: 'Unknown phase: nap' },
      ],
    },
    {
      module: M,
      export: 'phaseSeconds',
      cases: [
        { name: 'focus', args: ['focus', settings], expected: 1500 },
        { name: 'short break', args: ['short-break', settings], expected: 300 },
        { name: 'long break with custom settings', args: ['long-break', { ...settings, longBreak: 20 }], expected: 1200 },
      ],
    },
    {
      module: M,
      export: 'formatClock',
      cases: [
        { name: 'minutes and seconds', args: [65], expected: '01:05' },
        { name: 'a full session', args: [1500], expected: '25:00' },
        { name: 'fractions round up', args: [59.2], expected: '01:00' },
        { name: 'an hour or more shows hours', args: [3725], expected: '1:02:05' },
        { name: 'never negative', args: [-3], expected: '00:00' },
      ],
    },
    {
      module: M,
      export: 'secondsLeft',
      cases: [
        { name: 'rounds up partial seconds', args: [10_500, 1_000], expected: 10 },
        { name: 'exact seconds', args: [61_000, 1_000], expected: 60 },
        { name: 'zero once the end has passed', args: [1_000, 5_000], expected: 0 },
      ],
    },
    {
      module: M,
      export: 'validateSettings',
      cases: [
        { name: 'reads form strings', args: [{ focus: '50', shortBreak: '10', longBreak: '30', longEvery: '3' }], expected: { focus: 50, shortBreak: 10, longBreak: 30, longEvery: 3 } },
        { name: 'rejects a zero-minute focus', args: [{ ...settings, focus: 0 }], throws: 'focus must be a whole number from 1 to 120' },
        { name: 'rejects fractions', args: [{ ...settings, shortBreak: 2.5 }], throws: 'shortBreak must be a whole number from 1 to 60' },
        { name: 'rejects a missing field', args: [{ focus: 25 }], throws: 'shortBreak must be a whole number' },
      ],
    },
    {
      module: M,
      export: 'logSession',
      cases: [
        { name: 'appends a session', args: [[], '2024-05-03', 25], expected: [{ day: '2024-05-03', minutes: 25 }] },
        { name: 'rejects a bad day', args: [[], 'May 3', 25], throws: 'Invalid day: May 3' },
        { name: 'rejects zero minutes', args: [[], '2024-05-03', 0], throws: 'minutes must be positive' },
      ],
    },
    {
      module: M,
      export: 'weekMinutes',
      cases: [
        {
          name: 'seven days, oldest first, summed per day',
          args: [log, '2024-05-03'],
          expected: [
            { day: '2024-04-27', minutes: 0 }, { day: '2024-04-28', minutes: 0 }, { day: '2024-04-29', minutes: 0 }, { day: '2024-04-30', minutes: 0 },
            { day: '2024-05-01', minutes: 50 }, { day: '2024-05-02', minutes: 0 }, { day: '2024-05-03', minutes: 50 },
          ],
        },
      ],
    },
    {
      module: M,
      export: 'focusStats',
      cases: [
        { name: 'today, the week and all time', args: [log, '2024-05-03'], expected: { sessionsToday: 2, minutesToday: 50, minutesThisWeek: 100, sessionsTotal: 4 } },
        { name: 'an empty log', args: [[], '2024-05-03'], expected: { sessionsToday: 0, minutesToday: 0, minutesThisWeek: 0, sessionsTotal: 0 } },
      ],
    },
    {
      module: M,
      export: 'parseLog',
      cases: [
        { name: 'restores the log', args: [JSON.stringify(log)], expected: log },
        { name: 'drops malformed entries', args: ['[{"day":"2024-05-03","minutes":25},{"day":"x","minutes":5},{"day":"2024-05-03","minutes":-1},null]'], expected: [{ day: '2024-05-03', minutes: 25 }] },
        { name: 'nothing stored is empty', args: [null], expected: [] },
      ],
    },
    {
      module: M,
      export: 'phaseLabel',
      cases: [{ name: 'names a phase', args: ['long-break'], expected: 'Long break' }],
    },
  ],
  routes: [],
  smoke: {
    description: 'start a focus session, see the clock run, then skip to the break',
    steps: [
      { expectText: '#clock', text: '25:00' },
      { click: '#start' },
      { expectText: '#status', text: 'Focusing' },
      { expectText: '#clock', text: '24:5' },
      { expectText: '#start', text: 'Pause' },
      { click: '#skip' },
      { expectText: '#clock', text: '05:00' },
      { expectText: '#status', text: 'Ready: short break' },
    ],
  },
};

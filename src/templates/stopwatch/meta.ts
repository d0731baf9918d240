import type { TemplateMeta } from '../types';

const M = 'src/lib/clock.js';
const laps = [
  { number: 1, lap: 1000, total: 1000 },
  { number: 2, lap: 500, total: 1500 },
  { number: 3, lap: 1500, total: 3000 },
];

export const meta: TemplateMeta = {
  id: 'stopwatch',
  name: 'Stopwatch & Countdown',
  category: 'utility',
  description:
    'A stopwatch with laps (fastest and slowest marked) and a countdown timer with presets that says when time is up; both count from timestamps, so they stay exact in a background tab and survive a reload.',
  features: ['stopwatch', 'laps', 'fastest-slowest-lap', 'countdown', 'presets', 'times-up-alert', 'survives-reload'],
  techStack: ['html', 'css', 'javascript', 'local-storage'],
  keywords: [
    'stopwatch', 'stop watch', 'countdown', 'count down', 'timer', 'kitchen timer', 'lap timer', 'laps', 'chronometer', 'egg timer',
    'interval', 'race timer', 'clock', 'time tracker', 'split times',
  ],
  steps: [
    {
      title: 'Clock rules',
      description: 'Pure functions in src/lib/clock.js: a clock that starts, pauses and resets on timestamps, elapsed time, display format, laps and their extremes, countdown lengths and time left.',
      files: ['src/lib/clock.js'],
      dependsOn: [],
      features: ['stopwatch', 'laps', 'fastest-slowest-lap', 'countdown'],
    },
    {
      title: 'Page and styles',
      description: 'The page: stopwatch and countdown tabs, big displays, controls, a lap table, countdown fields and presets.',
      files: ['index.html', 'styles.css', 'favicon.svg'],
      dependsOn: [],
      features: ['stopwatch', 'laps', 'countdown', 'presets'],
    },
    {
      title: 'Run the clocks',
      description: 'src/main.js drives both clocks with requestAnimationFrame, takes laps, signals when the countdown ends and keeps the state in localStorage.',
      files: ['src/main.js'],
      dependsOn: ['Clock rules', 'Page and styles'],
      features: ['stopwatch', 'laps', 'fastest-slowest-lap', 'countdown', 'presets', 'times-up-alert', 'survives-reload'],
    },
  ],
  logic: [
    {
      module: M,
      export: 'resetClock',
      cases: [{ name: 'stopped at zero', args: [], expected: { startedAt: null, accumulated: 0 } }],
    },
    {
      module: M,
      export: 'startClock',
      cases: [
        { name: 'starts a stopped clock', args: [{ startedAt: null, accumulated: 500 }, 1000], expected: { startedAt: 1000, accumulated: 500 } },
        { name: 'a running clock keeps its start', args: [{ startedAt: 1000, accumulated: 0 }, 5000], expected: { startedAt: 1000, accumulated: 0 } },
      ],
    },
    {
      module: M,
      export: 'pauseClock',
      cases: [
        { name: 'banks the running time', args: [{ startedAt: 1000, accumulated: 500 }, 3000], expected: { startedAt: null, accumulated: 2500 } },
        { name: 'a paused clock stays as it is', args: [{ startedAt: null, accumulated: 500 }, 3000], expected: { startedAt: null, accumulated: 500 } },
      ],
    },
    {
      module: M,
      export: 'elapsed',
      cases: [
        { name: 'running', args: [{ startedAt: 1000, accumulated: 500 }, 3000], expected: 2500 },
        { name: 'paused', args: [{ startedAt: null, accumulated: 700 }, 3000], expected: 700 },
        { name: 'a clock set back never counts negative', args: [{ startedAt: 5000, accumulated: 0 }, 3000], expected: 0 },
      ],
    },
    {
      module: M,
      export: 'formatDuration',
      cases: [
        { name: 'minutes, seconds, hundredths', args: [83_450], expected: '01:23.45' },
        { name: 'hours when needed', args: [3_723_450], expected: '1:02:03.45' },
        { name: 'without hundredths', args: [83_450, false], expected: '01:23' },
        { name: 'zero', args: [0], expected: '00:00.00' },
      ],
    },
    {
      module: M,
      export: 'addLap',
      cases: [
        { name: 'the first lap is the total', args: [[], 1000], expected: [laps[0]] },
        { name: 'later laps are the difference', args: [[laps[0]], 1500], expected: [laps[0], laps[1]] },
      ],
    },
    {
      module: M,
      export: 'lapExtremes',
      cases: [
        { name: 'fastest and slowest', args: [laps], expected: { fastest: 2, slowest: 3 } },
        { name: 'none with one lap', args: [[laps[0]]], expected: { fastest: null, slowest: null } },
      ],
    },
    {
      module: M,
      export: 'countdownLength',
      cases: [
        { name: 'hours, minutes and seconds', args: ['1', '2', '3'], expected: 3_723_000 },
        { name: 'empty fields are zero', args: ['', '5', ''], expected: 300_000 },
        { name: 'rejects zero', args: ['0', '0', '0'], throws: 'Set at least one second' },
        { name: 'rejects 60 seconds', args: ['0', '0', '60'], throws: 'Minutes and seconds go up to 59' },
        { name: 'rejects fractions', args: ['0', '1.5', '0'], throws: 'Use whole, non-negative numbers' },
      ],
    },
    {
      module: M,
      export: 'countdownLeft',
      cases: [
        { name: 'rounds up to whole seconds', args: [60_000, 250], expected: 60_000 },
        { name: 'the last second', args: [60_000, 59_001], expected: 1000 },
        { name: 'zero once over', args: [60_000, 61_000], expected: 0 },
      ],
    },
  ],
  routes: [],
  smoke: {
    description: 'run the stopwatch past a second and take a lap, then let a 2-second countdown run out',
    steps: [
      { click: '#sw-start' },
      { expectText: '#sw-display', text: '00:01' },
      { click: '#sw-lap' },
      { expectCount: '#laps tr', count: 1 },
      { click: '#tab-countdown' },
      { fill: '#cd-minutes', value: '0' },
      { fill: '#cd-seconds', value: '2' },
      { expectText: '#cd-display', text: '00:02' },
      { click: '#cd-start' },
      { expectText: '#cd-status', text: "Time's up!" },
    ],
  },
};

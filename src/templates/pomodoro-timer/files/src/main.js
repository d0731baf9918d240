// DOM glue for the focus timer: runs phases against the wall clock, logs finished focus sessions, shows the statistics.
import {
  DEFAULT_SETTINGS, focusStats, formatClock, logSession, nextPhase, parseLog, phaseLabel, phaseSeconds, secondsLeft, validateSettings, weekMinutes,
} from './lib/pomodoro.js';

const LOG_KEY = 'pomodoro-timer.log';
const SETTINGS_KEY = 'pomodoro-timer.settings';
const $ = (selector) => document.querySelector(selector);
// The tab shows the clock while it runs and the app's own title otherwise.
const TITLE = document.title;

let settings = load(SETTINGS_KEY, (json) => validateSettings(JSON.parse(json)), DEFAULT_SETTINGS);
let log = load(LOG_KEY, parseLog, []);
let phase = 'focus';
let focusDone = 0;
let endsAt = null; // ms timestamp while running
let left = phaseSeconds(phase, settings); // seconds, while paused
let ticker = null;

function load(key, parse, fallback) {
  try {
    return parse(localStorage.getItem(key));
  } catch {
    return fallback;
  }
}

function store(key, value) {
  try {
    localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // storage full or blocked: keep working in memory
  }
}

function today() {
  const now = new Date();
  return new Date(now.getTime() - now.getTimezoneOffset() * 60_000).toISOString().slice(0, 10);
}

function renderStats() {
  const stats = focusStats(log, today());
  $('#sessions-today').textContent = String(stats.sessionsToday);
  $('#minutes-today').textContent = String(stats.minutesToday);
  $('#minutes-week').textContent = `${stats.minutesThisWeek} min`;
  $('#sessions-total').textContent = String(stats.sessionsTotal);
  const week = weekMinutes(log, today());
  const most = Math.max(60, ...week.map((entry) => entry.minutes));
  $('#week-chart').replaceChildren(...week.map((entry) => {
    const bar = document.createElement('li');
    const day = new Date(`${entry.day}T00:00:00Z`).toLocaleDateString(undefined, { weekday: 'short', timeZone: 'UTC' });
    bar.style.setProperty('--h', `${Math.round((entry.minutes / most) * 100)}%`);
    bar.title = `${day}: ${entry.minutes} min`;
    bar.setAttribute('aria-label', bar.title);
    const label = document.createElement('span');
    label.textContent = day.slice(0, 2);
    bar.append(label);
    return bar;
  }));
}

function renderTimer() {
  const seconds = endsAt === null ? left : secondsLeft(endsAt, Date.now());
  $('#clock').textContent = formatClock(seconds);
  $('#phase').textContent = phaseLabel(phase);
  document.title = endsAt === null ? TITLE : `${formatClock(seconds)} · ${phaseLabel(phase)}`;
  document.body.dataset.phase = phase;
  $('#start').textContent = endsAt === null ? (left < phaseSeconds(phase, settings) ? 'Resume' : 'Start') : 'Pause';
  $('#status').textContent = endsAt !== null ? (phase === 'focus' ? 'Focusing…' : 'On a break') : left < phaseSeconds(phase, settings) ? 'Paused' : `Ready: ${phaseLabel(phase).toLowerCase()}`;
  $('#round').textContent = String(focusDone + 1);
  $('#long-every').textContent = String(settings.longEvery);
  for (const button of document.querySelectorAll('[data-phase]')) button.setAttribute('aria-pressed', String(button.dataset.phase === phase));
}

function stopTicker() {
  clearInterval(ticker);
  ticker = null;
}

function switchTo(next) {
  stopTicker();
  phase = next;
  endsAt = null;
  left = phaseSeconds(phase, settings);
  renderTimer();
}

function finishPhase() {
  if (phase === 'focus') {
    focusDone += 1;
    log = logSession(log, today(), settings.focus);
    store(LOG_KEY, log);
    renderStats();
  }
  switchTo(nextPhase(phase, focusDone, settings));
}

function tick() {
  if (secondsLeft(endsAt, Date.now()) === 0) finishPhase();
  else renderTimer();
}

$('#start').addEventListener('click', () => {
  if (endsAt === null) {
    endsAt = Date.now() + left * 1000;
    ticker = setInterval(tick, 250);
  } else {
    left = secondsLeft(endsAt, Date.now());
    endsAt = null;
    stopTicker();
  }
  renderTimer();
});

$('#reset').addEventListener('click', () => switchTo(phase));
$('#skip').addEventListener('click', () => switchTo(nextPhase(phase, phase === 'focus' ? focusDone + 1 : focusDone, settings)));
for (const button of document.querySelectorAll('[data-phase]')) button.addEventListener('click', () => switchTo(button.dataset.phase));

const form = $('#settings');
for (const [key, value] of Object.entries(settings)) form.elements[key].value = String(value);
form.addEventListener('submit', (event) => {
  event.preventDefault();
  try {
    settings = validateSettings(Object.fromEntries(new FormData(form)));
  } catch (err) {
    $('#settings-status').textContent = err.message;
    return;
  }
  store(SETTINGS_KEY, settings);
  $('#settings-status').textContent = 'Saved.';
  if (endsAt === null) switchTo(phase);
});

renderTimer();
renderStats();

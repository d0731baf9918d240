// DOM glue for the stopwatch and countdown: both clocks run on timestamps and survive a reload through localStorage.
import { addLap, countdownLeft, countdownLength, elapsed, formatDuration, lapExtremes, pauseClock, resetClock, startClock } from './lib/clock.js';

const STORAGE_KEY = 'stopwatch.state';
const $ = (selector) => document.querySelector(selector);

let state = load();
let frame = null;

function load() {
  const fresh = { stopwatch: resetClock(), laps: [], countdown: resetClock(), length: 300_000 };
  try {
    const saved = JSON.parse(localStorage.getItem(STORAGE_KEY));
    const clockOk = (clock) => clock && Number.isFinite(clock.accumulated) && (clock.startedAt === null || Number.isFinite(clock.startedAt));
    if (saved && clockOk(saved.stopwatch) && clockOk(saved.countdown) && Array.isArray(saved.laps) && Number.isFinite(saved.length)) return saved;
  } catch {
    // nothing stored or storage blocked: start fresh
  }
  return fresh;
}

function save() {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(state));
  } catch {
    // storage full or blocked: the clocks still run for this visit
  }
}

function renderLaps() {
  const { fastest, slowest } = lapExtremes(state.laps);
  $('#laps').replaceChildren(...[...state.laps].reverse().map((lap) => {
    const row = document.createElement('tr');
    if (lap.number === fastest) row.className = 'is-fastest';
    if (lap.number === slowest) row.className = 'is-slowest';
    for (const text of [`${lap.number}`, formatDuration(lap.lap), formatDuration(lap.total)]) {
      const cell = document.createElement('td');
      cell.textContent = text;
      row.append(cell);
    }
    return row;
  }));
}

function renderStatic() {
  const running = state.stopwatch.startedAt !== null;
  const used = elapsed(state.stopwatch, Date.now()) > 0;
  $('#sw-start').textContent = running ? 'Stop' : used ? 'Resume' : 'Start';
  $('#sw-lap').disabled = !running;
  $('#sw-reset').disabled = running || !used;
  const counting = state.countdown.startedAt !== null;
  const started = elapsed(state.countdown, Date.now()) > 0;
  $('#cd-start').textContent = counting ? 'Pause' : started ? 'Resume' : 'Start';
  for (const input of document.querySelectorAll('#cd-form input')) input.disabled = counting || started;
  renderLaps();
}

function tick() {
  const now = Date.now();
  $('#sw-display').textContent = formatDuration(elapsed(state.stopwatch, now));
  const left = countdownLeft(state.length, elapsed(state.countdown, now));
  $('#cd-display').textContent = formatDuration(left, false);
  if (state.countdown.startedAt !== null && left === 0) {
    state.countdown = pauseClock(state.countdown, now);
    $('#cd-status').textContent = "Time's up!";
    document.title = "⏰ Time's up!";
    save();
    renderStatic();
  }
  frame = state.stopwatch.startedAt !== null || state.countdown.startedAt !== null ? requestAnimationFrame(tick) : null;
}

function run() {
  renderStatic();
  if (frame === null) tick();
}

function update(next) {
  state = next;
  save();
  run();
}

$('#sw-start').addEventListener('click', () => {
  const now = Date.now();
  update({ ...state, stopwatch: state.stopwatch.startedAt === null ? startClock(state.stopwatch, now) : pauseClock(state.stopwatch, now) });
});
$('#sw-lap').addEventListener('click', () => update({ ...state, laps: addLap(state.laps, elapsed(state.stopwatch, Date.now())) }));
$('#sw-reset').addEventListener('click', () => update({ ...state, stopwatch: resetClock(), laps: [] }));

function readLength() {
  try {
    const length = countdownLength($('#cd-hours').value, $('#cd-minutes').value, $('#cd-seconds').value);
    $('#cd-error').hidden = true;
    return length;
  } catch (err) {
    $('#cd-error').textContent = err.message;
    $('#cd-error').hidden = false;
    return null;
  }
}

function showLength(ms) {
  const seconds = Math.round(ms / 1000);
  $('#cd-hours').value = String(Math.floor(seconds / 3600));
  $('#cd-minutes').value = String(Math.floor((seconds % 3600) / 60));
  $('#cd-seconds').value = String(seconds % 60);
}

$('#cd-start').addEventListener('click', () => {
  const now = Date.now();
  if (state.countdown.startedAt !== null) return update({ ...state, countdown: pauseClock(state.countdown, now) });
  const fresh = elapsed(state.countdown, now) === 0;
  const length = fresh ? readLength() : state.length;
  if (length === null) return;
  $('#cd-status').textContent = '';
  update({ ...state, length, countdown: startClock(state.countdown, now) });
});

$('#cd-reset').addEventListener('click', () => {
  $('#cd-status').textContent = '';
  document.title = document.querySelector('h1').textContent;
  update({ ...state, countdown: resetClock() });
});

$('#cd-form').addEventListener('input', () => {
  const length = readLength();
  if (length !== null) update({ ...state, length });
});

for (const button of document.querySelectorAll('[data-preset]')) {
  button.addEventListener('click', () => {
    const length = Number(button.dataset.preset) * 1000;
    showLength(length);
    $('#cd-status').textContent = '';
    update({ ...state, length, countdown: resetClock() });
  });
}

for (const tab of document.querySelectorAll('[role="tab"]')) {
  tab.addEventListener('click', () => {
    for (const other of document.querySelectorAll('[role="tab"]')) {
      other.setAttribute('aria-selected', String(other === tab));
      $(`#${other.getAttribute('aria-controls')}`).hidden = other !== tab;
    }
  });
}

showLength(state.length);
run();

// DOM glue for the habit tracker: a week grid of toggles per habit, streaks and rates, saved to localStorage.
import { addHabit, completionRate, currentStreak, lastDays, longestStreak, parseHabits, removeHabit, streakLabel, toggleDay } from './lib/habits.js';

const STORAGE_KEY = 'habit-tracker.habits';
const WEEK = 7;

const form = document.querySelector('#habit-form');
const input = document.querySelector('#new-habit');
const error = document.querySelector('#form-error');
const list = document.querySelector('#habits');
const empty = document.querySelector('#empty');
const summary = document.querySelector('#summary');

let habits = load();

function load() {
  try {
    return parseHabits(localStorage.getItem(STORAGE_KEY));
  } catch {
    return []; // storage blocked: track this visit only
  }
}

function save() {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(habits));
  } catch {
    // storage full or blocked: keep working in memory
  }
}

/** Today in the user's own calendar, as the 'YYYY-MM-DD' the rules use. */
function today() {
  const now = new Date();
  return new Date(now.getTime() - now.getTimezoneOffset() * 60_000).toISOString().slice(0, 10);
}

function newId() {
  return crypto.randomUUID?.() ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

const weekday = (day) => new Date(`${day}T00:00:00Z`).toLocaleDateString(undefined, { weekday: 'short', timeZone: 'UTC' });

function renderHabit(habit, days, now) {
  const item = document.createElement('li');
  item.className = 'habit';
  item.dataset.id = habit.id;

  const name = document.createElement('span');
  name.className = 'habit-name';
  name.textContent = habit.name;

  const grid = document.createElement('div');
  grid.className = 'days';
  for (const day of days) {
    const done = habit.done.includes(day);
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'day';
    button.dataset.day = day;
    if (day === now) button.dataset.today = '';
    button.setAttribute('aria-pressed', String(done));
    button.setAttribute('aria-label', `${habit.name} on ${weekday(day)} ${day}`);
    button.textContent = weekday(day).slice(0, 2);
    grid.append(button);
  }

  const streak = currentStreak(habit.done, now);
  const stats = document.createElement('span');
  stats.className = 'stats';
  const streakText = document.createElement('strong');
  streakText.className = 'streak';
  streakText.textContent = streakLabel(streak);
  const detail = document.createElement('small');
  detail.className = 'muted';
  detail.textContent = `best ${longestStreak(habit.done)} · ${completionRate(habit.done, now, 30)}% of 30 days`;
  stats.append(streakText, detail);

  const remove = document.createElement('button');
  remove.type = 'button';
  remove.className = 'link remove';
  remove.dataset.action = 'remove';
  remove.setAttribute('aria-label', `Stop tracking ${habit.name}`);
  remove.textContent = '×';

  item.append(name, stats, grid, remove);
  return item;
}

function render() {
  const now = today();
  const days = lastDays(now, WEEK);
  list.replaceChildren(...habits.map((habit) => renderHabit(habit, days, now)));
  empty.hidden = habits.length > 0;
  const doneToday = habits.filter((habit) => habit.done.includes(now)).length;
  summary.textContent = habits.length ? `${doneToday} of ${habits.length} done today` : '';
}

function update(next) {
  habits = next;
  save();
  render();
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  try {
    update(addHabit(habits, input.value, newId()));
  } catch (err) {
    error.textContent = err.message;
    error.hidden = false;
    return;
  }
  error.hidden = true;
  input.value = '';
  input.focus();
});

list.addEventListener('click', (event) => {
  const item = event.target.closest('.habit');
  if (!item) return;
  const day = event.target.closest('[data-day]');
  if (day) update(toggleDay(habits, item.dataset.id, day.dataset.day));
  else if (event.target.closest('[data-action="remove"]')) update(removeHabit(habits, item.dataset.id));
});

render();

// Habit rules: habits with the days they were done, streaks and completion rates, without side effects.
// Days are 'YYYY-MM-DD' strings in the user's calendar; date arithmetic runs in UTC so no time zone shifts a day.

const MAX_NAME_LENGTH = 60;
const DAY_MS = 86_400_000;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

function toTime(day) {
  const time = typeof day === 'string' && ISO_DAY.test(day) ? Date.parse(`${day}T00:00:00Z`) : NaN;
  // The round trip rejects days the parser rolls over, such as 2024-02-30.
  if (Number.isNaN(time) || new Date(time).toISOString().slice(0, 10) !== day) throw new Error(`Invalid day: ${day}`);
  return time;
}

/** The day `offset` days after `day`: shiftDay('2024-03-01', -1) → '2024-02-29'. */
export function shiftDay(day, offset) {
  return new Date(toTime(day) + offset * DAY_MS).toISOString().slice(0, 10);
}

/** The last `count` days up to `today`, oldest first: lastDays('2024-05-03', 3) → ['2024-05-01', '2024-05-02', '2024-05-03']. */
export function lastDays(today, count) {
  return Array.from({ length: count }, (_, index) => shiftDay(today, index - count + 1));
}

/** A new habit: createHabit(' Read  20 pages ', 'h1') → { id: 'h1', name: 'Read 20 pages', done: [] }. */
export function createHabit(name, id) {
  const text = String(name ?? '').trim().replace(/\s+/g, ' ');
  if (!text) throw new Error('Habit name is required');
  if (text.length > MAX_NAME_LENGTH) throw new Error(`Habit name must be at most ${MAX_NAME_LENGTH} characters`);
  return { id: String(id), name: text, done: [] };
}

/** The list with a new habit at the end; a name already tracked (in any case) is refused. */
export function addHabit(habits, name, id) {
  const habit = createHabit(name, id);
  if (habits.some((other) => other.name.toLowerCase() === habit.name.toLowerCase())) throw new Error(`You already track "${habit.name}"`);
  return [...habits, habit];
}

/** The list without the habit that has this id. */
export function removeHabit(habits, id) {
  return habits.filter((habit) => habit.id !== id);
}

/** Marks the day done for the habit, or unmarks it if it was; days stay sorted. */
export function toggleDay(habits, id, day) {
  toTime(day);
  return habits.map((habit) => {
    if (habit.id !== id) return habit;
    const done = habit.done.includes(day) ? habit.done.filter((d) => d !== day) : [...habit.done, day].sort();
    return { ...habit, done };
  });
}

/**
 * Days in a row done up to today; a streak still counts through yesterday while today is open:
 * currentStreak(['2024-05-01', '2024-05-02'], '2024-05-03') → 2.
 */
export function currentStreak(done, today) {
  const days = new Set(done);
  let day = days.has(today) ? today : shiftDay(today, -1);
  let streak = 0;
  while (days.has(day)) {
    streak += 1;
    day = shiftDay(day, -1);
  }
  return streak;
}

/** The most days in a row ever done: longestStreak(['2024-05-01', '2024-05-02', '2024-05-05']) → 2. */
export function longestStreak(done) {
  const times = [...new Set(done)].map(toTime).sort((a, b) => a - b);
  let longest = 0;
  let run = 0;
  times.forEach((time, index) => {
    run = index > 0 && time - times[index - 1] === DAY_MS ? run + 1 : 1;
    longest = Math.max(longest, run);
  });
  return longest;
}

/** The share of the last `count` days done, in whole percent: completionRate(['2024-05-03'], '2024-05-03', 4) → 25. */
export function completionRate(done, today, count) {
  const window = new Set(lastDays(today, count));
  return Math.round((done.filter((day) => window.has(day)).length / count) * 100);
}

/** The streak in words: streakLabel(1) → '1 day streak'. */
export function streakLabel(days) {
  return days === 0 ? 'No streak yet' : `${days} day${days === 1 ? '' : 's'} streak`;
}

/** Restores habits from stored JSON, keeping well-formed habits and valid days; anything unreadable gives []. */
export function parseHabits(json) {
  let data;
  try {
    data = JSON.parse(json);
  } catch {
    return [];
  }
  if (!Array.isArray(data)) return [];
  return data
    .filter((item) => item && typeof item.id === 'string' && typeof item.name === 'string' && item.name.trim() !== '')
    .map((item) => ({
      id: item.id,
      name: item.name,
      done: Array.isArray(item.done) ? [...new Set(item.done.filter((day) => typeof day === 'string' && ISO_DAY.test(day)))].sort() : [],
    }));
}

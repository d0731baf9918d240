// Pomodoro rules: phases and their lengths, the clock, settings, and statistics of finished focus sessions, without side effects.

/** Minutes of each phase, and after how many focus sessions the break is a long one. */
export const DEFAULT_SETTINGS = { focus: 25, shortBreak: 5, longBreak: 15, longEvery: 4 };

const LIMITS = { focus: [1, 120], shortBreak: [1, 60], longBreak: [1, 90], longEvery: [2, 12] };
const DAY_MS = 86_400_000;

/** The phase after this one: a focus session is followed by a break, long after every `longEvery`-th session; a break by focus. */
export function nextPhase(phase, focusSessionsDone, settings = DEFAULT_SETTINGS) {
  if (phase === 'short-break' || phase === 'long-break') return 'focus';
  if (phase !== 'focus') throw new Error(`Unknown phase: ${phase}`);
  return focusSessionsDone > 0 && focusSessionsDone % settings.longEvery === 0 ? 'long-break' : 'short-break';
}

/** The length of a phase in seconds: phaseSeconds('focus', DEFAULT_SETTINGS) → 1500. */
export function phaseSeconds(phase, settings = DEFAULT_SETTINGS) {
  const minutes = { focus: settings.focus, 'short-break': settings.shortBreak, 'long-break': settings.longBreak }[phase];
  if (minutes === undefined) throw new Error(`Unknown phase: ${phase}`);
  return minutes * 60;
}

/** The phase's name for people: phaseLabel('long-break') → 'Long break'. */
export function phaseLabel(phase) {
  return { focus: 'Focus', 'short-break': 'Short break', 'long-break': 'Long break' }[phase] ?? phase;
}

/** Seconds as the clock shows them: formatClock(65) → '01:05'; an hour or more shows hours. */
export function formatClock(seconds) {
  const total = Math.max(0, Math.ceil(seconds));
  const pad = (n) => String(n).padStart(2, '0');
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  return h > 0 ? `${h}:${pad(m)}:${pad(total % 60)}` : `${pad(m)}:${pad(total % 60)}`;
}

/** Whole seconds left until `endsAt` (ms), never below zero: secondsLeft(10_500, 1_000) → 10. */
export function secondsLeft(endsAt, now) {
  return Math.max(0, Math.ceil((endsAt - now) / 1000));
}

/** Checked settings from form values (strings or numbers): whole minutes within each phase's limits. */
export function validateSettings(input) {
  const settings = {};
  for (const [key, [min, max]] of Object.entries(LIMITS)) {
    const value = Number(input?.[key]);
    if (!Number.isInteger(value) || value < min || value > max) throw new Error(`${key} must be a whole number from ${min} to ${max}`);
    settings[key] = value;
  }
  return settings;
}

/** The log with one more finished focus session: logSession([], '2024-05-03', 25) → [{ day: '2024-05-03', minutes: 25 }]. */
export function logSession(log, day, minutes) {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new Error(`Invalid day: ${day}`);
  if (!Number.isFinite(minutes) || minutes <= 0) throw new Error('minutes must be positive');
  return [...log, { day, minutes }];
}

/** Focus minutes per day for the 7 days up to `today`, oldest first. */
export function weekMinutes(log, today) {
  const end = Date.parse(`${today}T00:00:00Z`);
  const days = Array.from({ length: 7 }, (_, index) => new Date(end - (6 - index) * DAY_MS).toISOString().slice(0, 10));
  return days.map((day) => ({ day, minutes: log.filter((entry) => entry.day === day).reduce((sum, entry) => sum + entry.minutes, 0) }));
}

/** Today's sessions and minutes, the week's minutes and all-time sessions. */
export function focusStats(log, today) {
  const todays = log.filter((entry) => entry.day === today);
  return {
    sessionsToday: todays.length,
    minutesToday: todays.reduce((sum, entry) => sum + entry.minutes, 0),
    minutesThisWeek: weekMinutes(log, today).reduce((sum, entry) => sum + entry.minutes, 0),
    sessionsTotal: log.length,
  };
}

/** Restores the stored log, keeping well-formed entries; anything unreadable gives []. */
export function parseLog(json) {
  try {
    const data = JSON.parse(json);
    if (!Array.isArray(data)) return [];
    return data
      .filter((entry) => entry && /^\d{4}-\d{2}-\d{2}$/.test(entry.day) && Number.isFinite(entry.minutes) && entry.minutes > 0)
      .map((entry) => ({ day: entry.day, minutes: entry.minutes }));
  } catch {
    return [];
  }
}

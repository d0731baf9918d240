// Stopwatch and countdown rules: a clock that runs and pauses against timestamps, laps, durations and their display, without side effects.

/** A stopped clock at zero. A clock is { startedAt: ms | null, accumulated: ms }: time is counted from timestamps, never from ticks. */
export function resetClock() {
  return { startedAt: null, accumulated: 0 };
}

/** The clock running from `now`; starting a running clock changes nothing. */
export function startClock(clock, now) {
  return clock.startedAt === null ? { ...clock, startedAt: now } : clock;
}

/** The clock paused at `now`, its running time kept; pausing a paused clock changes nothing. */
export function pauseClock(clock, now) {
  return clock.startedAt === null ? clock : { startedAt: null, accumulated: clock.accumulated + Math.max(0, now - clock.startedAt) };
}

/** Milliseconds the clock has run up to `now`: elapsed({ startedAt: 1000, accumulated: 500 }, 3000) → 2500. */
export function elapsed(clock, now) {
  return clock.accumulated + (clock.startedAt === null ? 0 : Math.max(0, now - clock.startedAt));
}

/** A duration as a display: formatDuration(83_450) → '01:23.45'; an hour or more shows hours; hundredths can be left out. */
export function formatDuration(ms, withHundredths = true) {
  const total = Math.max(0, Math.floor(ms));
  const pad = (n) => String(n).padStart(2, '0');
  const hours = Math.floor(total / 3_600_000);
  const minutes = Math.floor((total % 3_600_000) / 60_000);
  const seconds = Math.floor((total % 60_000) / 1000);
  const clock = hours > 0 ? `${hours}:${pad(minutes)}:${pad(seconds)}` : `${pad(minutes)}:${pad(seconds)}`;
  return withHundredths ? `${clock}.${pad(Math.floor((total % 1000) / 10))}` : clock;
}

/** The laps with one more taken at `totalMs`: each lap has its number, its own time and the total. */
export function addLap(laps, totalMs) {
  const previous = laps.length ? laps[laps.length - 1].total : 0;
  return [...laps, { number: laps.length + 1, lap: totalMs - previous, total: totalMs }];
}

/** The numbers of the fastest and slowest laps (null below two laps): lapExtremes(laps) → { fastest: 2, slowest: 1 }. */
export function lapExtremes(laps) {
  if (laps.length < 2) return { fastest: null, slowest: null };
  const by = (pick) => laps.reduce((best, lap) => (pick(lap.lap, best.lap) ? lap : best)).number;
  return { fastest: by((a, b) => a < b), slowest: by((a, b) => a > b) };
}

/** A countdown length from typed hours, minutes and seconds, in ms; at least one second and under 100 hours. */
export function countdownLength(hours, minutes, seconds) {
  const parts = [hours, minutes, seconds].map((value) => (String(value ?? '').trim() === '' ? 0 : Number(value)));
  if (parts.some((part) => !Number.isInteger(part) || part < 0)) throw new Error('Use whole, non-negative numbers');
  const [h, m, s] = parts;
  if (m > 59 || s > 59) throw new Error('Minutes and seconds go up to 59');
  const ms = ((h * 60 + m) * 60 + s) * 1000;
  if (ms < 1000) throw new Error('Set at least one second');
  if (h > 99) throw new Error('A countdown can be at most 99 hours');
  return ms;
}

/** Milliseconds left of a countdown, rounded up to whole seconds as a countdown shows them: countdownLeft(60_000, 250) → 60_000. */
export function countdownLeft(lengthMs, elapsedMs) {
  return Math.max(0, Math.ceil((lengthMs - elapsedMs) / 1000) * 1000);
}

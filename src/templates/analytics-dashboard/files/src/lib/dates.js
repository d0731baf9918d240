/** Calendar arithmetic on ISO dates ('YYYY-MM-DD'), in UTC so results never depend on the viewer's zone. */

const DAY_MS = 86400000;

/** Days since 1970-01-01 for a valid ISO date; throws on a malformed or impossible date. */
function toDayNumber(iso) {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(iso));
  if (!match) throw new Error(`invalid date: ${iso}`);
  const [, y, m, d] = match.map(Number);
  const ms = Date.UTC(y, m - 1, d);
  if (new Date(ms).toISOString().slice(0, 10) !== iso) throw new Error(`invalid date: ${iso}`);
  return ms / DAY_MS;
}

/** ISO date for a day number. */
function fromDayNumber(day) {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Adds whole days to an ISO date: addDays('2024-02-28', 2) === '2024-03-01'. */
export function addDays(iso, days) {
  return fromDayNumber(toDayNumber(iso) + days);
}

/** Inclusive number of days from `from` to `to`: daysInRange('2024-01-01', '2024-01-07') === 7. */
export function daysInRange(from, to) {
  const length = toDayNumber(to) - toDayNumber(from) + 1;
  if (length < 1) throw new Error('from must not be after to');
  return length;
}

/** Rows whose `date` lies in [from, to], inclusive, in their original order; throws when from is after to. */
export function filterByDateRange(rows, from, to) {
  daysInRange(from, to);
  return rows.filter((row) => row.date >= from && row.date <= to);
}

/** The equally long range just before [from, to]: previousRange('2024-01-08', '2024-01-14') → { from: '2024-01-01', to: '2024-01-07' }. */
export function previousRange(from, to) {
  const length = daysInRange(from, to);
  return { from: addDays(from, -length), to: addDays(from, -1) };
}

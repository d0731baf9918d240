// RSVP rules shared by the page and the worker: checked answers, one per email, the headcount and the countdown, without side effects.

/** Key prefix of stored answers, one key per guest email. */
export const RSVP_PREFIX = 'rsvp:';

const ANSWERS = ['yes', 'maybe', 'no'];
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** A checked RSVP from untrusted input; plus-ones only count for a yes or maybe. */
export function validateRsvp(input) {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) throw new Error('body must be a JSON object');
  const name = typeof input.name === 'string' ? input.name.trim().replace(/\s+/g, ' ') : '';
  if (name.length < 1 || name.length > 80) throw new Error('name must be 1-80 characters');
  const email = typeof input.email === 'string' ? input.email.trim().toLowerCase() : '';
  if (!EMAIL.test(email) || email.length > 120) throw new Error('email must be a valid address');
  if (!ANSWERS.includes(input.answer)) throw new Error('answer must be yes, maybe or no');
  const guests = input.answer === 'no' ? 0 : Number(input.guests ?? 0);
  if (!Number.isInteger(guests) || guests < 0 || guests > 5) throw new Error('guests must be a whole number from 0 to 5');
  const note = typeof input.note === 'string' ? input.note.trim().slice(0, 300) : '';
  return { name, email, answer: input.answer, guests, note };
}

/** Where a guest's answer is kept, so answering again replaces it: rsvpKey(' Ada@Example.com') → 'rsvp:ada@example.com'. */
export function rsvpKey(email) {
  return RSVP_PREFIX + String(email).trim().toLowerCase();
}

/** Who is coming: headcount(rsvps) → { yes, maybe, no, attending } where attending counts yes answers with their plus-ones. */
export function headcount(rsvps) {
  const count = (answer) => rsvps.filter((rsvp) => rsvp.answer === answer).length;
  const attending = rsvps.filter((rsvp) => rsvp.answer === 'yes').reduce((sum, rsvp) => sum + 1 + rsvp.guests, 0);
  return { yes: count('yes'), maybe: count('maybe'), no: count('no'), attending };
}

/** The public guest list: names of those coming or maybe, with their answer, A to Z; emails and notes stay private. */
export function guestList(rsvps) {
  return rsvps
    .filter((rsvp) => rsvp.answer !== 'no')
    .map((rsvp) => ({ name: rsvp.name, answer: rsvp.answer, guests: rsvp.guests }))
    .sort((a, b) => a.name.localeCompare(b.name, 'en', { sensitivity: 'base' }));
}

/** The time to an event in words: timeUntil('2024-05-10T18:00:00Z', '2024-05-07T15:30:00Z') → '3 days, 2 hours'. */
export function timeUntil(startIso, nowIso) {
  const ms = Date.parse(startIso) - Date.parse(nowIso);
  if (Number.isNaN(ms)) throw new Error('invalid time');
  if (ms <= 0) return 'It has started';
  const days = Math.floor(ms / 86_400_000);
  const hours = Math.floor((ms % 86_400_000) / 3_600_000);
  const minutes = Math.floor((ms % 3_600_000) / 60_000);
  const unit = (n, word) => `${n} ${word}${n === 1 ? '' : 's'}`;
  if (days > 0) return `${unit(days, 'day')}, ${unit(hours, 'hour')}`;
  if (hours > 0) return `${unit(hours, 'hour')}, ${unit(minutes, 'minute')}`;
  return unit(Math.max(1, minutes), 'minute');
}

/** An iCalendar file for the event, so guests can add it to their calendar; times in UTC. */
export function icsFile(event, title) {
  const stamp = (iso) => new Date(iso).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
  const text = (value) => String(value).replace(/[\\;,]/g, (char) => `\\${char}`).replace(/\n/g, '\\n');
  return [
    'BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//rsvp-event//EN', 'BEGIN:VEVENT',
    `UID:${stamp(event.startsAt)}-rsvp-event`, `DTSTAMP:${stamp(event.startsAt)}`,
    `DTSTART:${stamp(event.startsAt)}`, `DTEND:${stamp(event.endsAt)}`,
    `SUMMARY:${text(title)}`, `LOCATION:${text(`${event.venue}, ${event.address}`)}`,
    'END:VEVENT', 'END:VCALENDAR', '',
  ].join('\r\n');
}

// Booking rules shared by the page and the worker: opening hours, slots, checked bookings, ids and keys, without side effects.

/** When appointments can be booked: weekdays (0 = Sunday) and hours, in slots of `slotMinutes`. */
export const SCHEDULE = { days: [1, 2, 3, 4, 5], open: '09:00', close: '17:00', slotMinutes: 30 };

/** Key prefix of stored bookings; a day's bookings share `booking:<date>:`. */
export const BOOKING_PREFIX = 'booking:';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const minutesOf = (time) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3));
const timeOf = (minutes) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** Whether `date` is a real 'YYYY-MM-DD' day. */
export function isDate(date) {
  if (typeof date !== 'string' || !DATE.test(date)) return false;
  const time = Date.parse(`${date}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === date;
}

/** The start times bookable on a day, none when closed: daySlots('2099-01-05') → ['09:00', '09:30', …, '16:30']. */
export function daySlots(date, schedule = SCHEDULE) {
  if (!isDate(date)) throw new Error('date must be YYYY-MM-DD');
  if (!schedule.days.includes(new Date(`${date}T00:00:00Z`).getUTCDay())) return [];
  const slots = [];
  for (let start = minutesOf(schedule.open); start + schedule.slotMinutes <= minutesOf(schedule.close); start += schedule.slotMinutes) slots.push(timeOf(start));
  return slots;
}

/** Whether a slot has begun by `nowIso` (times are the business's local time, compared as written). */
export function isPast(date, time, nowIso) {
  return `${date}T${time}` <= nowIso.slice(0, 16);
}

/** The next day from `today` on which the schedule is open (tomorrow at the earliest): nextOpenDay('2099-01-02') → '2099-01-05'. */
export function nextOpenDay(today, schedule = SCHEDULE) {
  let time = Date.parse(`${today}T00:00:00Z`);
  for (let i = 0; i < 7; i += 1) {
    time += 86_400_000;
    const date = new Date(time).toISOString().slice(0, 10);
    if (daySlots(date, schedule).length) return date;
  }
  throw new Error('The schedule has no open day');
}

/** A checked booking from untrusted input, for a slot that exists in the schedule. */
export function validateBooking(input, schedule = SCHEDULE) {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) throw new Error('body must be a JSON object');
  if (!isDate(input.date)) throw new Error('date must be YYYY-MM-DD');
  if (typeof input.time !== 'string' || !TIME.test(input.time) || !daySlots(input.date, schedule).includes(input.time)) throw new Error('that time is not a bookable slot');
  const name = typeof input.name === 'string' ? input.name.trim().replace(/\s+/g, ' ') : '';
  if (name.length < 1 || name.length > 80) throw new Error('name must be 1-80 characters');
  const email = typeof input.email === 'string' ? input.email.trim().toLowerCase() : '';
  if (!EMAIL.test(email) || email.length > 120) throw new Error('email must be a valid address');
  const note = typeof input.note === 'string' ? input.note.trim().slice(0, 300) : '';
  return { date: input.date, time: input.time, name, email, note };
}

/** A booking's public id: bookingId('2099-01-05', '09:30') → '2099-01-05-0930'. */
export function bookingId(date, time) {
  return `${date}-${time.replace(':', '')}`;
}

/** The date and time in a booking id, or an error: parseBookingId('2099-01-05-0930') → { date: '2099-01-05', time: '09:30' }. */
export function parseBookingId(id) {
  const match = /^(\d{4}-\d{2}-\d{2})-(\d{2})(\d{2})$/.exec(String(id));
  if (!match || !isDate(match[1]) || !TIME.test(`${match[2]}:${match[3]}`)) throw new Error('booking id must look like 2099-01-05-0930');
  return { date: match[1], time: `${match[2]}:${match[3]}` };
}

/** Where a booking is stored: bookingKey('2099-01-05', '09:30') → 'booking:2099-01-05:09:30'. */
export function bookingKey(date, time) {
  return `${BOOKING_PREFIX}${date}:${time}`;
}

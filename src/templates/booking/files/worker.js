/** Booking API over the DATA store: free slots per day, booking a slot once, cancelling with the booking's code. */

import { BOOKING_PREFIX, bookingId, bookingKey, daySlots, isPast, parseBookingId, validateBooking } from './src/lib/booking.js';
import { check, HttpError, json, serve } from '../../shared/worker-base.js';

/** A short secret that lets the person who booked cancel; only they see it. */
function newCode() {
  const bytes = crypto.getRandomValues(new Uint8Array(5));
  return [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('').toUpperCase();
}

async function listSlots(url, env) {
  const date = url.searchParams.get('date');
  const times = check(() => daySlots(date));
  const booked = new Set((await env.DATA.list({ prefix: `${BOOKING_PREFIX}${date}:` })).map((row) => row.value.time));
  const now = new Date().toISOString();
  // Only availability leaves the server: who booked a slot stays private.
  return json({ date, closed: times.length === 0, slots: times.map((time) => ({ time, available: !booked.has(time) && !isPast(date, time, now) })) });
}

async function createBooking(request, env) {
  const body = await request.json().catch(() => null);
  const fields = check(() => validateBooking(body));
  if (isPast(fields.date, fields.time, new Date().toISOString())) throw new HttpError(400, 'that slot is in the past');
  const key = bookingKey(fields.date, fields.time);
  if ((await env.DATA.get(key)) !== null) throw new HttpError(409, 'that slot is already booked');
  const booking = { id: bookingId(fields.date, fields.time), ...fields, code: newCode(), createdAt: new Date().toISOString() };
  await env.DATA.put(key, booking);
  const { email: _email, note: _note, ...visible } = booking;
  return json({ booking: visible }, 201);
}

async function cancelBooking(url, env, id) {
  const { date, time } = check(() => parseBookingId(id));
  const key = bookingKey(date, time);
  const booking = await env.DATA.get(key);
  if (!booking) throw new HttpError(404, 'booking not found');
  if (url.searchParams.get('code') !== booking.code) throw new HttpError(403, 'the code does not match this booking');
  await env.DATA.delete(key);
  return new Response(null, { status: 204 });
}

async function route(request, env) {
  const url = new URL(request.url);
  const { method } = request;
  if (url.pathname === '/api/health') {
    if (method !== 'GET') throw new HttpError(405, 'method not allowed', { allow: 'GET' });
    return json({ status: 'ok' });
  }
  if (url.pathname === '/api/slots') {
    if (method !== 'GET') throw new HttpError(405, 'method not allowed', { allow: 'GET' });
    return listSlots(url, env);
  }
  if (url.pathname === '/api/bookings') {
    if (method !== 'POST') throw new HttpError(405, 'method not allowed', { allow: 'POST' });
    return createBooking(request, env);
  }
  const match = /^\/api\/bookings\/([^/]+)$/.exec(url.pathname);
  if (!match) throw new HttpError(404, 'not found');
  if (method !== 'DELETE') throw new HttpError(405, 'method not allowed', { allow: 'DELETE' });
  return cancelBooking(url, env, match[1]);
}

export default serve(route);

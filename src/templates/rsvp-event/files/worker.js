/** RSVP API over the DATA store: one answer per guest email (a new answer replaces it), a public headcount and guest list. */

import { guestList, headcount, RSVP_PREFIX, rsvpKey, validateRsvp } from './src/lib/rsvp.js';
import { json } from '../../shared/worker-base.js';

const MAX_GUESTS = 1000;

async function allRsvps(env) {
  return (await env.DATA.list({ prefix: RSVP_PREFIX, limit: MAX_GUESTS })).map((row) => row.value);
}

async function summary(env) {
  const rsvps = await allRsvps(env);
  return { headcount: headcount(rsvps), guests: guestList(rsvps) };
}

async function answer(request, env) {
  let fields;
  try {
    fields = validateRsvp(await request.json().catch(() => null));
  } catch (error) {
    return json({ error: error.message }, 400);
  }
  const key = rsvpKey(fields.email);
  const previous = await env.DATA.get(key);
  const rsvp = { ...fields, answeredAt: new Date().toISOString() };
  await env.DATA.put(key, rsvp);
  const { email: _email, note: _note, ...visible } = rsvp;
  // 200 when a guest changes an earlier answer, 201 for a first answer.
  return json({ rsvp: visible, updated: previous !== null, ...(await summary(env)) }, previous ? 200 : 201);
}

export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    if (url.pathname === '/api/health' && request.method === 'GET') return json({ status: 'ok' });
    if (url.pathname !== '/api/rsvps') return json({ error: 'not found' }, 404);
    if (request.method === 'GET') return json(await summary(env));
    if (request.method === 'POST') return answer(request, env);
    return json({ error: 'method not allowed' }, 405, { allow: 'GET, POST' });
  },
};

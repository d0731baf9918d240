/** Chat API over the DATA store: rooms of messages, posted and read newest-first in pages, polled with ?after=. */

import { messageKey, newCount, PAGE_SIZE, parseAfter, parseRoom, roomPrefix, validateMessage } from './src/lib/chat.js';
import { check, HttpError, json, serve } from '../../shared/worker-base.js';

const sequenceKey = (room) => `seq:${room}`;

async function readMessages(url, env, room) {
  const after = check(() => parseAfter(url.searchParams.get('after')));
  const last = (await env.DATA.get(sequenceKey(room))) ?? 0;
  const count = newCount(last, after);
  // Keys sort newest first, so the first `count` keys are the newest messages the client lacks.
  const rows = count ? await env.DATA.list({ prefix: roomPrefix(room), limit: count }) : [];
  return json({ room, last, messages: rows.map((row) => row.value).reverse() });
}

async function postMessage(request, env, room) {
  const body = await request.json().catch(() => null);
  const fields = check(() => validateMessage(body));
  const seq = ((await env.DATA.get(sequenceKey(room))) ?? 0) + 1;
  const message = { seq, room, ...fields, createdAt: new Date().toISOString() };
  await env.DATA.put(messageKey(room, seq), message);
  await env.DATA.put(sequenceKey(room), seq);
  return json({ message }, 201);
}

async function route(request, env) {
  const url = new URL(request.url);
  const { method } = request;
  if (url.pathname === '/api/health') {
    if (method !== 'GET') throw new HttpError(405, 'method not allowed', { allow: 'GET' });
    return json({ status: 'ok', pageSize: PAGE_SIZE });
  }
  const match = /^\/api\/rooms\/([^/]+)\/messages$/.exec(url.pathname);
  if (!match) throw new HttpError(404, 'not found');
  const room = check(() => parseRoom(decodeURIComponent(match[1])));
  if (method === 'GET') return readMessages(url, env, room);
  if (method === 'POST') return postMessage(request, env, room);
  throw new HttpError(405, 'method not allowed', { allow: 'GET, POST' });
}

export default serve(route);

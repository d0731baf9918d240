/** Notes REST API over the DATA store: list and search, create, read, replace and delete notes. */

import { NOTE_PREFIX, noteKey, parseLimit, parseNoteId, searchNotes, slugify, validateNote } from './src/lib/notes.js';
import { check, HttpError, json, readBody, serve } from '../../shared/worker-base.js';

const SEQUENCE_KEY = 'meta:sequence';
const SCAN_LIMIT = 1000;

async function findNote(env, id) {
  const note = await env.DATA.get(noteKey(id));
  if (!note) throw new HttpError(404, 'note not found');
  return note;
}

async function listNotes(url, env) {
  const limit = check(() => parseLimit(url.searchParams.get('limit')));
  const rows = await env.DATA.list({ prefix: NOTE_PREFIX, limit: SCAN_LIMIT });
  const matches = searchNotes(rows.map((row) => row.value), url.searchParams.get('q'), url.searchParams.get('tag'));
  return json({ notes: matches.slice(0, limit), total: matches.length });
}

async function createNote(request, env) {
  const input = await readBody(request);
  const fields = check(() => validateNote(input));
  // A counter kept in DATA gives short ids and newest-first keys even when the clock stands still.
  const id = ((await env.DATA.get(SEQUENCE_KEY)) ?? 0) + 1;
  const now = new Date().toISOString();
  const note = { id: String(id), ...fields, slug: slugify(fields.title), createdAt: now, updatedAt: now };
  await env.DATA.put(noteKey(id), note);
  await env.DATA.put(SEQUENCE_KEY, id);
  return json({ note }, 201, { location: `/api/notes/${id}` });
}

async function replaceNote(request, env, id) {
  const existing = await findNote(env, id);
  const input = await readBody(request);
  const fields = check(() => validateNote(input));
  const note = { ...existing, ...fields, slug: slugify(fields.title), updatedAt: new Date().toISOString() };
  await env.DATA.put(noteKey(id), note);
  return json({ note });
}

async function deleteNote(env, id) {
  await findNote(env, id);
  await env.DATA.delete(noteKey(id));
  return new Response(null, { status: 204 });
}

async function route(request, env) {
  const url = new URL(request.url);
  const { method } = request;
  if (url.pathname === '/api/health') {
    if (method !== 'GET') throw new HttpError(405, 'method not allowed', { allow: 'GET' });
    return json({ status: 'ok' });
  }
  if (url.pathname === '/api/notes') {
    if (method === 'GET') return listNotes(url, env);
    if (method === 'POST') return createNote(request, env);
    throw new HttpError(405, 'method not allowed', { allow: 'GET, POST' });
  }
  const match = /^\/api\/notes\/([^/]+)$/.exec(url.pathname);
  if (!match) throw new HttpError(404, 'not found');
  const id = check(() => parseNoteId(match[1]));
  if (method === 'GET') return json({ note: await findNote(env, id) });
  if (method === 'PUT') return replaceNote(request, env, id);
  if (method === 'DELETE') return deleteNote(env, id);
  throw new HttpError(405, 'method not allowed', { allow: 'GET, PUT, DELETE' });
}

export default serve(route);

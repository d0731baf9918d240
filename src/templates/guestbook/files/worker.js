/** Guestbook API: GET and POST /api/entries over the DATA store, newest first, paged. */

import { ENTRY_PREFIX, entryKey, maskProfanity, pageInfo, parsePage, validateEntry } from './src/lib/entries.js';
import { json } from '../../shared/worker-base.js';

const SEQUENCE_KEY = 'meta:sequence';

async function listEntries(url, env) {
  let paging;
  try {
    paging = parsePage(url.searchParams.get('page'), url.searchParams.get('pageSize'));
  } catch (error) {
    return json({ error: error.message }, 400);
  }
  const total = (await env.DATA.get(SEQUENCE_KEY)) ?? 0;
  const info = pageInfo(total, paging.page, paging.pageSize);
  // Keys sort newest first, so the first page*pageSize keys end with the requested page.
  const rows = await env.DATA.list({ prefix: ENTRY_PREFIX, limit: info.offset + info.pageSize });
  const entries = rows.slice(info.offset).map((row) => row.value);
  return json({ entries, page: info.page, pageSize: info.pageSize, total: info.total, totalPages: info.totalPages });
}

async function createEntry(request, env) {
  let fields;
  try {
    fields = validateEntry(await request.json().catch(() => null));
  } catch (error) {
    return json({ error: error.message }, 400);
  }
  // A counter kept in DATA orders entries even when the clock stands still within a request.
  const sequence = ((await env.DATA.get(SEQUENCE_KEY)) ?? 0) + 1;
  const entry = {
    id: String(sequence),
    name: maskProfanity(fields.name),
    message: maskProfanity(fields.message),
    createdAt: new Date().toISOString(),
  };
  await env.DATA.put(entryKey(sequence), entry);
  await env.DATA.put(SEQUENCE_KEY, sequence);
  return json({ entry }, 201);
}

export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    if (url.pathname === '/api/health' && request.method === 'GET') return json({ status: 'ok' });
    if (url.pathname !== '/api/entries') return json({ error: 'not found' }, 404);
    if (request.method === 'GET') return listEntries(url, env);
    if (request.method === 'POST') return createEntry(request, env);
    return json({ error: 'method not allowed' }, 405, { allow: 'GET, POST' });
  },
};

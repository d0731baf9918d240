/** Poll API over the DATA store: create polls, list the newest, read results, vote once per voter. */

import { castVote, POLL_PREFIX, pollKey, tally, validatePoll, validateVote, voteKey } from './src/lib/polls.js';
import { check, HttpError, json, readBody, serve } from '../../shared/worker-base.js';

const SEQUENCE_KEY = 'meta:sequence';
const LIST_LIMIT = 20;

async function findPoll(env, id) {
  let key;
  try {
    key = pollKey(id);
  } catch {
    throw new HttpError(404, 'poll not found');
  }
  const poll = await env.DATA.get(key);
  if (!poll) throw new HttpError(404, 'poll not found');
  return { key, poll };
}

async function listPolls(env) {
  const rows = await env.DATA.list({ prefix: POLL_PREFIX, limit: LIST_LIMIT });
  return json({ polls: rows.map((row) => tally(row.value)) });
}

async function createPoll(request, env) {
  const body = await readBody(request);
  const fields = check(() => validatePoll(body));
  // A counter kept in DATA gives short ids and newest-first keys.
  const id = ((await env.DATA.get(SEQUENCE_KEY)) ?? 0) + 1;
  const poll = { id: String(id), ...fields, votes: fields.options.map(() => 0), createdAt: new Date().toISOString() };
  await env.DATA.put(pollKey(id), poll);
  await env.DATA.put(SEQUENCE_KEY, id);
  return json({ poll: tally(poll) }, 201, { location: `/api/polls/${id}` });
}

async function vote(request, env, id) {
  const { key, poll } = await findPoll(env, id);
  const body = await readBody(request);
  const { option, voter } = check(() => validateVote(body, poll.options.length));
  if ((await env.DATA.get(voteKey(id, voter))) !== null) throw new HttpError(409, 'you already voted in this poll');
  const counted = castVote(poll, option);
  await env.DATA.put(key, counted);
  await env.DATA.put(voteKey(id, voter), option);
  return json({ poll: tally(counted), choice: option });
}

async function route(request, env) {
  const url = new URL(request.url);
  const { method } = request;
  if (url.pathname === '/api/health') {
    if (method !== 'GET') throw new HttpError(405, 'method not allowed', { allow: 'GET' });
    return json({ status: 'ok' });
  }
  if (url.pathname === '/api/polls') {
    if (method === 'GET') return listPolls(env);
    if (method === 'POST') return createPoll(request, env);
    throw new HttpError(405, 'method not allowed', { allow: 'GET, POST' });
  }
  const match = /^\/api\/polls\/([^/]+)(\/votes)?$/.exec(url.pathname);
  if (!match) throw new HttpError(404, 'not found');
  const [, id, votes] = match;
  if (votes) {
    if (method !== 'POST') throw new HttpError(405, 'method not allowed', { allow: 'POST' });
    return vote(request, env, id);
  }
  if (method !== 'GET') throw new HttpError(405, 'method not allowed', { allow: 'GET' });
  const voter = url.searchParams.get('voter');
  const { poll } = await findPoll(env, id);
  // With ?voter=, the answer says whether (and how) this browser already voted, so a reload shows results.
  const choice = voter ? await env.DATA.get(voteKey(id, voter)) : null;
  return json({ poll: tally(poll), choice });
}

export default serve(route);

/** Leaderboard API over the DATA store: submit scores (each player's best is kept) and read the ranked table. */

import { isNewBest, parseLimit, PLAYER_PREFIX, playerKey, rankScores, validateScore } from './src/lib/scores.js';
import { json } from '../../shared/worker-base.js';

const MAX_PLAYERS = 1000;

async function ranked(env) {
  return rankScores((await env.DATA.list({ prefix: PLAYER_PREFIX, limit: MAX_PLAYERS })).map((row) => row.value));
}

async function listScores(url, env) {
  let limit;
  try {
    limit = parseLimit(url.searchParams.get('limit'));
  } catch (error) {
    return json({ error: error.message }, 400);
  }
  const table = await ranked(env);
  return json({ scores: table.slice(0, limit), players: table.length });
}

async function submitScore(request, env) {
  let fields;
  try {
    fields = validateScore(await request.json().catch(() => null));
  } catch (error) {
    return json({ error: error.message }, 400);
  }
  const key = playerKey(fields.player);
  const previous = await env.DATA.get(key);
  const best = isNewBest(previous, fields.score);
  if (best) await env.DATA.put(key, { player: fields.player, score: fields.score, at: new Date().toISOString() });
  const table = await ranked(env);
  const entry = table.find((row) => playerKey(row.player) === key);
  // 201 when the score became the player's best, 200 when an earlier best stands.
  return json({ best, entry, players: table.length }, best ? 201 : 200);
}

export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    if (url.pathname === '/api/health' && request.method === 'GET') return json({ status: 'ok' });
    if (url.pathname !== '/api/scores') return json({ error: 'not found' }, 404);
    if (request.method === 'GET') return listScores(url, env);
    if (request.method === 'POST') return submitScore(request, env);
    return json({ error: 'method not allowed' }, 405, { allow: 'GET, POST' });
  },
};

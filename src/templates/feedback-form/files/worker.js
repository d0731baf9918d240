/** Feedback API over the DATA store: responses checked against the questions, and a summary of all of them. */

import { QUESTIONS } from './src/questions.js';
import { RESPONSE_PREFIX, responseKey, summarize, validateResponse } from './src/lib/survey.js';
import { json } from '../../shared/worker-base.js';

const SEQUENCE_KEY = 'meta:sequence';
const MAX_RESPONSES = 1000;

async function results(env) {
  const rows = await env.DATA.list({ prefix: RESPONSE_PREFIX, limit: MAX_RESPONSES });
  return summarize(QUESTIONS, rows.map((row) => row.value));
}

async function respond(request, env) {
  let answers;
  try {
    answers = validateResponse(QUESTIONS, await request.json().catch(() => null));
  } catch (error) {
    return json({ error: error.message }, 400);
  }
  const sequence = ((await env.DATA.get(SEQUENCE_KEY)) ?? 0) + 1;
  await env.DATA.put(responseKey(sequence), { ...answers, at: new Date().toISOString() });
  await env.DATA.put(SEQUENCE_KEY, sequence);
  return json({ thanks: true, number: sequence }, 201);
}

export default {
  async fetch(request, env) {
    const { pathname } = new URL(request.url);
    if (pathname === '/api/health' && request.method === 'GET') return json({ status: 'ok' });
    if (pathname === '/api/questions' && request.method === 'GET') return json({ questions: QUESTIONS });
    if (pathname === '/api/results' && request.method === 'GET') return json(await results(env));
    if (pathname !== '/api/responses') return json({ error: 'not found' }, 404);
    if (request.method === 'POST') return respond(request, env);
    return json({ error: 'method not allowed' }, 405, { allow: 'POST' });
  },
};

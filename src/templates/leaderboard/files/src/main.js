// DOM glue for the leaderboard: reads the ranked table from /api, posts scores, refreshes every few seconds.
import { ordinal, validateScore } from './lib/scores.js';

const PLAYER_KEY = 'leaderboard.player';
const REFRESH_MS = 5000;
const $ = (selector) => document.querySelector(selector);
const MEDALS = ['🥇', '🥈', '🥉'];

function setStatus(text, kind = '') {
  $('#status').textContent = text;
  $('#status').className = `status ${kind}`;
}

function cell(text) {
  const td = document.createElement('td');
  td.textContent = text;
  return td;
}

function render({ scores, players }) {
  const me = $('#player').value.trim().toLowerCase();
  $('#players').textContent = players ? `${players} player${players === 1 ? '' : 's'}` : '';
  $('#empty').hidden = scores.length > 0;
  $('#podium').replaceChildren(...scores.filter((entry) => entry.rank <= 3).slice(0, 3).map((entry) => {
    const item = document.createElement('li');
    item.dataset.rank = String(entry.rank);
    const medal = document.createElement('span');
    medal.className = 'medal';
    medal.textContent = MEDALS[entry.rank - 1];
    const name = document.createElement('strong');
    name.textContent = entry.player;
    const score = document.createElement('span');
    score.textContent = entry.score.toLocaleString();
    item.append(medal, name, score);
    return item;
  }));
  $('#scores').replaceChildren(...scores.map((entry) => {
    const row = document.createElement('tr');
    if (entry.player.toLowerCase() === me) row.className = 'is-me';
    row.append(cell(ordinal(entry.rank)), cell(entry.player), cell(entry.score.toLocaleString()));
    return row;
  }));
}

async function load() {
  try {
    const response = await fetch('/api/scores?limit=20');
    const body = await response.json();
    if (!response.ok) throw new Error(body.error ?? `Request failed (${response.status})`);
    render(body);
  } catch (error) {
    setStatus(`Could not load the table: ${error.message}`, 'error');
  }
}

$('#score-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  let fields;
  try {
    fields = validateScore({ player: $('#player').value, score: Number($('#score').value === '' ? NaN : $('#score').value) });
  } catch (error) {
    setStatus(error.message[0].toUpperCase() + error.message.slice(1) + '.', 'error');
    return;
  }
  try {
    localStorage.setItem(PLAYER_KEY, fields.player);
  } catch {
    // storage blocked: the name is asked again next visit
  }
  try {
    const response = await fetch('/api/scores', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(fields) });
    const body = await response.json();
    if (!response.ok) throw new Error(body.error ?? `Request failed (${response.status})`);
    setStatus(body.best
      ? `New best for ${body.entry.player}: ${ordinal(body.entry.rank)} of ${body.players}!`
      : `${body.entry.player}'s best is still ${body.entry.score.toLocaleString()} (${ordinal(body.entry.rank)}).`, 'ok');
    $('#score').value = '';
    await load();
  } catch (error) {
    setStatus(`Could not post: ${error.message}`, 'error');
  }
});

try {
  $('#player').value = localStorage.getItem(PLAYER_KEY) ?? '';
} catch {
  // storage blocked: the name starts empty
}
load();
setInterval(() => {
  if (document.visibilityState === 'visible') load();
}, REFRESH_MS);

// DOM glue for the poll: creates polls and votes through /api, shows live results; the open poll lives in the URL hash.
import { validatePoll, votesLabel } from './lib/polls.js';

const VOTER_KEY = 'poll.voter';
const REFRESH_MS = 5000;
const $ = (selector) => document.querySelector(selector);

const voter = voterToken();

/** A random token this browser keeps, so the server can count one vote per browser per poll. */
function voterToken() {
  try {
    const saved = localStorage.getItem(VOTER_KEY);
    if (saved) return saved;
    const token = crypto.randomUUID().replaceAll('-', '');
    localStorage.setItem(VOTER_KEY, token);
    return token;
  } catch {
    return crypto.randomUUID().replaceAll('-', '');
  }
}

async function api(path, init) {
  const response = await fetch(path, init && { ...init, headers: { 'content-type': 'application/json' } });
  const body = await response.json();
  if (!response.ok) throw new Error(body.error ?? `Request failed (${response.status})`);
  return body;
}

const openId = () => /^#poll-(\d+)$/.exec(location.hash)?.[1] ?? null;

/**
 * Counts the requests for a poll's state. A read answered after a newer request was made is not
 * shown: a refresh that left before a vote would otherwise put the count from before it back.
 */
let pollRequests = 0;

function renderPoll(poll, choice) {
  $('#poll').hidden = false;
  $('#poll-question').textContent = poll.question;
  $('#total-votes').textContent = votesLabel(poll.totalVotes);
  $('#share').href = `#poll-${poll.id}`;
  const voted = choice !== null;
  $('#options').hidden = voted;
  $('#options').replaceChildren(...poll.options.map((option, index) => {
    const button = document.createElement('button');
    button.type = 'button';
    button.dataset.option = String(index);
    button.textContent = option.text;
    return button;
  }));
  $('#results').hidden = !voted;
  $('#results').replaceChildren(...poll.options.map((option, index) => {
    const item = document.createElement('li');
    item.className = poll.leaders.includes(option.text) ? 'result is-leading' : 'result';
    const label = document.createElement('div');
    label.className = 'result-label';
    const text = document.createElement('span');
    text.textContent = `${option.text}${index === choice ? ' (your vote)' : ''}`;
    const figure = document.createElement('span');
    figure.textContent = `${option.percent}% · ${votesLabel(option.votes)}`;
    label.append(text, figure);
    const bar = document.createElement('progress');
    bar.max = 100;
    bar.value = option.percent;
    bar.setAttribute('aria-label', `${option.text}: ${option.percent}%`);
    item.append(label, bar);
    return item;
  }));
}

async function showPoll() {
  const id = openId();
  if (!id) return;
  const request = ++pollRequests;
  try {
    const { poll, choice } = await api(`/api/polls/${id}?voter=${voter}`);
    if (request === pollRequests) renderPoll(poll, choice);
  } catch (error) {
    $('#vote-status').textContent = `Could not load the poll: ${error.message}`;
  }
}

async function loadRecent() {
  try {
    const { polls } = await api('/api/polls');
    $('#recent').replaceChildren(...(polls.length ? polls.map((poll) => {
      const item = document.createElement('li');
      const link = document.createElement('a');
      link.href = `#poll-${poll.id}`;
      link.textContent = poll.question;
      const count = document.createElement('small');
      count.className = 'muted';
      count.textContent = votesLabel(poll.totalVotes);
      item.append(link, count);
      return item;
    }) : [Object.assign(document.createElement('li'), { className: 'muted', textContent: 'No polls yet. Ask the first question.' })]));
  } catch (error) {
    $('#recent').replaceChildren(Object.assign(document.createElement('li'), { className: 'error', textContent: `Could not load polls: ${error.message}` }));
  }
}

$('#options').addEventListener('click', async (event) => {
  const button = event.target.closest('[data-option]');
  if (!button) return;
  for (const other of document.querySelectorAll('#options button')) other.disabled = true;
  pollRequests += 1;
  try {
    const { poll, choice } = await api(`/api/polls/${openId()}/votes`, { method: 'POST', body: JSON.stringify({ option: Number(button.dataset.option), voter }) });
    $('#vote-status').textContent = 'Thanks for voting!';
    renderPoll(poll, choice);
    loadRecent();
  } catch (error) {
    $('#vote-status').textContent = error.message;
    await showPoll();
  }
});

$('#poll-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const status = $('#form-status');
  let fields;
  try {
    fields = validatePoll({ question: $('#question').value, options: [1, 2, 3, 4].map((n) => $(`#option-${n}`).value) });
  } catch (error) {
    status.textContent = error.message[0].toUpperCase() + error.message.slice(1) + '.';
    status.hidden = false;
    return;
  }
  try {
    const { poll } = await api('/api/polls', { method: 'POST', body: JSON.stringify(fields) });
    status.hidden = true;
    $('#poll-form').reset();
    location.hash = `#poll-${poll.id}`;
    renderPoll(poll, null);
    loadRecent();
  } catch (error) {
    status.textContent = `Could not create the poll: ${error.message}`;
    status.hidden = false;
  }
});

window.addEventListener('hashchange', () => {
  $('#vote-status').textContent = '';
  showPoll();
});
// Results from other voters arrive by polling: the page asks again every few seconds while visible.
setInterval(() => {
  if (document.visibilityState === 'visible' && openId() && !$('#results').hidden) showPoll();
}, REFRESH_MS);

showPoll();
loadRecent();

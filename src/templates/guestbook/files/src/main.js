/** DOM glue: posts the form to /api/entries and renders the paged list of messages. */

import { timeAgo, validateEntry } from './lib/entries.js';

const PAGE_SIZE = 10;
const $ = (selector) => document.querySelector(selector);
let currentPage = 1;

function setStatus(text, kind) {
  const status = $('#form-status');
  status.textContent = text;
  status.className = `status ${kind ?? ''}`;
}

function renderEntry(entry, nowIso) {
  const item = document.createElement('li');
  item.className = 'entry';
  const head = document.createElement('div');
  head.className = 'entry-head';
  const name = document.createElement('span');
  name.className = 'entry-name';
  name.textContent = entry.name;
  const time = document.createElement('time');
  time.className = 'muted';
  time.dateTime = entry.createdAt;
  time.textContent = timeAgo(entry.createdAt, nowIso);
  const message = document.createElement('p');
  message.textContent = entry.message;
  head.append(name, time);
  item.append(head, message);
  return item;
}

async function loadPage(page) {
  try {
    const response = await fetch(`/api/entries?page=${page}&pageSize=${PAGE_SIZE}`);
    const body = await response.json();
    if (!response.ok) throw new Error(body.error ?? `Request failed (${response.status})`);
    currentPage = body.page;
    const nowIso = new Date().toISOString();
    $('#entries').replaceChildren(...body.entries.map((entry) => renderEntry(entry, nowIso)));
    $('#empty').hidden = body.total > 0;
    $('#entry-total').textContent = body.total ? `(${body.total})` : '';
    $('#page-label').textContent = `Page ${body.page} of ${body.totalPages}`;
    $('#prev').disabled = body.page <= 1;
    $('#next').disabled = body.page >= body.totalPages;
  } catch (error) {
    setStatus(`Could not load messages: ${error.message}`, 'error');
  }
}

async function submitEntry(event) {
  event.preventDefault();
  const form = event.currentTarget;
  let fields;
  try {
    fields = validateEntry({ name: $('#name').value, message: $('#message').value });
  } catch (error) {
    setStatus(error.message[0].toUpperCase() + error.message.slice(1) + '.', 'error');
    return;
  }
  const button = form.querySelector('button[type="submit"]');
  button.disabled = true;
  setStatus('Posting…');
  try {
    const response = await fetch('/api/entries', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(fields),
    });
    const body = await response.json();
    if (!response.ok) throw new Error(body.error ?? `Request failed (${response.status})`);
    $('#message').value = '';
    updateCount();
    setStatus(`Thanks, ${body.entry.name}!`, 'ok');
    await loadPage(1);
  } catch (error) {
    setStatus(`Could not post: ${error.message}`, 'error');
  } finally {
    button.disabled = false;
  }
}

function updateCount() {
  $('#message-count').textContent = `${$('#message').value.trim().length} / 500`;
}

$('#entry-form').addEventListener('submit', submitEntry);
$('#message').addEventListener('input', updateCount);
$('#prev').addEventListener('click', () => loadPage(currentPage - 1));
$('#next').addEventListener('click', () => loadPage(currentPage + 1));
loadPage(1);

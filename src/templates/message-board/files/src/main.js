// DOM glue for the message board: joins a room, polls /api for new messages, posts messages, remembers the name.
import { initials, mergeMessages, parseRoom, validateMessage } from './lib/chat.js';

const AUTHOR_KEY = 'message-board.author';
const POLL_MS = 3000;
const $ = (selector) => document.querySelector(selector);

let room = 'general';
let messages = [];
let last = 0;
let polling = null;

function remember(key, value) {
  try {
    localStorage.setItem(key, value);
  } catch {
    // storage blocked: the name is asked again next visit
  }
}

function fail(message) {
  $('#status').textContent = message ?? '';
  $('#status').hidden = !message;
}

function renderMessage(message, previous) {
  const item = document.createElement('li');
  // Consecutive messages from one person within five minutes read as one block.
  const continued = previous && previous.author === message.author && Date.parse(message.createdAt) - Date.parse(previous.createdAt) < 300_000;
  item.className = continued ? 'message is-continued' : 'message';
  const avatar = document.createElement('span');
  avatar.className = 'avatar';
  avatar.setAttribute('aria-hidden', 'true');
  avatar.textContent = initials(message.author);
  const body = document.createElement('div');
  const head = document.createElement('div');
  head.className = 'head';
  const author = document.createElement('strong');
  author.textContent = message.author;
  const time = document.createElement('time');
  time.dateTime = message.createdAt;
  time.textContent = new Date(message.createdAt).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  head.append(author, time);
  const text = document.createElement('p');
  text.textContent = message.text;
  body.append(head, text);
  item.append(avatar, body);
  return item;
}

function render() {
  const list = $('#messages');
  const atBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 40;
  list.replaceChildren(...messages.map((message, index) => renderMessage(message, messages[index - 1])));
  $('#empty').hidden = messages.length > 0;
  if (atBottom) list.scrollTop = list.scrollHeight;
}

async function fetchNew() {
  try {
    const response = await fetch(`/api/rooms/${room}/messages?after=${last}`);
    const body = await response.json();
    if (!response.ok) throw new Error(body.error ?? `Request failed (${response.status})`);
    last = body.last;
    if (body.messages.length) {
      messages = mergeMessages(messages, body.messages);
      render();
    }
    fail();
  } catch (error) {
    fail(`Could not load messages: ${error.message}`);
  }
}

function join(name) {
  room = name;
  messages = [];
  last = 0;
  $('#room-title').textContent = `# ${room}`;
  $('#room').value = room;
  history.replaceState(null, '', `#${room}`);
  render();
  clearInterval(polling);
  fetchNew();
  // New messages from others arrive by polling; a hidden tab does not ask.
  polling = setInterval(() => {
    if (document.visibilityState === 'visible') fetchNew();
  }, POLL_MS);
}

async function send() {
  let fields;
  try {
    fields = validateMessage({ author: $('#author').value, text: $('#text').value });
  } catch (error) {
    fail(error.message[0].toUpperCase() + error.message.slice(1) + '.');
    return;
  }
  remember(AUTHOR_KEY, fields.author);
  const button = $('#compose button');
  button.disabled = true;
  try {
    const response = await fetch(`/api/rooms/${room}/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(fields) });
    const body = await response.json();
    if (!response.ok) throw new Error(body.error ?? `Request failed (${response.status})`);
    $('#text').value = '';
    await fetchNew();
    $('#messages').scrollTop = $('#messages').scrollHeight;
  } catch (error) {
    fail(`Could not send: ${error.message}`);
  } finally {
    button.disabled = false;
    $('#text').focus();
  }
}

$('#compose').addEventListener('submit', (event) => {
  event.preventDefault();
  send();
});

$('#text').addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && !event.shiftKey) {
    event.preventDefault();
    send();
  }
});

$('#room-form').addEventListener('submit', (event) => {
  event.preventDefault();
  try {
    join(parseRoom($('#room').value));
  } catch (error) {
    fail(error.message[0].toUpperCase() + error.message.slice(1) + '.');
  }
});

try {
  $('#author').value = localStorage.getItem(AUTHOR_KEY) ?? '';
} catch {
  // storage blocked: the name starts empty
}

let start = 'general';
try {
  start = location.hash.length > 1 ? parseRoom(decodeURIComponent(location.hash.slice(1))) : 'general';
} catch {
  // a hash that is not a room name: the general room
}
join(start);

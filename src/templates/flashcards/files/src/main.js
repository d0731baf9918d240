// DOM glue for the flashcards: studies the due cards one at a time, adds, imports and removes cards, saves to localStorage.
import { addCard, boxCounts, dueCards, parseCardLines, parseCards, removeCard, review } from './lib/cards.js';

const STORAGE_KEY = 'flashcards.cards';
const $ = (selector) => document.querySelector(selector);

let cards = load();
let revealed = false;

function load() {
  try {
    return parseCards(localStorage.getItem(STORAGE_KEY));
  } catch {
    return [];
  }
}

function save() {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(cards));
  } catch {
    // storage full or blocked: keep studying in memory
  }
}

function today() {
  const now = new Date();
  return new Date(now.getTime() - now.getTimezoneOffset() * 60_000).toISOString().slice(0, 10);
}

function newId() {
  return crypto.randomUUID?.() ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

function renderStudy() {
  const due = dueCards(cards, today());
  const current = due[0];
  $('#due-count').textContent = due.length ? `(${due.length} due)` : '';
  $('#question').textContent = current ? current.front : cards.length ? 'All done for today. Come back tomorrow!' : 'Add a card below to start.';
  $('#answer').textContent = current ? current.back : '';
  $('#answer').hidden = !current || !revealed;
  $('#show').hidden = !current || revealed;
  $('#knew').hidden = !current || !revealed;
  $('#missed').hidden = !current || !revealed;
  $('#study').classList.toggle('is-done', !current);
}

function renderDeck() {
  boxCounts(cards).forEach((count, index) => {
    $(`#box-${index + 1}`).textContent = String(count);
  });
  $('#deck-count').textContent = cards.length ? `(${cards.length})` : '';
  $('#deck').replaceChildren(...cards.map((card) => {
    const item = document.createElement('li');
    item.dataset.id = card.id;
    const text = document.createElement('span');
    text.textContent = `${card.front} → ${card.back}`;
    const meta = document.createElement('small');
    meta.className = 'muted';
    meta.textContent = `box ${card.box} · due ${card.due}`;
    const remove = document.createElement('button');
    remove.type = 'button';
    remove.className = 'link';
    remove.dataset.action = 'remove';
    remove.setAttribute('aria-label', `Remove ${card.front}`);
    remove.textContent = '×';
    item.append(text, meta, remove);
    return item;
  }));
}

function render() {
  renderStudy();
  renderDeck();
}

function update(next) {
  cards = next;
  save();
  render();
}

function answer(knew) {
  const current = dueCards(cards, today())[0];
  if (!current || !revealed) return;
  revealed = false;
  update(cards.map((card) => (card.id === current.id ? review(card, knew, today()) : card)));
}

function reveal() {
  if (!dueCards(cards, today()).length) return;
  revealed = true;
  renderStudy();
  $('#knew').focus();
}

$('#show').addEventListener('click', reveal);
$('#knew').addEventListener('click', () => answer(true));
$('#missed').addEventListener('click', () => answer(false));

document.addEventListener('keydown', (event) => {
  if (event.target.closest('input, textarea, select')) return;
  if (event.key === ' ' && !revealed && !event.target.closest('button')) {
    event.preventDefault();
    reveal();
  } else if (event.key === '1') answer(false);
  else if (event.key === '2') answer(true);
});

$('#card-form').addEventListener('submit', (event) => {
  event.preventDefault();
  try {
    update(addCard(cards, $('#front').value, $('#back').value, newId(), today()));
  } catch (err) {
    $('#form-error').textContent = err.message;
    $('#form-error').hidden = false;
    return;
  }
  $('#form-error').hidden = true;
  $('#front').value = '';
  $('#back').value = '';
  $('#front').focus();
});

$('#import-form').addEventListener('submit', (event) => {
  event.preventDefault();
  let next = cards;
  let skipped = 0;
  for (const line of parseCardLines($('#import-text').value)) {
    try {
      next = addCard(next, line.front, line.back, newId(), today());
    } catch {
      skipped += 1; // a duplicate or an over-long side: the rest still come in
    }
  }
  const added = next.length - cards.length;
  update(next);
  $('#import-status').textContent = `${added} added${skipped ? `, ${skipped} skipped` : ''}.`;
  if (added) $('#import-text').value = '';
});

$('#deck').addEventListener('click', (event) => {
  const button = event.target.closest('[data-action="remove"]');
  if (button) update(removeCard(cards, button.closest('li').dataset.id));
});

render();

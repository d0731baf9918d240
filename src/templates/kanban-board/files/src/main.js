// DOM glue for the kanban board: renders columns, adds cards, moves them by buttons or drag and drop, saves to localStorage.
import { addCard, COLUMNS, moveCard, parseBoard, progress, removeCard, shiftCard } from './lib/board.js';

const STORAGE_KEY = 'kanban-board.board';
const $ = (selector) => document.querySelector(selector);
const MOVES = [['left', '←', 'Move left'], ['up', '↑', 'Move up'], ['down', '↓', 'Move down'], ['right', '→', 'Move right']];

let board = load();
let dragged = null;

function load() {
  try {
    return parseBoard(localStorage.getItem(STORAGE_KEY));
  } catch {
    return parseBoard(null);
  }
}

function save() {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(board));
  } catch {
    // storage full or blocked: the board lasts this visit
  }
}

function newId() {
  return crypto.randomUUID?.() ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

function renderCard(card) {
  const item = document.createElement('li');
  item.className = 'card';
  item.draggable = true;
  item.dataset.id = card.id;
  const title = document.createElement('span');
  title.textContent = card.title;
  const tools = document.createElement('div');
  tools.className = 'tools';
  for (const [direction, symbol, label] of MOVES) {
    const button = document.createElement('button');
    button.type = 'button';
    button.dataset.move = direction;
    button.setAttribute('aria-label', `${label}: ${card.title}`);
    button.textContent = symbol;
    tools.append(button);
  }
  const remove = document.createElement('button');
  remove.type = 'button';
  remove.dataset.move = 'remove';
  remove.setAttribute('aria-label', `Delete: ${card.title}`);
  remove.textContent = '×';
  tools.append(remove);
  item.append(title, tools);
  return item;
}

function render() {
  for (const column of COLUMNS) {
    $(`#col-${column} .cards`).replaceChildren(...board[column].map(renderCard));
    $(`#count-${column}`).textContent = String(board[column].length);
  }
  const { total, done, percent } = progress(board);
  $('#progress').textContent = total ? `${done} of ${total} done (${percent}%)` : '';
}

function update(next, focusId, focusMove) {
  board = next;
  save();
  render();
  // Keep the keyboard where it was: on the same button of the card that moved.
  if (focusId) document.querySelector(`.card[data-id="${CSS.escape(focusId)}"] [data-move="${focusMove}"]`)?.focus();
}

function fail(message) {
  $('#error').textContent = message ?? '';
  $('#error').hidden = !message;
}

for (const form of document.querySelectorAll('form.add')) {
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const input = form.querySelector('input');
    try {
      update(addCard(board, form.dataset.column, input.value, newId()));
    } catch (err) {
      fail(err.message);
      return;
    }
    fail();
    input.value = '';
  });
}

document.querySelector('.board').addEventListener('click', (event) => {
  const button = event.target.closest('[data-move]');
  if (!button) return;
  const id = button.closest('.card').dataset.id;
  if (button.dataset.move === 'remove') update(removeCard(board, id));
  else update(shiftCard(board, id, button.dataset.move), id, button.dataset.move);
});

document.addEventListener('dragstart', (event) => {
  const card = event.target.closest?.('.card');
  if (!card) return;
  dragged = card.dataset.id;
  event.dataTransfer.effectAllowed = 'move';
  event.dataTransfer.setData('text/plain', dragged);
  card.classList.add('is-dragging');
});

document.addEventListener('dragend', () => {
  dragged = null;
  for (const column of document.querySelectorAll('.column')) column.classList.remove('is-over');
  for (const card of document.querySelectorAll('.is-dragging')) card.classList.remove('is-dragging');
});

for (const column of document.querySelectorAll('.column')) {
  column.addEventListener('dragover', (event) => {
    if (!dragged) return;
    event.preventDefault();
    column.classList.add('is-over');
  });
  column.addEventListener('dragleave', () => column.classList.remove('is-over'));
  column.addEventListener('drop', (event) => {
    event.preventDefault();
    if (!dragged) return;
    // Dropped on a card: take its place; dropped elsewhere in the column: go to the bottom.
    const over = event.target.closest('.card');
    const cards = board[column.dataset.column];
    const index = over ? cards.findIndex((card) => card.id === over.dataset.id) : cards.length;
    update(moveCard(board, dragged, column.dataset.column, index));
  });
}

render();

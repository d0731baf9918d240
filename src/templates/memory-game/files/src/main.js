// DOM glue for the memory game: deals a board, flips cards by click or keyboard, times the game, keeps best scores.
import { dealCards, flipCard, hideMismatch, isWon, newGame, recordBest, stars } from './lib/memory.js';

const BEST_KEY = 'memory-game.best';
const MISMATCH_MS = 900;
const $ = (selector) => document.querySelector(selector);

let game;
let pairs;
let startedAt = null;
let finishedAt = null;
let hideTimer = null;
let best = loadBest();

function loadBest() {
  try {
    const data = JSON.parse(localStorage.getItem(BEST_KEY));
    return data && typeof data === 'object' ? data : {};
  } catch {
    return {};
  }
}

function saveBest() {
  try {
    localStorage.setItem(BEST_KEY, JSON.stringify(best));
  } catch {
    // storage full or blocked: the record lasts this visit
  }
}

function clock() {
  const seconds = startedAt === null ? 0 : Math.floor(((finishedAt ?? Date.now()) - startedAt) / 1000);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

function render() {
  const cards = $('#board').children;
  game.cards.forEach((symbol, index) => {
    const card = cards[index];
    const faceUp = game.open.includes(index) || game.matched.includes(index);
    card.textContent = faceUp ? symbol : '';
    card.classList.toggle('is-up', faceUp);
    card.classList.toggle('is-matched', game.matched.includes(index));
    card.setAttribute('aria-label', faceUp ? `Card ${index + 1}: ${symbol}` : `Card ${index + 1}: face down`);
    card.setAttribute('aria-pressed', String(faceUp));
  });
  $('#moves').textContent = String(game.moves);
  $('#pairs').textContent = `${game.matched.length / 2} / ${pairs}`;
  $('#best').textContent = best[pairs] === undefined ? '–' : `${best[pairs]} moves`;
  $('#time').textContent = clock();
}

function deal() {
  clearTimeout(hideTimer);
  pairs = Number($('#size').value);
  game = newGame(dealCards(pairs, (Math.random() * 2 ** 32) >>> 0 || 1));
  startedAt = null;
  finishedAt = null;
  const board = $('#board');
  board.dataset.pairs = String(pairs);
  board.replaceChildren(...game.cards.map((_, index) => {
    const card = document.createElement('button');
    card.type = 'button';
    card.className = 'card';
    card.dataset.index = String(index);
    return card;
  }));
  $('#status').textContent = 'Find all the pairs.';
  render();
}

function flip(index) {
  clearTimeout(hideTimer);
  startedAt ??= Date.now();
  const before = game.matched.length;
  game = flipCard(game, index);
  if (isWon(game)) {
    finishedAt = Date.now();
    best = recordBest(best, pairs, game.moves);
    saveBest();
    $('#status').textContent = `You won in ${game.moves} moves and ${clock()}! ${'★'.repeat(stars(game.moves, pairs))}`;
  } else if (game.matched.length > before) {
    $('#status').textContent = 'A pair!';
  } else if (game.open.length === 2) {
    $('#status').textContent = 'Not a pair.';
    hideTimer = setTimeout(() => {
      game = hideMismatch(game);
      render();
    }, MISMATCH_MS);
  }
  render();
}

$('#board').addEventListener('click', (event) => {
  const card = event.target.closest('[data-index]');
  if (card) flip(Number(card.dataset.index));
});
$('#restart').addEventListener('click', deal);
$('#size').addEventListener('change', deal);
setInterval(() => {
  if (startedAt !== null && finishedAt === null) $('#time').textContent = clock();
}, 500);

deal();

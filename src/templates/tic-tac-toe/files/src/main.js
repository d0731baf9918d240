// DOM glue for tic-tac-toe: renders the board, takes clicks and arrow keys, lets the computer answer, keeps the score.
import { computerMove, newGame, outcome, parseScores, play, recordResult, statusText } from './lib/game.js';

const STORAGE_KEY = 'tic-tac-toe.scores';
const COMPUTER = 'O';

const board = document.querySelector('#board');
const status = document.querySelector('#status');
const mode = document.querySelector('#mode');
const scoreCells = { X: document.querySelector('#score-x'), O: document.querySelector('#score-o'), draws: document.querySelector('#score-draws') };

let game = newGame();
let scores = loadScores();

function loadScores() {
  try {
    return parseScores(localStorage.getItem(STORAGE_KEY));
  } catch {
    return parseScores(null); // storage blocked: count this visit only
  }
}

function saveScores() {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(scores));
  } catch {
    // storage full or blocked: the tally still counts in memory
  }
}

const cells = Array.from({ length: 9 }, (_, index) => {
  const cell = document.createElement('button');
  cell.type = 'button';
  cell.className = 'cell';
  cell.dataset.cell = String(index);
  board.append(cell);
  return cell;
});

function render() {
  const result = outcome(game);
  const winning = new Set(result.state === 'won' ? result.line : []);
  cells.forEach((cell, index) => {
    const mark = game.board[index];
    cell.textContent = mark ?? '';
    cell.dataset.mark = mark ?? '';
    cell.classList.toggle('is-winning', winning.has(index));
    cell.disabled = Boolean(mark) || result.state !== 'playing';
    cell.setAttribute('aria-label', `Row ${Math.floor(index / 3) + 1}, column ${(index % 3) + 1}: ${mark ?? 'empty'}`);
  });
  status.textContent = statusText(game);
  status.dataset.state = result.state;
  for (const [key, cell] of Object.entries(scoreCells)) cell.textContent = String(scores[key]);
}

function move(cell) {
  game = play(game, cell);
  const result = outcome(game);
  if (result.state !== 'playing') {
    scores = recordResult(scores, result);
    saveScores();
  }
}

function onCell(index) {
  if (game.board[index] || outcome(game).state !== 'playing') return;
  move(index);
  if (mode.value === 'computer' && outcome(game).state === 'playing' && game.next === COMPUTER) move(computerMove(game.board, COMPUTER));
  render();
}

board.addEventListener('click', (event) => {
  const cell = event.target.closest('[data-cell]');
  if (cell) onCell(Number(cell.dataset.cell));
});

// Arrow keys move the focus around the grid, so the game plays without a mouse.
board.addEventListener('keydown', (event) => {
  const steps = { ArrowLeft: -1, ArrowRight: 1, ArrowUp: -3, ArrowDown: 3 };
  const from = Number(event.target.dataset.cell);
  if (!(event.key in steps) || Number.isNaN(from)) return;
  event.preventDefault();
  cells[(from + steps[event.key] + 9) % 9].focus();
});

document.querySelector('#new-game').addEventListener('click', () => {
  game = newGame();
  render();
  cells[4].focus();
});

mode.addEventListener('change', () => {
  game = newGame();
  render();
});

document.querySelector('#reset-scores').addEventListener('click', () => {
  scores = parseScores(null);
  saveScores();
  render();
});

render();

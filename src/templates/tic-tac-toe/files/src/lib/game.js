// Tic-tac-toe rules: moves, wins, draws, a computer opponent and the score tally, without side effects.

/** The eight lines of three cells that win, cells numbered 0-8 row by row. */
export const LINES = [
  [0, 1, 2], [3, 4, 5], [6, 7, 8],
  [0, 3, 6], [1, 4, 7], [2, 5, 8],
  [0, 4, 8], [2, 4, 6],
];

const PLAYERS = ['X', 'O'];

/** A fresh game, X to move: newGame() → { board: [null × 9], next: 'X' }. */
export function newGame(first = 'X') {
  if (!PLAYERS.includes(first)) throw new Error(`Unknown player: ${first}`);
  return { board: Array(9).fill(null), next: first };
}

/** The winner and their line, or null: winnerOf(['X','X','X',null,…]) → { player: 'X', line: [0, 1, 2] }. */
export function winnerOf(board) {
  for (const line of LINES) {
    const [a, b, c] = line;
    if (board[a] && board[a] === board[b] && board[a] === board[c]) return { player: board[a], line };
  }
  return null;
}

/** Where the game stands: { state: 'playing', next } | { state: 'won', player, line } | { state: 'draw' }. */
export function outcome(game) {
  const winner = winnerOf(game.board);
  if (winner) return { state: 'won', player: winner.player, line: winner.line };
  if (game.board.every(Boolean)) return { state: 'draw' };
  return { state: 'playing', next: game.next };
}

/** The game after the player to move marks `cell`; a taken cell, a finished game or a cell off the board throws. */
export function play(game, cell) {
  if (!Number.isInteger(cell) || cell < 0 || cell > 8) throw new Error('Cell must be 0-8');
  if (outcome(game).state !== 'playing') throw new Error('The game is over');
  if (game.board[cell]) throw new Error('That cell is taken');
  const board = game.board.map((mark, index) => (index === cell ? game.next : mark));
  return { board, next: game.next === 'X' ? 'O' : 'X' };
}

/** The line under the board: statusText(newGame()) → 'X to move'. */
export function statusText(game) {
  const result = outcome(game);
  if (result.state === 'won') return `${result.player} wins!`;
  if (result.state === 'draw') return "It's a draw";
  return `${result.next} to move`;
}

// The order the computer tries cells in, so that among equally good moves it picks the same one every time.
const PREFERENCE = [4, 0, 2, 6, 8, 1, 3, 5, 7];

/**
 * How good the board is for `me` with `turn` to move: 10 - depth for a win, depth - 10 for a loss, 0 for
 * a draw (minimax; alpha-beta bounds skip lines that cannot change the choice).
 */
function score(board, me, turn, depth, alpha = -Infinity, beta = Infinity) {
  const winner = winnerOf(board);
  if (winner) return winner.player === me ? 10 - depth : depth - 10;
  const free = PREFERENCE.filter((cell) => !board[cell]);
  if (free.length === 0) return 0;
  const other = turn === 'X' ? 'O' : 'X';
  let best = turn === me ? -Infinity : Infinity;
  for (const cell of free) {
    const next = board.map((mark, index) => (index === cell ? turn : mark));
    const value = score(next, me, other, depth + 1, alpha, beta);
    if (turn === me) {
      best = Math.max(best, value);
      alpha = Math.max(alpha, value);
    } else {
      best = Math.min(best, value);
      beta = Math.min(beta, value);
    }
    if (alpha >= beta) break;
  }
  return best;
}

/** The cell a perfect player `me` marks next (the centre on an empty board): computerMove(['X','X',null,null,'O',null,null,null,null], 'O') → 2. */
export function computerMove(board, me) {
  const free = PREFERENCE.filter((cell) => !board[cell]);
  if (free.length === 0) throw new Error('The board is full');
  if (free.length === 9) return 4;
  const them = me === 'X' ? 'O' : 'X';
  let best = free[0];
  let bestScore = -Infinity;
  for (const cell of free) {
    const next = board.map((mark, index) => (index === cell ? me : mark));
    const value = score(next, me, them, 1, bestScore);
    if (value > bestScore) [best, bestScore] = [cell, value];
  }
  return best;
}

/** The tally after a finished game: recordResult({ X: 0, O: 0, draws: 0 }, { state: 'won', player: 'X' }) → { X: 1, O: 0, draws: 0 }. */
export function recordResult(scores, result) {
  if (result.state === 'won') return { ...scores, [result.player]: scores[result.player] + 1 };
  if (result.state === 'draw') return { ...scores, draws: scores.draws + 1 };
  return scores;
}

/** Restores the stored tally; anything unreadable starts at zero. */
export function parseScores(json) {
  const zero = { X: 0, O: 0, draws: 0 };
  try {
    const data = JSON.parse(json);
    const count = (value) => (Number.isInteger(value) && value >= 0 ? value : 0);
    return data && typeof data === 'object' ? { X: count(data.X), O: count(data.O), draws: count(data.draws) } : zero;
  } catch {
    return zero;
  }
}

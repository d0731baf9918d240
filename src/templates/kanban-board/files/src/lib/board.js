// Kanban rules: a board of columns holding ordered cards; adding, moving, shifting and removing cards, without side effects.

/** The columns, left to right. */
export const COLUMNS = ['todo', 'doing', 'done'];

const MAX_TITLE_LENGTH = 140;

/** An empty board: emptyBoard() → { todo: [], doing: [], done: [] }. */
export function emptyBoard() {
  return Object.fromEntries(COLUMNS.map((column) => [column, []]));
}

function checkColumn(column) {
  if (!COLUMNS.includes(column)) throw new Error(`Unknown column: ${column}`);
}

/** The board with a new card at the bottom of `column`. */
export function addCard(board, column, title, id) {
  checkColumn(column);
  const text = String(title ?? '').trim().replace(/\s+/g, ' ');
  if (!text) throw new Error('Card title is required');
  if (text.length > MAX_TITLE_LENGTH) throw new Error(`Card title must be at most ${MAX_TITLE_LENGTH} characters`);
  if (COLUMNS.some((name) => board[name].some((card) => card.id === String(id)))) throw new Error(`Duplicate card id: ${id}`);
  return { ...board, [column]: [...board[column], { id: String(id), title: text }] };
}

/** Where a card is: findCard(board, 'c1') → { column: 'todo', index: 0 }, or null. */
export function findCard(board, id) {
  for (const column of COLUMNS) {
    const index = board[column].findIndex((card) => card.id === id);
    if (index >= 0) return { column, index };
  }
  return null;
}

/** The board with the card moved to `column` at `index` (clamped to the column's length). */
export function moveCard(board, id, column, index) {
  checkColumn(column);
  const from = findCard(board, id);
  if (!from) throw new Error(`No card ${id}`);
  const card = board[from.column][from.index];
  const next = { ...board, [from.column]: board[from.column].filter((other) => other.id !== id) };
  const target = [...next[column]];
  target.splice(Math.max(0, Math.min(index, target.length)), 0, card);
  return { ...next, [column]: target };
}

/** The board with the card one step 'left', 'right' (to the top of the next column), 'up' or 'down'; at an edge nothing moves. */
export function shiftCard(board, id, direction) {
  const from = findCard(board, id);
  if (!from) throw new Error(`No card ${id}`);
  const columnIndex = COLUMNS.indexOf(from.column);
  if (direction === 'left' || direction === 'right') {
    const to = COLUMNS[columnIndex + (direction === 'left' ? -1 : 1)];
    return to ? moveCard(board, id, to, 0) : board;
  }
  if (direction === 'up' || direction === 'down') {
    const to = from.index + (direction === 'up' ? -1 : 1);
    return to < 0 || to >= board[from.column].length ? board : moveCard(board, id, from.column, to);
  }
  throw new Error(`Unknown direction: ${direction}`);
}

/** The board without the card. */
export function removeCard(board, id) {
  return Object.fromEntries(COLUMNS.map((column) => [column, board[column].filter((card) => card.id !== id)]));
}

/** How far along the board is: progress(board) → { total: 4, done: 1, percent: 25 }. */
export function progress(board) {
  const total = COLUMNS.reduce((sum, column) => sum + board[column].length, 0);
  return { total, done: board.done.length, percent: total ? Math.round((board.done.length / total) * 100) : 0 };
}

/** Restores a stored board, keeping well-formed cards once each; anything unreadable gives an empty board. */
export function parseBoard(json) {
  const board = emptyBoard();
  try {
    const data = JSON.parse(json);
    const seen = new Set();
    for (const column of COLUMNS) {
      for (const card of Array.isArray(data?.[column]) ? data[column] : []) {
        if (!card || typeof card.id !== 'string' || typeof card.title !== 'string' || !card.title.trim() || seen.has(card.id)) continue;
        seen.add(card.id);
        board[column].push({ id: card.id, title: card.title });
      }
    }
  } catch {
    return emptyBoard();
  }
  return board;
}

// Memory game rules: a seeded deal of pairs, flipping, matching, moves, the win and the best scores, without side effects.

export const SYMBOLS = ['🍎', '🍋', '🍇', '🍉', '🥝', '🍒', '🥥', '🍑', '🍍', '🥕', '🌽', '🍄'];

/** The deal for `pairs` pairs, shuffled by a seed (seed 0 keeps pair order): dealCards(2, 0) → ['🍎', '🍎', '🍋', '🍋']. */
export function dealCards(pairs, seed) {
  if (!Number.isInteger(pairs) || pairs < 2 || pairs > SYMBOLS.length) throw new Error(`Pairs must be 2-${SYMBOLS.length}`);
  const cards = SYMBOLS.slice(0, pairs).flatMap((symbol) => [symbol, symbol]);
  let state = seed >>> 0;
  const next = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  if (seed !== 0) {
    for (let i = cards.length - 1; i > 0; i -= 1) {
      const j = Math.floor(next() * (i + 1));
      [cards[i], cards[j]] = [cards[j], cards[i]];
    }
  }
  return cards;
}

/** A game on a deal: newGame(cards) → { cards, open: [], matched: [], moves: 0 }. */
export function newGame(cards) {
  return { cards: [...cards], open: [], matched: [], moves: 0 };
}

/**
 * The game after flipping card `index`: the second card of a turn counts a move and keeps a match
 * open for good; flipping while a mismatched pair shows turns that pair back first. Flipping a
 * matched or open card changes nothing.
 */
export function flipCard(game, index) {
  if (!Number.isInteger(index) || index < 0 || index >= game.cards.length) throw new Error('No such card');
  if (game.matched.includes(index) || game.open.includes(index)) return game;
  const open = game.open.length === 2 ? [index] : [...game.open, index];
  if (open.length < 2) return { ...game, open };
  const [a, b] = open;
  const moves = game.moves + 1;
  if (game.cards[a] === game.cards[b]) return { ...game, open: [], matched: [...game.matched, a, b].sort((x, y) => x - y), moves };
  return { ...game, open, moves };
}

/** The game with a mismatched pair turned face down again. */
export function hideMismatch(game) {
  return game.open.length === 2 ? { ...game, open: [] } : game;
}

/** Whether every pair is found. */
export function isWon(game) {
  return game.matched.length === game.cards.length;
}

/** Stars for a finished game: 3 within 1.5 moves a pair, 2 within 2.5, else 1. */
export function stars(moves, pairs) {
  if (moves <= pairs * 1.5) return 3;
  if (moves <= pairs * 2.5) return 2;
  return 1;
}

/** The best (fewest) moves per board size after a finished game: recordBest({}, 8, 14) → { '8': 14 }. */
export function recordBest(best, pairs, moves) {
  const key = String(pairs);
  return best[key] !== undefined && best[key] <= moves ? best : { ...best, [key]: moves };
}

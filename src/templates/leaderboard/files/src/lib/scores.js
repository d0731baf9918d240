// Leaderboard rules shared by the page and the worker: checked scores, one best per player, ranking with ties, without side effects.

/** Key prefix of stored best scores, one key per player. */
export const PLAYER_PREFIX = 'player:';

/** A checked score from untrusted input: validateScore({ player: ' Ada ', score: 120 }) → { player: 'Ada', score: 120 }. */
export function validateScore(input) {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) throw new Error('body must be a JSON object');
  const player = typeof input.player === 'string' ? input.player.trim().replace(/\s+/g, ' ') : '';
  if (player.length < 1 || player.length > 30) throw new Error('player must be 1-30 characters');
  if (!Number.isInteger(input.score) || input.score < 0 || input.score > 1_000_000_000) throw new Error('score must be a whole number from 0 to 1000000000');
  return { player, score: input.score };
}

/** Where a player's best is kept, the same for any case: playerKey('Ada') → 'player:ada'. */
export function playerKey(player) {
  return PLAYER_PREFIX + encodeURIComponent(player.trim().toLowerCase());
}

/** Whether a new score beats the stored best (the first score always does). */
export function isNewBest(previous, score) {
  return previous === null || previous === undefined || score > previous.score;
}

/**
 * Entries ranked best first; equal scores share a rank (1, 2, 2, 4) and the one reached first is listed first:
 * rankScores([{ player: 'A', score: 5, at: '…' }, …]) → [{ rank: 1, player: 'A', score: 5, at: '…' }, …].
 */
export function rankScores(entries) {
  const sorted = [...entries].sort((a, b) => b.score - a.score || (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  return sorted.map((entry, index) => ({
    rank: index > 0 && sorted[index - 1].score === entry.score ? sorted.findIndex((other) => other.score === entry.score) + 1 : index + 1,
    ...entry,
  }));
}

/** Reads ?limit= for the table, 10 by default, at most 100. */
export function parseLimit(param) {
  if (param === null || param === '') return 10;
  const limit = Number(param);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw new Error('limit must be an integer from 1 to 100');
  return limit;
}

/** An ordinal for a rank: ordinal(1) → '1st', ordinal(12) → '12th', ordinal(23) → '23rd'. */
export function ordinal(rank) {
  const tens = rank % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : { 1: 'st', 2: 'nd', 3: 'rd' }[rank % 10] ?? 'th';
  return `${rank}${suffix}`;
}

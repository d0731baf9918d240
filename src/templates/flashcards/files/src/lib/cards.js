// Flashcard rules: cards in Leitner boxes, reviews that move them and schedule the next one, without side effects.
// Days are 'YYYY-MM-DD' strings; arithmetic runs in UTC so no time zone shifts a day.

/** Days until the next review for a card in box 1..5: a card that keeps being known is asked less and less often. */
export const BOX_INTERVALS = [1, 2, 4, 8, 16];

const MAX_SIDE_LENGTH = 300;

function addDays(day, days) {
  const time = Date.parse(`${day}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(time)) throw new Error(`Invalid day: ${day}`);
  return new Date(time + days * 86_400_000).toISOString().slice(0, 10);
}

function side(text, name) {
  const value = String(text ?? '').trim().replace(/\s+/g, ' ');
  if (!value) throw new Error(`The ${name} of the card is required`);
  if (value.length > MAX_SIDE_LENGTH) throw new Error(`The ${name} must be at most ${MAX_SIDE_LENGTH} characters`);
  return value;
}

/** A new card in box 1, due today: createCard('Bonjour', 'Hello', 'c1', '2024-05-03') → { id: 'c1', front: 'Bonjour', back: 'Hello', box: 1, due: '2024-05-03' }. */
export function createCard(front, back, id, today) {
  return { id: String(id), front: side(front, 'front'), back: side(back, 'back'), box: 1, due: addDays(today, 0) };
}

/** The deck with a new card; a front already in the deck (in any case) is refused. */
export function addCard(cards, front, back, id, today) {
  const card = createCard(front, back, id, today);
  if (cards.some((other) => other.front.toLowerCase() === card.front.toLowerCase())) throw new Error(`"${card.front}" is already in the deck`);
  return [...cards, card];
}

/** The deck without the card that has this id. */
export function removeCard(cards, id) {
  return cards.filter((card) => card.id !== id);
}

/**
 * The card after a review: known moves it up a box (5 at most) and schedules it that box's interval
 * ahead; missed sends it back to box 1, due tomorrow.
 */
export function review(card, knew, today) {
  const box = knew ? Math.min(card.box + 1, BOX_INTERVALS.length) : 1;
  return { ...card, box, due: addDays(today, BOX_INTERVALS[box - 1]) };
}

/** The cards due on `today` or earlier, lowest box first, then the longest overdue. */
export function dueCards(cards, today) {
  return cards
    .filter((card) => card.due <= today)
    .sort((a, b) => a.box - b.box || (a.due < b.due ? -1 : a.due > b.due ? 1 : 0));
}

/** How many cards sit in each box: boxCounts(cards) → [box1, box2, box3, box4, box5]. */
export function boxCounts(cards) {
  return BOX_INTERVALS.map((_, index) => cards.filter((card) => card.box === index + 1).length);
}

/**
 * Cards from pasted text, one per line, front and back split by a tab, ' | ' or ' - ':
 * parseCardLines('chat | cat') → [{ front: 'chat', back: 'cat' }]. Lines without a separator are skipped.
 */
export function parseCardLines(text) {
  return String(text ?? '')
    .split(/\r?\n/)
    .map((line) => line.split(/\t| \| | - /))
    .filter((parts) => parts.length >= 2 && parts[0].trim() && parts.slice(1).join(' - ').trim())
    .map(([front, ...back]) => ({ front: front.trim(), back: back.join(' - ').trim() }));
}

/** Restores the stored deck, keeping well-formed cards; anything unreadable gives []. */
export function parseCards(json) {
  try {
    const data = JSON.parse(json);
    if (!Array.isArray(data)) return [];
    return data
      .filter((card) => card && typeof card.id === 'string' && typeof card.front === 'string' && typeof card.back === 'string'
        && Number.isInteger(card.box) && card.box >= 1 && card.box <= BOX_INTERVALS.length && /^\d{4}-\d{2}-\d{2}$/.test(card.due))
      .map(({ id, front, back, box, due }) => ({ id, front, back, box, due }));
  } catch {
    return [];
  }
}

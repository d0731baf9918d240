// Chat rules shared by the page and the worker: rooms, checked messages, storage keys, paging by sequence, without side effects.

const MAX_SEQUENCE = 999999999999;
const ROOM = /^[a-z0-9][a-z0-9-]{0,31}$/;
/** How many messages a page keeps and a request returns at most. */
export const PAGE_SIZE = 50;

/** A room name in its canonical form: parseRoom(' General ') → 'general'; spaces become dashes. */
export function parseRoom(name) {
  const room = String(name ?? '').trim().toLowerCase().replace(/\s+/g, '-');
  if (!ROOM.test(room)) throw new Error('room must be 1-32 lowercase letters, digits or dashes');
  return room;
}

/** A checked message from untrusted input: validateMessage({ author: ' Ada ', text: ' hi ' }) → { author: 'Ada', text: 'hi' }. */
export function validateMessage(input) {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) throw new Error('body must be a JSON object');
  const author = typeof input.author === 'string' ? input.author.trim().replace(/\s+/g, ' ') : '';
  const text = typeof input.text === 'string' ? input.text.trim() : '';
  if (author.length < 1 || author.length > 40) throw new Error('author must be 1-40 characters');
  if (text.length < 1 || text.length > 500) throw new Error('text must be 1-500 characters');
  return { author, text };
}

/** Prefix of one room's stored messages. */
export function roomPrefix(room) {
  return `msg:${room}:`;
}

/** Storage key of a room's n-th message, reversed so the newest list first: messageKey('general', 1) → 'msg:general:999999999998'. */
export function messageKey(room, sequence) {
  if (!Number.isInteger(sequence) || sequence < 1 || sequence >= MAX_SEQUENCE) throw new Error('sequence must be a positive integer');
  return roomPrefix(room) + String(MAX_SEQUENCE - sequence).padStart(12, '0');
}

/** Reads ?after= (the last sequence a client has), 0 when absent: parseAfter('12') → 12. */
export function parseAfter(param) {
  if (param === null || param === '') return 0;
  const after = Number(param);
  if (!Number.isInteger(after) || after < 0) throw new Error('after must be a non-negative integer');
  return after;
}

/** How many of the newest messages to fetch when a client has seen up to `after` of `last`: at most a page. */
export function newCount(last, after) {
  return Math.max(0, Math.min(PAGE_SIZE, last - after));
}

/** The shown messages with new ones added once each, oldest first, keeping the newest page: merged by `seq`. */
export function mergeMessages(shown, incoming) {
  const bySeq = new Map([...shown, ...incoming].map((message) => [message.seq, message]));
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq).slice(-PAGE_SIZE * 4);
}

/** The initials for an avatar: initials('Ada Lovelace') → 'AL', initials('bo') → 'B'. */
export function initials(name) {
  return name.split(/\s+/).filter(Boolean).slice(0, 2).map((word) => word[0].toUpperCase()).join('');
}

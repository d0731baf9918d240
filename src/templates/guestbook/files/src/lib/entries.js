/** Guestbook rules shared by the page and the worker: validation, masking, storage keys, paging, relative times. */

/** Key prefix of stored entries; keys sort newest first. */
export const ENTRY_PREFIX = 'entry:';

const MAX_SEQUENCE = 999999999999;
// Together they keep a page's DATA.list under 1000 keys.
const MAX_PAGE = 50;
const MAX_PAGE_SIZE = 20;
const BLOCKED_WORDS = ['damn', 'crap', 'shit', 'fuck', 'bitch', 'bastard', 'asshole', 'dick', 'piss'];
const PROFANITY = new RegExp(`\\b(?:${BLOCKED_WORDS.join('|')})(?:s|es|ed|ing|er|ers)?\\b`, 'gi');

/** Trimmed, checked { name, message } from untrusted input: validateEntry({ name: ' Ada ', message: 'Hi' }) → { name: 'Ada', message: 'Hi' }. */
export function validateEntry(input) {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) throw new Error('body must be a JSON object');
  const name = typeof input.name === 'string' ? input.name.trim() : '';
  const message = typeof input.message === 'string' ? input.message.trim() : '';
  if (name.length < 1 || name.length > 50) throw new Error('name must be 1-50 characters');
  if (message.length < 1 || message.length > 500) throw new Error('message must be 1-500 characters');
  return { name, message };
}

/** Masks blocked words but their first letter, whole words only: maskProfanity('Damn!') === 'D***!'. */
export function maskProfanity(text) {
  return text.replace(PROFANITY, (word) => word[0] + '*'.repeat(word.length - 1));
}

/** Storage key for the n-th entry, reversed and zero-padded so newer entries sort first: entryKey(1) === 'entry:999999999998'. */
export function entryKey(sequence) {
  if (!Number.isInteger(sequence) || sequence < 1 || sequence >= MAX_SEQUENCE) throw new Error('sequence must be a positive integer');
  return ENTRY_PREFIX + String(MAX_SEQUENCE - sequence).padStart(12, '0');
}

/** Reads ?page= and ?pageSize= values (strings or null), defaulting to page 1 of 10: parsePage('2', null) → { page: 2, pageSize: 10 }. */
export function parsePage(pageParam, pageSizeParam) {
  const page = pageParam === null || pageParam === '' ? 1 : Number(pageParam);
  const pageSize = pageSizeParam === null || pageSizeParam === '' ? 10 : Number(pageSizeParam);
  if (!Number.isInteger(page) || page < 1 || page > MAX_PAGE) throw new Error(`page must be an integer from 1 to ${MAX_PAGE}`);
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE) throw new Error(`pageSize must be an integer from 1 to ${MAX_PAGE_SIZE}`);
  return { page, pageSize };
}

/** Paging figures for a total: pageInfo(25, 3, 10) → { total: 25, page: 3, pageSize: 10, totalPages: 3, offset: 20 }. */
export function pageInfo(total, page, pageSize) {
  return { total, page, pageSize, totalPages: Math.max(1, Math.ceil(total / pageSize)), offset: (page - 1) * pageSize };
}

/** Relative time of an ISO timestamp seen at `nowIso`: timeAgo('2024-05-01T10:00:00Z', '2024-05-01T12:30:00Z') === '2 hours ago'. */
export function timeAgo(iso, nowIso) {
  const then = Date.parse(iso);
  const now = Date.parse(nowIso);
  if (Number.isNaN(then) || Number.isNaN(now)) throw new Error('invalid timestamp');
  const seconds = Math.floor((now - then) / 1000);
  const plural = (count, unit) => `${count} ${unit}${count === 1 ? '' : 's'} ago`;
  if (seconds < 45) return 'just now';
  if (seconds < 3600) return plural(Math.max(1, Math.round(seconds / 60)), 'minute');
  if (seconds < 86400) return plural(Math.floor(seconds / 3600), 'hour');
  if (seconds < 7 * 86400) return plural(Math.floor(seconds / 86400), 'day');
  return new Date(then).toISOString().slice(0, 10);
}

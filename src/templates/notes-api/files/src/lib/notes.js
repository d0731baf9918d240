/** Notes rules shared by the API: validation, tags, slugs, storage keys, ids, search and limits. */

/** Key prefix of stored notes; keys sort newest first. */
export const NOTE_PREFIX = 'note:';

const MAX_ID = 999999999999;
const TAG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Lower-cased, trimmed, de-duplicated tags: normalizeTags([' Home', 'home', 'to-do']) → ['home', 'to-do']. */
export function normalizeTags(tags) {
  if (tags === undefined || tags === null) return [];
  if (!Array.isArray(tags) || tags.length > 10) throw new Error('tags must be an array of at most 10 tags');
  const normalized = [];
  for (const tag of tags) {
    const value = typeof tag === 'string' ? tag.trim().toLowerCase() : '';
    if (value.length > 30 || !TAG.test(value)) throw new Error('each tag must be 1-30 letters, digits or dashes');
    if (!normalized.includes(value)) normalized.push(value);
  }
  return normalized;
}

/** Checked { title, body, tags } from an untrusted request body: title 1-120 characters, body up to 10000. */
export function validateNote(input) {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) throw new Error('body must be a JSON object');
  const title = typeof input.title === 'string' ? input.title.trim() : '';
  if (title.length < 1 || title.length > 120) throw new Error('title must be 1-120 characters');
  const body = input.body ?? '';
  if (typeof body !== 'string' || body.length > 10000) throw new Error('body must be a string of at most 10000 characters');
  return { title, body, tags: normalizeTags(input.tags) };
}

/** URL-friendly form of a title, at most 60 characters: slugify('Crème brûlée, 2 ways!') === 'creme-brulee-2-ways'. */
export function slugify(title) {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  const cut = slug.length > 60 ? slug.slice(0, 60).replace(/-[^-]*$/, '') : slug;
  return cut || 'note';
}

/** The note id in a path segment: parseNoteId('42') === 42; anything but a positive integer throws. */
export function parseNoteId(segment) {
  if (typeof segment !== 'string' || !/^[1-9]\d{0,11}$/.test(segment) || Number(segment) >= MAX_ID) throw new Error('invalid note id');
  return Number(segment);
}

/** Storage key of a note id, reversed and zero-padded so newer notes sort first: noteKey(1) === 'note:999999999998'. */
export function noteKey(id) {
  if (!Number.isInteger(id) || id < 1 || id >= MAX_ID) throw new Error('invalid note id');
  return NOTE_PREFIX + String(MAX_ID - id).padStart(12, '0');
}

/** Notes matching every word of `query` (in title, body or tags, any case) and carrying `tag` when given. */
export function searchNotes(notes, query, tag) {
  const words = (query ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  const wanted = tag ? tag.trim().toLowerCase() : '';
  return notes.filter((note) => {
    if (wanted && !note.tags.includes(wanted)) return false;
    const text = `${note.title}\n${note.body}\n${note.tags.join(' ')}`.toLowerCase();
    return words.every((word) => text.includes(word));
  });
}

/** The ?limit= value (string or null), 20 by default: parseLimit('5') === 5; outside 1-100 throws. */
export function parseLimit(value) {
  if (value === null || value === '') return 20;
  const limit = Number(value);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw new Error('limit must be an integer from 1 to 100');
  return limit;
}

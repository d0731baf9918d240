// Collection rules: records whose fields a config describes; checking, adding, editing, searching, filtering, sorting,
// tags and totals, without side effects. The same module serves a recipe box, a reading list, a CRM, an inventory...

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Tags from typed text: parseTags(' Quick, vegan,quick ') → ['quick', 'vegan']. */
export function parseTags(text) {
  const list = Array.isArray(text) ? text : String(text ?? '').split(',');
  return [...new Set(list.map((tag) => String(tag).trim().toLowerCase().replace(/\s+/g, '-')).filter(Boolean))].slice(0, 12);
}

function checkField(field, raw) {
  const text = typeof raw === 'string' ? raw.trim() : raw;
  const empty = text === undefined || text === null || text === '' || (Array.isArray(text) && text.length === 0);
  if (empty) {
    if (field.required) throw new Error(`${field.label} is required`);
    return field.type === 'tags' ? [] : field.type === 'number' ? null : '';
  }
  switch (field.type) {
    case 'number': {
      const value = Number(typeof text === 'string' ? text.replace(',', '.') : text);
      if (!Number.isFinite(value)) throw new Error(`${field.label} must be a number`);
      if ((field.min !== undefined && value < field.min) || (field.max !== undefined && value > field.max)) throw new Error(`${field.label} must be from ${field.min} to ${field.max}`);
      return Math.round(value * 100) / 100;
    }
    case 'select':
      if (!field.options.includes(text)) throw new Error(`${field.label} must be one of: ${field.options.join(', ')}`);
      return text;
    case 'tags':
      return parseTags(text);
    case 'email':
      if (!EMAIL.test(text)) throw new Error(`${field.label} must be an email address`);
      return text.toLowerCase();
    case 'url':
      if (!/^https?:\/\/[^\s]+\.[^\s]+$/.test(text)) throw new Error(`${field.label} must start with http:// or https://`);
      return text;
    case 'date':
      if (!DATE.test(text) || Number.isNaN(Date.parse(text))) throw new Error(`${field.label} must be a date (YYYY-MM-DD)`);
      return text;
    default: {
      const value = field.type === 'textarea' || field.type === 'markdown' ? String(text) : String(text).replace(/\s+/g, ' ');
      if (value.length > (field.max ?? 200)) throw new Error(`${field.label} must be at most ${field.max ?? 200} characters`);
      return value;
    }
  }
}

/** The record's values checked against its fields, unknown keys dropped: validateRecord([{ name: 'title', label: 'Title', type: 'text', required: true }], { title: ' Soup ' }) → { title: 'Soup' }. */
export function validateRecord(fields, input) {
  if (input === null || typeof input !== 'object') throw new Error('A record must be an object');
  return Object.fromEntries(fields.map((field) => [field.name, checkField(field, input[field.name])]));
}

/** The records with a new one at the front (newest first). */
export function addRecord(records, fields, input, id, now) {
  if (records.some((record) => record.id === String(id))) throw new Error(`Duplicate id: ${id}`);
  return [{ id: String(id), ...validateRecord(fields, input), createdAt: now }, ...records];
}

/** The records with one replaced by checked new values; its id and creation time stay. */
export function updateRecord(records, fields, id, input) {
  if (!records.some((record) => record.id === id)) throw new Error(`No record ${id}`);
  const values = validateRecord(fields, input);
  return records.map((record) => (record.id === id ? { ...record, ...values } : record));
}

/** The records without the one that has this id. */
export function removeRecord(records, id) {
  return records.filter((record) => record.id !== id);
}

/** Records where every word of the query appears in some text, choice or tag field (any case): searchRecords(records, fields, 'soup lentil'). */
export function searchRecords(records, fields, query) {
  const words = String(query ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return records;
  const searchable = fields.filter((field) => field.type !== 'number' && field.type !== 'date');
  return records.filter((record) => {
    const haystack = searchable.map((field) => [].concat(record[field.name] ?? '').join(' ')).join(' ').toLowerCase();
    return words.every((word) => haystack.includes(word));
  });
}

/** Records whose fields equal every given value; `tag` matches within the tags field: filterRecords(records, { status: 'Reading', tag: 'sci-fi' }). */
export function filterRecords(records, filters) {
  return records.filter((record) =>
    Object.entries(filters).every(([key, value]) => {
      if (value === '' || value === null || value === undefined) return true;
      if (key === 'tag') return Array.isArray(record.tags) && record.tags.includes(value);
      return record[key] === value;
    }));
}

/** Records sorted by a field, 'asc' or 'desc'; empty values last, text by locale, ties by title-like order kept. */
export function sortRecords(records, field, direction = 'asc') {
  const sign = direction === 'desc' ? -1 : 1;
  return [...records].sort((a, b) => {
    const x = a[field];
    const y = b[field];
    const xEmpty = x === null || x === undefined || x === '';
    const yEmpty = y === null || y === undefined || y === '';
    if (xEmpty || yEmpty) return xEmpty === yEmpty ? 0 : xEmpty ? 1 : -1;
    if (typeof x === 'number' && typeof y === 'number') return (x - y) * sign;
    return String(x).localeCompare(String(y), 'en', { sensitivity: 'base' }) * sign;
  });
}

/** Every tag in use with how many records have it, most used first, then A-Z. */
export function tagCounts(records) {
  const counts = new Map();
  for (const record of records) for (const tag of record.tags ?? []) counts.set(tag, (counts.get(tag) ?? 0) + 1);
  return [...counts].map(([tag, count]) => ({ tag, count })).sort((a, b) => b.count - a.count || a.tag.localeCompare(b.tag));
}

/**
 * Figures over the records, one per spec: { kind: 'count' }, { kind: 'sum', field }, { kind: 'average', field },
 * { kind: 'sumProduct', fields: ['quantity', 'price'] }, { kind: 'countWhere', field, value }. Results are rounded to 2 decimals.
 */
export function totals(records, specs) {
  const round = (value) => Math.round(value * 100) / 100;
  const numbers = (field) => records.map((record) => record[field]).filter((value) => typeof value === 'number');
  return specs.map((spec) => {
    let value;
    if (spec.kind === 'count') value = records.length;
    else if (spec.kind === 'sum') value = round(numbers(spec.field).reduce((sum, n) => sum + n, 0));
    else if (spec.kind === 'average') value = numbers(spec.field).length ? round(numbers(spec.field).reduce((sum, n) => sum + n, 0) / numbers(spec.field).length) : 0;
    else if (spec.kind === 'sumProduct') value = round(records.reduce((sum, record) => sum + spec.fields.reduce((product, field) => product * (typeof record[field] === 'number' ? record[field] : 0), 1), 0));
    else if (spec.kind === 'countWhere') value = records.filter((record) => record[spec.field] === spec.value).length;
    else throw new Error(`Unknown total: ${spec.kind}`);
    return { label: spec.label, value };
  });
}

/** Restores stored records, keeping those that still pass their fields' checks; anything unreadable gives null (use the seed). */
export function parseRecords(json, fields) {
  let data;
  try {
    data = JSON.parse(json);
  } catch {
    return null;
  }
  if (!Array.isArray(data)) return null;
  return data.flatMap((record) => {
    if (!record || typeof record.id !== 'string') return [];
    try {
      return [{ id: record.id, ...validateRecord(fields, record), createdAt: String(record.createdAt ?? '') }];
    } catch {
      return [];
    }
  });
}

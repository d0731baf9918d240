// Blog post rules: ordering, tag lists and filters, dates, reading time and hash routes, without side effects.

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** Estimates whole minutes to read a text (at least 1), e.g. readingTime('word '.repeat(450)) → 3. */
export function readingTime(text, wordsPerMinute = 200) {
  if (!(wordsPerMinute > 0)) throw new Error('wordsPerMinute must be a positive number');
  const words = String(text ?? '').split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;
  return Math.max(1, Math.ceil(words / wordsPerMinute));
}

/** Formats an ISO date (YYYY-MM-DD) for readers, e.g. formatDate('2024-03-05') → 'March 5, 2024'. */
export function formatDate(isoDate) {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(String(isoDate));
  const [year, month, day] = match ? match.slice(1).map(Number) : [];
  const daysInMonth = match ? new Date(Date.UTC(year, month, 0)).getUTCDate() : 0;
  if (!match || month < 1 || month > 12 || day < 1 || day > daysInMonth) throw new Error(`Invalid date: ${isoDate}`);
  return `${MONTHS[month - 1]} ${day}, ${year}`;
}

/** Returns posts newest first (by ISO date, then title), without changing the input. */
export function sortPosts(posts) {
  const compare = (x, y) => (x < y ? -1 : x > y ? 1 : 0);
  return [...posts].sort((a, b) => compare(b.date, a.date) || compare(a.title, b.title));
}

/** Lists every tag with its post count, most used first then alphabetical, e.g. [{ tag: 'css', count: 2 }]. */
export function collectTags(posts) {
  const counts = new Map();
  for (const post of posts) for (const tag of new Set(post.tags ?? [])) counts.set(tag, (counts.get(tag) ?? 0) + 1);
  return [...counts].map(([tag, count]) => ({ tag, count })).sort((a, b) => b.count - a.count || (a.tag < b.tag ? -1 : 1));
}

/** Returns the posts carrying a tag; a missing tag returns every post. */
export function filterByTag(posts, tag) {
  if (!tag) return posts;
  return posts.filter((post) => (post.tags ?? []).includes(tag));
}

/** Returns posts matching every word of a query in title, summary, body or tags (case-insensitive). */
export function searchPosts(posts, query) {
  const words = String(query ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return posts;
  return posts.filter((post) => {
    const text = [post.title, post.summary, post.body, ...(post.tags ?? [])].join(' ').toLowerCase();
    return words.every((word) => text.includes(word));
  });
}

function decode(part) {
  try {
    return decodeURIComponent(part);
  } catch {
    return part; // a malformed escape is kept as typed rather than breaking navigation
  }
}

/** Reads the location hash into a view, e.g. parseRoute('#/post/hello') → { view: 'post', slug: 'hello' }. */
export function parseRoute(hash) {
  const [kind, value] = String(hash ?? '').replace(/^#\/?/, '').split('/').map(decode);
  if (kind === 'post' && value) return { view: 'post', slug: value };
  if (kind === 'tag' && value) return { view: 'list', tag: value };
  return { view: 'list', tag: null };
}

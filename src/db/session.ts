/** The D1 session an API request reads and writes through (read replication), and the `X-D1-Bookmark` header that carries it between requests. */
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../app-env';
import { badRequest } from '../lib/problems';
import { createDb } from './client';

/** The header a client sends to read at least what it saw (or wrote) before, and that every answer that used D1 carries. */
export const BOOKMARK_HEADER = 'X-D1-Bookmark';

/**
 * The shape D1 gives its bookmarks: hexadecimal groups joined by `-` (locally and on Cloudflare
 * today `00000001-00000002-00004f61-` and 32 hex digits). Kept a little looser than that, so a longer
 * bookmark from a future D1 is not refused, and tight enough that nothing but a bookmark reaches D1.
 */
export const BOOKMARK_PATTERN = /^[0-9a-f]{1,64}(?:-[0-9a-f]{1,64}){0,7}$/;

/**
 * A 400 for an `X-D1-Bookmark` that no D1 gave: refused rather than ignored, since a client that
 * sends one counts on reading its own writes, and silently reading from any replica would break that.
 */
const invalidBookmark = () =>
  badRequest('X-D1-Bookmark must be a bookmark an earlier answer gave, unchanged.', [
    { location: 'header', pointer: '#/X-D1-Bookmark', detail: 'Not a D1 bookmark' },
  ]);

/**
 * Where a request's session starts. A read starts at the client's bookmark, so it reads at least
 * what that bookmark saw, or without one (or with an empty one) anywhere, a replica included. A
 * write starts at the primary whatever it carries: the primary is never behind a bookmark, and what
 * a write reads first (the key check among it) must be current, or a key revoked moments ago on
 * the primary could still write through a lagging replica's view.
 *
 * @example env.DB.withSession(sessionStart('GET', undefined)) // 'first-unconstrained'
 */
export function sessionStart(method: string, bookmark: string | undefined): D1SessionBookmark | D1SessionConstraint {
  // An empty header is a client with no bookmark yet (`X-D1-Bookmark: ${saved ?? ''}`), not a wrong one.
  if (bookmark && !BOOKMARK_PATTERN.test(bookmark)) throw invalidBookmark();
  if (method !== 'GET' && method !== 'HEAD') return 'first-primary';
  return bookmark || 'first-unconstrained';
}

/**
 * Opens the request's D1 session (`d1`, and `db` over it for unauthenticated requests; the caller
 * middleware puts its own `db` over the same session), and answers the session's bookmark in
 * `X-D1-Bookmark` once the handler is done. A streamed answer carries the bookmark of what ran
 * before its first byte. Queue consumers, Durable Objects and the sweeper use `env.DB`: they serve
 * no client that could carry a bookmark.
 */
export const d1Session: MiddlewareHandler<AppEnv> = async (c, next) => {
  const session = c.env.DB.withSession(sessionStart(c.req.method, c.req.header(BOOKMARK_HEADER)));
  c.set('d1', session);
  c.set('db', createDb(session));
  await next();
  const bookmark = session.getBookmark();
  if (bookmark !== null) c.res.headers.set(BOOKMARK_HEADER, bookmark);
};

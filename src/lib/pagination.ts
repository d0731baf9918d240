/** Cursor pagination: `?limit=&cursor=`, plain JSON arrays, and the next page in a `Link` header. */
import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

/** Query parameters of every list. The cursor is the id of the last item seen; treat it as opaque. */
export const PageQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE).openapi({ example: 50 }),
  cursor: z.string().uuid().optional().openapi({ description: 'Opaque; copy it from the `Link` header of the previous page.' }),
});

export type PageQuery = z.infer<typeof PageQuerySchema>;

/**
 * Cuts the `limit + 1` rows a query fetched down to one page and, when there was one more,
 * sets `Link: <...>; rel="next"` on the response.
 *
 * @example const rows = await query.limit(page.limit + 1); return c.json(pageOf(c, rows, page.limit));
 */
export function pageOf<T>(c: Context, rows: T[], limit: number, cursorOf: (row: T) => string = (row) => (row as { id: string }).id): T[] {
  if (rows.length <= limit) return rows;
  const items = rows.slice(0, limit);
  const next = new URL(c.req.url);
  next.searchParams.set('limit', String(limit));
  next.searchParams.set('cursor', cursorOf(items[items.length - 1]!));
  c.header('Link', `<${next.toString()}>; rel="next"`);
  return items;
}

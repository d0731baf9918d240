/** D1 binds at most 100 parameters a statement: long lists and many rows go in chunks. */

/** The most values one D1 statement may bind. */
export const D1_MAX_BOUND_PARAMETERS = 100;

/**
 * `items` in slices of at most `size`.
 *
 * @example inChunks(paths, 90).map((chunk) => db.select().from(files).where(inArray(files.path, chunk)))
 */
export function inChunks<T>(items: T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(items.length / size) }, (_, index) => items.slice(index * size, index * size + size));
}

/** How many rows of `columns` columns one multi-row INSERT may hold. @example rowsPerInsert(7) // 14 */
export const rowsPerInsert = (columns: number) => Math.floor(D1_MAX_BOUND_PARAMETERS / columns);

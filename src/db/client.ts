/** Builds the drizzle client over a D1 binding; tests and scripts pass their own binding. */
import { drizzle } from 'drizzle-orm/d1';

/** What drizzle calls on a binding: a database and a request's session (`withSession`) both have it. */
export type D1Queries = Pick<D1Database, 'prepare' | 'batch'>;

/**
 * A client for one request (or message, or alarm). No schema is passed: it would only serve
 * drizzle's relational `db.query` API, which nothing uses, and extracting its relations from
 * every table took 8-13% of the Worker's CPU on each authenticated request (profiled under
 * `npm run bench`, issue 7).
 *
 * @example const db = createDb(env.DB); await db.select().from(projects)
 */
export function createDb(d1: D1Queries) {
  // drizzle's type asks for a whole D1Database, but its D1 driver only prepares and batches.
  return drizzle(d1 as D1Database);
}

export type Database = ReturnType<typeof createDb>;

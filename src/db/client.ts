/** Builds the drizzle client over a D1 binding; tests and scripts pass their own binding. */
import { drizzle } from 'drizzle-orm/d1';
import * as schema from './schema';

/** @example const db = createDb(env.DB); await db.select().from(schema.projects) */
export function createDb(d1: D1Database) {
  return drizzle(d1, { schema });
}

export type Database = ReturnType<typeof createDb>;

/** The cron sweeper (every minute): clears what has outlived its use. */
import { lt } from 'drizzle-orm';
import type { Database } from './db/client';
import { idempotencyKeys } from './db/schema';
import { IDEMPOTENCY_WINDOW_MS } from './lib/idempotency';

/** One pass of the sweeper. Safe to run concurrently with itself: each step is one statement. */
export async function sweep(db: Database, now = Date.now()): Promise<void> {
  await db.delete(idempotencyKeys).where(lt(idempotencyKeys.createdAt, new Date(now - IDEMPOTENCY_WINDOW_MS).toISOString()));
}

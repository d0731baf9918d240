/** The analytics queue consumer: stores each batch of events in one D1 batch; a redelivered event is not stored twice. */
import { z } from 'zod';
import type { Bindings } from '../app-env';
import { createDb } from '../db/client';
import { analyticsEvents } from '../db/schema';
import type { AnalyticsEventRow } from '../db/schema';
import { EVENT_TYPE } from '../features/analytics/service';
import type { AnalyticsMessage } from '../features/analytics/service';
import { readMessage, retryDelay } from './messages';
import { inChunks, rowsPerInsert } from '../db/chunks';

export const AnalyticsMessageSchema = z.object({
  id: z.string().uuid(),
  type: z.string().regex(EVENT_TYPE),
  data: z.record(z.string(), z.unknown()),
  userId: z.string().nullable(),
  organisationId: z.string().nullable(),
  projectId: z.string().nullable(),
  createdAt: z.string().datetime(),
}) satisfies z.ZodType<AnalyticsMessage>;

/** D1 binds at most 100 parameters a statement, and an event row takes 7. */
const ROWS_PER_INSERT = rowsPerInsert(7);

/**
 * The consumer: malformed messages are dropped (acked, with a warning); the others are inserted
 * together, ids already stored skipped, and acked, or all retried with backoff when the insert
 * failed. After the last retry the queue moves them to the dead-letter queue.
 */
export async function consumeAnalytics(batch: MessageBatch<unknown>, env: Bindings): Promise<void> {
  const accepted: Message<unknown>[] = [];
  const rows: AnalyticsEventRow[] = [];
  for (const message of batch.messages) {
    const body = readMessage(batch, message, AnalyticsMessageSchema);
    if (!body) continue;
    accepted.push(message);
    rows.push({ ...body, data: JSON.stringify(body.data) });
  }
  if (rows.length === 0) return;

  const db = createDb(env.DB);
  const inserts = inChunks(rows, ROWS_PER_INSERT).map((chunk) => db.insert(analyticsEvents).values(chunk).onConflictDoNothing({ target: analyticsEvents.id }));
  try {
    await db.batch([inserts[0]!, ...inserts.slice(1)]);
    for (const message of accepted) message.ack();
  } catch (error) {
    console.warn(JSON.stringify({ queue: batch.queue, events: rows.length, error: error instanceof Error ? error.message : String(error) }));
    for (const message of accepted) message.retry({ delaySeconds: retryDelay(message.attempts) });
  }
}

/** The dead-letter consumer: events that could not be stored after every retry are logged whole, so they can be replayed from the logs, and acked. */
export async function consumeAnalyticsDeadLetters(batch: MessageBatch<unknown>): Promise<void> {
  for (const message of batch.messages) {
    console.error(JSON.stringify({ queue: batch.queue, deadLetter: message.id, attempts: message.attempts, event: message.body }));
    message.ack();
  }
}

/** What the consumers share: reading a message's body by its schema, and the backoff of a retried one. */
import type { z } from 'zod';

/**
 * The message's body, or null when it does not match `schema`: such a message is acked with a
 * warning, since retrying it would only fail the same way until the dead-letter queue.
 *
 * @example const body = readMessage(batch, message, DeployMessageSchema); if (!body) continue;
 */
export function readMessage<T>(batch: MessageBatch<unknown>, message: Message<unknown>, schema: z.ZodType<T>): T | null {
  const body = schema.safeParse(message.body);
  if (body.success) return body.data;
  console.warn(JSON.stringify({ queue: batch.queue, dropped: message.id, reason: 'malformed message' }));
  message.ack();
  return null;
}

/** Seconds before the next delivery of a message that failed `attempts` times: 10, 20, 40, … at most 5 minutes. */
export const retryDelay = (attempts: number) => Math.min(10 * 2 ** Math.max(0, attempts - 1), 300);

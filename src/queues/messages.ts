/** What every consumer does first: read a message's body by its schema, dropping one that can never be read. */
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

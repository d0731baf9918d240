/** The webhooks queue consumer: POSTs each delivery, signed, logs every attempt, and retries with backoff until the dead-letter queue gives up. */
import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Bindings } from '../app-env';
import { createDb } from '../db/client';
import type { Database } from '../db/client';
import { webhookDeliveries, webhooks } from '../db/schema';
import type { DeliveryAttempt } from '../db/schema';
import { signatureHeader } from '../features/webhooks/signature';
import { nowIso } from '../lib/ids';
import { logWarning } from '../lib/log';
import { readMessage } from './messages';

export const WebhookMessageSchema = z.object({ deliveryId: z.string().uuid() });

/** How long a receiver has to answer. Documented in the README. */
export const DELIVERY_TIME_LIMIT_MS = 10_000;

/** Seconds before the next attempt after `attempts` failed ones: 30, 60, 120, … at most an hour. */
export const webhookRetryDelay = (attempts: number) => Math.min(30 * 2 ** Math.max(0, attempts - 1), 3600);

/**
 * Makes one attempt at a delivery and logs it. A delivery no longer pending (succeeded, failed, or
 * gone with its webhook) is not sent again, so a redelivered message does nothing. Redirects are
 * not followed: they count as failures, like any answer outside 2xx.
 *
 * @returns whether the delivery is settled, or should be tried again
 */
export async function attemptDelivery(db: Database, deliveryId: string): Promise<'settled' | 'retry'> {
  const [found] = await db
    .select({ delivery: webhookDeliveries, url: webhooks.url, secret: webhooks.secret })
    .from(webhookDeliveries)
    .innerJoin(webhooks, eq(webhooks.id, webhookDeliveries.webhookId))
    .where(eq(webhookDeliveries.id, deliveryId));
  if (!found || found.delivery.status !== 'pending') return 'settled';

  const { delivery } = found;
  const at = nowIso();
  const started = performance.now();
  let statusCode: number | null = null;
  let error: string | null = null;
  try {
    const response = await fetch(found.url, {
      method: 'POST',
      redirect: 'manual',
      signal: AbortSignal.timeout(DELIVERY_TIME_LIMIT_MS),
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Promptax-Webhooks/1',
        'promptax-event': delivery.type,
        'promptax-delivery': delivery.id,
        'promptax-signature': await signatureHeader(found.secret, Math.floor(Date.now() / 1000), delivery.payload),
      },
      body: delivery.payload,
    });
    statusCode = response.status;
    await response.body?.cancel();
    if (!response.ok) error = `The receiver answered ${response.status}.`;
  } catch (caught) {
    error = caught instanceof Error ? `${caught.name}: ${caught.message}` : String(caught);
  }
  const attempt: DeliveryAttempt = { at, statusCode, durationMs: Math.round(performance.now() - started), error };
  await db
    .update(webhookDeliveries)
    .set({
      status: error === null ? 'succeeded' : 'pending',
      attempts: sql`json_insert(${webhookDeliveries.attempts}, '$[#]', json(${JSON.stringify(attempt)}))`,
      updatedAt: nowIso(),
    })
    .where(and(eq(webhookDeliveries.id, deliveryId), eq(webhookDeliveries.status, 'pending')));
  return error === null ? 'settled' : 'retry';
}

/** The consumer: the batch's deliveries are attempted together; each failed one is retried with backoff. */
export async function consumeWebhooks(batch: MessageBatch<unknown>, env: Bindings): Promise<void> {
  const db = createDb(env.DB);
  await Promise.all(
    batch.messages.map(async (message) => {
      const body = readMessage(batch, message, WebhookMessageSchema);
      if (!body) return;
      const outcome = await attemptDelivery(db, body.deliveryId).catch((error: unknown) => {
        logWarning(env, { queue: batch.queue, deliveryId: body.deliveryId, error: String(error) });
        return 'retry' as const;
      });
      if (outcome === 'settled') message.ack();
      else message.retry({ delaySeconds: webhookRetryDelay(message.attempts) });
    }),
  );
}

/** The dead-letter consumer: a delivery whose message ran out of retries is failed; its attempts stay in the log. */
export async function consumeWebhookDeadLetters(batch: MessageBatch<unknown>, env: Bindings): Promise<void> {
  const db = createDb(env.DB);
  for (const message of batch.messages) {
    const body = WebhookMessageSchema.safeParse(message.body);
    if (body.success) {
      await db
        .update(webhookDeliveries)
        .set({ status: 'failed', updatedAt: nowIso() })
        .where(and(eq(webhookDeliveries.id, body.data.deliveryId), eq(webhookDeliveries.status, 'pending')));
    }
    message.ack();
  }
}

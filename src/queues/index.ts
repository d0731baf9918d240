/** Routes a batch to the consumer of the queue it came from. */
import type { Bindings } from '../app-env';
import { consumeAnalytics, consumeAnalyticsDeadLetters } from './analytics';
import { consumeDeploymentDeadLetters, consumeDeployments } from './deployments';
import { consumeTestRunDeadLetters, consumeTestRuns } from './test-runs';
import { consumeWebhookDeadLetters, consumeWebhooks } from './webhooks';

type Consumer = (batch: MessageBatch<unknown>, env: Bindings) => Promise<void>;

// Queue names come from wrangler.toml; a deployment may prefix them, so match on the suffix.
const CONSUMERS: [suffix: string, consumer: Consumer][] = [
  ['deployments-dlq', consumeDeploymentDeadLetters],
  ['deployments', consumeDeployments],
  ['test-runs-dlq', consumeTestRunDeadLetters],
  ['test-runs', consumeTestRuns],
  ['webhooks-dlq', consumeWebhookDeadLetters],
  ['webhooks', consumeWebhooks],
  ['analytics-dlq', consumeAnalyticsDeadLetters],
  ['analytics', consumeAnalytics],
];

/** @example export default { queue: (batch, env) => consumeQueue(batch, env) } */
export async function consumeQueue(batch: MessageBatch<unknown>, env: Bindings): Promise<void> {
  const consumer = CONSUMERS.find(([suffix]) => batch.queue.endsWith(suffix))?.[1];
  if (!consumer) {
    // A queue bound in wrangler.toml without a consumer here is a deployment mistake; keep its messages until one exists.
    batch.retryAll({ delaySeconds: 60 });
    return;
  }
  await consumer(batch, env);
}

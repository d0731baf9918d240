/** The events a webhook can be sent and subscribe to, shared by the table that stores a subscription and the routes that take one. */

/** Every event a webhook can be sent: a deployment or a test suite reaching a status. `queued` is the answer of the POST itself. */
export const WEBHOOK_EVENT_TYPES = [
  'deployment.building',
  'deployment.live',
  'deployment.failed',
  'deployment.superseded',
  'test_run.generating',
  'test_run.running',
  'test_run.passed',
  'test_run.failed',
  'test_run.error',
] as const;

/** What a webhook may subscribe to: a family, or one event type. */
export const WEBHOOK_EVENT_PATTERNS = ['deployment.*', 'test_run.*', ...WEBHOOK_EVENT_TYPES] as const;

export type WebhookEventPattern = (typeof WEBHOOK_EVENT_PATTERNS)[number];

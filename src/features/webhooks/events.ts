/** Status events of deployments and test suites, turned into one queued delivery per webhook that wants them. */
import { eq, inArray } from 'drizzle-orm';
import type { Bindings } from '../../app-env';
import type { Database } from '../../db/client';
import { deployments, projects, testCases, testSuites, webhookDeliveries, webhooks } from '../../db/schema';
import type { DeploymentRow, TestCaseRow, TestSuiteRow, WebhookDeliveryRow } from '../../db/schema';
import { nowIso, uuidv7 } from '../../lib/ids';
import { toDeployment } from '../deployments/service';
import { toTestSuite } from '../tests/service';
import { inChunks } from '../../db/chunks';

/** The JSON body of every delivery. */
export interface DeliveryPayload {
  id: string;
  type: StatusEvent['type'];
  createdAt: string;
  data: unknown;
}

/** What the webhooks queue carries: only the delivery's id; the consumer reads the rest. */
export interface WebhookMessage {
  deliveryId: string;
}

/** A status change of something in a project; `data` is the resource as the API shows it. */
export interface StatusEvent {
  type: `deployment.${DeploymentRow['status']}` | `test_run.${TestSuiteRow['status']}`;
  projectId: string;
  data: unknown;
}

/** @example deploymentEvent(row) // { type: 'deployment.live', projectId, data: Deployment } */
export function deploymentEvent(row: DeploymentRow): StatusEvent {
  return { type: `deployment.${row.status}`, projectId: row.projectId, data: toDeployment(row) };
}

/** @example testRunEvent(suite, cases) // { type: 'test_run.passed', projectId, data: TestSuite } */
export function testRunEvent(suite: TestSuiteRow, cases: TestCaseRow[]): StatusEvent {
  return { type: `test_run.${suite.status}`, projectId: suite.projectId, data: toTestSuite(suite, cases) };
}

const wants = (patterns: string[], type: string) => patterns.some((pattern) => pattern === type || (pattern.endsWith('.*') && type.startsWith(pattern.slice(0, -1))));

/** Records a pending delivery for each webhook of the project's organisation that wants each event, then queues them. */
async function recordAndQueue(env: Pick<Bindings, 'WEBHOOK_QUEUE'>, db: Database, events: StatusEvent[]) {
  if (events.length === 0) return;
  const hooks = await db
    .select({ id: webhooks.id, events: webhooks.events, projectId: projects.id })
    .from(webhooks)
    .innerJoin(projects, eq(projects.organisationId, webhooks.organisationId))
    .where(inArray(projects.id, [...new Set(events.map((event) => event.projectId))]));
  const now = nowIso();
  const deliveries: WebhookDeliveryRow[] = events.flatMap((event) => {
    const listening = hooks.filter((hook) => hook.projectId === event.projectId && wants(hook.events, event.type));
    if (listening.length === 0) return [];
    const eventId = uuidv7();
    const payload = JSON.stringify({ id: eventId, type: event.type, createdAt: now, data: event.data } satisfies DeliveryPayload);
    return listening.map((hook) => ({ id: uuidv7(), webhookId: hook.id, eventId, type: event.type, payload, status: 'pending' as const, attempts: [], createdAt: now, updatedAt: now }));
  });
  // D1 binds at most 100 parameters a statement: nine columns make ten rows an insert, an id list 50 ids.
  const inserts = inChunks(deliveries, 10).map((rows) => db.insert(webhookDeliveries).values(rows));
  if (inserts.length === 0) return;
  await db.batch([inserts[0]!, ...inserts.slice(1)]);
  for (const ids of inChunks(deliveries.map((delivery) => delivery.id), 50)) {
    await env.WEBHOOK_QUEUE.sendBatch(ids.map((deliveryId) => ({ body: { deliveryId } satisfies WebhookMessage }))).catch(async (error: unknown) => {
      // Recorded but never queued: the log says failed rather than pending for ever.
      await db.update(webhookDeliveries).set({ status: 'failed', updatedAt: nowIso() }).where(inArray(webhookDeliveries.id, ids));
      throw error;
    });
  }
}

/** Runs a sending step, logging instead of throwing: the status has already changed, so a webhook outage must not fail or retry the job that changed it. */
async function sendQuietly(what: string, send: () => Promise<void>) {
  try {
    await send();
  } catch (error) {
    console.error(JSON.stringify({ webhooks: 'events not sent', what, error: String(error) }));
  }
}

/**
 * Sends status events to the webhooks that want them: a delivery each, on the webhooks queue.
 * It never throws; what went wrong is logged.
 *
 * @example await emitStatusEvents(env, db, [deploymentEvent(row)]);
 */
export async function emitStatusEvents(env: Pick<Bindings, 'WEBHOOK_QUEUE'>, db: Database, events: StatusEvent[]): Promise<void> {
  await sendQuietly(events.map((event) => event.type).join(', '), () => recordAndQueue(env, db, events));
}

/**
 * Sends the status events of deployments and suites as they are now, read by id: for a caller
 * (the sweeper) whose statements changed them without returning the rows. It never throws.
 *
 * @example await emitCurrentStatuses(env, db, { deployments: [id], testRuns: [] });
 */
export async function emitCurrentStatuses(env: Pick<Bindings, 'WEBHOOK_QUEUE'>, db: Database, ids: { deployments: string[]; testRuns: string[] }): Promise<void> {
  if (ids.deployments.length === 0 && ids.testRuns.length === 0) return;
  await sendQuietly(`current statuses of ${[...ids.deployments, ...ids.testRuns].join(', ')}`, async () => {
    const [changed, suites, cases] = await db.batch([
      db.select().from(deployments).where(inArray(deployments.id, ids.deployments)),
      db.select().from(testSuites).where(inArray(testSuites.id, ids.testRuns)),
      db.select().from(testCases).where(inArray(testCases.suiteId, ids.testRuns)),
    ]);
    await recordAndQueue(env, db, [...changed.map(deploymentEvent), ...suites.map((suite) => testRunEvent(suite, cases))]);
  });
}

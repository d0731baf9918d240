/** Webhooks: registered per organisation with a secret shown once; their deliveries are logged attempt by attempt. */
import { and, desc, eq, inArray, lt, sql } from 'drizzle-orm';
import type { Caller } from '../../app-env';
import type { Database } from '../../db/client';
import { webhookDeliveries, webhooks } from '../../db/schema';
import type { WebhookDeliveryRow, WebhookRow } from '../../db/schema';
import { accessFirst } from '../../lib/access-first';
import { nowIso, uuidv7 } from '../../lib/ids';
import type { PageQuery } from '../../lib/pagination';
import { badRequest, conflict, notFound } from '../../lib/problems';
import { chooseOrganisation } from '../projects/service';
import type { WebhookEventPattern } from '../../lib/webhook-events';
import type { DeliveryPayload } from './events';
import { newWebhookSecret } from './signature';
import { targetUrlProblem } from './target-url';

/** Each organisation's limit: every status change in its projects costs a delivery per webhook that wants it. */
export const MAX_WEBHOOKS_PER_ORGANISATION = 20;

/** A webhook as the API shows it: never its secret, which only the creating response carries. */
export function toWebhook(row: WebhookRow) {
  return { id: row.id, organisationId: row.organisationId, url: row.url, events: row.events, description: row.description, createdAt: row.createdAt };
}

/** A delivery as the API shows it, with the body it POSTs. */
export function toDelivery(row: WebhookDeliveryRow) {
  return {
    id: row.id,
    webhookId: row.webhookId,
    eventId: row.eventId,
    type: row.type,
    status: row.status,
    attempts: row.attempts,
    payload: JSON.parse(row.payload) as DeliveryPayload,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

const organisationIds = (caller: Caller) => caller.organisations.map((organisation) => organisation.id);

/** The webhook, or a 404 problem when it does not exist or another organisation owns it. */
async function getWebhook(db: Database, caller: Caller, webhookId: string): Promise<WebhookRow> {
  const [row] = await db.select().from(webhooks).where(and(eq(webhooks.id, webhookId), inArray(webhooks.organisationId, organisationIds(caller))));
  if (!row) throw notFound('webhook');
  return row;
}

/** The webhooks of the caller's organisations (or of one of them), newest first; `limit + 1` rows for `pageOf`. */
export async function listWebhooks(db: Database, caller: Caller, page: PageQuery & { organisationId?: string | undefined }) {
  const visible = organisationIds(caller).filter((id) => !page.organisationId || id === page.organisationId);
  const rows = await db
    .select()
    .from(webhooks)
    .where(and(inArray(webhooks.organisationId, visible), page.cursor ? lt(webhooks.id, page.cursor) : undefined))
    .orderBy(desc(webhooks.id))
    .limit(page.limit + 1);
  return rows.map(toWebhook);
}

export interface NewWebhook {
  url: string;
  events: WebhookEventPattern[];
  description?: string | undefined;
  organisationId?: string | undefined;
}

/**
 * Registers a webhook in one of the caller's organisations (chosen as for projects) and returns it
 * with its secret, the only time the secret is shown. The URL must be https to a public host unless
 * `allowInsecure` (the `WEBHOOKS_ALLOW_INSECURE` development variable).
 *
 * @example const { secret } = await createWebhook(db, caller, { url: 'https://example.com/hooks', events: ['deployment.*'] }, false);
 */
export async function createWebhook(db: Database, caller: Caller, input: NewWebhook, allowInsecure: boolean) {
  const problem = targetUrlProblem(input.url, allowInsecure);
  if (problem) throw badRequest('The webhook URL cannot receive deliveries.', [{ location: 'body', pointer: '#/url', detail: problem }]);
  const organisationId = chooseOrganisation(caller, input.organisationId, 'webhook');
  const row: WebhookRow = {
    id: uuidv7(),
    organisationId,
    url: input.url,
    events: [...new Set(input.events)],
    description: input.description ?? null,
    secret: newWebhookSecret(),
    createdAt: nowIso(),
  };
  // Counted and written in one statement, so concurrent creations cannot all see room for themselves.
  const inserted = await db.run(sql`
    INSERT INTO ${webhooks} (id, organisation_id, url, events, description, secret, created_at)
    SELECT ${row.id}, ${row.organisationId}, ${row.url}, ${JSON.stringify(row.events)}, ${row.description}, ${row.secret}, ${row.createdAt}
    WHERE (SELECT count(*) FROM ${webhooks} WHERE organisation_id = ${organisationId}) < ${MAX_WEBHOOKS_PER_ORGANISATION}`);
  if (inserted.meta.changes === 0) {
    throw conflict(`An organisation has at most ${MAX_WEBHOOKS_PER_ORGANISATION} webhooks; delete one first.`);
  }
  return { ...toWebhook(row), secret: row.secret };
}

/** Deletes a webhook and its delivery log; deliveries still queued then find nothing and are dropped. */
export async function deleteWebhook(db: Database, caller: Caller, webhookId: string): Promise<void> {
  const [deleted] = await db
    .delete(webhooks)
    .where(and(eq(webhooks.id, webhookId), inArray(webhooks.organisationId, organisationIds(caller))))
    .returning({ id: webhooks.id });
  if (!deleted) throw notFound('webhook');
}

/** A webhook's deliveries, newest first; `limit + 1` rows for `pageOf`. */
export async function listDeliveries(db: Database, caller: Caller, webhookId: string, page: PageQuery) {
  // Started together, so the webhook's check and its page go to D1 in one round trip.
  const rows = await accessFirst(
    getWebhook(db, caller, webhookId),
    db
      .select()
      .from(webhookDeliveries)
      .where(and(eq(webhookDeliveries.webhookId, webhookId), page.cursor ? lt(webhookDeliveries.id, page.cursor) : undefined))
      .orderBy(desc(webhookDeliveries.id))
      .limit(page.limit + 1),
  );
  return rows.map(toDelivery);
}

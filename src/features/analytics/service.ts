/** Analytics: events accepted here and sent to the analytics queue (its consumer stores them), and counts of the stored ones. */
import { and, count, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import type { Caller } from '../../app-env';
import type { Database } from '../../db/client';
import { analyticsEvents } from '../../db/schema';
import { accessFirst } from '../../lib/access-first';
import { nowIso, uuidv7 } from '../../lib/ids';
import { payloadTooLarge, unauthorized } from '../../lib/problems';
import type { RateLimit } from '../../lib/rate-limit';
import type { PartDeletion } from '../projects/parts';
import { getProject } from '../projects/service';

/** An event type: lower case, starting with a letter, then letters, digits and `_.:-`; e.g. `page.view`, `signup:done`. */
export const EVENT_TYPE = /^[a-z][a-z0-9_.:-]{0,63}$/;

/** The largest `data` of one event, counted as UTF-8 JSON. */
export const MAX_EVENT_DATA_BYTES = 8 * 1024;

/** Per client IP: ample for a person's browsing, low enough that one client cannot flood the queue. */
export const TRACK_RATE_LIMIT: RateLimit = { name: 'track', limit: 300, windowSeconds: 60 };

export const DEFAULT_SUMMARY_DAYS = 7;
export const MAX_SUMMARY_DAYS = 90;

/** What the analytics queue carries: the whole event, with the id that keeps a redelivered one from being stored twice. */
export interface AnalyticsMessage {
  id: string;
  type: string;
  data: Record<string, unknown>;
  userId: string | null;
  organisationId: string | null;
  projectId: string | null;
  createdAt: string;
}

export interface TrackInput {
  type: string;
  data: Record<string, unknown>;
  projectId?: string | undefined;
}

/**
 * Accepts one event: gives it an id and a time and sends it to the analytics queue. A caller's
 * event is attributed to them, and with `projectId` to that project and its organisation (a
 * project they cannot see is a 404). Without a key nothing can be checked, so `projectId` then is a 401.
 *
 * @example await trackEvent(db, env.ANALYTICS_QUEUE, null, { type: 'page.view', data: { path: '/' } });
 */
export async function trackEvent(db: Database, queue: Queue<AnalyticsMessage>, caller: Caller | null, input: TrackInput): Promise<void> {
  const bytes = new TextEncoder().encode(JSON.stringify(input.data)).byteLength;
  if (bytes > MAX_EVENT_DATA_BYTES) {
    throw payloadTooLarge(`The event's data is ${bytes} bytes of JSON; at most ${MAX_EVENT_DATA_BYTES} are accepted.`);
  }
  if (input.projectId && !caller) throw unauthorized('Attributing an event to a project needs an API key that can see the project.');
  const project = caller && input.projectId ? await getProject(db, caller, input.projectId) : null;
  await queue.send({
    id: uuidv7(),
    type: input.type,
    data: input.data,
    userId: caller?.user.id ?? null,
    organisationId: project?.organisationId ?? null,
    projectId: project?.id ?? null,
    createdAt: nowIso(),
  });
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Counts of the events of the caller's organisations (or of one of their projects) by type and
 * by UTC day, over the last `days` whole days, today included: from `from` up to `to` (exclusive,
 * the end of today). Every day of the window is listed, with zero counts too. Events tracked
 * without a project belong to no organisation and are counted nowhere.
 *
 * @example const summary = await summariseEvents(db, caller, { days: 7 });
 */
export async function summariseEvents(db: Database, caller: Caller, query: { days: number; projectId?: string | undefined }, now = Date.now()) {
  const firstDay = Math.floor(now / DAY_MS) * DAY_MS - (query.days - 1) * DAY_MS;
  const from = new Date(firstDay).toISOString();
  const to = new Date(firstDay + query.days * DAY_MS).toISOString();
  const scope = query.projectId
    ? eq(analyticsEvents.projectId, query.projectId)
    : inArray(analyticsEvents.organisationId, caller.organisations.map((organisation) => organisation.id));
  const day = sql<string>`substr(${analyticsEvents.createdAt}, 1, 10)`;
  // The project's check (when one is named) and the counts go to D1 in one round trip.
  const rows = await accessFirst(
    query.projectId ? getProject(db, caller, query.projectId) : undefined,
    db
      .select({ day, type: analyticsEvents.type, count: count() })
      .from(analyticsEvents)
      .where(and(scope, gte(analyticsEvents.createdAt, from), lt(analyticsEvents.createdAt, to)))
      .groupBy(day, analyticsEvents.type),
  );

  const byType = new Map<string, number>();
  const byDay = new Map<string, { count: number; byType: Record<string, number> }>();
  for (let index = 0; index < query.days; index += 1) byDay.set(new Date(firstDay + index * DAY_MS).toISOString().slice(0, 10), { count: 0, byType: {} });
  for (const row of rows) {
    byType.set(row.type, (byType.get(row.type) ?? 0) + row.count);
    const counts = byDay.get(row.day)!;
    counts.count += row.count;
    counts.byType[row.type] = row.count;
  }
  return {
    from,
    to,
    days: query.days,
    total: rows.reduce((sum, row) => sum + row.count, 0),
    byType: [...byType].map(([type, total]) => ({ type, count: total })).sort((a, b) => b.count - a.count || a.type.localeCompare(b.type)),
    byDay: [...byDay].map(([date, counts]) => ({ day: date, ...counts })),
  };
}

/**
 * The analytics events' part of a deleted project (a `ProjectPart`): the rows of the events
 * attributed to it, in the deleting batch; nothing of them is kept outside D1.
 *
 * @example const events = await analyticsEventDeletion(db, env, projectId); await db.batch([...events.statements]);
 */
export async function analyticsEventDeletion(db: Database, _env: unknown, projectId: string): Promise<PartDeletion> {
  return { statements: [db.delete(analyticsEvents).where(eq(analyticsEvents.projectId, projectId))], wipe: async () => {} };
}

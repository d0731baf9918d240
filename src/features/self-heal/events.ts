/** Self-heal events: one row per thing self-heal or the sweeper did, for `GET /api/self-heal/status`. */
import type { Database } from '../../db/client';
import { selfHealEvents } from '../../db/schema';
import { nowIso, uuidv7 } from '../../lib/ids';

export interface SelfHealEventInput {
  type: string;
  severity: 'info' | 'warning' | 'error';
  message: string;
  organisationId: string | null;
  projectId: string | null;
}

/**
 * The insert of one event, to run alone or inside a `db.batch` with the change it records.
 *
 * @example await db.batch([markFailed, eventInsert(db, { type: 'deployment.failed', severity: 'error', ... })])
 */
export function eventInsert(db: Database, event: SelfHealEventInput) {
  return db.insert(selfHealEvents).values({ id: uuidv7(), createdAt: nowIso(), ...event });
}

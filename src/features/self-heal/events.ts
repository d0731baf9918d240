/** Self-heal events: one row per thing self-heal or the sweeper did, for `GET /api/self-heal/status`. */
import { eq } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { selfHealEvents } from '../../db/schema';
import { nowIso, uuidv7 } from '../../lib/ids';
import type { PartDeletion } from '../projects/parts';

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

/**
 * The self-heal events' part of a deleted project (a `ProjectPart`): its events' rows, in the
 * deleting batch; nothing of them is kept outside D1.
 *
 * @example const events = await selfHealEventDeletion(db, env, projectId); await db.batch([...events.statements]);
 */
export async function selfHealEventDeletion(db: Database, _env: unknown, projectId: string): Promise<PartDeletion> {
  return { statements: [db.delete(selfHealEvents).where(eq(selfHealEvents.projectId, projectId))], wipe: async () => {} };
}

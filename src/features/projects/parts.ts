/** What a project owns, as each feature that stores something of it tells: how its part goes when the project is deleted. */
import type { BatchItem } from 'drizzle-orm/batch';
import type { Bindings } from '../../app-env';
import type { Database } from '../../db/client';

/**
 * One feature's part of a project being deleted: `statements` for the deleting batch, and `wipe`
 * for its storage outside D1 (R2 objects, Durable Objects), run once that batch committed, so a
 * failure can leave unreachable garbage but never a row whose data is gone.
 */
export interface PartDeletion {
  statements: BatchItem<'sqlite'>[];
  wipe(): Promise<void>;
}

/**
 * A feature's part of every project: reads what deleting it takes, and changes nothing yet.
 *
 * @example const part: ProjectPart = async (db, env, projectId) => ({ statements: [db.delete(notes).where(eq(notes.projectId, projectId))], wipe: async () => {} });
 */
export type ProjectPart = (db: Database, env: Bindings, projectId: string) => Promise<PartDeletion>;

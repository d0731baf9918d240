/** What deleting a project takes from its conversations: the agency index rows in the deleting batch, then the Durable Objects' storage. */
import { eq } from 'drizzle-orm';
import type { Bindings } from '../../app-env';
import type { Database } from '../../db/client';
import { agencySessions } from '../../db/schema';
import type { PartDeletion } from '../projects/parts';

/**
 * The conversations' part of a deleted project (a `ProjectPart`): the statement for the deleting
 * batch, and `wipe`, to run once that batch committed:
 * it deletes the storage of the project's chat and of each of its consultations (so a failure
 * can leave unreachable storage, never an index row whose messages are gone).
 *
 * @example const conversations = await conversationDeletion(db, env, projectId); await db.batch([...conversations.statements]); await conversations.wipe();
 */
export async function conversationDeletion(db: Database, env: Pick<Bindings, 'CHAT' | 'AGENCY'>, projectId: string): Promise<PartDeletion> {
  const sessions = await db.select({ id: agencySessions.id }).from(agencySessions).where(eq(agencySessions.projectId, projectId));
  return {
    statements: [db.delete(agencySessions).where(eq(agencySessions.projectId, projectId))],
    wipe: async () => {
      await Promise.all([
        env.CHAT.get(env.CHAT.idFromName(projectId)).wipe(),
        ...sessions.map((session) => env.AGENCY.get(env.AGENCY.idFromName(session.id)).wipe()),
      ]);
    },
  };
}

/** The project chat: the Worker checks the caller and gathers the facts, the project's ChatSession runs the turn. */
import type { Bindings, Caller } from '../../app-env';
import type { Database } from '../../db/client';
import { modelFailed } from '../../engine/ai';
import { getProject } from '../projects/service';
import type { StoredMessage, TurnRequest, TurnResult } from './conversation';
import { projectFacts } from './facts';
import { partsOf } from './ui-protocol';

/** The project's conversation (one Durable Object per project). */
export const chatOf = (chats: Bindings['CHAT'], projectId: string) => chats.get(chats.idFromName(projectId));

/**
 * A turn for the project's chat: 404 unless one of the caller's organisations owns the project,
 * then the project's facts and the organisation that pays for the model, so the Durable Object
 * never reads the project from D1.
 *
 * @example const turn = await chatTurn(db, caller, projectId, { content: 'What next?', model: 'offline' });
 */
export async function chatTurn(
  db: Database,
  caller: Caller,
  projectId: string,
  request: Pick<TurnRequest<null>, 'content' | 'model' | 'messageId' | 'regenerate'>,
): Promise<TurnRequest<null>> {
  const project = await getProject(db, caller, projectId);
  const { content, model, messageId, regenerate } = request;
  return { content, model, messageId, regenerate, organisationId: project.organisationId, facts: await projectFacts(db, project), context: null };
}

/** The assistant's message of a stored turn, or a 502 when the model failed (both messages stay stored). */
export function assistantReply<Context>(result: TurnResult<Context>): StoredMessage<Context> {
  if (result.error) throw modelFailed(`${result.error} The failed turn is in the history with status "error".`);
  return result.assistant;
}

/** A stored message as the API shows it (ChatMessage). */
export function toChatMessage(projectId: string, message: StoredMessage<unknown>) {
  return {
    id: message.id,
    projectId,
    role: message.role,
    content: message.content,
    parts: partsOf(message),
    model: message.model,
    status: message.status,
    usage: message.usage,
    createdAt: message.createdAt,
  };
}

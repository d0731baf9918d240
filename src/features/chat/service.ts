/** The project chat: the Worker checks the caller and gathers the facts, the project's ChatSession runs the turn. */
import type { Bindings, Caller } from '../../app-env';
import type { Database } from '../../db/client';
import { modelFailed } from '../../engine/upstream';
import { modelBusy } from '../../lib/problems';
import { getProject } from '../projects/service';
import { budgetSpent } from '../usage/service';
import type { StoredMessage, TurnRequest, TurnResult } from './conversation';
import { projectFacts } from './facts';

/** The project's conversation (one Durable Object per project). */
export const chatOf = (chats: Bindings['CHAT'], projectId: string) => chats.get(chats.idFromName(projectId));

/**
 * A turn for the project's chat: 404 unless one of the caller's organisations owns the project,
 * then the project's facts, the organisation that pays for the model, and the caller the turn's
 * tools act as.
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
  return { content, model, messageId, regenerate, organisationId: project.organisationId, facts: await projectFacts(db, project), context: null, caller };
}

/**
 * The assistant's message of a stored turn, `incomplete` ones included (their status says so);
 * a 502 when the model failed or answered nothing, a 503 with Retry-After when its server was busy,
 * a 429 when the organisation's budget had no room for the call (the messages stay stored either way).
 */
export function assistantReply<Context>(result: TurnResult<Context>): StoredMessage<Context> {
  if (!result.error) return result.assistant;
  const { status, retryAfter } = result.error;
  const detail = `${result.error.detail} The failed turn is in the history with status "error".`;
  if (retryAfter !== null && status === 429) throw budgetSpent(retryAfter, detail);
  throw status === 503 && retryAfter !== null ? modelBusy(retryAfter, detail) : modelFailed(detail);
}

/** A stored message as the API shows it (ChatMessage). */
export function toChatMessage(projectId: string, message: StoredMessage<unknown>) {
  return {
    id: message.id,
    projectId,
    role: message.role,
    content: message.content,
    model: message.model,
    status: message.status,
    usage: message.usage,
    parts: message.parts,
    versionId: message.versionId,
    checks: message.checks,
    createdAt: message.createdAt,
  };
}

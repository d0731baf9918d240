/** The project chat: the Worker checks the caller and gathers the facts, the project's ChatSession runs the turn. */
import type { Bindings, Caller } from '../../app-env';
import { BUILDER_MAX_OUTPUT_TOKENS, HISTORY_BUDGET_CHARS } from '../../engine/chat';
import { OFFLINE_MODEL } from '../../engine/models';
import { uuidv7 } from '../../lib/ids';
import type { Database } from '../../db/client';
import { modelFailed } from '../../engine/upstream';
import { conflict, modelBusy } from '../../lib/problems';
import type { Problem } from '../../lib/problems';
import { getProject } from '../projects/service';
import { budgetSpent, organisationMeter, projectBudgetSpent, projectReservation } from '../usage/service';
import type { Refused, StoredMessage, TurnRequest, TurnResult } from './conversation';
import { readFacts, toFacts } from './facts';

/** The project's conversation (one Durable Object per project). */
export const chatOf = (chats: Bindings['CHAT'], projectId: string) => chats.get(chats.idFromName(projectId));

/**
 * The 409 of a turn its conversation refused (the project chat's or a consultation's): the turn
 * calls no model, so what was reserved for it goes back at once.
 *
 * @example const answer = await chat.send(turn); if ('refusal' in answer) throw await refusedTurn(db, env, turn, answer);
 */
export async function refusedTurn(
  db: Database,
  env: Pick<Bindings, 'DAILY_TOKEN_BUDGET'>,
  turn: Pick<TurnRequest<unknown>, 'organisationId' | 'reservation'>,
  { refusal }: Refused,
): Promise<Problem> {
  if (turn.reservation) await organisationMeter(db, env, turn.organisationId).release(turn.reservation);
  return conflict(refusal);
}

/**
 * Characters of a builder turn's first prompt besides its history: the facts (200 file paths at
 * most), the instructions and the tools' schemas.
 */
const TURN_PROMPT_EXTRA_CHARS = 18_000;

/**
 * Tokens reserved for a chat turn's first model call before the turn is queued: its prompt (at
 * most `HISTORY_BUDGET_CHARS` of history and the rest, at the metering's 3 characters a token) and
 * `BUILDER_MAX_OUTPUT_TOKENS` of answer. Later calls of the turn reserve their own.
 */
export const TURN_RESERVATION = Math.ceil((HISTORY_BUDGET_CHARS + TURN_PROMPT_EXTRA_CHARS) / 3) + BUILDER_MAX_OUTPUT_TOKENS;

/**
 * A turn for the project's chat: 404 unless one of the caller's organisations owns the project,
 * then the project's facts, the organisation that pays for the model, the caller the turn's tools
 * act as and, for a model (not `offline`), `TURN_RESERVATION` tokens reserved from the
 * organisation's budget for the turn's first call (a 429 when it has no room). The project, its
 * facts and the reservation are one D1 round trip (`oneTrip`), so the turn's object calls the
 * model without asking D1 first.
 *
 * @example const turn = await chatTurn(db, env, caller, projectId, { content: 'What next?', model: 'offline' });
 */
export async function chatTurn(
  db: Database,
  env: Pick<Bindings, 'DAILY_TOKEN_BUDGET'>,
  caller: Caller,
  projectId: string,
  request: Pick<TurnRequest<null>, 'content' | 'model' | 'messageId' | 'regenerate'>,
): Promise<TurnRequest<null>> {
  const { content, model, messageId, regenerate } = request;
  const reservation = model === OFFLINE_MODEL ? null : uuidv7();
  const [project, records, held] = await Promise.all([
    getProject(db, caller, projectId),
    readFacts(db, projectId),
    reservation ? projectReservation(db, env, caller, projectId, TURN_RESERVATION, reservation) : null,
  ]);
  if (held?.length === 0) throw await projectBudgetSpent(db, env, project.organisationId);
  return { content, model, messageId, regenerate, organisationId: project.organisationId, facts: toFacts(project, records), context: null, caller, reservation };
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

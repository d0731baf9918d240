/** One consultation with the AI consultant: its messages, one turn at a time, and its row in the D1 index kept current. */
import { createUIMessageStreamResponse } from 'ai';
import { DurableObject } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import type { Bindings } from '../app-env';
import { createDb } from '../db/client';
import { agencySessions } from '../db/schema';
import type { Meter } from '../engine/metering';
import { engineFor } from '../engine/models';
import type { Engine } from '../engine/types';
import type { AgencyContext } from '../features/agency/service';
import { Conversation } from '../features/chat/conversation';
import { organisationMeter } from '../features/usage/service';
import type { Refused, StoredMessage, TurnRequest, TurnResult } from '../features/chat/conversation';
import { nowIso } from '../lib/ids';

/** Writes a session's message count to its index row, so lists show it without asking each object. */
async function indexSession(d1: D1Database, sessionId: string, messageCount: number): Promise<void> {
  await createDb(d1).update(agencySessions).set({ messageCount, updatedAt: nowIso() }).where(eq(agencySessions.id, sessionId));
}

/**
 * Lives at `AGENCY.idFromName(sessionId)`. The Worker checks the caller and gathers the facts;
 * this object keeps the messages and, after each turn, writes the session's message count to D1.
 */
export class AgencySession extends DurableObject<Bindings> {
  /** The engine that answers a model id, charging `meter`; a field, so RPC cannot reach it and tests can replace it (see ChatSession). */
  engineFor = (model: string, meter: Meter): Engine => engineFor(this.env, model, meter);

  private readonly conversation: Conversation<AgencyContext>;

  constructor(ctx: DurableObjectState, env: Bindings) {
    super(ctx, env);
    // The turn's call takes the reservation the Worker made with the turn (`consultationTurn`).
    this.conversation = new Conversation(ctx.storage.sql, 'consult', (model, organisationId, reservation) =>
      this.engineFor(model, organisationMeter(createDb(env.DB), env, organisationId, reservation)),
    );
    // A turn a reset cut short was just closed with an aborted answer, which the index must count too.
    // The object's name is its session id (AGENCY.idFromName).
    if (this.conversation.closedInterruptedTurn && ctx.id.name) ctx.waitUntil(indexSession(env.DB, ctx.id.name, this.conversation.count()));
  }

  /**
   * Runs a turn after those sent before it; answers once its messages are stored and indexed, or at
   * once with why it cannot be queued. Checking and queueing in one call spares the Worker a second
   * crossing into the object before the model is called (as `ChatSession.send`).
   */
  async send(sessionId: string, turn: TurnRequest<AgencyContext>): Promise<TurnResult<AgencyContext> | Refused> {
    const refusal = this.conversation.refusal(turn);
    return refusal ? { refusal } : this.conversation.send(turn, (count) => indexSession(this.env.DB, sessionId, count)).done;
  }

  /**
   * Queues a turn and answers at once with its AI SDK UI message stream (SSE), or with why it cannot
   * be queued (checked in the same call, as for `send`); the turn completes even if no one reads it.
   */
  sendStreaming(sessionId: string, turn: TurnRequest<AgencyContext>): Response | Refused {
    const refusal = this.conversation.refusal(turn);
    if (refusal) return { refusal };
    const turnStream = this.conversation.send(turn, (count) => indexSession(this.env.DB, sessionId, count)).replay();
    return createUIMessageStreamResponse({ stream: turnStream });
  }

  /** The running turn's stream replayed from its start, or null when no turn is running. */
  resume(): Response | null {
    const stream = this.conversation.resume();
    return stream ? createUIMessageStreamResponse({ stream }) : null;
  }

  /** The last `limit` messages, oldest first, and how many there are: the count the index will show once it has caught up. */
  messages(limit: number): { count: number; messages: StoredMessage<AgencyContext>[] } {
    return { count: this.conversation.count(), messages: this.conversation.latest(limit) };
  }

  /** Deletes the consultation's messages: used when its project is deleted (the Worker removes the index row). */
  async wipe(): Promise<void> {
    this.conversation.close();
    await this.ctx.storage.deleteAll();
  }
}

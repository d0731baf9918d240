/** One project's conversation: its history, one turn at a time in arrival order, each turn streamed to every reader. */
import { createUIMessageStreamResponse } from 'ai';
import { DurableObject } from 'cloudflare:workers';
import type { Bindings } from '../app-env';
import { createDb } from '../db/client';
import type { Meter } from '../engine/metering';
import { availableModels, engineFor, OFFLINE_MODEL } from '../engine/models';
import type { Engine } from '../engine/types';
import { startBuilderTurn } from '../features/chat/builder';
import { Conversation } from '../features/chat/conversation';
import { organisationMeter } from '../features/usage/service';
import type { Refused, StoredMessage, TurnRequest, TurnResult } from '../features/chat/conversation';

/**
 * Lives at `CHAT.idFromName(projectId)`. The Worker checks the caller and gathers the project's
 * facts; this object keeps the conversation and runs each turn as a builder turn, whose tools read
 * and change the project (D1, R2, the sandbox, the queues) as the caller.
 */
export class ChatSession extends DurableObject<Bindings> {
  /**
   * The engine that answers a model id, its calls charged to `meter`. A field rather than a method,
   * so RPC cannot reach it; tests put a mock model behind the chat by replacing it inside the
   * object (`runInDurableObject`).
   */
  engineFor = (model: string, meter: Meter): Engine => engineFor(this.env, model, meter);

  private readonly conversation: Conversation<null>;

  constructor(ctx: DurableObjectState, env: Bindings) {
    super(ctx, env);
    this.conversation = new Conversation(
      ctx.storage.sql,
      'chat',
      (model, organisationId, reservation) => this.engineFor(model, organisationMeter(createDb(env.DB), env, organisationId, reservation)),
      // Every turn the Worker sends with its caller is a builder turn: the tools act as that caller.
      (engine, input, request, messageId) => {
        let models: Promise<string[]> | null = null;
        return request.caller
          ? startBuilderTurn({
              db: createDb(env.DB),
              env,
              engine,
              caller: request.caller,
              projectId: request.facts.project.id,
              messageId,
              input,
              // Asked only by the offline engine, for a request beyond it, and once a turn: a server that cannot list its models leaves `offline`.
              models: () => (models ??= availableModels(env).catch(() => [OFFLINE_MODEL])),
            })
          : null;
      },
    );
  }

  /**
   * Runs a turn after those sent before it; answers once both of its messages are stored, or at
   * once with why it cannot be queued. Checking and queueing in one call spares the Worker a
   * second crossing into the object before the model is called.
   */
  async send(turn: TurnRequest<null>): Promise<TurnResult<null> | Refused> {
    const refusal = this.conversation.refusal(turn);
    return refusal ? { refusal } : this.conversation.send(turn).done;
  }

  /**
   * Queues a turn and answers at once with its AI SDK UI message stream (SSE), or with why it cannot
   * be queued (checked in the same call, as for `send`); the turn completes even if no one reads it.
   */
  sendStreaming(turn: TurnRequest<null>): Response | Refused {
    const refusal = this.conversation.refusal(turn);
    return refusal ? { refusal } : createUIMessageStreamResponse({ stream: this.conversation.send(turn).replay() });
  }

  /** The running turn's stream replayed from its start, or null when no turn is running. */
  resume(): Response | null {
    const stream = this.conversation.resume();
    return stream ? createUIMessageStreamResponse({ stream }) : null;
  }

  /** A page of the history, oldest first; `limit + 1` messages for `pageOf`. */
  history(page: { limit: number; cursor?: string | undefined }): StoredMessage<null>[] {
    return this.conversation.page(page);
  }

  /** Deletes the whole conversation: used when the project is deleted. */
  async wipe(): Promise<void> {
    this.conversation.close();
    await this.ctx.storage.deleteAll();
  }
}

/** What both conversation Durable Objects share: the history in SQLite, one turn at a time in arrival order, and each turn's stream kept for every reader. */
import { toUIMessageStream } from 'ai';
import type { FinishReason, LanguageModelUsage, UIMessageChunk } from 'ai';
import { HISTORY_MAX_MESSAGES, recentHistory } from '../../engine/chat';
import type { ConversationInput, Engine, ProjectFacts, ReplyStream, Usage } from '../../engine/types';
import { nowIso, uuidv7 } from '../../lib/ids';
import { Problem } from '../../lib/problems';

/**
 * How a turn ended: `complete` (the model finished its answer), `incomplete` (cut off: at its
 * output limit, or the stream ended with no finish reason), `error` (it failed, or answered
 * nothing), `aborted` (the object was reset mid-turn). Only complete turns enter later prompts.
 */
export type TurnStatus = 'complete' | 'incomplete' | 'error' | 'aborted';

/** A message as a conversation stores it. A user message carries the model it was addressed to. */
export interface StoredMessage<Context> {
  id: string;
  role: 'user' | 'assistant';
  content: string;
  model: string;
  status: TurnStatus;
  /** Token counts of an assistant message, as the AI SDK reported them; null for user messages and failed turns. */
  usage: Usage | null;
  /** What the Worker told the turn (the agency keeps it; the project chat does not). */
  context: Context | null;
  createdAt: string;
}

/** A turn as the Worker sends it: the message, the model id it checked, the facts it gathered, who pays for the model. */
export interface TurnRequest<Context> {
  content: string;
  model: string;
  /** The project's organisation, whose budget the model's tokens are charged to. */
  organisationId: string;
  facts: ProjectFacts;
  context: Context | null;
}

/** Why a turn failed, as the JSON answer reports it: a 502, or a 503 with Retry-After when the model server was busy. */
export interface TurnError {
  detail: string;
  status: number;
  retryAfter: number | null;
}

export interface TurnResult<Context> {
  user: StoredMessage<Context>;
  assistant: StoredMessage<Context>;
  /** What the stream's `error` part said, when the model failed or answered nothing. */
  error: TurnError | null;
}

/** A turn in the queue: its outcome once stored, and readers of its stream from the start. */
export interface Turn<Context> {
  done: Promise<TurnResult<Context>>;
  replay(): ReadableStream<UIMessageChunk>;
}

interface MessageRow extends Record<string, SqlStorageValue> {
  id: string;
  role: 'user' | 'assistant';
  content: string;
  model: string;
  status: TurnStatus;
  usage: string | null;
  context: string | null;
  created_at: string;
}

const RETRY = 'Your message is kept: send it again to retry.';

/**
 * What a reader is told when the model fails: the problem the engine made of it (the server's
 * status and message, secrets masked), else only the kind of error (its text can quote keys or prompts).
 */
function turnError(error: unknown): TurnError {
  if (error instanceof Problem) {
    const retryAfter = Number(error.extra.headers?.['Retry-After']);
    return { detail: `${error.detail} ${RETRY}`, status: error.status, retryAfter: Number.isFinite(retryAfter) ? retryAfter : null };
  }
  return { detail: `The model failed to answer (${error instanceof Error ? error.name : 'error'}). ${RETRY}`, status: 502, retryAfter: null };
}

const MODEL_TIMED_OUT: TurnError = { detail: `The model did not finish its answer in time. ${RETRY}`, status: 502, retryAfter: null };

/** Finish reasons of an answer that stopped before its end. */
const CUT_OFF: FinishReason[] = ['length', 'interrupted', 'content-filter'];

function usageOf(usage: LanguageModelUsage): Usage | null {
  if (usage.inputTokens === undefined || usage.outputTokens === undefined) return null;
  return { inputTokens: usage.inputTokens, outputTokens: usage.outputTokens };
}

/**
 * One turn's UI message chunks, kept from the first, so that every reader (the client that sent
 * the turn, one that re-attaches later, several at once) gets the whole reply in the same order.
 */
class ReplayableStream {
  private readonly chunks: UIMessageChunk[] = [];
  private finished = false;
  private waiting: (() => void)[] = [];

  push(chunk: UIMessageChunk): void {
    this.chunks.push(chunk);
    this.wake();
  }

  finish(): void {
    this.finished = true;
    this.wake();
  }

  /** A new reader from the first chunk; cancelling it stops only that reader, never the turn. */
  reader(): ReadableStream<UIMessageChunk> {
    let next = 0;
    return new ReadableStream<UIMessageChunk>({
      pull: async (controller) => {
        while (next >= this.chunks.length && !this.finished) await new Promise<void>((resolve) => this.waiting.push(resolve));
        if (next < this.chunks.length) controller.enqueue(this.chunks[next++]!);
        else controller.close();
      },
    });
  }

  private wake(): void {
    const waiting = this.waiting;
    this.waiting = [];
    for (const resolve of waiting) resolve();
  }
}

/**
 * Turns an engine's reply into UI message chunks (the assistant message id on its `start` part)
 * and pushes each to `stream`; returns what the turn stores: the text, how it ended, why it
 * failed, and the usage the AI SDK reported. An answer with neither text nor tool calls is a
 * failure, and readers get an `error` part for it before the `finish` part.
 */
async function relayReply(
  answer: () => ReplyStream,
  messageId: string,
  stream: ReplayableStream,
): Promise<{ text: string; status: TurnStatus; error: TurnError | null; usage: Usage | null }> {
  let text = '';
  let error: TurnError | null = null;
  let usage: Usage | null = null;
  let answered = false;
  let finishReason: FinishReason | null = null;
  const statusOf = (reason: FinishReason | null): TurnStatus => (error || !answered ? 'error' : reason && CUT_OFF.includes(reason) ? 'incomplete' : 'complete');
  try {
    const reply = toUIMessageStream({
      stream: answer(),
      generateMessageId: () => messageId,
      // Sent on the `finish` part too, so a stream reader sees the usage and status that GET shows.
      messageMetadata: ({ part }) => {
        if (part.type === 'text-delta' || part.type === 'tool-call') answered ||= part.type === 'tool-call' || part.text.length > 0;
        if (part.type !== 'finish') return undefined;
        usage = usageOf(part.totalUsage);
        finishReason = part.finishReason;
        return { usage, status: statusOf(finishReason) };
      },
      onError: (thrown) => {
        error = turnError(thrown);
        return error.detail;
      },
    }).getReader();
    for (let next = await reply.read(); !next.done; next = await reply.read()) {
      let chunk: UIMessageChunk = next.value;
      // A reply cut off at its time limit ends with `abort`: it is a failed turn like any other, and readers are told so.
      if (chunk.type === 'abort') {
        error = MODEL_TIMED_OUT;
        chunk = { type: 'error', errorText: error.detail };
      } else if (chunk.type === 'finish' && !answered && !error) {
        error = { detail: `The model answered nothing (finish reason: ${finishReason ?? 'none'}). ${RETRY}`, status: 502, retryAfter: null };
        stream.push({ type: 'error', errorText: error.detail });
      }
      stream.push(chunk);
      if (chunk.type === 'text-delta') text += chunk.delta;
    }
  } catch (thrown) {
    error = turnError(thrown);
    stream.push({ type: 'error', errorText: error.detail });
  }
  const status = statusOf(finishReason);
  return { text, status, error, usage: status === 'error' ? null : usage };
}

const toStored = <Context>(row: MessageRow): StoredMessage<Context> => ({
  id: row.id,
  role: row.role,
  content: row.content,
  model: row.model,
  status: row.status,
  usage: row.usage === null ? null : (JSON.parse(row.usage) as Usage),
  context: row.context === null ? null : (JSON.parse(row.context) as Context),
  createdAt: row.created_at,
});

/**
 * A conversation over a Durable Object's SQLite storage. Turns run one at a time in the order
 * `send` was called (a promise chain), whether or not anyone still reads them: the user's message
 * is stored before the model is asked, the assistant's once the reply ends, with status `error`
 * when the model failed.
 *
 * @example const turn = conversation.send(request); const { assistant } = await turn.done;
 */
export class Conversation<Context> {
  private queue: Promise<unknown> = Promise.resolve();
  private running: ReplayableStream | null = null;
  private deleted = false;
  /** Whether opening the conversation closed a turn that a reset had cut short. */
  readonly closedInterruptedTurn: boolean;

  /** `persona` is the engine method that answers (`chat` or `consult`); `engineFor` finds the engine of a model id, charging the organisation. */
  constructor(
    private readonly sql: SqlStorage,
    private readonly persona: 'chat' | 'consult',
    private readonly engineFor: (model: string, organisationId: string) => Engine,
  ) {
    // `seq` orders the history; ids are UUIDv7 for the API, and cursors name them.
    sql.exec(`CREATE TABLE IF NOT EXISTS messages (
      seq INTEGER PRIMARY KEY,
      id TEXT NOT NULL UNIQUE,
      role TEXT NOT NULL,
      content TEXT NOT NULL,
      model TEXT NOT NULL,
      status TEXT NOT NULL,
      usage TEXT,
      context TEXT,
      created_at TEXT NOT NULL
    )`);
    this.closedInterruptedTurn = this.closeInterruptedTurn();
  }

  /**
   * Queues a turn behind those sent before it. `afterTurn` runs once both messages are stored
   * and before readers see the stream end, with the number of messages now stored.
   */
  send(request: TurnRequest<Context>, afterTurn?: (messageCount: number) => Promise<void>): Turn<Context> {
    const stream = new ReplayableStream();
    const done = this.queue.then(() => this.run(stream, request, afterTurn));
    this.queue = done.catch(() => undefined);
    return { done, replay: () => stream.reader() };
  }

  /** A reader of the running turn from its first chunk, or null when no turn is running. */
  resume(): ReadableStream<UIMessageChunk> | null {
    return this.running?.reader() ?? null;
  }

  /** Messages oldest first after the one `cursor` names (none when it names no message); `limit + 1` for `pageOf`. */
  page(page: { limit: number; cursor?: string | undefined }): StoredMessage<Context>[] {
    const rows = page.cursor
      ? this.sql.exec<MessageRow>('SELECT * FROM messages WHERE seq > (SELECT seq FROM messages WHERE id = ?) ORDER BY seq LIMIT ?', page.cursor, page.limit + 1)
      : this.sql.exec<MessageRow>('SELECT * FROM messages ORDER BY seq LIMIT ?', page.limit + 1);
    return rows.toArray().map((row) => toStored<Context>(row));
  }

  /** The last `limit` messages, oldest first. */
  latest(limit: number): StoredMessage<Context>[] {
    return this.sql
      .exec<MessageRow>('SELECT * FROM (SELECT * FROM messages ORDER BY seq DESC LIMIT ?) ORDER BY seq', limit)
      .toArray()
      .map((row) => toStored<Context>(row));
  }

  /** Stops storing: a turn still queued or running after this stores nothing (its storage is being deleted). */
  close(): void {
    this.deleted = true;
  }

  private async run(
    stream: ReplayableStream,
    request: TurnRequest<Context>,
    afterTurn?: (messageCount: number) => Promise<void>,
  ): Promise<TurnResult<Context>> {
    try {
      const engine = this.engineFor(request.model, request.organisationId);
      const history = this.promptHistory();
      const user = this.insert({ ...this.blank(engine), role: 'user', content: request.content, context: request.context });
      this.running = stream;
      const assistantId = uuidv7();
      const reply = await relayReply(() => engine[this.persona]({ facts: request.facts, history, message: request.content }), assistantId, stream);
      const assistant = this.insert({
        ...this.blank(engine),
        id: assistantId,
        role: 'assistant',
        content: reply.text,
        status: reply.status,
        usage: reply.usage,
        context: request.context,
      });
      if (afterTurn) await afterTurn(this.count());
      return { user, assistant, error: reply.error };
    } finally {
      this.running = null;
      stream.finish();
    }
  }

  /** A message of this turn, stamped now with the model that answers it. */
  private blank(engine: Engine): StoredMessage<Context> {
    return { id: uuidv7(), role: 'user', content: '', model: engine.model, status: 'complete', usage: null, context: null, createdAt: nowIso() };
  }

  /**
   * Earlier messages for the prompt, within the budget: complete turns only, each user message with
   * its answer. A failed, cut-off or aborted answer stays out, and so does the question it answered.
   */
  private promptHistory(): ConversationInput['history'] {
    const newestFirst = this.sql
      .exec<{ role: 'user' | 'assistant'; content: string }>(
        `SELECT role, content FROM messages AS m WHERE status = 'complete'
           AND (role = 'assistant' OR (SELECT status FROM messages WHERE seq > m.seq ORDER BY seq LIMIT 1) = 'complete')
         ORDER BY seq DESC LIMIT ?`,
        HISTORY_MAX_MESSAGES,
      )
      .toArray();
    return recentHistory(newestFirst.reverse());
  }

  private insert(message: StoredMessage<Context>): StoredMessage<Context> {
    if (this.deleted) throw new Error('This conversation was deleted with its project.');
    this.sql.exec(
      'INSERT INTO messages (id, role, content, model, status, usage, context, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      message.id,
      message.role,
      message.content,
      message.model,
      message.status,
      message.usage === null ? null : JSON.stringify(message.usage),
      message.context === null ? null : JSON.stringify(message.context),
      message.createdAt,
    );
    return message;
  }

  /** How many messages are stored. */
  count(): number {
    return this.sql.exec<{ count: number }>('SELECT COUNT(*) AS count FROM messages').one().count;
  }

  /**
   * A user message with no answer after it means the object was reset mid-turn (a deploy, a
   * crash): the turn is recorded as `aborted` so the history reads as it happened.
   */
  private closeInterruptedTurn(): boolean {
    const [last] = this.sql.exec<MessageRow>('SELECT * FROM messages ORDER BY seq DESC LIMIT 1').toArray();
    if (last?.role !== 'user') return false;
    const user = toStored<Context>(last);
    this.insert({ ...user, id: uuidv7(), role: 'assistant', content: '', status: 'aborted', usage: null, createdAt: nowIso() });
    return true;
  }
}

/** What both conversation Durable Objects share: the history in SQLite, one turn at a time in arrival order, and each turn's stream kept for every reader. */
import { readUIMessageStream, toUIMessageStream } from 'ai';
import type { FinishReason, LanguageModelUsage, UIMessage, UIMessageChunk } from 'ai';
import type { Caller } from '../../app-env';
import type { CheckReport } from '../../lib/check-report';
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
  /** The message as `useChat` renders it: the UI parts exactly as they were streamed (text, tool calls and results, steps). */
  parts: UIPart[];
  /** The version a builder turn's changes became; null when it changed nothing. */
  versionId: string | null;
  /** The checks run on that version (DESIGN.md CheckReport); null when nothing was checked. */
  checks: CheckReport | null;
  createdAt: string;
}

/**
 * One part of a UI message (`text`, `tool-<name>`, `step-start`, ...), stored as the stream built it.
 * Typed as JSON rather than as the AI SDK's part union, which the Durable Object's RPC types cannot
 * carry; `useChat` reads it as a UIMessage part.
 */
export interface UIPart {
  type: string;
  [field: string]: string | number | boolean | object | null;
}

/** A turn as the Worker sends it: the message, the model id it checked, the facts it gathered, who pays for the model. */
export interface TurnRequest<Context> {
  content: string;
  model: string;
  /** The project's organisation, whose budget the model's tokens are charged to. */
  organisationId: string;
  /** Tokens the Worker already reserved for the turn's first model call (`projectReservation`), or null. */
  reservation?: string | null;
  facts: ProjectFacts;
  context: Context | null;
  /** Who sent it, for a turn that may act on the project (the builder chat); the consultant only reads. */
  caller?: Caller;
  /** The id to store the user's message under (an AI SDK client's own id); a new UUIDv7 otherwise. */
  messageId?: string | undefined;
  /** Answer the last stored question again, replacing its answer, instead of adding a question (`content` is then not used). */
  regenerate?: boolean | undefined;
}

/** What a builder turn ends with, once the model's reply is over: its closing words and the version it made. */
export interface TurnSettlement {
  /** A closing paragraph streamed after the reply (what was checked, saved, deployed or rolled back); empty for none. */
  text: string;
  versionId: string | null;
  checks: CheckReport | null;
}

/**
 * A turn that acts: the reply (a tool loop) and, once it ends, `settle` runs before readers see the
 * stream finish. `failed` says the model failed mid-reply, so whatever the turn staged is dropped.
 */
export interface BuilderTurn {
  reply: ReplyStream;
  settle(failed: boolean): Promise<TurnSettlement>;
}

/** Starts a builder turn for a request, given the answering engine, the prompt input and the assistant message's id; null to only answer. */
export type TurnBuilder<Context> = (engine: Engine, input: ConversationInput, request: TurnRequest<Context>, messageId: string) => BuilderTurn | null;

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

/** Why a conversation would not queue a turn (`Conversation.refusal`), as its object answers it: the Worker makes it a 409. */
export interface Refused {
  refusal: string;
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
  parts: string | null;
  version_id: string | null;
  checks: string | null;
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

  /** The message the chunks pushed so far build, read by the AI SDK exactly as `useChat` reads the stream. */
  async message(): Promise<UIMessage | undefined> {
    const chunks = [...this.chunks];
    const stream = new ReadableStream<UIMessageChunk>({
      start(controller) {
        for (const chunk of chunks) controller.enqueue(chunk);
        controller.close();
      },
    });
    let message: UIMessage | undefined;
    for await (const state of readUIMessageStream({ stream })) message = state;
    return message;
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

/** The chunks of a closing paragraph, as a text part of its own. */
function textChunks(id: string, text: string): UIMessageChunk[] {
  return [
    { type: 'text-start', id },
    { type: 'text-delta', id, delta: text },
    { type: 'text-end', id },
  ];
}

/**
 * Turns an engine's reply into UI message chunks (the assistant message id on its `start` part)
 * and pushes each to `stream`; returns what the turn stores: the text, how it ended, why it
 * failed, the usage the AI SDK reported, and the settlement of a builder turn. An answer with
 * neither text nor tool calls is a failure, and readers get an `error` part for it. `settle` runs
 * when the reply is over and before its `finish` part is pushed, so its closing words are part of
 * the same message; a failed or cut-off reply is settled as failed, so its staged edits are dropped.
 */
async function relayReply(
  answer: () => ReplyStream,
  messageId: string,
  stream: ReplayableStream,
  settle?: (failed: boolean) => Promise<TurnSettlement>,
): Promise<{ text: string; status: TurnStatus; error: TurnError | null; usage: Usage | null; settlement: TurnSettlement | null }> {
  let text = '';
  let error: TurnError | null = null;
  let usage: Usage | null = null;
  let answered = false;
  let finishReason: FinishReason | null = null;
  let finish: UIMessageChunk | null = null;
  const push = (chunk: UIMessageChunk) => {
    stream.push(chunk);
    if (chunk.type === 'text-delta') text += chunk.delta;
  };
  const fail = (failure: TurnError) => {
    error = failure;
    push({ type: 'error', errorText: failure.detail });
  };
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
      // A tool's error is written for the reader to act on (the builder's tools word their own, and hide unexpected ones), so it is sent as the model saw it.
      redactToolErrors: false,
    }).getReader();
    for (let next = await reply.read(); !next.done; next = await reply.read()) {
      // A reply cut off at its time limit ends with `abort`: it is a failed turn like any other, and readers are told so.
      const chunk: UIMessageChunk = next.value;
      if (chunk.type === 'abort') fail(MODEL_TIMED_OUT);
      else if (chunk.type === 'finish') finish = chunk;
      else push(chunk);
    }
  } catch (thrown) {
    fail(turnError(thrown));
  }
  if (finish && !answered && !error) fail({ detail: `The model answered nothing (finish reason: ${finishReason ?? 'none'}). ${RETRY}`, status: 502, retryAfter: null });
  const cutOff = finishReason !== null && CUT_OFF.includes(finishReason);
  let settlement: TurnSettlement | null = null;
  try {
    settlement = settle ? await settle(error !== null || cutOff) : null;
  } catch (thrown) {
    // Checks or storage failed after the reply: the turn is an error, said without the failure's text.
    fail({ detail: `The turn's changes could not be checked or saved (${thrown instanceof Error ? thrown.name : 'error'}). ${RETRY}`, status: 502, retryAfter: null });
  }
  if (settlement?.text) {
    // The reply may have ended mid-paragraph: the closing words start one of their own.
    if (text && !text.endsWith('\n\n')) text += '\n\n';
    for (const chunk of textChunks(`${messageId}-outcome`, settlement.text)) push(chunk);
  }
  if (finish) stream.push(finish);
  const status = statusOf(finishReason);
  return { text, status, error, usage: status === 'error' ? null : usage, settlement };
}

/** Columns added after the table was first made: a conversation stored before them gains them, empty, when it next opens. */
const LATER_COLUMNS = ['parts TEXT', 'version_id TEXT', 'checks TEXT'];

function addMissingColumns(sql: SqlStorage): void {
  const present = new Set(sql.exec<{ name: string }>('SELECT name FROM pragma_table_info(\'messages\')').toArray().map((column) => column.name));
  for (const column of LATER_COLUMNS) if (!present.has(column.split(' ')[0]!)) sql.exec(`ALTER TABLE messages ADD COLUMN ${column}`);
}

/** The parts a message stored before parts were kept would have streamed: its text, in one step for an answer. */
function legacyParts(row: MessageRow): UIPart[] {
  if (row.role === 'user') return [{ type: 'text', text: row.content }];
  return row.content ? [{ type: 'step-start' }, { type: 'text', text: row.content, state: 'done' }] : [];
}

const toStored = <Context>(row: MessageRow): StoredMessage<Context> => ({
  id: row.id,
  role: row.role,
  content: row.content,
  model: row.model,
  status: row.status,
  usage: row.usage === null ? null : (JSON.parse(row.usage) as Usage),
  context: row.context === null ? null : (JSON.parse(row.context) as Context),
  // Messages stored before parts were kept read as the one text part they would have streamed.
  parts: row.parts === null ? legacyParts(row) : (JSON.parse(row.parts) as UIPart[]),
  versionId: row.version_id,
  checks: row.checks === null ? null : (JSON.parse(row.checks) as CheckReport),
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

  /**
   * `persona` is the engine method that answers (`chat` or `consult`); `engineFor` finds the engine
   * of a model id, charging the organisation; with `builder`, each turn is a builder turn that may
   * act on the project (the project chat), otherwise the persona only answers (the consultant).
   */
  constructor(
    private readonly sql: SqlStorage,
    private readonly persona: 'chat' | 'consult',
    private readonly engineFor: (model: string, organisationId: string, reservation: string | null) => Engine,
    private readonly builder?: TurnBuilder<Context>,
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
    addMissingColumns(sql);
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

  /**
   * Why the turn cannot be queued, or null when it can: a regeneration needs a stored question, and
   * a client's message id must be new. Asked before `send`, so the Worker can answer a 409.
   */
  refusal(request: Pick<TurnRequest<Context>, 'messageId' | 'regenerate'>): string | null {
    if (request.regenerate && this.lastQuestionSeq() === null) return 'There is no question to answer again: send a message first.';
    if (request.messageId && this.sql.exec('SELECT 1 FROM messages WHERE id = ?', request.messageId).toArray().length > 0) {
      return `A message with the id ${request.messageId} is already stored: give a new message a new id.`;
    }
    return null;
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
      const engine = this.engineFor(request.model, request.organisationId, request.reservation ?? null);
      const question = request.regenerate ? this.reopenLastQuestion() : null;
      const history = this.promptHistory(question?.seq);
      const user =
        question?.message ??
        this.insert({
          ...this.blank(engine),
          id: request.messageId ?? uuidv7(),
          role: 'user',
          content: request.content,
          context: request.context,
          parts: [{ type: 'text', text: request.content }],
        });
      this.running = stream;
      const assistantId = uuidv7();
      const input: ConversationInput = { facts: request.facts, history, message: user.content };
      const turn = this.builder?.(engine, input, request, assistantId);
      const reply = await relayReply(() => turn?.reply ?? engine[this.persona](input), assistantId, stream, turn?.settle);
      const message = await stream.message();
      const assistant = this.insert({
        ...this.blank(engine),
        id: assistantId,
        role: 'assistant',
        content: reply.text,
        status: reply.status,
        usage: reply.usage,
        context: request.context,
        parts: (message?.parts ?? []) as UIPart[],
        versionId: reply.settlement?.versionId ?? null,
        checks: reply.settlement?.checks ?? null,
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
    return {
      id: uuidv7(),
      role: 'user',
      content: '',
      model: engine.model,
      status: 'complete',
      usage: null,
      context: null,
      parts: [],
      versionId: null,
      checks: null,
      createdAt: nowIso(),
    };
  }

  /**
   * Earlier messages for the prompt (before `beforeSeq` when given), within the budget: complete
   * turns only, each user message with its answer. A failed, cut-off or aborted answer stays out,
   * and so does the question it answered.
   */
  private promptHistory(beforeSeq = Number.MAX_SAFE_INTEGER): ConversationInput['history'] {
    const newestFirst = this.sql
      .exec<{ role: 'user' | 'assistant'; content: string }>(
        `SELECT role, content FROM messages AS m WHERE seq < ? AND status = 'complete'
           AND (role = 'assistant' OR (SELECT status FROM messages WHERE seq > m.seq ORDER BY seq LIMIT 1) = 'complete')
         ORDER BY seq DESC LIMIT ?`,
        beforeSeq,
        HISTORY_MAX_MESSAGES,
      )
      .toArray();
    return recentHistory(newestFirst.reverse());
  }

  private lastQuestionSeq(): number | null {
    const [last] = this.sql.exec<{ seq: number }>("SELECT seq FROM messages WHERE role = 'user' ORDER BY seq DESC LIMIT 1").toArray();
    return last?.seq ?? null;
  }

  /** The last question, with the answers stored after it deleted: a regeneration answers it anew. */
  private reopenLastQuestion(): { seq: number; message: StoredMessage<Context> } {
    const seq = this.lastQuestionSeq();
    if (seq === null) throw new Error('There is no question to answer again.');
    this.sql.exec('DELETE FROM messages WHERE seq > ?', seq);
    const row = this.sql.exec<MessageRow>('SELECT * FROM messages WHERE seq = ?', seq).one();
    return { seq, message: toStored<Context>(row) };
  }

  private insert(message: StoredMessage<Context>): StoredMessage<Context> {
    if (this.deleted) throw new Error('This conversation was deleted with its project.');
    this.sql.exec(
      'INSERT INTO messages (id, role, content, model, status, usage, context, parts, version_id, checks, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      message.id,
      message.role,
      message.content,
      message.model,
      message.status,
      message.usage === null ? null : JSON.stringify(message.usage),
      message.context === null ? null : JSON.stringify(message.context),
      JSON.stringify(message.parts),
      message.versionId,
      message.checks === null ? null : JSON.stringify(message.checks),
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
    this.insert({ ...user, id: uuidv7(), role: 'assistant', content: '', status: 'aborted', usage: null, parts: [], versionId: null, checks: null, createdAt: nowIso() });
    return true;
  }
}

/** What both conversation Durable Objects share: the history in SQLite, one turn at a time in arrival order, and each turn's stream kept for every reader. */
import { readUIMessageStream, toUIMessageStream } from 'ai';
import type { LanguageModelUsage, UIMessage, UIMessageChunk } from 'ai';
import type { Caller } from '../../app-env';
import type { CheckReport } from '../../lib/check-report';
import { HISTORY_MAX_MESSAGES, recentHistory } from '../../engine/chat';
import type { ConversationInput, Engine, ProjectFacts, ReplyStream, Usage } from '../../engine/types';
import { nowIso, uuidv7 } from '../../lib/ids';

/** A message as a conversation stores it. A user message carries the model it was addressed to. */
export interface StoredMessage<Context> {
  id: string;
  role: 'user' | 'assistant';
  content: string;
  model: string;
  status: 'complete' | 'error' | 'aborted';
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
  facts: ProjectFacts;
  context: Context | null;
  /** Who sent it, for a turn that may act on the project (the builder chat); the consultant only reads. */
  caller?: Caller;
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

export interface TurnResult<Context> {
  user: StoredMessage<Context>;
  assistant: StoredMessage<Context>;
  /** What the stream's `error` part said, when the model failed. */
  error: string | null;
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
  status: 'complete' | 'error' | 'aborted';
  usage: string | null;
  context: string | null;
  parts: string | null;
  version_id: string | null;
  checks: string | null;
  created_at: string;
}

/** What a reader is told when the model fails: the kind of error, never its text (it can quote keys or prompts). */
function describeModelError(error: unknown): string {
  return `The model failed to answer (${error instanceof Error ? error.name : 'error'}); your message is kept, send it again to retry.`;
}

const MODEL_TIMED_OUT = 'The model did not finish its answer in time; your message is kept, send it again to retry.';

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
 * and pushes each to `stream`; returns what the turn stores: the text, the error part's text when
 * the model failed, the usage the AI SDK reported, and the settlement of a builder turn. `settle`
 * runs when the reply is over and before its `finish` part is pushed, so its closing words are part
 * of the same message.
 */
async function relayReply(
  answer: () => ReplyStream,
  messageId: string,
  stream: ReplayableStream,
  settle?: (failed: boolean) => Promise<TurnSettlement>,
): Promise<{ text: string; error: string | null; usage: Usage | null; settlement: TurnSettlement | null }> {
  let text = '';
  let error: string | null = null;
  let usage: Usage | null = null;
  let finish: UIMessageChunk | null = null;
  const push = (chunk: UIMessageChunk) => {
    stream.push(chunk);
    if (chunk.type === 'text-delta') text += chunk.delta;
    else if (chunk.type === 'error') error = chunk.errorText;
  };
  try {
    const reply = toUIMessageStream({
      stream: answer(),
      generateMessageId: () => messageId,
      // Sent on the `finish` part too, so a stream reader sees the usage that GET shows.
      messageMetadata: ({ part }) => {
        if (part.type !== 'finish') return undefined;
        usage = usageOf(part.totalUsage);
        return { usage };
      },
      onError: describeModelError,
      // A tool's error is written for the reader to act on (the builder's tools word their own, and hide unexpected ones), so it is sent as the model saw it.
      redactToolErrors: false,
    }).getReader();
    for (let next = await reply.read(); !next.done; next = await reply.read()) {
      // A reply cut off at its time limit ends with `abort`: it is a failed turn like any other, and readers are told so.
      const chunk: UIMessageChunk = next.value.type === 'abort' ? { type: 'error', errorText: MODEL_TIMED_OUT } : next.value;
      if (chunk.type === 'finish') finish = chunk;
      else push(chunk);
    }
  } catch (thrown) {
    push({ type: 'error', errorText: describeModelError(thrown) });
  }
  let settlement: TurnSettlement | null = null;
  try {
    settlement = settle ? await settle(error !== null) : null;
  } catch (thrown) {
    // Checks or storage failed after the reply: the turn is an error, said without the failure's text.
    push({ type: 'error', errorText: `The turn's changes could not be checked or saved (${thrown instanceof Error ? thrown.name : 'error'}); send the message again to retry.` });
  }
  if (settlement?.text) {
    // The reply may have ended mid-paragraph: the closing words start one of their own.
    if (text && !text.endsWith('\n\n')) text += '\n\n';
    for (const chunk of textChunks(`${messageId}-outcome`, settlement.text)) push(chunk);
  }
  if (finish) stream.push(finish);
  return { text, error, usage: error ? null : usage, settlement };
}

/** Columns added after the table was first made: a conversation stored before them gains them, empty, when it next opens. */
const LATER_COLUMNS = ['parts TEXT', 'version_id TEXT', 'checks TEXT'];

function addMissingColumns(sql: SqlStorage): void {
  const present = new Set(sql.exec<{ name: string }>('SELECT name FROM pragma_table_info(\'messages\')').toArray().map((column) => column.name));
  for (const column of LATER_COLUMNS) if (!present.has(column.split(' ')[0]!)) sql.exec(`ALTER TABLE messages ADD COLUMN ${column}`);
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
  parts: row.parts === null ? (row.content ? [{ type: 'text', text: row.content }] : []) : (JSON.parse(row.parts) as UIPart[]),
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
    private readonly engineFor: (model: string, organisationId: string) => Engine,
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
      const user = this.insert({
        ...this.blank(engine),
        role: 'user',
        content: request.content,
        context: request.context,
        parts: [{ type: 'text', text: request.content }],
      });
      this.running = stream;
      const assistantId = uuidv7();
      const input: ConversationInput = { facts: request.facts, history, message: request.content };
      const turn = this.builder?.(engine, input, request, assistantId);
      const reply = await relayReply(() => turn?.reply ?? engine[this.persona](input), assistantId, stream, turn?.settle);
      const message = await stream.message();
      const assistant = this.insert({
        ...this.blank(engine),
        id: assistantId,
        role: 'assistant',
        content: reply.text,
        status: reply.error ? 'error' : 'complete',
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

  /** Earlier messages for the prompt: every user message and the assistant's complete answers, within the budget. */
  private promptHistory(): ConversationInput['history'] {
    const newestFirst = this.sql
      .exec<{ role: 'user' | 'assistant'; content: string }>(
        "SELECT role, content FROM messages WHERE role = 'user' OR status = 'complete' ORDER BY seq DESC LIMIT ?",
        HISTORY_MAX_MESSAGES,
      )
      .toArray();
    return recentHistory(newestFirst.reverse());
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

// Bindings that fail on purpose, wrapped around the real ones: a D1 database whose calls fail from
// a chosen one on, an R2 bucket whose writes fail after a number of them, a queue that only records.
// And the app and the queue handler run on them.
import { createExecutionContext, createMessageBatch, getQueueResult, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { createApp } from '../../src/app';
import type { Bindings } from '../../src/app-env';
import worker from '../../src/index';

/** What D1 answers when it cannot serve a request. */
export const D1_OUTAGE_MESSAGE = 'D1_ERROR: Network connection lost.';

/**
 * Which D1 calls fail. Calls (each statement run, each batch) are counted from the first whose SQL
 * matches `startsAt` (from the first call when absent); calls `from` to `from + count - 1` of those
 * fail: one is a blip, Infinity an outage from there on.
 */
export interface D1Fault {
  startsAt?: RegExp;
  from: number;
  count: number;
}

type Statement = Pick<D1PreparedStatement, 'bind' | 'first' | 'all' | 'raw' | 'run'>;

/** A D1 database that fails the calls of `fault`, and counts the calls it was asked to make. */
export class FaultyD1 {
  /** Every call made, failed or not. */
  calls = 0;
  private counted: number | null;

  constructor(
    private readonly real: D1Database,
    private readonly fault: D1Fault,
  ) {
    this.counted = fault.startsAt ? null : 0;
  }

  /** The database to hand to the code under test. */
  get binding(): D1Database {
    return this as unknown as D1Database;
  }

  prepare(query: string): Statement {
    return this.statement(this.real.prepare(query), query);
  }

  async batch<T>(statements: Statement[]): Promise<D1Result<T>[]> {
    return this.batchOn(this.real, statements);
  }

  /** A session of the real database whose calls count and fail as this database's do. */
  withSession(constraintOrBookmark?: string): Pick<D1DatabaseSession, 'getBookmark'> & { prepare(query: string): Statement; batch<T>(statements: Statement[]): Promise<D1Result<T>[]> } {
    const session = this.real.withSession(constraintOrBookmark);
    return {
      prepare: (query: string) => this.statement(session.prepare(query), query),
      batch: <T>(statements: Statement[]) => this.batchOn<T>(session, statements),
      getBookmark: () => session.getBookmark(),
    };
  }

  private async batchOn<T>(target: Pick<D1Database, 'batch'>, statements: Statement[]): Promise<D1Result<T>[]> {
    this.check(statements.map((statement) => REAL.get(statement)!.sql).join(';\n'));
    return target.batch<T>(statements.map((statement) => REAL.get(statement)!.statement));
  }

  async exec(query: string): Promise<D1ExecResult> {
    this.check(query);
    return this.real.exec(query);
  }

  /** Counts one call; throws D1's outage error when it is one of the failing ones. */
  private check(sql: string): void {
    this.calls += 1;
    if (this.counted === null && this.fault.startsAt?.test(sql)) this.counted = 0;
    if (this.counted === null) return;
    const call = this.counted;
    this.counted += 1;
    if (call >= this.fault.from && call < this.fault.from + this.fault.count) throw new Error(D1_OUTAGE_MESSAGE);
  }

  private statement(real: D1PreparedStatement, sql: string): Statement {
    const statement: Statement = {
      bind: (...values: unknown[]) => this.statement(real.bind(...values), sql) as D1PreparedStatement,
      first: async (column?: string) => {
        this.check(sql);
        return column === undefined ? real.first() : real.first(column);
      },
      all: async () => {
        this.check(sql);
        return real.all();
      },
      raw: (async (options?: { columnNames?: boolean }) => {
        this.check(sql);
        return options?.columnNames ? real.raw({ columnNames: true }) : real.raw();
      }) as D1PreparedStatement['raw'],
      run: async () => {
        this.check(sql);
        return real.run();
      },
    } as Statement;
    REAL.set(statement, { statement: real, sql });
    return statement;
  }
}

/** The real statement behind each wrapped one and its SQL, for batches. */
const REAL = new WeakMap<Statement, { statement: D1PreparedStatement; sql: string }>();

/**
 * An R2 bucket whose first `okPuts` writes succeed and later ones fail as R2 does when it cannot
 * store. It reports every blob as absent, so that content-addressed writes are not skipped.
 */
export function faultyBucket(real: R2Bucket, okPuts: number): { bucket: R2Bucket; puts: () => number } {
  let puts = 0;
  const bucket = new Proxy(real, {
    get(target, property) {
      if (property === 'head') return async () => null;
      if (property === 'put') {
        return async (...args: Parameters<R2Bucket['put']>) => {
          puts += 1;
          if (puts > okPuts) throw new Error('put: We encountered an internal error. Please try again. (10001)');
          return target.put(...args);
        };
      }
      const value = Reflect.get(target, property) as unknown;
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { bucket, puts: () => puts };
}

/**
 * A Durable Object namespace whose objects record each call the Worker makes into them, by method
 * name: every such call is a crossing to wherever the object lives, and may be a round trip across
 * regions when deployed.
 */
export function countingNamespace<Namespace extends DurableObjectNamespace>(real: Namespace): { namespace: Namespace; calls: string[] } {
  const calls: string[] = [];
  const recording = (stub: object) =>
    new Proxy(stub, {
      get(target, property) {
        const value = Reflect.get(target, property) as unknown;
        if (typeof value !== 'function' || typeof property !== 'string') return value;
        return (...args: unknown[]) => {
          calls.push(property);
          // Not `value.apply`: on an RPC stub that would name a method of the object.
          return Reflect.apply(value, target, args) as unknown;
        };
      },
    });
  const namespace = new Proxy(real, {
    get(target, property) {
      const value = Reflect.get(target, property) as unknown;
      if (typeof value !== 'function') return value;
      const method = (value as (...args: unknown[]) => unknown).bind(target);
      return property === 'get' ? (...args: unknown[]) => recording(method(...args) as object) : method;
    },
  });
  return { namespace, calls };
}

/**
 * Sends a request to a fresh app over the real bindings with `overrides` in their place, as the
 * Worker would serve it, and waits for the work it left running.
 */
export async function fetchWith(overrides: Partial<Bindings>, request: Request): Promise<Response> {
  const ctx = createExecutionContext();
  const response = await createApp().fetch(request, { ...env, ...overrides }, ctx);
  // Work left in waitUntil (touching a key's lastUsedAt) may meet the fault too; the answer is what is tested.
  await waitOnExecutionContext(ctx).catch(() => undefined);
  return response;
}

/**
 * A queue that keeps what is sent to it instead of delivering it, so that a test delivers each
 * message itself, as often and in the order it chooses.
 */
export function recordingQueue<Body>(): { queue: Queue<Body>; sent: Body[] } {
  const sent: Body[] = [];
  const queue = {
    send: async (body: Body) => void sent.push(body),
    sendBatch: async (messages: Iterable<MessageSendRequest<Body>>) => void sent.push(...[...messages].map((message) => message.body)),
  };
  return { queue: queue as unknown as Queue<Body>, sent };
}

/**
 * Delivers bodies to the Worker's queue handler as one batch, each with the given attempt number,
 * over the real bindings with `overrides` in their place; answers what was acked and retried, or
 * the error when the handler itself threw (the runtime then retries the whole batch).
 */
export async function deliver(queueName: string, bodies: unknown[], options: { attempts?: number; overrides?: Partial<Bindings> } = {}) {
  const batch = createMessageBatch(
    queueName,
    bodies.map((body, index) => ({ id: `${queueName}-${index}-${crypto.randomUUID()}`, timestamp: new Date(), attempts: options.attempts ?? 1, body })),
  );
  const ctx = createExecutionContext();
  const thrown = await worker.queue(batch, { ...env, ...options.overrides }).then(
    () => null,
    (error: unknown) => error,
  );
  return { ...(await getQueueResult(batch, ctx)), thrown };
}

/** A request's D1 binding that saves round trips: reads issued together go as one batch, and the first trip carries the request's key check. */
import type { D1Queries } from './client';

/** How a statement's answer was asked for. */
type Read =
  | { kind: 'all' | 'run' }
  | { kind: 'first'; column: string | undefined }
  | { kind: 'raw'; columnNames: boolean };

interface Queued {
  statement: D1PreparedStatement;
  read: Read;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * A statement D1 may answer in a batch without changing its answer: any without a join. A batch
 * answers rows as objects, so columns of the same name from joined tables would collapse.
 */
const BATCHABLE = /^(?![\s\S]*\bjoin\b)/i;

/** How many microtasks a batch waits for more statements: drizzle issues a query about four after its caller's `await`. */
const FLUSH_AFTER_MICROTASKS = 8;

/**
 * Calls `then` `count` microtasks from now. A chain of resolved promises, not `queueMicrotask`:
 * each step is the same one microtask, but stays inside V8 instead of calling into the runtime,
 * which cost every authenticated request ~30 µs.
 */
function afterMicrotasks(count: number, then: () => void): void {
  let chain = Promise.resolve();
  for (let step = 1; step < count; step++) chain = chain.then();
  void chain.then(then);
}

/** A statement's answer in the form its method gives, from its result in a batch. */
function answer(result: D1Result, read: Read): unknown {
  const rows = result.results as Record<string, unknown>[];
  switch (read.kind) {
    case 'all':
    case 'run':
      return result;
    case 'first':
      return read.column === undefined ? (rows[0] ?? null) : (rows[0]?.[read.column] ?? null);
    case 'raw': {
      const values = rows.map((row) => Object.values(row));
      return read.columnNames ? [Object.keys(rows[0] ?? {}), ...values] : values;
    }
  }
}

/**
 * Asked when a batch that carried the check failed: the error to answer instead (a 401 when the
 * key no longer holds), or null when the key holds and the batch's own error stands.
 */
export type CheckFailed = (error: unknown) => Promise<unknown>;

/**
 * `d1` for one request. Statements (without a join) that the request issues in the same turn of
 * the event loop, such as `Promise.all([getProject(...), listFiles(...)])`, go to D1 as one batch,
 * in the order issued, so they cost one round trip. A batch is a transaction: a write issued
 * beside a read that checks access must scope itself (its own WHERE), since it runs whatever the
 * read finds. When `check` is given (a statement that fails unless the request's
 * key is still valid, see `callerCheck`), it is the first statement of the request's first round
 * trip: in the batch of reads or of writes (a batch is a transaction, so a failing check rolls its
 * writes back), or alone before a first single write. `checkFailed` turns a batch that failed into
 * the error to answer (a 401 when the check refused the key). `verified()` runs the check when the
 * request made no D1 call at all.
 *
 * @example const trip = oneTrip(session, callerCheck(session, hash, caller), recheck); c.set('db', createDb(trip.binding));
 */
export function oneTrip(d1: D1Queries, check: D1PreparedStatement | null, checkFailed: CheckFailed) {
  let pending: Queued[] = [];
  let checked: Promise<void> | null = check ? null : Promise.resolve();
  const real = new WeakMap<object, { statement: D1PreparedStatement; sql: string }>();

  /** Sends statements with the check in front when it has not run yet; answers their results. */
  async function send(statements: D1PreparedStatement[]): Promise<D1Result[]> {
    if (checked || !check) {
      // Nothing goes before the check has answered: a write of a revoked key must not run.
      await checked;
      return d1.batch(statements);
    }
    let settle!: (outcome: Promise<void>) => void;
    checked = new Promise<void>((resolve) => (settle = (outcome) => resolve(outcome)));
    // A refusal is answered through the batch that carried the check; later readers of `checked` only wait.
    checked.catch(() => undefined);
    try {
      const [, ...results] = await d1.batch([check, ...statements]);
      settle(Promise.resolve());
      return results;
    } catch (error) {
      // The batch failed: the check refused the key, or a statement of the request failed on its own.
      const refusal = await checkFailed(error).catch((failure: unknown) => failure);
      settle(refusal === null ? Promise.resolve() : Promise.reject(refusal));
      throw refusal ?? error;
    }
  }

  function flush(): void {
    const queued = pending;
    pending = [];
    send(queued.map((item) => item.statement)).then(
      (results) => queued.forEach((item, index) => item.resolve(answer(results[index]!, item.read))),
      (error: unknown) => queued.forEach((item) => item.reject(error)),
    );
  }

  /** Runs one statement: batched with the others of this turn, or alone once the check has passed when it joins tables. */
  function run(statement: D1PreparedStatement, sql: string, read: Read): Promise<unknown> {
    if (BATCHABLE.test(sql)) {
      return new Promise((resolve, reject) => {
        // Statements of a Promise.all reach D1 a few microtasks apart: wait that many, never a timer.
        if (pending.length === 0) afterMicrotasks(FLUSH_AFTER_MICROTASKS, flush);
        pending.push({ statement, read, resolve, reject });
      });
    }
    return verified().then(() => {
      switch (read.kind) {
        case 'all':
          return statement.all();
        case 'run':
          return statement.run();
        case 'first':
          return read.column === undefined ? statement.first() : statement.first(read.column);
        case 'raw':
          return read.columnNames ? statement.raw({ columnNames: true }) : statement.raw();
      }
    });
  }

  function wrap(statement: D1PreparedStatement, sql: string): D1PreparedStatement {
    const wrapped = {
      bind: (...values: unknown[]) => wrap(statement.bind(...values), sql),
      all: () => run(statement, sql, { kind: 'all' }),
      run: () => run(statement, sql, { kind: 'run' }),
      first: (column?: string) => run(statement, sql, { kind: 'first', column }),
      raw: (options?: { columnNames?: boolean }) => run(statement, sql, { kind: 'raw', columnNames: options?.columnNames === true }),
    } as unknown as D1PreparedStatement;
    real.set(wrapped, { statement, sql });
    return wrapped;
  }

  /** Runs the check alone unless it has run (or is running) with some statement. */
  function verified(): Promise<void> {
    return checked ?? send([]).then(() => undefined);
  }

  const binding: D1Queries = {
    prepare: (sql: string) => wrap(d1.prepare(sql), sql),
    batch: <T>(statements: D1PreparedStatement[]) => {
      const known = statements.map((statement) => real.get(statement) ?? { statement, sql: '' });
      // A batch joins the other statements of this turn; one with a join goes on its own.
      if (known.every(({ sql }) => BATCHABLE.test(sql))) {
        return Promise.all(known.map(({ statement, sql }) => run(statement, sql, { kind: 'all' }) as Promise<D1Result<T>>));
      }
      return send(known.map(({ statement }) => statement)) as Promise<D1Result<T>[]>;
    },
  };
  return { binding, verified };
}

/** The key-value store a generated app's worker.js keeps its data in: one per project and environment, JSON values, size-limited. */
import { DurableObject } from 'cloudflare:workers';
import type { Bindings } from '../app-env';

export const APP_DATA_LIMITS = {
  keyLength: 512,
  valueBytes: 64 * 1024,
  totalBytes: 10 * 1024 * 1024,
  listDefault: 100,
  listMax: 1000,
} as const;

/** A value the store holds: anything JSON can say (not spelt out recursively, which RPC types cannot follow). */
export type JsonValue = string | number | boolean | null | object;

/** A refusal the app's code sees as a thrown error with this message. */
export class AppDataError extends Error {
  override name = 'AppDataError';
}

/** A value as the store keeps it: its JSON, within the per-value limit; else the refusal the app sees. */
export function encodeValue(value: JsonValue): { json: string; bytes: number } {
  const json = JSON.stringify(value) as string | undefined;
  if (json === undefined) throw new AppDataError('Values must be JSON: not undefined, a function or a symbol.');
  const bytes = new TextEncoder().encode(json).byteLength;
  if (bytes > APP_DATA_LIMITS.valueBytes) throw new AppDataError(`A value may be at most ${APP_DATA_LIMITS.valueBytes} bytes of JSON.`);
  return { json, bytes };
}

const CREATE_KV = 'CREATE TABLE IF NOT EXISTS kv (key TEXT PRIMARY KEY, value TEXT NOT NULL)';

/** The key, when it is one the store takes; else the refusal the app sees. */
export function checkKey(key: unknown): string {
  if (typeof key !== 'string' || key.length === 0 || key.length > APP_DATA_LIMITS.keyLength) {
    throw new AppDataError(`Keys are strings of 1 to ${APP_DATA_LIMITS.keyLength} characters.`);
  }
  return key;
}

/**
 * The store of one project's environment: the one name both its sites' worker.js and a
 * project's deletion reach it by.
 *
 * @example await appDataOf(env.APP_DATA, projectId, 'preview').wipe();
 */
export function appDataOf(namespace: DurableObjectNamespace<AppData>, projectId: string, environment: string): DurableObjectStub<AppData> {
  return namespace.get(namespace.idFromName(`${projectId}:${environment}`));
}

/**
 * Lives at `appDataOf(APP_DATA, projectId, environment)`. Generated apps never get this
 * stub: they get `DATA`, which forwards only get, put, delete and list.
 */
export class AppData extends DurableObject<Bindings> {
  constructor(ctx: DurableObjectState, env: Bindings) {
    super(ctx, env);
    ctx.storage.sql.exec(CREATE_KV);
  }

  /** The value stored under `key`, or null. */
  async get(key: string): Promise<JsonValue> {
    const [row] = this.ctx.storage.sql.exec<{ value: string }>('SELECT value FROM kv WHERE key = ?', checkKey(key)).toArray();
    return row ? (JSON.parse(row.value) as JsonValue) : null;
  }

  /** Stores a JSON value; refuses values over 64 KiB and a store over 10 MiB. */
  async put(key: string, value: JsonValue): Promise<void> {
    checkKey(key);
    const { json, bytes } = encodeValue(value);
    const [usage] = this.ctx.storage.sql
      .exec<{ total: number }>('SELECT COALESCE(SUM(LENGTH(key) + LENGTH(CAST(value AS BLOB))), 0) AS total FROM kv WHERE key != ?', key)
      .toArray();
    if ((usage?.total ?? 0) + key.length + bytes > APP_DATA_LIMITS.totalBytes) {
      throw new AppDataError(`The app's data may be at most ${APP_DATA_LIMITS.totalBytes} bytes.`);
    }
    this.ctx.storage.sql.exec('INSERT INTO kv (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value', key, json);
  }

  async delete(key: string): Promise<boolean> {
    return this.ctx.storage.sql.exec('DELETE FROM kv WHERE key = ? RETURNING key', checkKey(key)).toArray().length > 0;
  }

  /** Entries whose key starts with `prefix`, in key order, at most `limit` (100 by default, 1,000 at most). */
  async list(options: { prefix?: string; limit?: number } = {}): Promise<{ key: string; value: JsonValue }[]> {
    const prefix = options.prefix ?? '';
    const limit = Math.min(Math.max(1, Math.floor(options.limit ?? APP_DATA_LIMITS.listDefault)), APP_DATA_LIMITS.listMax);
    return this.ctx.storage.sql
      .exec<{ key: string; value: string }>(
        'SELECT key, value FROM kv WHERE substr(key, 1, ?) = ? ORDER BY key LIMIT ?',
        prefix.length,
        prefix,
        limit,
      )
      .toArray()
      .map((row) => ({ key: row.key, value: JSON.parse(row.value) as JsonValue }));
  }

  /**
   * Removes everything: used when the project is deleted. The empty table is made again, since
   * this instance lives on without running its constructor and would otherwise fail every call.
   */
  async wipe(): Promise<void> {
    await this.ctx.storage.deleteAll();
    this.ctx.storage.sql.exec(CREATE_KV);
  }
}

/** The `DATA` a generated app's worker.js gets (get, put, delete, list by prefix), as RPC targets handed into a sandbox per call. */
import { RpcTarget } from 'cloudflare:workers';
import { APP_DATA_LIMITS, checkKey, encodeValue } from '../durable-objects/app-data';
import type { AppData, JsonValue } from '../durable-objects/app-data';

export type DataEntry = { key: string; value: JsonValue };
export type DataListOptions = { prefix?: string; limit?: number };

/**
 * What `env.DATA` offers the app, and what the sandbox accepts as `data`. Whatever implements
 * it must cross into another isolate: an `RpcTarget` such as the two below.
 */
export interface DataStore {
  get(key: string): Promise<JsonValue>;
  put(key: string, value: JsonValue): Promise<void>;
  delete(key: string): Promise<boolean>;
  list(options?: DataListOptions): Promise<DataEntry[]>;
}

/**
 * A project's AppData seen through the four DATA methods only. Handing the app the stub itself
 * would also hand it `wipe`, and whatever AppData learns later.
 *
 * @example const data = new AppDataApi(appDataOf(env.APP_DATA, projectId, environment));
 */
export class AppDataApi extends RpcTarget implements DataStore {
  // A private field, not a method, so RPC does not expose the stub to the sandbox.
  readonly #stub: DurableObjectStub<AppData>;

  constructor(stub: DurableObjectStub<AppData>) {
    super();
    this.#stub = stub;
  }

  async get(key: string): Promise<JsonValue> {
    return (await this.#stub.get(key)) as JsonValue;
  }

  async put(key: string, value: JsonValue): Promise<void> {
    await this.#stub.put(key, value);
  }

  async delete(key: string): Promise<boolean> {
    return this.#stub.delete(key);
  }

  async list(options?: DataListOptions): Promise<DataEntry[]> {
    return (await this.#stub.list(options)) as DataEntry[];
  }
}

/**
 * DATA kept in memory with AppData's key, value and list limits and its error messages: for
 * test runs, where each run should start empty and leave nothing behind. One instance is one
 * store, shared by every case it is passed to, so a POST case can be followed by a GET case.
 *
 * @example await runTests(env.LOADER, files, tests, { data: new MemoryData() });
 */
export class MemoryData extends RpcTarget implements DataStore {
  readonly #entries = new Map<string, string>();

  async get(key: string): Promise<JsonValue> {
    const json = this.#entries.get(checkKey(key));
    return json === undefined ? null : (JSON.parse(json) as JsonValue);
  }

  async put(key: string, value: JsonValue): Promise<void> {
    this.#entries.set(checkKey(key), encodeValue(value).json);
  }

  async delete(key: string): Promise<boolean> {
    return this.#entries.delete(checkKey(key));
  }

  async list(options: DataListOptions = {}): Promise<DataEntry[]> {
    const prefix = options.prefix ?? '';
    const limit = Math.min(Math.max(1, Math.floor(options.limit ?? APP_DATA_LIMITS.listDefault)), APP_DATA_LIMITS.listMax);
    return [...this.#entries.keys()]
      .filter((key) => key.startsWith(prefix))
      .sort()
      .slice(0, limit)
      .map((key) => ({ key, value: JSON.parse(this.#entries.get(key)!) as JsonValue }));
  }
}

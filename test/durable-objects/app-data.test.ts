// AppData: the store behind a generated app's DATA binding, through its Durable Object stub.
import { env } from 'cloudflare:workers';
import { evictDurableObject } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { APP_DATA_LIMITS } from '../../src/durable-objects/app-data';
import { uuidv7 } from '../../src/lib/ids';

const store = () => env.APP_DATA.get(env.APP_DATA.idFromName(`${uuidv7()}:preview`));

describe('AppData', () => {
  it('puts, gets, lists by prefix in key order, and deletes JSON values', async () => {
    const data = store();
    await data.put('entry:2', { text: 'second' });
    await data.put('entry:1', { text: 'first' });
    await data.put('meta:count', 2);
    expect(await data.get('entry:1')).toEqual({ text: 'first' });
    expect(await data.get('missing')).toBeNull();
    expect(await data.list({ prefix: 'entry:' })).toEqual([
      { key: 'entry:1', value: { text: 'first' } },
      { key: 'entry:2', value: { text: 'second' } },
    ]);
    expect(await data.list({ prefix: 'entry:', limit: 1 })).toHaveLength(1);
    expect(await data.delete('entry:1')).toBe(true);
    expect(await data.delete('entry:1')).toBe(false);
    expect(await data.list()).toHaveLength(2);
  });

  it('treats LIKE wildcards in a prefix literally', async () => {
    const data = store();
    await data.put('a%b', 1);
    await data.put('axb', 2);
    expect((await data.list({ prefix: 'a%' })).map((entry) => entry.key)).toEqual(['a%b']);
  });

  it('refuses oversized keys and values with a readable error', async () => {
    const data = store();
    const refusal = (attempt: Promise<unknown>) => attempt.then(() => null, (error: Error) => error.message);
    expect(await refusal(data.put('k'.repeat(APP_DATA_LIMITS.keyLength + 1), 1))).toMatch(/Keys are strings/);
    expect(await refusal(data.put('big', 'x'.repeat(APP_DATA_LIMITS.valueBytes)))).toMatch(/at most 65536 bytes/);
    expect(await data.list()).toEqual([]);
  });

  it('keeps its data when evicted', async () => {
    const data = store();
    await data.put('kept', { ok: true });
    await evictDurableObject(data);
    expect(await data.get('kept')).toEqual({ ok: true });
  });

  it('is empty after a wipe, and the same instance goes on answering', async () => {
    const data = store();
    await data.put('entry:1', 'first');
    await data.wipe();
    expect(await data.list()).toEqual([]);
    await data.put('entry:2', 'second');
    expect(await data.get('entry:2')).toBe('second');
  });
});

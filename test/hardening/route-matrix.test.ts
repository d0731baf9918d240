// Every operation of /openapi.json, checked for tenants and keys: another organisation that names
// a resource gets a 404 (or sees nothing) and changes nothing; an operation that needs a key
// refuses no key, an unknown key and a revoked one. Operations are discovered, not listed: one
// without a fixture or a public-route entry fails as "not covered".
import { exports } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, callJson, createUser } from '../helpers';
import { FIXTURES, requestFor } from './fixtures';
import type { Arranged } from './fixtures';
import { expectProblem, loadOperations, pathParameters, queryParameters } from './openapi';
import type { JsonSchema, Operation } from './openapi';

const operations = await loadOperations();

/** A uuid field whose name says it is the id of something (`projectId`, `organisationId`). */
const namesResource = (name: string, schema: JsonSchema) => /Id$/.test(name) && schema.format === 'uuid';

/** Operations that name a resource: in the path, or as an id in the body or the query. */
const scoped = operations.filter(
  (operation) =>
    pathParameters(operation).length > 0 ||
    queryParameters(operation).some((parameter) => namesResource(parameter.name, parameter.schema)) ||
    Object.entries(operation.body?.schema.properties ?? {}).some(([name, schema]) => namesResource(name, schema)),
);

/** The request an operation's fixture describes, sent with `key` through the Worker. */
const send = (operation: Operation, arranged: Arranged, key: string | null) => exports.default.fetch(requestFor(operation, arranged, key));

describe('another organisation', () => {
  it.each(scoped.map((operation) => [operation.key, operation] as const))("%s: B is refused and A's resource is unchanged", async (_key, operation) => {
    const fixture = FIXTURES[operation.key];
    if (!fixture) throw new Error(`not covered: ${operation.key} (add its fixture to test/hardening/fixtures.ts)`);
    const owner = await createUser('Organisation A');
    const intruder = await createUser('Organisation B');
    const arranged = await fixture(owner);
    const before = await arranged.snapshot();

    const response = await send(operation, arranged, intruder.key);
    if (arranged.intruder === 'empty-list') {
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual([]);
    } else {
      await expectProblem(response, arranged.intruder ?? 404);
    }
    expect(await arranged.snapshot()).toEqual(before);
  });

  it('has a fixture only for operations the API has', () => {
    const keys = new Set(operations.map((operation) => operation.key));
    expect(Object.keys(FIXTURES).filter((key) => !keys.has(key))).toEqual([]);
  });
});

describe('API keys', () => {
  let revoked: string;

  beforeAll(async () => {
    const user = await createUser();
    const created = await callJson<{ id: string; key: string }>('/api/auth/keys', { key: user.key, body: { name: 'soon revoked' }, expect: 201 });
    await callJson(`/api/auth/keys/${created.id}`, { key: user.key, method: 'DELETE' });
    revoked = created.key;
  });

  /** Path parameters of the right shape naming nothing: a key check must come before any lookup. */
  const anyIds = (operation: Operation) =>
    Object.fromEntries(pathParameters(operation).map((parameter) => [parameter.name, parameter.name === 'path' ? 'index.html' : crypto.randomUUID()]));

  it.each(operations.filter((operation) => operation.secured).map((operation) => [operation.key, operation] as const))(
    '%s: 401 without a key, with an unknown key and with a revoked key',
    async (_key, operation) => {
      const arranged: Arranged = { ids: anyIds(operation), snapshot: async () => null };
      const unknown = `ptx_${'A'.repeat(43)}`;
      for (const key of [null, unknown, revoked]) {
        const response = await send(operation, arranged, key);
        expect(response.headers.get('WWW-Authenticate')).toBe('Bearer realm="promptax"');
        await expectProblem(response, 401);
      }
    },
  );

  /** What each operation without a key requirement answers without a key: said here, one by one. */
  const PUBLIC: Record<string, (revokedKey: string) => Promise<void>> = {
    'GET /api/auth/session': async (revokedKey) => {
      const anonymous = await call('/api/auth/session');
      expect(anonymous.status).toBe(200);
      expect(await anonymous.json()).toBeNull();
      // A key that is sent must count, even where none is needed.
      await expectProblem(await call('/api/auth/session', { key: revokedKey }), 401);
    },
    'POST /api/analytics/track': async (revokedKey) => {
      const event = { type: 'page.view', data: { path: '/pricing' } };
      const anonymous = await call('/api/analytics/track', { body: event, headers: { 'CF-Connecting-IP': '203.0.113.1' } });
      expect(anonymous.status).toBe(202);
      expect(await anonymous.json()).toEqual({ success: true });
      await expectProblem(await call('/api/analytics/track', { key: revokedKey, body: event, headers: { 'CF-Connecting-IP': '203.0.113.1' } }), 401);
    },
  };

  it.each(operations.filter((operation) => !operation.secured).map((operation) => [operation.key] as const))('%s is public, as stated', async (key) => {
    const check = PUBLIC[key];
    if (!check) throw new Error(`not covered: ${key} needs no key; say what it answers without one in PUBLIC`);
    await check(revoked);
  });

  it('names only public operations the API has', () => {
    const open = operations.filter((operation) => !operation.secured).map((operation) => operation.key);
    expect(Object.keys(PUBLIC).filter((key) => !open.includes(key))).toEqual([]);
  });
});

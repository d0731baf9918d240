import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { createDb } from '../../src/db/client';
import { apiKeys } from '../../src/db/schema';
import { eq } from 'drizzle-orm';
import { call, callJson, createUser } from '../helpers';

interface Session {
  user: { id: string; email: string; name: string };
  organisations: { id: string; name: string; role: string }[];
  apiKey: { id: string; name: string; prefix: string };
  expires: string | null;
}
interface ApiKey {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  key?: string;
}

describe('GET /api/auth/session', () => {
  it('answers null without a key', async () => {
    expect(await callJson('/api/auth/session')).toBeNull();
  });

  it('answers the session of a valid key', async () => {
    const user = await createUser('Ada');
    const session = await callJson<Session>('/api/auth/session', { key: user.key });
    expect(session).toEqual({
      user: { id: user.userId, email: user.email, name: 'Ada' },
      organisations: [{ id: user.organisationId, name: "Ada's organisation", role: 'owner' }],
      apiKey: { id: user.keyId, name: 'test', prefix: user.key.slice(0, 12) },
      expires: null,
    });
  });

  it('is 401 for a well-formed key that does not exist', async () => {
    const response = await call('/api/auth/session', { key: 'ptx_' + 'a'.repeat(43) });
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(response.headers.get('www-authenticate')).toContain('Bearer');
  });

  it('is 401 for a malformed Authorization header', async () => {
    const response = await call('/api/auth/session', { headers: { Authorization: 'Basic abc' } });
    expect(response.status).toBe(401);
  });

  it('records when a key was last used', async () => {
    const user = await createUser();
    await callJson('/api/auth/session', { key: user.key });
    const [row] = await createDb(env.DB).select().from(apiKeys).where(eq(apiKeys.id, user.keyId));
    expect(row?.lastUsedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
  });
});

describe('API keys', () => {
  it('creates a key whose secret is shown once and stored only as a hash', async () => {
    const user = await createUser();
    const created = await callJson<ApiKey>('/api/auth/keys', { key: user.key, method: 'POST', body: { name: 'ci' }, expect: 201 });
    expect(created.key).toMatch(/^ptx_[A-Za-z0-9_-]{43}$/);
    expect(created.prefix).toBe(created.key!.slice(0, 12));

    const [row] = await createDb(env.DB).select().from(apiKeys).where(eq(apiKeys.id, created.id));
    expect(row?.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(created.key);

    const session = await callJson<Session>('/api/auth/session', { key: created.key });
    expect(session.apiKey.id).toBe(created.id);

    const listed = await callJson<ApiKey[]>('/api/auth/keys', { key: user.key });
    expect(listed.map((key) => key.id)).toEqual([created.id, user.keyId]);
    expect(listed.every((key) => key.key === undefined)).toBe(true);
  });

  it('refuses a key without a name, listing the field', async () => {
    const user = await createUser();
    const response = await call('/api/auth/keys', { key: user.key, method: 'POST', body: { name: '  ' } });
    expect(response.status).toBe(400);
    const problem = await response.json<{ errors: { pointer: string; location: string }[] }>();
    expect(problem.errors).toEqual([expect.objectContaining({ location: 'body', pointer: '#/name' })]);
  });

  it('revokes a key, which gets 401 at once', async () => {
    const user = await createUser();
    const second = await callJson<ApiKey>('/api/auth/keys', { key: user.key, method: 'POST', body: { name: 'temp' }, expect: 201 });
    expect(await callJson('/api/auth/session', { key: second.key })).not.toBeNull();

    await callJson(`/api/auth/keys/${second.id}`, { key: user.key, method: 'DELETE' });
    expect((await call('/api/auth/session', { key: second.key })).status).toBe(401);
    expect((await call('/api/projects', { key: second.key })).status).toBe(401);

    const listed = await callJson<ApiKey[]>('/api/auth/keys', { key: user.key });
    expect(listed.find((key) => key.id === second.id)?.revokedAt).toBeTruthy();
  });

  it("is 404 when revoking another user's key, which keeps working", async () => {
    const owner = await createUser();
    const other = await createUser();
    expect((await call(`/api/auth/keys/${owner.keyId}`, { key: other.key, method: 'DELETE' })).status).toBe(404);
    expect((await call('/api/auth/session', { key: owner.key })).status).toBe(200);
  });

  it('is 400 for a key id that is not a UUID', async () => {
    const user = await createUser();
    const response = await call('/api/auth/keys/not-a-uuid', { key: user.key, method: 'DELETE' });
    expect(response.status).toBe(400);
    const problem = await response.json<{ errors: { location: string; pointer: string }[] }>();
    expect(problem.errors[0]).toMatchObject({ location: 'path', pointer: '#/keyId' });
  });

  it.each([
    ['GET', '/api/auth/keys'],
    ['POST', '/api/auth/keys'],
    ['DELETE', '/api/auth/keys/019b0b3c-5f1e-7000-8a3d-1c2b4e5f6a7b'],
  ])('%s %s is 401 without a key', async (method, path) => {
    const response = await call(path, { method, body: method === 'POST' ? { name: 'x' } : undefined });
    expect(response.status).toBe(401);
  });
});

// Issue 16, racing clients and secrets at rest: each `it` is one numbered finding.
import { env } from 'cloudflare:workers';
import { and, eq, sum } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createDb } from '../../src/db/client';
import { files, idempotencyKeys, webhooks } from '../../src/db/schema';
import { MAX_WEBHOOKS_PER_ORGANISATION } from '../../src/features/webhooks/service';
import { nowIso } from '../../src/lib/ids';
import { MAX_PROJECT_BYTES } from '../../src/storage/paths';
import { call, createProject, createUser } from '../helpers';

describe('racing clients', () => {
  it('#5 a key created with an Idempotency-Key is never stored with its secret, and its replay is a problem, not the key', async () => {
    const user = await createUser();
    const send = () => call('/api/auth/keys', { key: user.key, method: 'POST', body: { name: 'ci' }, headers: { 'Idempotency-Key': 'create-ci-key' } });
    const first = await send();
    expect(first.status).toBe(201);
    const { key: secret } = await first.json<{ key: string }>();

    const [stored] = await createDb(env.DB).select().from(idempotencyKeys).where(and(eq(idempotencyKeys.scope, user.userId), eq(idempotencyKeys.key, 'create-ci-key')));
    expect(stored).toMatchObject({ status: 201, body: null });
    expect(JSON.stringify(stored)).not.toContain(secret);

    const replay = await send();
    expect(replay.status).toBe(409);
    const text = await replay.text();
    expect(text).not.toContain(secret);
    expect(text).toContain('GET /api/auth/keys');
    const keys = await (await call('/api/auth/keys', { key: user.key })).json<{ name: string }[]>();
    expect(keys.filter((key) => key.name === 'ci')).toHaveLength(1);
  });

  it('#6 thirty concurrent webhook creations stop at the limit of twenty', async () => {
    const user = await createUser();
    const responses = await Promise.all(
      Array.from({ length: 30 }, (_, index) => call('/api/webhooks', { key: user.key, body: { url: `https://hooks.example.com/${index}`, events: ['deployment.*'] } })),
    );
    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status === 201)).toHaveLength(MAX_WEBHOOKS_PER_ORGANISATION);
    expect(statuses.filter((status) => status === 409)).toHaveLength(30 - MAX_WEBHOOKS_PER_ORGANISATION);
    expect(await createDb(env.DB).$count(webhooks, eq(webhooks.organisationId, user.organisationId))).toBe(MAX_WEBHOOKS_PER_ORGANISATION);
  });

  it('#6 twenty concurrent PUTs cannot take a project past its byte quota', async () => {
    const user = await createUser();
    const project = await createProject(user);
    const db = createDb(env.DB);
    // The project already holds all but 2 MiB of its quota (a row stands for the bytes; none is read).
    const room = 2 * 1024 * 1024;
    await db.insert(files).values({ projectId: project.id, path: 'assets/big.bin', version: 1, sha256: '0'.repeat(64), size: MAX_PROJECT_BYTES - room, language: 'binary', updatedAt: nowIso() });
    const part = 'x'.repeat(300 * 1024);
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        call(`/api/projects/${project.id}/files/src/part-${index}.js`, { key: user.key, method: 'PUT', body: part, headers: { 'content-type': 'text/javascript' } }),
      ),
    );
    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status === 413)).not.toHaveLength(0);
    expect(statuses.every((status) => status === 413 || status < 300)).toBe(true);
    const [stored] = await db.select({ total: sum(files.size) }).from(files).where(eq(files.projectId, project.id));
    expect(Number(stored!.total)).toBeLessThanOrEqual(MAX_PROJECT_BYTES);
    expect(statuses.filter((status) => status < 300)).toHaveLength(Math.floor(room / part.length));
  });

  it('#13 an idempotent replay carries its own X-Request-Id', async () => {
    const user = await createUser();
    const send = () => call('/api/projects', { key: user.key, body: { name: 'Replayed' }, headers: { 'Idempotency-Key': 'create-replayed' } });
    const first = await send();
    const replay = await send();
    expect(replay.headers.get('Idempotent-Replayed')).toBe('true');
    expect(replay.headers.get('X-Request-Id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(replay.headers.get('X-Request-Id')).not.toBe(first.headers.get('X-Request-Id'));
  });
});

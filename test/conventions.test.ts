// The HTTP conventions of DESIGN.md section 5, each tested once through a real route.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { createDb } from '../src/db/client';
import { idempotencyKeys } from '../src/db/schema';
import type { Project } from '../src/features/projects/routes';
import { sweep } from '../src/sweeper';
import { call, callJson, createProject, createUser } from './helpers';

describe('pagination', () => {
  it('walks 120 projects with limit=50 through Link and sees each once', async () => {
    const user = await createUser();
    const created = new Set<string>();
    for (let batch = 0; batch < 12; batch += 1) {
      const made = await Promise.all(Array.from({ length: 10 }, (_, i) => createProject(user, { name: `p${batch}-${i}` })));
      for (const project of made) created.add(project.id);
    }

    const seen: string[] = [];
    const pageSizes: number[] = [];
    let next: string | null = '/api/projects?limit=50';
    while (next) {
      const response = await call(next, { key: user.key });
      expect(response.status).toBe(200);
      const page = await response.json<Project[]>();
      pageSizes.push(page.length);
      seen.push(...page.map((project) => project.id));
      next = /<([^>]+)>;\s*rel="next"/.exec(response.headers.get('Link') ?? '')?.[1] ?? null;
    }
    expect(pageSizes).toEqual([50, 50, 20]);
    expect(new Set(seen).size).toBe(120);
    expect(new Set(seen)).toEqual(created);
    expect(seen).toEqual([...seen].sort().reverse());
  });

  it.each(['limit=0', 'limit=201', 'limit=abc', 'cursor=nope'])('rejects ?%s with a 400', async (query) => {
    const user = await createUser();
    expect((await call(`/api/projects?${query}`, { key: user.key })).status).toBe(400);
  });
});

describe('Idempotency-Key', () => {
  it('replays the first result of a repeated POST and creates one project', async () => {
    const user = await createUser();
    const send = () =>
      call('/api/projects', { key: user.key, body: { name: 'Once' }, headers: { 'Idempotency-Key': 'create-once' } });
    const first = await send();
    const again = await send();
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.headers.get('Idempotent-Replayed')).toBe('true');
    expect(await again.json()).toEqual(await first.json());
    expect(await callJson<Project[]>('/api/projects', { key: user.key })).toHaveLength(1);
  });

  it('is a 422 when the key comes back with another body', async () => {
    const user = await createUser();
    const headers = { 'Idempotency-Key': 'k1' };
    expect((await call('/api/projects', { key: user.key, body: { name: 'A' }, headers })).status).toBe(201);
    const response = await call('/api/projects', { key: user.key, body: { name: 'B' }, headers });
    expect(response.status).toBe(422);
    expect(await callJson<Project[]>('/api/projects', { key: user.key })).toHaveLength(1);
  });

  it('keeps keys apart between users', async () => {
    const [a, b] = [await createUser(), await createUser()];
    const headers = { 'Idempotency-Key': 'shared' };
    expect((await call('/api/projects', { key: a.key, body: { name: 'A' }, headers })).status).toBe(201);
    expect((await call('/api/projects', { key: b.key, body: { name: 'A' }, headers })).status).toBe(201);
    expect(await callJson<Project[]>('/api/projects', { key: b.key })).toHaveLength(1);
  });

  it('does not store a failed request, so the same key can be retried', async () => {
    const user = await createUser();
    const headers = { 'Idempotency-Key': 'retry-me' };
    expect((await call('/api/projects', { key: user.key, body: { name: '' }, headers })).status).toBe(400);
    expect((await call('/api/projects', { key: user.key, body: { name: '' }, headers })).status).toBe(400);
    expect((await call('/api/projects', { key: user.key, body: { name: 'ok' }, headers: { 'Idempotency-Key': 'retry-2' } })).status).toBe(201);
  });

  it('serves concurrent duplicates once: one runs, the others wait or replay', async () => {
    const user = await createUser();
    const responses = await Promise.all(
      Array.from({ length: 5 }, () => call('/api/projects', { key: user.key, body: { name: 'Race' }, headers: { 'Idempotency-Key': 'race' } })),
    );
    expect(responses.map((response) => response.status).every((status) => status === 201 || status === 409)).toBe(true);
    expect(await callJson<Project[]>('/api/projects', { key: user.key })).toHaveLength(1);
  });

  it('forgets keys after 24 hours (the sweeper removes them)', async () => {
    const user = await createUser();
    expect((await call('/api/projects', { key: user.key, body: { name: 'A' }, headers: { 'Idempotency-Key': 'old' } })).status).toBe(201);
    await sweep(env, Date.now() + 25 * 60 * 60 * 1000);
    const rows = await createDb(env.DB).select().from(idempotencyKeys);
    expect(rows.find((row) => row.key === 'old')).toBeUndefined();
  });
});

describe('limits and errors', () => {
  it('answers a body of 1 MiB + 1 byte with 413', async () => {
    const user = await createUser();
    const response = await call('/api/projects', { key: user.key, body: 'x'.repeat(1024 * 1024 + 1) });
    expect(response.status).toBe(413);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
  });

  it('answers a body of the wrong content type with 415', async () => {
    const user = await createUser();
    const response = await call('/api/projects', {
      key: user.key,
      body: 'name=x',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(response.status).toBe(415);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
  });

  it('answers an unknown route with a 404 problem', async () => {
    const response = await call('/api/nothing-here');
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ status: 404, title: 'Not found', instance: '/api/nothing-here' });
  });

  it('puts an X-Request-Id on every response, errors included', async () => {
    for (const path of ['/api/auth/session', '/api/nothing-here', '/openapi.json']) {
      expect((await call(path)).headers.get('X-Request-Id')).toMatch(/^[0-9a-f-]{36}$/);
    }
  });
});

describe('API description', () => {
  it('serves an OpenAPI 3.1 document with every route and the bearer scheme', async () => {
    const document = await callJson<{ openapi: string; paths: Record<string, Record<string, { security?: unknown }>>; components: { securitySchemes: Record<string, unknown> } }>(
      '/openapi.json',
    );
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(['/api/auth/session', '/api/auth/keys', '/api/auth/keys/{keyId}', '/api/projects', '/api/projects/{projectId}']),
    );
    expect(document.paths['/api/projects']?.post?.security).toEqual([{ bearerAuth: [] }]);
    expect(document.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
  });

  it('renders /docs with its script served by the Worker, not a CDN', async () => {
    const html = await (await call('/docs')).text();
    expect(html).toContain('/docs/scalar.js');
    expect(html).not.toMatch(/https?:\/\/cdn\./);
    const script = await call('/docs/scalar.js');
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toContain('javascript');
    expect((await script.text()).length).toBeGreaterThan(100_000);
  });
});

// Headers every API response carries: nosniff, no-store where a key or an error is involved, CORS
// only for the origins ALLOWED_ORIGINS names, and none of it on generated sites.
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { Bindings } from '../../src/app-env';
import worker from '../../src/index';
import { API, call, createUser, deployProject, generateProject } from '../helpers';

const APP_ORIGIN = 'https://app.example.test';
const WITH_ORIGINS: Partial<Bindings> = { ALLOWED_ORIGINS: `${APP_ORIGIN}, https://admin.example.test` };

/** Calls the Worker's entry with `ALLOWED_ORIGINS` set. */
async function callWithOrigins(path: string, init: { method?: string; headers: Record<string, string> }) {
  const ctx = createExecutionContext();
  const response = await worker.fetch(new Request(path.startsWith('http') ? path : API + path, init), { ...env, ...WITH_ORIGINS }, ctx);
  await waitOnExecutionContext(ctx);
  return response;
}

describe('nosniff and no-store', () => {
  it.each([
    ['an authenticated answer', '/api/projects', true],
    ['an anonymous answer', '/api/auth/session', false],
    ['a problem', '/api/projects', false],
    ['the OpenAPI document', '/openapi.json', false],
    ['a documentation asset', '/docs/scalar.js', false],
    ['an unknown route', '/nowhere', false],
  ])('sends X-Content-Type-Options: nosniff on %s', async (_name, path, withKey) => {
    const user = await createUser();
    const response = await call(path, { key: withKey ? user.key : null });
    expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff');
  });

  it("serves a generated app's raw file under a policy that runs nothing", async () => {
    const user = await createUser();
    const project = await generateProject(user, 'todo-list');
    const response = await call(`/api/projects/${project.id}/files/index.html`, { key: user.key });
    expect(response.headers.get('content-type')).toContain('text/html');
    expect(response.headers.get('Content-Security-Policy')).toBe("default-src 'none'; frame-ancestors 'none'; sandbox");
  });

  it('sends Cache-Control: no-store on an answer to a key', async () => {
    const user = await createUser();
    const response = await call('/api/projects', { key: user.key });
    expect(response.status).toBe(200);
    expect(response.headers.get('Cache-Control')).toBe('no-store');
  });

  it('sends Cache-Control: no-store on a problem', async () => {
    const response = await call('/api/projects');
    expect(response.status).toBe(401);
    expect(response.headers.get('Cache-Control')).toBe('no-store');
  });

  it('keeps no-transform on an authenticated event stream', async () => {
    const user = await createUser();
    const project = await generateProject(user, 'todo-list');
    const deployment = await deployProject(user, project.id);
    const response = await call(`/api/projects/${project.id}/deployments/${deployment.id}/events`, { key: user.key });
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    expect(response.headers.get('Cache-Control')).toBe('no-store, no-transform');
    await response.body?.cancel();
  });
});

describe('CORS', () => {
  it('sends no CORS header without ALLOWED_ORIGINS', async () => {
    const user = await createUser();
    const response = await call('/api/projects', { key: user.key, headers: { Origin: APP_ORIGIN } });
    expect([...response.headers.keys()].filter((name) => name.startsWith('access-control-'))).toEqual([]);
  });

  it('answers a preflight from an allowed origin with 204 and the methods and headers it may use', async () => {
    const response = await callWithOrigins('/api/projects', {
      method: 'OPTIONS',
      headers: { Origin: APP_ORIGIN, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization, idempotency-key' },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('Access-Control-Allow-Origin')).toBe(APP_ORIGIN);
    expect(response.headers.get('Access-Control-Allow-Methods')).toContain('POST');
    expect(response.headers.get('Access-Control-Allow-Headers')).toContain('Authorization');
    expect(response.headers.get('Access-Control-Allow-Headers')).toContain('Idempotency-Key');
    expect(response.headers.get('Access-Control-Allow-Headers')).toContain('X-D1-Bookmark');
    expect(response.headers.get('Vary')).toContain('Origin');
  });

  it('lets an allowed origin read the answer and its Link, X-Request-Id, Retry-After and X-D1-Bookmark headers', async () => {
    const user = await createUser();
    const response = await callWithOrigins('/api/projects', { headers: { Origin: APP_ORIGIN, Authorization: `Bearer ${user.key}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('Access-Control-Allow-Origin')).toBe(APP_ORIGIN);
    expect(response.headers.get('Access-Control-Expose-Headers')).toMatch(/Link.*X-Request-Id.*Retry-After/);
    expect(response.headers.get('Access-Control-Expose-Headers')).toContain('X-D1-Bookmark');
  });

  it('lets an allowed origin read a problem too', async () => {
    const response = await callWithOrigins('/api/projects', { headers: { Origin: APP_ORIGIN } });
    expect(response.status).toBe(401);
    expect(response.headers.get('Access-Control-Allow-Origin')).toBe(APP_ORIGIN);
  });

  it('sends no CORS header to an origin that is not listed, and does not answer its preflight', async () => {
    const origin = 'https://evil.example.test';
    const preflight = await callWithOrigins('/api/projects', { method: 'OPTIONS', headers: { Origin: origin, 'Access-Control-Request-Method': 'GET' } });
    expect(preflight.status).not.toBe(204);
    expect(preflight.headers.get('Access-Control-Allow-Origin')).toBeNull();
    const response = await callWithOrigins('/api/auth/session', { headers: { Origin: origin } });
    expect(response.headers.get('Access-Control-Allow-Origin')).toBeNull();
  });

  it('sends no CORS header from a generated site', async () => {
    const user = await createUser();
    const project = await generateProject(user, 'todo-list');
    const deployment = await deployProject(user, project.id);
    const response = await callWithOrigins(deployment.url!, { headers: { Origin: APP_ORIGIN } });
    expect(response.status).toBe(200);
    expect(response.headers.get('Access-Control-Allow-Origin')).toBeNull();
  });
});

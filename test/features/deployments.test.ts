// Deployments through the queue consumer, and the sites they publish.
import { createExecutionContext, createMessageBatch, getQueueResult } from 'cloudflare:test';
import { env, exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import worker from '../../src/index';
import type { Deployment } from '../../src/features/deployments/routes';
import { call, callJson, createProject, createUser, deliverMessages, deployProject, editFile, generateProject } from '../helpers';
import type { TestUser } from '../helpers';

const deliver = (deploymentIds: string[]) => deliverMessages('promptax-deployments', deploymentIds.map((deploymentId) => ({ deploymentId })));

const visit = (url: string, init: RequestInit = {}) => exports.default.fetch(new Request(url, init));

/** A live preview of a bare project made of a front page and this worker.js. */
async function deployWorker(user: TestUser, source: string) {
  const project = await createProject(user);
  await editFile(user, project.id, 'index.html', '<!doctype html><html><head><title>API</title></head><body></body></html>', 'text/html');
  await editFile(user, project.id, 'worker.js', source);
  return deployProject(user, project.id);
}

describe('deployments', () => {
  it('takes the todo app live: index.html at its URL with CSP and ETag, 304 on revalidation, 404 for unknown paths', async () => {
    const user = await createUser();
    const project = await generateProject(user, 'todo-list');
    const queued = await callJson<Deployment>(`/api/projects/${project.id}/deployments`, { key: user.key, body: {}, expect: 202 });
    expect(queued).toMatchObject({ status: 'queued', environment: 'preview', url: null });

    const result = await deliver([queued.id]);
    expect(result.explicitAcks).toHaveLength(1);
    const live = await callJson<Deployment>(`/api/projects/${project.id}/deployments/${queued.id}`, { key: user.key });
    expect(live.status).toBe('live');
    expect(live.url).toMatch(/^http:\/\/d-[0-9a-f]{12}\.localhost:8787\/$/);
    expect(live.fileCount).toBeGreaterThan(3);

    const page = await visit(live.url!);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.headers.get('cache-control')).toContain('immutable');
    const etag = page.headers.get('etag')!;
    expect(etag).toMatch(/^"[0-9a-f]{64}"$/);
    expect(await page.text()).toContain('<title>Site of todo-list</title>');

    const revalidated = await visit(live.url!, { headers: { 'If-None-Match': etag } });
    expect(revalidated.status).toBe(304);
    expect((await visit(live.url! + 'src/lib/todos.js')).headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect((await visit(live.url! + 'nope.html')).status).toBe(404);

    expect((await callJson<{ status: string }>(`/api/projects/${project.id}`, { key: user.key })).status).toBe('deployed');
  });

  it('serves the stable project label from the newest live deployment, superseding the older one', async () => {
    const user = await createUser();
    const project = await generateProject(user, 'todo-list');
    const first = await deployProject(user, project.id);
    await editFile(user, project.id, 'index.html', '<!doctype html><html><head><title>v2</title></head><body>v2</body></html>', 'text/html');
    const second = await deployProject(user, project.id);
    expect(second.status).toBe('live');
    expect((await callJson<Deployment>(`/api/projects/${project.id}/deployments/${first.id}`, { key: user.key })).status).toBe('superseded');

    const stable = `http://p-${project.id.replaceAll('-', '').slice(-12)}-preview.localhost:8787/`;
    const page = await visit(stable);
    expect(await page.text()).toContain('v2');
    expect(page.headers.get('cache-control')).toContain('must-revalidate');
    // The first deployment's own label still serves its own files.
    expect(await (await visit(first.url!)).text()).toContain('Site of todo-list');

    const listed = await callJson<Deployment[]>(`/api/projects/${project.id}/deployments`, { key: user.key });
    expect(listed.map((deployment) => deployment.id)).toEqual([second.id, first.id]);
  });

  it("answers the guestbook's /api/* from its worker.js, keeping entries in the project's AppData across requests", async () => {
    const user = await createUser();
    const project = await generateProject(user, 'guestbook');
    const live = await deployProject(user, project.id);
    expect(live.status).toBe('live');

    const posted = await visit(`${live.url}api/entries`, {
      method: 'POST',
      body: JSON.stringify({ name: ' Ada ', message: 'Hello from the site' }),
      headers: { 'content-type': 'application/json' },
    });
    expect(posted.status).toBe(201);
    expect(posted.headers.get('content-security-policy')).toContain("default-src 'self'");
    const listed = await visit(`${live.url}api/entries`);
    expect(listed.status).toBe(200);
    expect(await listed.json()).toMatchObject({ entries: [{ name: 'Ada', message: 'Hello from the site' }], total: 1 });

    const store = env.APP_DATA.get(env.APP_DATA.idFromName(`${project.id}:preview`));
    expect(await store.list({ prefix: 'entry:' })).toEqual([{ key: 'entry:999999999998', value: expect.objectContaining({ name: 'Ada' }) }]);
  });

  it('deploys a worker.js that fetches another origin, but its request fails inside the sandbox', async () => {
    const user = await createUser();
    const live = await deployWorker(user, "export default { async fetch() { const response = await fetch('https://example.com/'); return new Response(await response.text()); } };");
    expect(live.status).toBe('live');
    const response = await visit(`${live.url}api/outside`);
    expect(response.status).toBe(500);
    expect((await response.json<{ error: string }>()).error).toMatch(/^The app's worker\.js failed: .*(not permitted|internet|network)/i);
  });

  it('gives a worker.js no platform binding: env holds DATA and nothing else', async () => {
    const user = await createUser();
    const live = await deployWorker(user, 'export default { async fetch(request, env) { return Response.json({ names: Object.keys(env), db: typeof env.DB, files: typeof env.FILES }); } };');
    const response = await visit(`${live.url}api/bindings`);
    expect(await response.json()).toEqual({ names: ['DATA'], db: 'undefined', files: 'undefined' });
  });

  it('gives one deployment and one manifest when the same message is delivered twice', async () => {
    const user = await createUser();
    const project = await generateProject(user, 'landing-page');
    const queued = await callJson<Deployment>(`/api/projects/${project.id}/deployments`, { key: user.key, body: {}, expect: 202 });
    await deliver([queued.id, queued.id]);
    await deliver([queued.id]);
    const listed = await callJson<Deployment[]>(`/api/projects/${project.id}/deployments`, { key: user.key });
    expect(listed).toHaveLength(1);
    expect(listed[0]?.status).toBe('live');
    const manifests = await env.FILES.list({ prefix: `manifests/${queued.id}` });
    expect(manifests.objects).toHaveLength(1);
  });

  it('fails with the file and the reason when the files cannot be published', async () => {
    const user = await createUser();
    const project = await createProject(user);
    await editFile(user, project.id, 'src/app.js', 'export function broken( {\n');
    const failed = await deployProject(user, project.id);
    expect(failed.status).toBe('failed');
    expect(failed.url).toBeNull();
    expect(failed.error).toContain('index.html: missing');
    expect(failed.error).toMatch(/src\/app\.js:\d+:\d+: /);
  });

  it('fails a deployment whose page loads a missing script, naming the page, line and file, instead of going live', async () => {
    const user = await createUser();
    const project = await createProject(user);
    await editFile(user, project.id, 'index.html', '<!doctype html>\n<title>Shop</title>\n<script type="module" src="src/app.js"></script>\n', 'text/html');
    const failed = await deployProject(user, project.id);
    expect(failed).toMatchObject({ status: 'failed', url: null, versionId: null });
    expect(failed.error).toBe('index.html:3:23: src="src/app.js" on <script>: there is no file src/app.js');
  });

  it('drops a malformed message instead of retrying it forever', async () => {
    const batch = createMessageBatch('promptax-deployments', [{ id: 'bad', timestamp: new Date(), attempts: 1, body: { nope: true } }]);
    const ctx = createExecutionContext();
    await worker.queue(batch, env);
    expect((await getQueueResult(batch, ctx)).explicitAcks).toEqual(['bad']);
  });

  it('refuses an unknown environment', async () => {
    const user = await createUser();
    const project = await createProject(user);
    const response = await call(`/api/projects/${project.id}/deployments`, { key: user.key, body: { environment: 'staging' } });
    expect(response.status).toBe(400);
  });

  it('is 404 for another organisation, on every deployment route', async () => {
    const owner = await createUser();
    const intruder = await createUser();
    const project = await createProject(owner);
    const queued = await callJson<Deployment>(`/api/projects/${project.id}/deployments`, { key: owner.key, body: {}, expect: 202 });
    for (const [method, path] of [
      ['GET', `/api/projects/${project.id}/deployments`],
      ['POST', `/api/projects/${project.id}/deployments`],
      ['GET', `/api/projects/${project.id}/deployments/${queued.id}`],
    ] as const) {
      const response = await call(path, { key: intruder.key, method, body: method === 'POST' ? {} : undefined });
      expect(response.status, `${method} ${path}`).toBe(404);
    }
  });

  it('never serves generated content on the API host', async () => {
    const response = await call('/index.html');
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
  });
});

// Deployments through the queue consumer, and the sites they publish.
import { createExecutionContext, createMessageBatch, getQueueResult } from 'cloudflare:test';
import { env, exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import worker from '../../src/index';
import type { BuildPlan } from '../../src/features/plans/service';
import { call, callJson, createProject, createUser } from '../helpers';
import type { TestUser } from '../helpers';

interface Deployment {
  id: string;
  projectId: string;
  environment: string;
  status: string;
  url: string | null;
  fileCount: number;
  error: string | null;
}

/** A project with every step of a template's plan generated. */
async function generatedProject(user: TestUser, templateId: string) {
  const project = await createProject(user, { name: `Site of ${templateId}` });
  const plan = await callJson<BuildPlan>(`/api/projects/${project.id}/plans`, { key: user.key, body: { templateId }, expect: 201 });
  for (const step of plan.steps) {
    await callJson(`/api/projects/${project.id}/generate`, { key: user.key, body: { planId: plan.id, stepId: step.id } });
  }
  return project;
}

/** Delivers deployment messages to the queue handler the way the Queues runtime does. */
async function deliver(deploymentIds: string[], queue = 'promptax-deployments') {
  const batch = createMessageBatch(
    queue,
    deploymentIds.map((deploymentId, index) => ({ id: `m-${index}-${deploymentId}`, timestamp: new Date(), attempts: 1, body: { deploymentId } })),
  );
  const ctx = createExecutionContext();
  await worker.queue(batch, env);
  return getQueueResult(batch, ctx);
}

async function deploy(user: TestUser, projectId: string, environment = 'preview') {
  const queued = await callJson<Deployment>(`/api/projects/${projectId}/deployments`, { key: user.key, body: { environment }, expect: 202 });
  await deliver([queued.id]);
  return callJson<Deployment>(`/api/projects/${projectId}/deployments/${queued.id}`, { key: user.key });
}

const visit = (url: string, headers: Record<string, string> = {}) => exports.default.fetch(new Request(url, { headers }));

describe('deployments', () => {
  it('takes the todo app live: index.html at its URL with CSP and ETag, 304 on revalidation, 404 for unknown paths', async () => {
    const user = await createUser();
    const project = await generatedProject(user, 'todo-list');
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

    const revalidated = await visit(live.url!, { 'If-None-Match': etag });
    expect(revalidated.status).toBe(304);
    expect((await visit(live.url! + 'src/lib/todos.js')).headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect((await visit(live.url! + 'nope.html')).status).toBe(404);

    expect((await callJson<{ status: string }>(`/api/projects/${project.id}`, { key: user.key })).status).toBe('deployed');
  });

  it('serves the stable project label from the newest live deployment, superseding the older one', async () => {
    const user = await createUser();
    const project = await generatedProject(user, 'todo-list');
    const first = await deploy(user, project.id);
    await call(`/api/projects/${project.id}/files/index.html`, {
      key: user.key,
      method: 'PUT',
      body: '<!doctype html><html><head><title>v2</title></head><body>v2</body></html>',
      headers: { 'content-type': 'text/html' },
    });
    const second = await deploy(user, project.id);
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

  it('gives one deployment and one manifest when the same message is delivered twice', async () => {
    const user = await createUser();
    const project = await generatedProject(user, 'landing-page');
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
    await call(`/api/projects/${project.id}/files/src/app.js`, {
      key: user.key,
      method: 'PUT',
      body: 'export function broken( {\n',
      headers: { 'content-type': 'text/javascript' },
    });
    const failed = await deploy(user, project.id);
    expect(failed.status).toBe('failed');
    expect(failed.url).toBeNull();
    expect(failed.error).toContain('index.html: missing');
    expect(failed.error).toMatch(/src\/app\.js:\d+:\d+: /);
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

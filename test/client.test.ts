// The typed client TypeScript users get from `hono/client` and the exported `AppType`, against the Worker.
import { exports } from 'cloudflare:workers';
import { hc } from 'hono/client';
import { describe, expect, it } from 'vitest';
import type { AppType } from '../src/app';
import { API, createUser } from './helpers';

/** A client that sends its requests through the Worker's fetch handler, as `npm run dev` would answer them. */
function clientFor(key: string) {
  return hc<AppType>(API, {
    headers: { Authorization: `Bearer ${key}` },
    fetch: (input: RequestInfo | URL, init?: RequestInit) => exports.default.fetch(new Request(input, init)),
  });
}

describe('typed client', () => {
  it('creates, lists and reads a project with response types taken from the routes', async () => {
    const user = await createUser();
    const client = clientFor(user.key);

    const created = await client.api.projects.$post({ json: { name: 'Typed', description: 'Made by hc' } });
    expect(created.status).toBe(201);
    if (created.status !== 201) return;
    const project = await created.json();
    // Assignments the type checker would refuse if the response type did not flow from ProjectSchema.
    const name: string = project.name;
    const templateId: string | null = project.templateId;
    expect({ name, templateId }).toEqual({ name: 'Typed', templateId: null });

    const listed = await client.api.projects.$get({ query: { limit: '10' } });
    expect(listed.status).toBe(200);
    if (listed.status !== 200) return;
    expect((await listed.json()).map((entry) => entry.id)).toEqual([project.id]);

    const read = await client.api.projects[':projectId'].$get({ param: { projectId: project.id } });
    expect(read.status).toBe(200);
    if (read.status !== 200) return;
    const again = await read.json();
    const status: 'draft' | 'planned' | 'generating' | 'generated' | 'deployed' = again.status;
    expect({ ...again, status }).toEqual(project);
  });

  it('gets the problem a route declares for an unknown project, typed by status', async () => {
    const user = await createUser();
    const read = await clientFor(user.key).api.projects[':projectId'].$get({ param: { projectId: '019b0b3c-5f1e-7000-8a3d-1c2b4e5f6a7b' } });
    expect(read.status).toBe(404);
    if (read.status !== 404) return;
    const problem = await read.json();
    const detail: string = problem.detail;
    expect(detail).toContain('project');
  });
});

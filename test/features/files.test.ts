// A project's files: listing, raw reads, hand edits, archives, limits, and deletion that leaves nothing behind.
import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { createDb } from '../../src/db/client';
import { files, fileVersions, plans, planSteps } from '../../src/db/schema';
import { storeFiles } from '../../src/features/files/service';
import type { BuildPlan } from '../../src/features/plans/service';
import { call, callJson, createProject, createUser } from '../helpers';
import type { TestUser } from '../helpers';

interface FileEntry {
  path: string;
  language: string;
  size: number;
  sha256: string;
  updatedAt: string;
}

/** A project with the todo template's first step (its logic module) generated. */
async function projectWithLogic(user: TestUser) {
  const project = await createProject(user);
  const plan = await callJson<BuildPlan>(`/api/projects/${project.id}/plans`, { key: user.key, body: { templateId: 'todo-list' }, expect: 201 });
  await callJson(`/api/projects/${project.id}/generate`, { key: user.key, body: { planId: plan.id, stepId: plan.steps[0]!.id } });
  return { project, plan };
}

const putFile = (user: TestUser, projectId: string, path: string, content: string) =>
  call(`/api/projects/${projectId}/files/${path}`, { key: user.key, method: 'PUT', body: content, headers: { 'content-type': 'text/plain' } });

describe('storeFiles', () => {
  it('stores a step of 250 files at once, replaces them, and removes 150, within D1 statement limits', async () => {
    const user = await createUser();
    const project = await createProject(user);
    const db = createDb(env.DB);
    const writes = Array.from({ length: 250 }, (_, index) => ({ path: `src/parts/p${index}.js`, content: `export const n = ${index};\n` }));
    const edit = { planId: null, stepId: null, source: 'edit' };
    expect((await storeFiles(db, env.FILES, project.id, writes, edit)).rows).toHaveLength(250);
    const again = writes.slice(0, 100).map((write) => ({ ...write, content: write.content + '// v2\n' }));
    const removed = writes.slice(100).map((write) => write.path);
    const { rows: stored } = await storeFiles(db, env.FILES, project.id, again, edit, { removed });
    expect(stored.map((row) => row.version)).toEqual(Array(100).fill(2));
    expect(await db.select().from(files).where(eq(files.projectId, project.id))).toHaveLength(100);
  });
});

describe('files', () => {
  it('lists current files and serves one raw, with its content type and hash as ETag', async () => {
    const user = await createUser();
    const { project } = await projectWithLogic(user);
    const listed = await callJson<FileEntry[]>(`/api/projects/${project.id}/files`, { key: user.key });
    expect(listed.map((file) => file.path)).toEqual(['src/lib/todos.js']);
    expect(listed[0]).toMatchObject({ language: 'javascript' });

    const raw = await call(`/api/projects/${project.id}/files/src/lib/todos.js`, { key: user.key });
    expect(raw.status).toBe(200);
    expect(raw.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(raw.headers.get('etag')).toBe(`"${listed[0]!.sha256}"`);
    expect(await raw.text()).toContain('export function');
  });

  it('stores a hand edit as a new version', async () => {
    const user = await createUser();
    const { project } = await projectWithLogic(user);
    const response = await putFile(user, project.id, 'src/lib/todos.js', 'export const edited = true;\n');
    expect(response.status).toBe(200);
    expect(await response.json<FileEntry>()).toMatchObject({ path: 'src/lib/todos.js', size: 28 });
    expect(await (await call(`/api/projects/${project.id}/files/src/lib/todos.js`, { key: user.key })).text()).toBe('export const edited = true;\n');
    const versions = await createDb(env.DB).select().from(fileVersions).where(eq(fileVersions.projectId, project.id));
    expect(versions.map((version) => [version.version, version.source]).sort()).toEqual([
      [1, 'offline'],
      [2, 'edit'],
    ]);
  });

  it('creates a new file by hand, in a nested folder', async () => {
    const user = await createUser();
    const project = await createProject(user);
    expect((await putFile(user, project.id, 'docs/notes/readme.md', '# Notes\n')).status).toBe(200);
    const listed = await callJson<FileEntry[]>(`/api/projects/${project.id}/files`, { key: user.key });
    expect(listed).toEqual([expect.objectContaining({ path: 'docs/notes/readme.md', language: 'markdown' })]);
  });

  it('addresses a file by its path URL-encoded as one segment, and by the same path with its slashes', async () => {
    const user = await createUser();
    const project = await createProject(user);
    const encoded = encodeURIComponent('src/lib/notes.js');
    expect(encoded).toBe('src%2Flib%2Fnotes.js');
    expect((await putFile(user, project.id, encoded, 'export const notes = [];\n')).status).toBe(200);

    const listed = await callJson<FileEntry[]>(`/api/projects/${project.id}/files`, { key: user.key });
    expect(listed.map((entry) => entry.path)).toEqual(['src/lib/notes.js']);
    for (const path of [encoded, 'src/lib/notes.js']) {
      const response = await call(`/api/projects/${project.id}/files/${path}`, { key: user.key });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
      expect(await response.text()).toBe('export const notes = [];\n');
    }
  });

  it.each([
    ['a parent segment', 'src/..%2Fsecret.js'],
    ['a backslash', 'src%5Cwin.js'],
    ['an empty segment', 'src//x.js'],
    ['a path over 255 characters', 'a/'.repeat(130) + 'x.js'],
  ])('refuses %s with a 400', async (_name, path) => {
    const user = await createUser();
    const project = await createProject(user);
    const response = await putFile(user, project.id, path, 'x');
    expect(response.status).toBe(400);
    expect((await response.json<{ errors: { location: string }[] }>()).errors[0]?.location).toBe('path');
  });

  it('refuses a file over 1 MiB with a 413', async () => {
    const user = await createUser();
    const project = await createProject(user);
    expect((await putFile(user, project.id, 'big.txt', 'x'.repeat(1024 * 1024 + 1))).status).toBe(413);
    expect(await callJson<FileEntry[]>(`/api/projects/${project.id}/files`, { key: user.key })).toEqual([]);
  });

  it('refuses to grow a project past 50 MiB with a 413, keeping what it had', async () => {
    const user = await createUser();
    const project = await createProject(user);
    const mebibyte = (seed: number) => String(seed).padEnd(1024 * 1024, '.');
    for (let index = 0; index < 50; index += 1) {
      expect((await putFile(user, project.id, `part-${index}.txt`, mebibyte(index))).status).toBe(200);
    }
    expect((await putFile(user, project.id, 'one-too-many.txt', 'x')).status).toBe(413);
    // Replacing a file with one of the same size still fits.
    expect((await putFile(user, project.id, 'part-0.txt', mebibyte(99))).status).toBe(200);
    const listed = await callJson<FileEntry[]>(`/api/projects/${project.id}/files?limit=200`, { key: user.key });
    expect(listed).toHaveLength(50);
  });

  it('refuses contents that are not UTF-8', async () => {
    const user = await createUser();
    const project = await createProject(user);
    const response = await call(`/api/projects/${project.id}/files/x.bin`, {
      key: user.key,
      method: 'PUT',
      body: new Uint8Array([0x68, 0x69, 0xff, 0xfe]),
      headers: { 'content-type': 'application/octet-stream' },
    });
    expect(response.status).toBe(400);
    expect(await callJson<FileEntry[]>(`/api/projects/${project.id}/files`, { key: user.key })).toEqual([]);
  });

  it('pages files in path order through Link', async () => {
    const user = await createUser();
    const project = await createProject(user);
    for (const name of ['c.txt', 'a.txt', 'b.txt']) await putFile(user, project.id, name, name);
    const first = await call(`/api/projects/${project.id}/files?limit=2`, { key: user.key });
    expect((await first.json<FileEntry[]>()).map((file) => file.path)).toEqual(['a.txt', 'b.txt']);
    const next = /<([^>]+)>/.exec(first.headers.get('Link') ?? '')?.[1];
    expect((await callJson<FileEntry[]>(next!, { key: user.key })).map((file) => file.path)).toEqual(['c.txt']);
  });

  it('streams a zip of the current files', async () => {
    const user = await createUser();
    const { project } = await projectWithLogic(user);
    await putFile(user, project.id, 'notes.md', 'hello');
    const response = await call(`/api/projects/${project.id}/archive`, { key: user.key });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/zip');
    const entries = unzipSync(new Uint8Array(await response.arrayBuffer()));
    expect(Object.keys(entries).sort()).toEqual(['notes.md', 'src/lib/todos.js']);
    expect(strFromU8(entries['notes.md']!)).toBe('hello');
  });
});

describe('files: another organisation', () => {
  it('gets 404 on every file route and on generation and plans', async () => {
    const owner = await createUser();
    const intruder = await createUser();
    const { project, plan } = await projectWithLogic(owner);
    const base = `/api/projects/${project.id}`;
    for (const [method, path, body] of [
      ['GET', `${base}/files`],
      ['GET', `${base}/files/src/lib/todos.js`],
      ['PUT', `${base}/files/src/lib/todos.js`, 'hacked'],
      ['GET', `${base}/archive`],
      ['GET', `${base}/plans`],
      ['POST', `${base}/plans`, {}],
      ['POST', `${base}/generate`, { planId: plan.id, stepId: plan.steps[0]!.id }],
    ] as const) {
      const headers = typeof body === 'string' ? { 'content-type': 'text/plain' } : undefined;
      const response = await call(path, { key: intruder.key, method, body, headers });
      expect(response.status, `${method} ${path}`).toBe(404);
    }
    expect(await (await call(`${base}/files/src/lib/todos.js`, { key: owner.key })).text()).not.toBe('hacked');
  });

  it('gets 404, not 400, for a body that is not UTF-8, and the same 404 restoring or diffing a version the project lacks', async () => {
    const owner = await createUser();
    const intruder = await createUser();
    const { project } = await projectWithLogic(owner);
    const base = `/api/projects/${project.id}`;
    const notUtf8 = await call(`${base}/files/index.html`, { key: intruder.key, method: 'PUT', body: new Uint8Array([0xff, 0xfe, 0x00]), headers: { 'content-type': 'text/plain' } });
    expect(notUtf8.status).toBe(404);
    expect(await notUtf8.json()).toMatchObject({ detail: expect.stringContaining('No project') });
    for (const [method, path] of [['POST', `${base}/versions/999/restore`], ['GET', `${base}/versions/999/diff`]] as const) {
      const response = await call(path, { key: intruder.key, method });
      expect(response.status, `${method} ${path}`).toBe(404);
      expect(await response.json(), `${method} ${path}`).toMatchObject({ detail: expect.stringContaining('No project') });
    }
  });
});

describe('deleting a project', () => {
  it('removes its plans, steps, file rows and the blobs no other project uses', async () => {
    const user = await createUser();
    const { project } = await projectWithLogic(user);
    const twin = await projectWithLogic(user);
    await putFile(user, project.id, 'only-here.txt', `unique ${project.id}`);
    const db = createDb(env.DB);
    const rows = await db.select().from(files).where(eq(files.projectId, project.id));
    const shared = rows.find((row) => row.path === 'src/lib/todos.js');
    const unique = rows.find((row) => row.path === 'only-here.txt');

    await callJson(`/api/projects/${project.id}`, { key: user.key, method: 'DELETE' });

    for (const table of [plans, planSteps, files, fileVersions]) {
      expect(await db.select().from(table).where(eq(table.projectId, project.id))).toEqual([]);
    }
    expect(await env.FILES.head(`blobs/${unique!.sha256}`)).toBeNull();
    // The twin project generated the same file: its blob stays and still reads.
    expect(await env.FILES.head(`blobs/${shared!.sha256}`)).not.toBeNull();
    expect((await call(`/api/projects/${twin.project.id}/files/src/lib/todos.js`, { key: user.key })).status).toBe(200);
  });
});

// Versions: one per change, numbered per project, full file states, diffs, restores, and their routes.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { createDb } from '../../src/db/client';
import { commitChange, diffVersion, getVersion, listVersions, restoreVersion } from '../../src/features/versions/service';
import type { Deployment } from '../../src/features/deployments/routes';
import type { VersionBody } from '../../src/features/versions/routes';
import { call, callJson, createProject, createUser, deployProject, editFile, generateProject } from '../helpers';

const db = () => createDb(env.DB);

async function newProject() {
  const user = await createUser();
  return { user, project: await createProject(user) };
}

describe('commitChange', () => {
  it('makes one numbered version per change, with the full file state and what changed', async () => {
    const { project } = await newProject();
    const first = await commitChange(db(), env.FILES, {
      projectId: project.id,
      source: 'generate',
      summary: 'Generated step "Logic"',
      model: 'offline',
      writes: [
        { path: 'a.js', content: 'export const a = 1;\n' },
        { path: 'b.js', content: 'export const b = 1;\n' },
      ],
    });
    expect(first.version).toMatchObject({ number: 1, source: 'generate', model: 'offline', files: [{ path: 'a.js', change: 'added' }, { path: 'b.js', change: 'added' }] });
    expect(first.rows.map((row) => row.path)).toEqual(['a.js', 'b.js']);

    const second = await commitChange(db(), env.FILES, {
      projectId: project.id,
      source: 'edit',
      summary: 'Edited a.js',
      writes: [{ path: 'a.js', content: 'export const a = 2;\n' }, { path: 'c.js', content: 'export const c = 3;\n' }],
      deletes: ['b.js'],
    });
    expect(second.version).toMatchObject({ number: 2, source: 'edit', model: null });
    expect(second.version.files).toEqual([
      { path: 'a.js', change: 'modified' },
      { path: 'b.js', change: 'deleted' },
      { path: 'c.js', change: 'added' },
    ]);
    const { snapshot } = await getVersion(db(), project.id, 2);
    expect(snapshot.map((file) => file.path)).toEqual(['a.js', 'c.js']);
    expect((await listVersions(db(), project.id, { limit: 10 })).map((version) => version.number)).toEqual([2, 1]);
  });

  it('gives concurrent changes distinct numbers, each version holding the state its own batch left', async () => {
    const { project } = await newProject();
    const changes = await Promise.all(
      Array.from({ length: 8 }, (_, index) =>
        commitChange(db(), env.FILES, { projectId: project.id, source: 'edit', summary: `Edit ${index}`, writes: [{ path: `f${index}.js`, content: `export const n = ${index};\n` }] }),
      ),
    );
    const numbers = changes.map((change) => change.version.number).sort((a, b) => a - b);
    expect(numbers).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    for (const change of changes) {
      const { snapshot } = await getVersion(db(), project.id, change.version.number);
      expect(snapshot).toHaveLength(change.version.number);
      expect(change.version.files).toHaveLength(1);
    }
  });
});

describe('diffVersion and restoreVersion', () => {
  it('diffs a version against the one before, and restores an old state byte for byte as a new version', async () => {
    const { project } = await newProject();
    const original = '<h1>Chores</h1>\n';
    await commitChange(db(), env.FILES, { projectId: project.id, source: 'generate', summary: 'Page', writes: [{ path: 'index.html', content: original }] });
    await commitChange(db(), env.FILES, {
      projectId: project.id,
      source: 'edit',
      summary: 'Rename',
      writes: [{ path: 'index.html', content: '<h1>Chore Wheel</h1>\n' }, { path: 'extra.css', content: 'h1 { color: teal; }\n' }],
    });
    expect(await diffVersion(db(), env.FILES, project.id, 2)).toBe(
      '--- /dev/null\n+++ b/extra.css\n@@ -0,0 +1,1 @@\n+h1 { color: teal; }\n' +
        '--- a/index.html\n+++ b/index.html\n@@ -1,1 +1,1 @@\n-<h1>Chores</h1>\n+<h1>Chore Wheel</h1>\n',
    );
    const restored = await restoreVersion(db(), env.FILES, { projectId: project.id, number: 1 });
    expect(restored).toMatchObject({ number: 3, source: 'restore', files: [{ path: 'extra.css', change: 'deleted' }, { path: 'index.html', change: 'modified' }] });
    const [one, three] = [await getVersion(db(), project.id, 1), await getVersion(db(), project.id, 3)];
    expect(three.snapshot).toEqual(one.snapshot);
  });
});

describe('versions routes', () => {
  it('records a hand edit as an edit version, lists newest first in pages, shows its snapshot and diff, and undoes it byte for byte', async () => {
    const { user, project } = await newProject();
    const base = `/api/projects/${project.id}`;
    await editFile(user, project.id, 'index.html', '<!doctype html>\n<title>Chores</title>\n', 'text/html');
    await editFile(user, project.id, 'index.html', '<!doctype html>\n<title>Chore Wheel</title>\n', 'text/html');
    await editFile(user, project.id, 'styles.css', 'body { color: teal; }\n', 'text/css');

    const first = await call(`${base}/versions?limit=2`, { key: user.key });
    const page = (await first.json()) as VersionBody[];
    expect(page.map((version) => [version.number, version.source, version.summary])).toEqual([
      [3, 'edit', 'Edited styles.css'],
      [2, 'edit', 'Edited index.html'],
    ]);
    const next = /<([^>]+)>; rel="next"/.exec(first.headers.get('link') ?? '')![1]!;
    expect((await callJson<VersionBody[]>(next, { key: user.key })).map((version) => version.number)).toEqual([1]);

    const two = await callJson<VersionBody & { snapshot: { path: string; sha256: string; size: number }[] }>(`${base}/versions/2`, { key: user.key });
    expect(two.files).toEqual([{ path: 'index.html', change: 'modified' }]);
    expect(two.snapshot).toEqual([{ path: 'index.html', sha256: expect.stringMatching(/^[0-9a-f]{64}$/), size: 43 }]);

    const diff = await call(`${base}/versions/2/diff`, { key: user.key });
    expect(diff.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(await diff.text()).toBe('--- a/index.html\n+++ b/index.html\n@@ -1,2 +1,2 @@\n <!doctype html>\n-<title>Chores</title>\n+<title>Chore Wheel</title>\n');

    const undo = await callJson<VersionBody>(`${base}/versions/1/restore`, { key: user.key, method: 'POST', expect: 201 });
    expect(undo).toMatchObject({ number: 4, source: 'restore', summary: 'Restored version 1', files: [{ path: 'index.html', change: 'modified' }, { path: 'styles.css', change: 'deleted' }] });
    expect(await (await call(`${base}/files/index.html`, { key: user.key })).text()).toBe('<!doctype html>\n<title>Chores</title>\n');
    expect((await call(`${base}/files/styles.css`, { key: user.key })).status).toBe(404);
  });

  it('is a 404 for a version the project does not have', async () => {
    const { user, project } = await newProject();
    for (const path of ['versions/1', 'versions/1/diff']) expect((await call(`/api/projects/${project.id}/${path}`, { key: user.key })).status).toBe(404);
    expect((await call(`/api/projects/${project.id}/versions/1/restore`, { key: user.key, method: 'POST' })).status).toBe(404);
  });

  it('is a 404 for another organisation on the list, a version, its diff and its restore, which changes nothing', async () => {
    const { user, project } = await newProject();
    await editFile(user, project.id, 'index.html', '<h1>Mine</h1>\n', 'text/html');
    const intruder = await createUser('Intruder');
    const base = `/api/projects/${project.id}/versions`;
    for (const path of [base, `${base}/1`, `${base}/1/diff`]) expect((await call(path, { key: intruder.key })).status).toBe(404);
    expect((await call(`${base}/1/restore`, { key: intruder.key, method: 'POST' })).status).toBe(404);
    expect((await callJson<VersionBody[]>(base, { key: user.key })).map((version) => version.number)).toEqual([1]);
  });

  it('answers each of 10 concurrent PUTs of one path with its own write (issue 16 #11)', async () => {
    const { user, project } = await newProject();
    const bodies = Array.from({ length: 10 }, (_, index) => `export const writer = ${index};\n`);
    const answers = await Promise.all(
      bodies.map(async (body) => {
        const response = await call(`/api/projects/${project.id}/files/src/shared.js`, { key: user.key, method: 'PUT', body, headers: { 'content-type': 'text/javascript' } });
        return (await response.json()) as { sha256: string; size: number };
      }),
    );
    for (const [index, body] of bodies.entries()) {
      const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(body));
      expect(answers[index]!.sha256).toBe(Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join(''));
    }
    const listed = await callJson<VersionBody[]>(`/api/projects/${project.id}/versions?limit=20`, { key: user.key });
    expect(listed.map((version) => version.number)).toEqual([10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
  });

  it('makes a generate version per step, with the model, and a deployment records the version it published', async () => {
    const user = await createUser();
    const project = await generateProject(user, 'todo-list');
    const listed = await callJson<VersionBody[]>(`/api/projects/${project.id}/versions`, { key: user.key });
    expect(listed.length).toBeGreaterThan(1);
    expect(listed.every((version) => version.source === 'generate' && version.model === 'offline' && version.checks?.ok === true)).toBe(true);
    const deployment: Deployment = await deployProject(user, project.id);
    expect(deployment).toMatchObject({ status: 'live', versionId: listed[0]!.id });
  });
});

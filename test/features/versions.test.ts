// Versions: one per change, numbered per project, full file states, diffs, restores, and their routes.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { createDb } from '../../src/db/client';
import { commitChange, diffVersion, getVersion, listVersions, restoreVersion } from '../../src/features/versions/service';
import { createProject, createUser } from '../helpers';

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

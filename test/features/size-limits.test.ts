// Size limits the other feature tests do not reach: projects per organisation and the code a fix request may carry.
// (Bodies over 1 MiB: conventions.test.ts; files over 1 MiB and projects over 50 MiB: files.test.ts;
// messages over 32,000 characters: chat.test.ts and agency.test.ts; event data: analytics.test.ts.)
import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createDb } from '../../src/db/client';
import { projects } from '../../src/db/schema';
import type { ProjectRow } from '../../src/db/schema';
import { MAX_PROJECTS_PER_ORGANISATION } from '../../src/features/projects/service';
import { MAX_CODE_BYTES } from '../../src/features/self-heal/service';
import { nowIso, uuidv7 } from '../../src/lib/ids';
import { call, callJson, createProject, createUser } from '../helpers';
import type { TestUser } from '../helpers';

/** Fills the user's organisation with projects up to `count`, straight into D1. */
async function fillOrganisation(user: TestUser, count: number) {
  const db = createDb(env.DB);
  const now = nowIso();
  const rows: ProjectRow[] = Array.from({ length: count }, (_, index) => ({
    id: uuidv7(),
    organisationId: user.organisationId,
    ownerId: user.userId,
    name: `Project ${index}`,
    description: '',
    templateId: null,
    status: 'draft',
    createdAt: now,
    updatedAt: now,
  }));
  // D1 bounds the parameters of a statement: ten rows of nine columns each.
  const inserts = Array.from({ length: Math.ceil(count / 10) }, (_, chunk) => db.insert(projects).values(rows.slice(chunk * 10, chunk * 10 + 10)));
  await db.batch(inserts as [(typeof inserts)[number], ...(typeof inserts)[number][]]);
}

const create = (user: TestUser) => call('/api/projects', { key: user.key, body: { name: 'One more' } });

describe('projects per organisation', () => {
  it(`creates the ${MAX_PROJECTS_PER_ORGANISATION}th project and answers the next with 409`, async () => {
    const user = await createUser();
    await fillOrganisation(user, MAX_PROJECTS_PER_ORGANISATION - 1);
    expect((await create(user)).status).toBe(201);

    const refused = await create(user);
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({ detail: expect.stringContaining(`${MAX_PROJECTS_PER_ORGANISATION} projects`) });
    expect(await createDb(env.DB).$count(projects, eq(projects.organisationId, user.organisationId))).toBe(MAX_PROJECTS_PER_ORGANISATION);
  });

  it('makes room again when a project is deleted', async () => {
    const user = await createUser();
    await fillOrganisation(user, MAX_PROJECTS_PER_ORGANISATION - 1);
    const last = await createProject(user);
    expect((await create(user)).status).toBe(409);
    await callJson(`/api/projects/${last.id}`, { key: user.key, method: 'DELETE' });
    expect((await create(user)).status).toBe(201);
  });

  it("counts each organisation's projects on its own", async () => {
    const full = await createUser();
    await fillOrganisation(full, MAX_PROJECTS_PER_ORGANISATION);
    expect((await create(await createUser())).status).toBe(201);
  });
});

describe('code a fix request carries', () => {
  it(`answers code over ${MAX_CODE_BYTES} bytes with a 400 on #/code`, async () => {
    const user = await createUser();
    const project = await createProject(user);
    const response = await call('/api/self-heal/fix', {
      key: user.key,
      body: { projectId: project.id, code: 'x'.repeat(MAX_CODE_BYTES + 1), errors: [] },
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ errors: [{ pointer: '#/code' }] });
  });
});

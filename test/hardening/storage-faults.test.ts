// D1 and R2 failing under the API: what the user sees (a 503 to retry, never a 500 with a stack)
// and that nothing was half-written: no index row without its blob, no step left claimed for good,
// no idempotency key left blocking its retries.
import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createDb } from '../../src/db/client';
import { files, fileVersions, idempotencyKeys, planSteps } from '../../src/db/schema';
import type { BuildPlan } from '../../src/features/plans/service';
import { API, callJson, createProject, createUser } from '../helpers';
import type { TestUser } from '../helpers';
import { faultyBucket, FaultyD1, fetchWith } from './faulty-bindings';
import { FIXTURES, requestFor } from './fixtures';
import { expectProblem, expectWellFormed, loadOperations } from './openapi';

const operations = await loadOperations();
const db = createDb(env.DB);

/** The first step of a new todo-list plan, ready to generate. */
async function planned(user: TestUser) {
  const project = await createProject(user, { name: 'Faults' });
  const plan = await callJson<BuildPlan>(`/api/projects/${project.id}/plans`, { key: user.key, body: { templateId: 'todo-list' }, expect: 201 });
  return { project, plan };
}

const generateRequest = (user: TestUser, projectId: string, body: { planId: string; stepId: string }) =>
  new Request(`${API}/api/projects/${projectId}/generate`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${user.key}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

/** Every index row of the project names a blob that exists. */
async function expectEveryIndexedBlob(projectId: string) {
  const rows = [...(await db.select().from(files).where(eq(files.projectId, projectId))), ...(await db.select().from(fileVersions).where(eq(fileVersions.projectId, projectId)))];
  for (const row of rows) expect(await env.FILES.head(`blobs/${row.sha256}`), `${row.path} → blobs/${row.sha256}`).not.toBeNull();
}

describe('D1 failing', () => {
  it('answers 503 with Retry-After and a problem document, not a 500, when D1 cannot serve a request', async () => {
    const user = await createUser();
    const outage = new FaultyD1(env.DB, { from: 0, count: Infinity });
    const response = await fetchWith({ DB: outage.binding }, new Request(`${API}/api/projects`, { headers: { Authorization: `Bearer ${user.key}` } }));
    expect(response.headers.get('Retry-After')).toBe('5');
    await expectProblem(response, 503);
  });

  it.each(operations.filter((operation) => operation.method !== 'GET').map((operation) => [operation.key, operation] as const))(
    '%s: a failure of any one of its D1 calls answers 503 or succeeds, never a 500',
    async (_key, operation) => {
      const user = await createUser();
      const arranged = (await FIXTURES[operation.key]?.(user)) ?? { ids: {}, body: undefined };
      const counting = new FaultyD1(env.DB, { from: 0, count: 0 });
      await fetchWith({ DB: counting.binding }, requestFor(operation, arranged, user.key));
      for (let call = 0; call < counting.calls; call += 1) {
        const blip = new FaultyD1(env.DB, { from: call, count: 1 });
        const response = await fetchWith({ DB: blip.binding }, requestFor(operation, arranged, user.key));
        if (response.status !== 503) await expectWellFormed(response, `${operation.key} with D1 call ${call} failing`);
        else {
          expect(response.headers.get('Retry-After')).toBe('5');
          await expectProblem(response, 503);
        }
      }
    },
  );

  it('leaves a step whose files D1 could not index claimed only until the claim is stale, then generates it', async () => {
    const user = await createUser();
    const { project, plan } = await planned(user);
    const step = plan.steps[0]!;
    const target = { planId: plan.id, stepId: step.id };
    // D1 goes down as the files are indexed, so the step cannot be marked failed either.
    const outage = new FaultyD1(env.DB, { startsAt: /insert into "file_versions"/, from: 0, count: Infinity });
    await expectProblem(await fetchWith({ DB: outage.binding }, generateRequest(user, project.id, target)), 503);
    expect(await db.select().from(files).where(eq(files.projectId, project.id))).toEqual([]);
    expect((await db.select().from(planSteps).where(eq(planSteps.id, step.id)))[0]?.status).toBe('generating');
    await expectProblem(await fetchWith({}, generateRequest(user, project.id, target)), 409);

    // Ten minutes on, no generation can still be running: the claim is stale.
    await db.update(planSteps).set({ updatedAt: new Date(Date.now() - 11 * 60_000).toISOString() }).where(eq(planSteps.id, step.id));
    expect((await fetchWith({}, generateRequest(user, project.id, target))).status).toBe(200);
    expect((await db.select().from(files).where(eq(files.projectId, project.id))).map((row) => row.path)).toEqual(step.files);
    await expectEveryIndexedBlob(project.id);
  });

  it('releases an Idempotency-Key whose request D1 cut off once the claim is stale, so that its retry runs', async () => {
    const user = await createUser();
    const create = () =>
      new Request(`${API}/api/projects`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${user.key}`, 'content-type': 'application/json', 'Idempotency-Key': 'cut-off' },
        body: JSON.stringify({ name: 'Cut off' }),
      });
    // D1 goes down once the key is claimed: the project is not inserted, and the claim cannot be released.
    const outage = new FaultyD1(env.DB, { startsAt: /insert into "projects"/, from: 0, count: Infinity });
    await expectProblem(await fetchWith({ DB: outage.binding }, create()), 503);
    await expectProblem(await fetchWith({}, create()), 409);

    await db.update(idempotencyKeys).set({ createdAt: new Date(Date.now() - 16 * 60_000).toISOString() }).where(eq(idempotencyKeys.key, 'cut-off'));
    expect((await fetchWith({}, create())).status).toBe(201);
    expect(await callJson<unknown[]>('/api/projects', { key: user.key })).toHaveLength(1);
  });
});

describe('R2 failing half-way through a generation', () => {
  it('answers a 500 problem, indexes none of the step\'s files, marks it failed, and generates it once R2 works', async () => {
    const user = await createUser();
    const { project, plan } = await planned(user);
    const [first, second] = plan.steps;
    await callJson(`/api/projects/${project.id}/generate`, { key: user.key, body: { planId: plan.id, stepId: first!.id } });
    expect(second!.files.length).toBeGreaterThan(1);
    const halfWay = faultyBucket(env.FILES, 1);

    const failed = await fetchWith({ FILES: halfWay.bucket }, generateRequest(user, project.id, { planId: plan.id, stepId: second!.id }));
    await expectProblem(failed, 500);
    expect(halfWay.puts()).toBeGreaterThan(1);
    expect((await db.select().from(files).where(eq(files.projectId, project.id))).map((row) => row.path)).toEqual(first!.files);
    await expectEveryIndexedBlob(project.id);
    expect((await db.select().from(planSteps).where(eq(planSteps.id, second!.id)))[0]?.status).toBe('failed');

    expect((await fetchWith({}, generateRequest(user, project.id, { planId: plan.id, stepId: second!.id }))).status).toBe(200);
    expect((await db.select().from(files).where(eq(files.projectId, project.id))).map((row) => row.path).sort()).toEqual([...first!.files, ...second!.files].sort());
    await expectEveryIndexedBlob(project.id);
  });
});

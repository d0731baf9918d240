// What one generate step waits for, counted by wrappers over the bindings: D1 round trips
// (each statement run and each batch is one), R2 calls by method (a put follows a head that found
// no blob), and sandboxes the Worker Loader was asked for. Each is a round trip on Cloudflare, and locally a subrequest to a simulator.
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app';
import type { Bindings } from '../../src/app-env';
import type { BuildPlan } from '../../src/features/plans/service';
import { API, call, callJson, createProject, createUser } from '../helpers';
import type { TestUser } from '../helpers';
import { scenario } from '../model-server/scenario';
import { FaultyD1, fetchWith } from './faulty-bindings';

/** An R2 bucket that records the name of each method called on it. */
function countingBucket(real: R2Bucket) {
  const calls: string[] = [];
  const bucket = new Proxy(real, {
    get(target, property) {
      const value = Reflect.get(target, property) as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        calls.push(String(property));
        return (value as (...inner: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { bucket, calls };
}

/** A Worker Loader that counts the sandboxes asked of it. */
function countingLoader(real: WorkerLoader) {
  let loads = 0;
  const loader: WorkerLoader = {
    get: (id, code) => {
      loads += 1;
      return real.get(id, code);
    },
    load: (code) => {
      loads += 1;
      return real.load(code);
    },
  };
  return { loader, loads: () => loads };
}

/** Generates one step (offline unless `model` says) over counting bindings; what it cost, and the paths it wrote. */
async function generateCounted(user: TestUser, projectId: string, planId: string, stepId: string, model = 'offline', settings: Partial<Bindings> = {}) {
  const d1 = new FaultyD1(env.DB, { from: Infinity, count: 0 });
  const r2 = countingBucket(env.FILES);
  const sandbox = countingLoader(env.LOADER);
  const ctx = createExecutionContext();
  const response = await createApp().fetch(
    new Request(`${API}/api/projects/${projectId}/generate`, {
      method: 'POST',
      headers: { authorization: `Bearer ${user.key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ planId, stepId, model }),
    }),
    { ...env, ...settings, DB: d1.binding, FILES: r2.bucket, LOADER: sandbox.loader },
    ctx,
  );
  const written = (await response.json()) as { path: string }[];
  // What the answer waited for: work left to `waitUntil` (the key's request count) comes after it.
  const trips = d1.calls;
  await waitOnExecutionContext(ctx);
  expect(response.status).toBe(200);
  const count = (method: string) => r2.calls.filter((call) => call === method).length;
  // A blob another test stored already (a shared favicon) is found by its head and not put again.
  expect(count('put')).toBeLessThanOrEqual(count('head'));
  const r2Calls = Object.fromEntries([...new Set(r2.calls)].filter((method) => method !== 'put').sort().map((method) => [method, count(method)]));
  return { d1: trips, r2: r2Calls, sandboxes: sandbox.loads(), written: written.map((file) => file.path) };
}

describe('an offline generate step', () => {
  it('claims only a step it may generate, waits for two D1 round trips; reads from R2 only the files it does not rewrite, stores only blobs its index lacks, and loads worker.js only when the step reaches it', async () => {
    const user = await createUser();
    const project = await createProject(user, { name: 'Guests', description: 'A guestbook for our wedding' });
    const plan = await callJson<BuildPlan>(`/api/projects/${project.id}/plans`, { key: user.key, body: { templateId: 'guestbook' }, expect: 201 });
    const step = (title: string) => plan.steps.find((candidate) => candidate.title === title)!.id;
    await callJson('/api/auth/session', { key: user.key });

    // The claim rides the reads' trip, so what refuses a step must refuse it in SQL too: a step
    // claimed by a refused request would stay `generating`, and its real generation below a 409.
    const stranger = await createUser();
    const generate = (key: string, title: string) => call(`/api/projects/${project.id}/generate`, { key, body: { planId: plan.id, stepId: step(title), model: 'offline' } });
    expect((await generate(stranger.key, 'Entry rules')).status).toBe(404);
    expect((await generate(user.key, 'Front-end wiring')).status).toBe(409);
    const stored = await callJson<BuildPlan[]>(`/api/projects/${project.id}/plans`, { key: user.key });
    expect(stored[0]!.steps.map((entry) => entry.status)).toEqual(['pending', 'pending', 'pending', 'pending']);

    const counted = {
      rules: await generateCounted(user, project.id, plan.id, step('Entry rules')),
      api: await generateCounted(user, project.id, plan.id, step('Guestbook API')),
      page: await generateCounted(user, project.id, plan.id, step('Page and styles')),
      wiring: await generateCounted(user, project.id, plan.id, step('Front-end wiring')),
      // The same files again: every blob is in the index, and worker.js imports the rules.
      rulesAgain: await generateCounted(user, project.id, plan.id, step('Entry rules')),
    };
    expect(counted).toEqual({
      // The key check, the project, the plan, the file index, the tests and the claim; then the version with the step done.
      rules: { d1: 2, r2: { head: 1 }, sandboxes: 0, written: ['src/lib/entries.js'] },
      api: { d1: 2, r2: { get: 1, head: 1 }, sandboxes: 1, written: ['worker.js'] },
      page: { d1: 2, r2: { get: 2, head: 3 }, sandboxes: 0, written: ['index.html', 'styles.css', 'favicon.svg'] },
      wiring: { d1: 2, r2: { get: 5, head: 1 }, sandboxes: 0, written: ['src/main.js'] },
      rulesAgain: { d1: 2, r2: { get: 5 }, sandboxes: 1, written: ['src/lib/entries.js'] },
    });
  });
});

describe('a generate step through a model', () => {
  it('waits for the project and the step in one round trip, and refuses with 404 and 409 before the model as offline does', async () => {
    const user = await createUser();
    const project = await createProject(user, { name: 'Todos', description: 'A todo list' });
    const module = 'export function addTodo(list, title) {\n  return [...list, { title, done: false }];\n}\n';
    const planned = {
      features: ['add-todos'],
      techStack: ['html', 'css', 'javascript'],
      steps: [
        { title: 'Logic', description: 'Todo functions', files: ['src/lib/todos.js'], dependsOn: [], features: ['add-todos'] },
        { title: 'Page', description: 'The page', files: ['index.html'], dependsOn: ['Logic'], features: [] },
      ],
    };
    const stub = await scenario({ replies: [{ content: JSON.stringify(planned) }, { content: JSON.stringify({ files: [{ path: 'src/lib/todos.js', content: module }] }) }] });
    const settings: Partial<Bindings> = { OPENAI_BASE_URL: stub.baseUrl, OPENAI_API_KEY: 'sk-stub' };
    const ask = (key: string, path: string, body: unknown) =>
      fetchWith(settings, new Request(API + path, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify(body) }));
    const planResponse = await ask(user.key, `/api/projects/${project.id}/plans`, { templateId: 'todo-list', model: 'openai:stub-model' });
    expect(planResponse.status).toBe(201);
    const plan = await planResponse.json<BuildPlan>();
    const [logic, page] = plan.steps.map((step) => step.id);

    const stranger = await createUser();
    const generate = (key: string, stepId: string) => ask(key, `/api/projects/${project.id}/generate`, { planId: plan.id, stepId, model: 'openai:stub-model' });
    expect((await generate(stranger.key, logic!)).status).toBe(404);
    expect((await generate(user.key, page!)).status).toBe(409);
    expect(await stub.completions()).toHaveLength(1);

    // The key check, the project (whose organisation pays), the plan, the file index and the tests; the claim, once the
    // prompt's files are chosen; the model call's reservation, then its charge; the version with the step done.
    expect(await generateCounted(user, project.id, plan.id, logic!, 'openai:stub-model', settings)).toEqual({ d1: 5, r2: { head: 1 }, sandboxes: 0, written: ['src/lib/todos.js'] });
    expect(await stub.completions()).toHaveLength(2);
    const [report] = await callJson<{ days: { calls: number }[] }[]>('/api/usage', { key: user.key });
    expect(report!.days.map((day) => day.calls)).toEqual([2]);
  });
});

// Generated code is checked as it is written (issue 14): healed before a step is done, never stored broken.
import { env } from 'cloudflare:workers';
import { MockLanguageModelV4 } from 'ai/test';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createDb } from '../../src/db/client';
import { files, planSteps, versions } from '../../src/db/schema';
import { createAiEngine } from '../../src/engine/ai';
import { offlineEngine } from '../../src/engine/offline';
import { findCaller } from '../../src/features/auth/service';
import { generateStep } from '../../src/features/generate/service';
import { createPlan } from '../../src/features/plans/service';
import { createProject, createUser } from '../helpers';

const usage = {
  inputTokens: { total: 10, noCache: 10, cacheRead: undefined, cacheWrite: undefined },
  outputTokens: { total: 20, text: 20, reasoning: undefined },
};

/** A model that answers each call with the next of `answers` (the last one repeats). */
function scriptedEngine(answers: unknown[]) {
  let calls = 0;
  const model = new MockLanguageModelV4({
    doGenerate: async () => {
      const text = JSON.stringify(answers[Math.min(calls, answers.length - 1)]);
      calls += 1;
      return { content: [{ type: 'text', text }], finishReason: { unified: 'stop', raw: undefined }, usage, warnings: [] };
    },
  });
  return createAiEngine(model, 'openai:mock');
}

const fixed = 'export function createTodo(title, id) {\n  return { id, title, done: false };\n}\n';
const broken = 'export function createTodo(title, id) {\n  return { id, title, done: false ;\n}\n';

async function todoPlan() {
  const user = await createUser();
  const project = await createProject(user, { name: 'Todos', description: 'A todo list' });
  const db = createDb(env.DB);
  const { caller } = (await findCaller(db, user.key))!;
  const plan = await createPlan(db, offlineEngine, caller, project.id, { features: [], techStack: [], templateId: 'todo-list' });
  const target = (index: number) => ({ projectId: project.id, planId: plan.id, stepId: plan.steps[index]!.id });
  const stepRow = async (index: number) => (await db.select().from(planSteps).where(eq(planSteps.id, plan.steps[index]!.id)))[0]!;
  const stored = () => db.select().from(files).where(eq(files.projectId, project.id));
  const versionRows = () => db.select().from(versions).where(eq(versions.projectId, project.id));
  return { db, caller, project, plan, target, stepRow, stored, versionRows };
}

describe('generation checked as written', () => {
  it('heals a model-written syntax error before the step is done, and stores the healed file as one version', async () => {
    const { db, caller, target, stepRow, stored, versionRows } = await todoPlan();
    const engine = scriptedEngine([{ files: [{ path: 'src/lib/todos.js', content: broken }] }, { code: fixed, explanation: 'Closed the object literal.' }]);
    const generated = await generateStep(db, env, engine, caller, target(0));
    expect(generated).toEqual([expect.objectContaining({ path: 'src/lib/todos.js', content: fixed })]);
    const step = await stepRow(0);
    expect(step).toMatchObject({ status: 'done', lastError: null });
    expect(step.checks).toMatchObject({ ok: true, healed: [{ path: 'src/lib/todos.js', verified: true }] });
    expect((await stored()).map((row) => row.path)).toEqual(['src/lib/todos.js']);
    const [version] = await versionRows();
    expect(version).toMatchObject({ number: 1, source: 'generate', model: 'openai:mock', checks: { ok: true } });
  });

  it('fails a step whose code cannot be healed, with the reason, storing nothing', async () => {
    const { db, caller, target, stepRow, stored, versionRows } = await todoPlan();
    const engine = scriptedEngine([{ files: [{ path: 'src/lib/todos.js', content: broken }] }, { code: null, explanation: 'I cannot see the error.' }]);
    await expect(generateStep(db, env, engine, caller, target(0))).rejects.toMatchObject({ status: 422 });
    const step = await stepRow(0);
    expect(step.status).toBe('failed');
    expect(step.lastError).toContain('src/lib/todos.js:2:');
    expect(step.checks).toMatchObject({ ok: false, healed: [], parse: { problems: [{ path: 'src/lib/todos.js', line: 2 }] } });
    expect(await stored()).toEqual([]);
    expect(await versionRows()).toEqual([]);
  });

  it('leaves a done step done when its regeneration fails, with lastError, and does not block the steps after it', async () => {
    const { db, caller, plan, target, stepRow, stored } = await todoPlan();
    await generateStep(db, env, offlineEngine, caller, target(0));
    const before = await stored();
    const engine = scriptedEngine([{ files: [{ path: 'src/lib/todos.js', content: broken }] }, { code: null, explanation: 'No idea.' }]);
    await expect(generateStep(db, env, engine, caller, target(0))).rejects.toMatchObject({ status: 422 });
    expect(await stepRow(0)).toMatchObject({ status: 'done', lastError: expect.stringContaining('do not pass the checks') });
    expect(await stored()).toEqual(before);
    const dependent = plan.steps.findIndex((step) => step.dependsOn.includes(plan.steps[0]!.id));
    expect(dependent).toBeGreaterThan(0);
    const dependencies = plan.steps[dependent]!.dependsOn.map((id) => plan.steps.findIndex((step) => step.id === id));
    for (const index of dependencies.filter((index) => index !== 0)) await generateStep(db, env, offlineEngine, caller, target(index));
    await expect(generateStep(db, env, offlineEngine, caller, target(dependent))).resolves.not.toHaveLength(0);
  });
});

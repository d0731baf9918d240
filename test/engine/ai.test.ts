// The model engine, twice: against MockLanguageModelV4, and at the wire with outbound fetch intercepted.
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { MockLanguageModelV4 } from 'ai/test';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createApp } from '../../src/app';
import { createDb } from '../../src/db/client';
import { files, plans, planSteps } from '../../src/db/schema';
import { findCaller } from '../../src/features/auth/service';
import { generateStep } from '../../src/features/generate/service';
import { createPlan } from '../../src/features/plans/service';
import { createAiEngine } from '../../src/engine/ai';
import { Problem } from '../../src/lib/problems';
import { chatCompletion, createProject, createUser } from '../helpers';

const usage = {
  inputTokens: { total: 10, noCache: 10, cacheRead: undefined, cacheWrite: undefined },
  outputTokens: { total: 20, text: 20, reasoning: undefined },
};

/** A mock model that answers each call with the next text of `answers` (the last one repeats). */
function mockModel(answers: string[]) {
  let calls = 0;
  const model = new MockLanguageModelV4({
    doGenerate: async () => {
      const text = answers[Math.min(calls, answers.length - 1)]!;
      calls += 1;
      return { content: [{ type: 'text', text }], finishReason: { unified: 'stop', raw: undefined }, usage, warnings: [] };
    },
  });
  return { model, calls: () => calls };
}

const validPlan = JSON.stringify({
  features: ['add-todos', 'dark-mode'],
  techStack: ['html', 'css', 'javascript'],
  steps: [
    { title: 'Logic', description: 'Todo functions', files: ['src/lib/todos.js'], dependsOn: [], features: ['add-todos'] },
    { title: 'Page', description: 'Page and theme', files: ['index.html', 'styles.css'], dependsOn: ['Logic'], features: ['dark-mode'] },
  ],
});

async function setUp() {
  const user = await createUser();
  const project = await createProject(user, { name: 'Todos', description: 'A todo list with dark mode' });
  const db = createDb(env.DB);
  const { caller } = (await findCaller(db, user.key))!;
  return { db, caller, project };
}

describe('AI engine with MockLanguageModelV4', () => {
  it('stores a valid plan with the model id', async () => {
    const { db, caller, project } = await setUp();
    const { model } = mockModel([validPlan]);
    const plan = await createPlan(db, createAiEngine(model, 'openai:mock'), caller, project.id, {
      features: ['dark mode'],
      techStack: [],
      templateId: 'todo-list',
    });
    expect(plan.model).toBe('openai:mock');
    expect(plan.steps.map((step) => step.title)).toEqual(['Logic', 'Page']);
    expect(plan.steps[1]!.dependsOn).toEqual([plan.steps[0]!.id]);
  });

  it('retries an answer that breaks the plan rules, and keeps the valid second one', async () => {
    const { db, caller, project } = await setUp();
    const cyclic = JSON.parse(validPlan);
    cyclic.steps[0].dependsOn = ['Page'];
    const mock = mockModel([JSON.stringify(cyclic), validPlan]);
    const plan = await createPlan(db, createAiEngine(mock.model, 'openai:mock'), caller, project.id, {
      features: ['dark mode'],
      techStack: [],
      templateId: 'todo-list',
    });
    expect(mock.calls()).toBe(2);
    expect(plan.steps).toHaveLength(2);
  });

  it('refuses two malformed answers with a 502 and stores nothing', async () => {
    const { db, caller, project } = await setUp();
    const mock = mockModel(['this is not json', '{"features": "wrong"}']);
    const attempt = createPlan(db, createAiEngine(mock.model, 'openai:mock'), caller, project.id, {
      features: [],
      techStack: [],
      templateId: 'todo-list',
    });
    await expect(attempt).rejects.toMatchObject({ status: 502 });
    await expect(attempt).rejects.toBeInstanceOf(Problem);
    expect(mock.calls()).toBe(2);
    expect(await db.select().from(plans).where(eq(plans.projectId, project.id))).toEqual([]);
  });

  it('generates a step from the model, recorded as its source', async () => {
    const { db, caller, project } = await setUp();
    const plan = await createPlan(db, createAiEngine(mockModel([validPlan]).model, 'openai:mock'), caller, project.id, {
      features: [],
      techStack: [],
      templateId: 'todo-list',
    });
    const step = plan.steps[0]!;
    const written = mockModel([JSON.stringify({ files: [{ path: 'src/lib/todos.js', content: 'export const todos = [];\n' }] })]);
    const generated = await generateStep(db, env.FILES, createAiEngine(written.model, 'openai:mock'), caller, {
      projectId: project.id,
      planId: plan.id,
      stepId: step.id,
    }, env.ASSETS);
    expect(generated).toEqual([expect.objectContaining({ path: 'src/lib/todos.js', content: 'export const todos = [];\n' })]);
  });

  it('marks the step failed and indexes nothing when the model writes a file outside the step', async () => {
    const { db, caller, project } = await setUp();
    const plan = await createPlan(db, createAiEngine(mockModel([validPlan]).model, 'openai:mock'), caller, project.id, {
      features: [],
      techStack: [],
      templateId: 'todo-list',
    });
    const stray = mockModel([JSON.stringify({ files: [{ path: '../evil.js', content: 'x' }] })]);
    const attempt = generateStep(db, env.FILES, createAiEngine(stray.model, 'openai:mock'), caller, {
      projectId: project.id,
      planId: plan.id,
      stepId: plan.steps[0]!.id,
    }, env.ASSETS);
    await expect(attempt).rejects.toMatchObject({ status: 502 });
    expect(await db.select().from(files).where(eq(files.projectId, project.id))).toEqual([]);
    const [step] = await db.select().from(planSteps).where(eq(planSteps.id, plan.steps[0]!.id));
    expect(step?.status).toBe('failed');
  });
});

describe('AI engine at the wire', () => {
  afterEach(() => vi.restoreAllMocks());

  /** The app with OpenAI configured to a local base URL, as a deployment with secrets would run. */
  async function callConfigured(request: Request) {
    const configured = { ...env, OPENAI_API_KEY: 'sk-test-key', OPENAI_BASE_URL: 'https://llm.example.test/v1' };
    const ctx = createExecutionContext();
    const response = await createApp().fetch(request, configured, ctx);
    await waitOnExecutionContext(ctx);
    return response;
  }

  it('uses the base URL and key, retries a malformed reply, then answers 502 with nothing stored', async () => {
    const user = await createUser();
    const project = await createProject(user);
    const outbound = vi.spyOn(globalThis, 'fetch').mockImplementation(async () => chatCompletion('{"features": 42'));

    const response = await callConfigured(
      new Request(`http://localhost:8787/api/projects/${project.id}/plans`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${user.key}`, 'content-type': 'application/json' },
        body: JSON.stringify({ templateId: 'todo-list', model: 'openai:gpt-4.1-mini' }),
      }),
    );

    expect(response.status).toBe(502);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(outbound).toHaveBeenCalledTimes(2);
    const [url, init] = outbound.mock.calls[0]!;
    expect(String(url)).toBe('https://llm.example.test/v1/chat/completions');
    expect(new Headers(init?.headers).get('authorization')).toBe('Bearer sk-test-key');
    expect(JSON.parse(String(init?.body)).model).toBe('gpt-4.1-mini');
    expect(await createDb(env.DB).select().from(plans).where(eq(plans.projectId, project.id))).toEqual([]);
  });

  it('stores the plan when the wire answers valid JSON, and lists the OpenAI models', async () => {
    const user = await createUser();
    const project = await createProject(user);
    vi.spyOn(globalThis, 'fetch').mockImplementation(async () => chatCompletion(validPlan));
    const response = await callConfigured(
      new Request(`http://localhost:8787/api/projects/${project.id}/plans`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${user.key}`, 'content-type': 'application/json' },
        body: JSON.stringify({ templateId: 'todo-list' }),
      }),
    );
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({ model: 'openai:gpt-4.1-mini' });

    const models = await callConfigured(new Request('http://localhost:8787/api/models', { headers: { Authorization: `Bearer ${user.key}` } }));
    expect((await models.json<{ id: string; default: boolean }[]>()).map((model) => model.id)).toEqual([
      'openai:gpt-4.1-mini',
      'offline',
      'openai:gpt-4.1',
      'openai:gpt-4o-mini',
    ]);
  });
});

// Model usage and the daily budget: every model call's tokens recorded per organisation, model and
// UTC day; a spent budget refuses model calls with 429 until midnight UTC; the offline model is free.
// Model calls go through the OpenAI provider against an intercepted fetch, through
// MockLanguageModelV4 behind the metering middleware, and behind a project's ChatSession.
import { createExecutionContext, runInDurableObject, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { simulateReadableStream } from 'ai';
import { MockLanguageModelV4 } from 'ai/test';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Bindings } from '../../src/app-env';
import { createDb } from '../../src/db/client';
import { modelUsage, plans } from '../../src/db/schema';
import type { ChatSession } from '../../src/durable-objects/chat-session';
import { createAiEngine } from '../../src/engine/ai';
import { meteredModel } from '../../src/engine/metering';
import { findCaller } from '../../src/features/auth/service';
import { createPlan } from '../../src/features/plans/service';
import { organisationMeter } from '../../src/features/usage/service';
import worker from '../../src/index';
import { Problem } from '../../src/lib/problems';
import { addMembership, API, call, callJson, chatCompletion, createProject, createUser } from '../helpers';

interface OrganisationUsage {
  organisationId: string;
  organisationName: string;
  budget: { day: string; tokens: number; used: number; remaining: number; resetsAt: string };
  days: { day: string; model: string; inputTokens: number; outputTokens: number; totalTokens: number; calls: number }[];
}

/** An hour before midnight UTC: a spent budget comes back in 3,600 seconds. */
const PINNED = Date.parse('2026-11-30T23:00:00.000Z');
const TODAY = '2026-11-30';

const usage = {
  inputTokens: { total: 12, noCache: 12, cacheRead: undefined, cacheWrite: undefined },
  outputTokens: { total: 7, text: 7, reasoning: undefined },
};

const validPlan = JSON.stringify({
  features: ['add-todos'],
  techStack: ['html', 'css', 'javascript'],
  steps: [{ title: 'Logic', description: 'Todo functions', files: ['src/lib/todos.js'], dependsOn: [], features: ['add-todos'] }],
});

/** A Chat Completions answer of 100 tokens in and 20 out. */
const completion = (content: string) => chatCompletion(content, { prompt_tokens: 100, completion_tokens: 20 });

/** Calls the Worker's entry with OpenAI configured (its wire intercepted by the test) and the given settings. */
async function callWithModel(path: string, key: string, body: unknown, settings: Partial<Bindings> = {}) {
  const configured = { ...env, OPENAI_API_KEY: 'sk-test-usage', OPENAI_BASE_URL: 'https://llm.example.test/v1', ...settings };
  const ctx = createExecutionContext();
  const init = { method: 'POST', headers: { Authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify(body) };
  const response = await worker.fetch(new Request(API + path, init), configured, ctx);
  await waitOnExecutionContext(ctx);
  return response;
}

const usageOf = async (key: string) => callJson<OrganisationUsage[]>('/api/usage', { key });

/** Pretends the organisation already used `tokens` today. */
const spend = (organisationId: string, tokens: number) =>
  createDb(env.DB).insert(modelUsage).values({ organisationId, day: TODAY, model: 'openai:gpt-4.1-mini', inputTokens: tokens, outputTokens: 0, calls: 1 });

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(PINNED);
});

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('recording usage', () => {
  it("records a model call's tokens for the project's organisation, model and day", async () => {
    const user = await createUser();
    const project = await createProject(user);
    vi.spyOn(globalThis, 'fetch').mockImplementation(async () => completion(validPlan));
    const response = await callWithModel(`/api/projects/${project.id}/plans`, user.key, { templateId: 'todo-list', model: 'openai:gpt-4.1-mini' });
    expect(response.status).toBe(201);

    const [report] = await usageOf(user.key);
    expect(report!.days).toEqual([{ day: TODAY, model: 'openai:gpt-4.1-mini', inputTokens: 100, outputTokens: 20, totalTokens: 120, calls: 1 }]);
    expect(report!.budget).toEqual({ day: TODAY, tokens: 1_000_000, used: 120, remaining: 999_880, resetsAt: '2026-12-01T00:00:00.000Z' });
  });

  it('charges a retried call too, even when no valid answer came of it', async () => {
    const user = await createUser();
    const project = await createProject(user);
    vi.spyOn(globalThis, 'fetch').mockImplementation(async () => completion('{"features": 42'));
    const response = await callWithModel(`/api/projects/${project.id}/plans`, user.key, { templateId: 'todo-list', model: 'openai:gpt-4.1-mini' });
    expect(response.status).toBe(502);
    const [report] = await usageOf(user.key);
    expect(report!.days).toMatchObject([{ inputTokens: 200, outputTokens: 40, calls: 2 }]);
  });

  it('records nothing for the offline model', async () => {
    const user = await createUser();
    const project = await createProject(user);
    await callJson(`/api/projects/${project.id}/plans`, { key: user.key, body: { templateId: 'todo-list', model: 'offline' }, expect: 201 });
    const [report] = await usageOf(user.key);
    expect(report!.days).toEqual([]);
    expect(report!.budget.used).toBe(0);
  });

  it("records a chat turn's streamed tokens for the project's organisation", async () => {
    const user = await createUser();
    const project = await createProject(user);
    const model = new MockLanguageModelV4({
      doStream: async () => ({
        stream: simulateReadableStream({
          chunks: [
            { type: 'text-start' as const, id: 't' },
            { type: 'text-delta' as const, id: 't', delta: 'Plan it first.' },
            { type: 'text-end' as const, id: 't' },
            { type: 'finish' as const, finishReason: { unified: 'stop' as const, raw: undefined }, usage },
          ],
        }),
      }),
    });
    // The object builds the meter from the turn; the test only puts the mock model in the provider's place.
    await runInDurableObject(env.CHAT.get(env.CHAT.idFromName(project.id)), (chat: ChatSession) => {
      chat.engineFor = (_model, meter) => createAiEngine(meteredModel(model, 'openai:mock', meter), 'openai:mock');
    });
    await callJson(`/api/projects/${project.id}/chat`, { key: user.key, body: { content: 'What next?' } });
    const [report] = await usageOf(user.key);
    expect(report!.days).toEqual([{ day: TODAY, model: 'openai:mock', inputTokens: 12, outputTokens: 7, totalTokens: 19, calls: 1 }]);
  });

  it("shows only the caller's organisations, each with its own budget", async () => {
    const user = await createUser('Ada');
    const other = await createUser('Bob');
    await addMembership(user, other.organisationId);
    const stranger = await createUser('Cy');
    await spend(other.organisationId, 500);
    await spend(stranger.organisationId, 700);

    const reports = await usageOf(user.key);
    expect(reports.map((report) => [report.organisationId, report.budget.used]).sort()).toEqual(
      [[user.organisationId, 0], [other.organisationId, 500]].sort(),
    );
  });

  it('lists the last 30 days, newest first', async () => {
    const user = await createUser();
    const db = createDb(env.DB);
    const row = { organisationId: user.organisationId, model: 'openai:gpt-4.1-mini', inputTokens: 1, outputTokens: 1, calls: 1 };
    await db.insert(modelUsage).values([
      { ...row, day: '2026-10-31' },
      { ...row, day: '2026-11-01' },
      { ...row, day: TODAY },
    ]);
    const [report] = await usageOf(user.key);
    expect(report!.days.map((entry) => entry.day)).toEqual([TODAY, '2026-11-01']);
  });
});

describe('the daily budget', () => {
  it('refuses a model call with 429 and Retry-After until midnight UTC once the budget is spent, without calling the model', async () => {
    const user = await createUser();
    const project = await createProject(user);
    await spend(user.organisationId, 1000);
    const outbound = vi.spyOn(globalThis, 'fetch').mockImplementation(async () => completion(validPlan));

    const response = await callWithModel(`/api/projects/${project.id}/plans`, user.key, { templateId: 'todo-list', model: 'openai:gpt-4.1-mini' }, { DAILY_TOKEN_BUDGET: '1000' });
    expect(response.status).toBe(429);
    expect(response.headers.get('Retry-After')).toBe('3600');
    expect(await response.json()).toMatchObject({ type: 'https://promptax.dev/problems/budget-spent', title: 'Daily model budget spent' });
    expect(outbound).not.toHaveBeenCalled();
    expect(await createDb(env.DB).select().from(plans).where(eq(plans.projectId, project.id))).toEqual([]);
  });

  it('still serves the offline model once the budget is spent', async () => {
    const user = await createUser();
    const project = await createProject(user);
    await spend(user.organisationId, 1000);
    const response = await callWithModel(`/api/projects/${project.id}/plans`, user.key, { templateId: 'todo-list', model: 'offline' }, { DAILY_TOKEN_BUDGET: '1000' });
    expect(response.status).toBe(201);
  });

  it('refuses a chat turn with 429 before anything is stored', async () => {
    const user = await createUser();
    const project = await createProject(user);
    await spend(user.organisationId, 1000);
    const response = await callWithModel(`/api/projects/${project.id}/chat`, user.key, { content: 'Hello', model: 'openai:gpt-4.1-mini' }, { DAILY_TOKEN_BUDGET: '1000' });
    expect(response.status).toBe(429);
    expect(await callJson(`/api/projects/${project.id}/chat`, { key: user.key })).toEqual([]);
  });

  it('refuses the next call of an engine once its calls spent the budget', async () => {
    const user = await createUser();
    const project = await createProject(user);
    const db = createDb(env.DB);
    const { caller } = (await findCaller(db, user.key))!;
    let calls = 0;
    const model = new MockLanguageModelV4({
      doGenerate: async () => {
        calls += 1;
        return { content: [{ type: 'text', text: validPlan }], finishReason: { unified: 'stop', raw: undefined }, usage, warnings: [] };
      },
    });
    const meter = organisationMeter(db, { DAILY_TOKEN_BUDGET: '19' }, user.organisationId);
    const engine = createAiEngine(meteredModel(model, 'openai:mock', meter), 'openai:mock');
    const request = { features: [], techStack: [], templateId: 'todo-list' };

    await createPlan(db, engine, caller, project.id, request);
    const refused = await createPlan(db, engine, caller, project.id, request).then(
      () => null,
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(Problem);
    expect(refused).toMatchObject({ status: 429, slug: 'budget-spent' });
    expect(calls).toBe(1);
  });

  it('answers GET /api/usage with nothing left once the budget is spent', async () => {
    const user = await createUser();
    await spend(user.organisationId, 1_200_000);
    const [report] = await usageOf(user.key);
    expect(report!.budget).toMatchObject({ used: 1_200_000, remaining: 0 });
  });
});

it('needs a key', async () => {
  expect((await call('/api/usage')).status).toBe(401);
});

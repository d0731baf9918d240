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
import { modelUsage, plans, tokenReservations } from '../../src/db/schema';
import type { AgencySession } from '../../src/durable-objects/agency-session';
import type { ChatSession } from '../../src/durable-objects/chat-session';
import { createAiEngine } from '../../src/engine/ai';
import { meteredModel } from '../../src/engine/metering';
import { engineFor } from '../../src/engine/models';
import { findCaller } from '../../src/features/auth/service';
import { createPlan } from '../../src/features/plans/service';
import { organisationMeter, RESERVATION_TTL_MS } from '../../src/features/usage/service';
import worker from '../../src/index';
import { Problem } from '../../src/lib/problems';
import { fetchWith } from '../hardening/faulty-bindings';
import { addMembership, API, call, callJson, chatCompletion, createProject, createUser } from '../helpers';
import { scenario } from '../model-server/scenario';

interface OrganisationUsage {
  organisationId: string;
  organisationName: string;
  budget: { day: string; tokens: number; used: number; reserved: number; remaining: number; resetsAt: string };
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
    expect(report!.budget).toEqual({ day: TODAY, tokens: 1_000_000, used: 120, reserved: 0, remaining: 999_880, resetsAt: '2026-12-01T00:00:00.000Z' });
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

  it('refuses a consultant message with 429 and Retry-After before anything is stored', async () => {
    const user = await createUser();
    const project = await createProject(user);
    const session = await callJson<{ id: string }>('/api/agency', { key: user.key, body: { projectId: project.id }, expect: 201 });
    await spend(user.organisationId, 1000);
    const response = await callWithModel(`/api/agency/${session.id}/message`, user.key, { content: 'Who is it for?', model: 'openai:gpt-4.1-mini' }, { DAILY_TOKEN_BUDGET: '1000' });
    expect(response.status).toBe(429);
    expect(response.headers.get('Retry-After')).toBe('3600');
    expect(await response.json()).toMatchObject({ type: 'https://promptax.dev/problems/budget-spent' });
    expect(await callJson(`/api/agency/${session.id}`, { key: user.key })).toMatchObject({ messageCount: 0, messages: [] });
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

describe('reservations', () => {
  const reservationsOf = (organisationId: string) =>
    createDb(env.DB).select().from(tokenReservations).where(eq(tokenReservations.organisationId, organisationId));

  it('lets 20 concurrent chat turns spend at most the budget and one turn, through an OpenAI-compatible server', async () => {
    const user = await createUser();
    const budget = { DAILY_TOKEN_BUDGET: '3000' };
    // Each answer costs 11 prompt tokens and 1,000 completion tokens (the stub counts 4 characters a token).
    const stub = await scenario({ fallback: { content: 'a'.repeat(4000) } });
    const settings: Partial<Bindings> = { OPENAI_BASE_URL: stub.baseUrl, OPENAI_API_KEY: 'sk-stub', ...budget };
    const projects = await Promise.all(Array.from({ length: 20 }, (_, index) => createProject(user, { name: `Racer ${index}` })));
    for (const project of projects) {
      await runInDurableObject(env.CHAT.get(env.CHAT.idFromName(project.id)), (chat: ChatSession) => {
        // The Worker reserved each turn's first call from the small budget; the object's meter takes that reservation.
        chat.engineFor = (model, meter) => engineFor({ ...env, ...settings }, model, meter);
      });
    }
    const turn = (projectId: string) =>
      fetchWith(
        settings,
        new Request(`${API}/api/projects/${projectId}/chat`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${user.key}`, 'content-type': 'application/json' },
          body: JSON.stringify({ content: 'Say a lot', model: 'openai:stub-model' }),
        }),
      );
    const statuses = (await Promise.all(projects.map((project) => turn(project.id)))).map((response) => response.status);

    const [report] = await usageOf(user.key);
    const perTurn = 11 + 1000;
    expect(statuses.filter((status) => status === 200).length).toBeGreaterThan(0);
    expect(statuses.filter((status) => status !== 200).every((status) => status === 429)).toBe(true);
    expect(report!.budget.used).toBeLessThanOrEqual(3000 + perTurn);
    expect(report!.budget.used).toBe(statuses.filter((status) => status === 200).length * perTurn);
    expect(report!.budget.reserved).toBe(0);
    expect(await reservationsOf(user.organisationId)).toEqual([]);
  });

  it('releases the reservation of a call that failed, so the budget is whole for the next one', async () => {
    const user = await createUser();
    const db = createDb(env.DB);
    let calls = 0;
    const model = new MockLanguageModelV4({
      doGenerate: async () => {
        calls += 1;
        if (calls === 1) throw new Error('connection reset');
        return { content: [{ type: 'text', text: 'ok' }], finishReason: { unified: 'stop', raw: undefined }, usage, warnings: [] };
      },
    });
    // Room for one call's reservation (its prompt and 100 output tokens) at a time, no more.
    const metered = meteredModel(model, 'openai:mock', organisationMeter(db, { DAILY_TOKEN_BUDGET: '150' }, user.organisationId));
    const prompt = [{ role: 'user' as const, content: [{ type: 'text' as const, text: 'Hi' }] }];
    if (typeof metered === 'string') throw new Error('a model object was expected');
    await expect(metered.doGenerate({ prompt, maxOutputTokens: 100 })).rejects.toThrow('connection reset');
    expect(await reservationsOf(user.organisationId)).toEqual([]);

    await metered.doGenerate({ prompt, maxOutputTokens: 100 });
    const [report] = await usageOf(user.key);
    expect(report!.budget).toMatchObject({ used: 19, reserved: 0 });
    expect(calls).toBe(2);
  });

  /** A consultation of a new project whose object calls the stub server of `settings`. */
  async function consultation(user: Awaited<ReturnType<typeof createUser>>, settings: Partial<Bindings>) {
    const project = await createProject(user);
    const session = await callJson<{ id: string }>('/api/agency', { key: user.key, body: { projectId: project.id }, expect: 201 });
    await runInDurableObject(env.AGENCY.get(env.AGENCY.idFromName(session.id)), (agency: AgencySession) => {
      agency.engineFor = (model, meter) => engineFor({ ...env, ...settings }, model, meter);
    });
    const ask = (body: { content: string; model: string; id?: string }) =>
      fetchWith(
        settings,
        new Request(`${API}/api/agency/${session.id}/message`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${user.key}`, 'content-type': 'application/json' },
          body: JSON.stringify(body.id ? { id: body.id, messages: [{ id: body.id, role: 'user', parts: [{ type: 'text', text: body.content }] }], model: body.model } : body),
        }),
      );
    return { session, ask };
  }

  it("charges a consultant turn's call against the reservation the Worker made with the turn", async () => {
    const user = await createUser();
    const stub = await scenario({ fallback: { content: 'Ask ten designers first.' } });
    const { ask } = await consultation(user, { OPENAI_BASE_URL: stub.baseUrl, OPENAI_API_KEY: 'sk-stub' });
    expect((await ask({ content: 'Who is it for?', model: 'openai:stub-model' })).status).toBe(200);
    const [report] = await usageOf(user.key);
    expect(report!.days.map((day) => day.calls)).toEqual([1]);
    expect(report!.budget.reserved).toBe(0);
    expect(await reservationsOf(user.organisationId)).toEqual([]);
  });

  it("releases a consultant turn's reservation when its call fails, charging nothing", async () => {
    const user = await createUser();
    const stub = await scenario({ fallback: { status: 500, message: 'The server had an error' } });
    const { ask } = await consultation(user, { OPENAI_BASE_URL: stub.baseUrl, OPENAI_API_KEY: 'sk-stub' });
    expect((await ask({ content: 'Who is it for?', model: 'openai:stub-model' })).status).toBe(502);
    const [report] = await usageOf(user.key);
    expect(report!.days).toEqual([]);
    expect(await reservationsOf(user.organisationId)).toEqual([]);
  });

  it("answers 404 to another organisation's consultant message through a model, reserving and charging nothing and calling no model", async () => {
    const owner = await createUser();
    const stranger = await createUser();
    const stub = await scenario({ fallback: { content: 'Ask ten designers first.' } });
    const settings: Partial<Bindings> = { OPENAI_BASE_URL: stub.baseUrl, OPENAI_API_KEY: 'sk-stub' };
    const { session } = await consultation(owner, settings);
    const response = await fetchWith(
      settings,
      new Request(`${API}/api/agency/${session.id}/message`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${stranger.key}`, 'content-type': 'application/json' },
        body: JSON.stringify({ content: 'Who is it for?', model: 'openai:stub-model' }),
      }),
    );
    expect(response.status).toBe(404);
    expect(await reservationsOf(owner.organisationId)).toEqual([]);
    expect(await reservationsOf(stranger.organisationId)).toEqual([]);
    expect(await stub.completions()).toHaveLength(0);
    expect(await callJson(`/api/agency/${session.id}`, { key: owner.key })).toMatchObject({ messageCount: 0 });
  });

  it('releases at once what was reserved for a consultant turn refused with 409', async () => {
    const user = await createUser();
    const stub = await scenario({ fallback: { content: 'Ask ten designers first.' } });
    const { ask } = await consultation(user, { OPENAI_BASE_URL: stub.baseUrl, OPENAI_API_KEY: 'sk-stub' });
    const id = 'client-message-1';
    const first = await ask({ id, content: 'Who is it for?', model: 'openai:stub-model' });
    expect(first.status).toBe(200);
    // The SDK's request is answered as a stream: read to its end, the turn is stored.
    await first.text();
    expect((await ask({ id, content: 'Who is it for?', model: 'openai:stub-model' })).status).toBe(409);
    expect(await reservationsOf(user.organisationId)).toEqual([]);
    expect(await stub.completions()).toHaveLength(1);
  });

  it('shows tokens held by calls in progress as reserved, and refuses a call the budget has no room for', async () => {
    const user = await createUser();
    const meter = organisationMeter(createDb(env.DB), { DAILY_TOKEN_BUDGET: '1000' }, user.organisationId);
    await meter.reserve(1000);
    const [report] = await callJson<OrganisationUsage[]>('/api/usage', { key: user.key });
    // The API reads the default budget of 1,000,000; the meter here has 1,000.
    expect(report!.budget).toMatchObject({ used: 0, reserved: 1000, remaining: 999_000 });
    await expect(meter.reserve(1)).rejects.toMatchObject({ status: 429, slug: 'budget-spent' });
  });

  it('stops holding budget for a reservation whose call died, once it expires, and deletes it', async () => {
    const user = await createUser();
    const meter = organisationMeter(createDb(env.DB), { DAILY_TOKEN_BUDGET: '1000' }, user.organisationId);
    const abandoned = await meter.reserve(1000);
    await expect(meter.reserve(10)).rejects.toMatchObject({ status: 429 });

    vi.setSystemTime(PINNED + RESERVATION_TTL_MS + 1);
    const next = await meter.reserve(10);
    expect((await reservationsOf(user.organisationId)).map((row) => row.id)).toEqual([next]);
    expect(next).not.toBe(abandoned);
  });
});

it('needs a key', async () => {
  expect((await call('/api/usage')).status).toBe(401);
});

/** Model usage: each organisation's tokens by UTC day and model, and the daily budget that stops its model calls once spent. */
import { and, desc, eq, gte, inArray, sql } from 'drizzle-orm';
import type { Bindings, Caller } from '../../app-env';
import type { Database } from '../../db/client';
import { modelUsage } from '../../db/schema';
import type { Meter } from '../../engine/metering';
import { engineFor, OFFLINE_MODEL, resolveModel } from '../../engine/models';
import type { Engine } from '../../engine/types';
import { forbidden, Problem } from '../../lib/problems';
import { positiveSetting } from '../../lib/settings';
import { getProject } from '../projects/service';

export const DEFAULT_DAILY_TOKEN_BUDGET = 1_000_000;
/** How many UTC days GET /api/usage covers, today included. */
export const USAGE_DAYS = 30;

const DAY_MS = 24 * 60 * 60 * 1000;

/** The UTC day of a time, `YYYY-MM-DD`. */
const dayOf = (time: number) => new Date(time).toISOString().slice(0, 10);

/** The next UTC midnight after `time`, when a new day's budget starts. */
const nextMidnight = (time: number) => Math.floor(time / DAY_MS) * DAY_MS + DAY_MS;

/** Tokens (input and output) each organisation may use a UTC day. */
export const dailyTokenBudget = (env: Pick<Bindings, 'DAILY_TOKEN_BUDGET'>) => positiveSetting(env.DAILY_TOKEN_BUDGET, DEFAULT_DAILY_TOKEN_BUDGET);

/** @example throw budgetSpent(3600, 'Used 1000000 of 1000000 tokens today.') */
export const budgetSpent = (retryAfter: number, detail: string) =>
  new Problem(429, 'budget-spent', 'Daily model budget spent', detail, { headers: { 'Retry-After': String(retryAfter) } });

async function tokensUsedOn(db: Database, organisationId: string, day: string): Promise<number> {
  const [row] = await db
    .select({ tokens: sql<number>`coalesce(sum(${modelUsage.inputTokens} + ${modelUsage.outputTokens}), 0)` })
    .from(modelUsage)
    .where(and(eq(modelUsage.organisationId, organisationId), eq(modelUsage.day, day)));
  return row?.tokens ?? 0;
}

/**
 * The meter of an organisation's model calls: a call is refused with a 429 (Retry-After: the
 * seconds to UTC midnight) once the day's tokens reach the budget, and each call's tokens are
 * added to its row of the day and model. Calls already running when the budget runs out finish
 * and are charged, so a day can end a little over budget.
 *
 * @example const engine = engineFor(env, 'openai:gpt-4.1-mini', organisationMeter(db, env, organisationId));
 */
export function organisationMeter(db: Database, env: Pick<Bindings, 'DAILY_TOKEN_BUDGET'>, organisationId: string): Meter {
  return {
    async check() {
      const now = Date.now();
      const budget = dailyTokenBudget(env);
      const used = await tokensUsedOn(db, organisationId, dayOf(now));
      if (used < budget) return;
      const retryAfter = Math.ceil((nextMidnight(now) - now) / 1000);
      throw budgetSpent(
        retryAfter,
        `Organisation ${organisationId} used ${used} of its ${budget} model tokens for today (UTC); more at midnight UTC, in ${retryAfter} s. The offline model costs nothing: send "model": "offline".`,
      );
    },
    async record({ model, inputTokens, outputTokens }) {
      await db
        .insert(modelUsage)
        .values({ organisationId, day: dayOf(Date.now()), model, inputTokens, outputTokens, calls: 1 })
        .onConflictDoUpdate({
          target: [modelUsage.organisationId, modelUsage.day, modelUsage.model],
          set: {
            inputTokens: sql`${modelUsage.inputTokens} + ${inputTokens}`,
            outputTokens: sql`${modelUsage.outputTokens} + ${outputTokens}`,
            calls: sql`${modelUsage.calls} + 1`,
          },
        });
    },
  };
}

/**
 * A 429 when `model` is a model (not `offline`) and the organisation's budget for today is spent.
 * For work a model does later, elsewhere (a conversation's Durable Object), so the caller hears it now.
 */
export async function checkBudget(db: Database, env: Pick<Bindings, 'DAILY_TOKEN_BUDGET'>, model: string, organisationId: string): Promise<void> {
  if (model !== OFFLINE_MODEL) await organisationMeter(db, env, organisationId).check();
}

/**
 * The engine for a model id with its calls charged to the organisation that owns `projectId`
 * (404 when the caller cannot see it), or without a project to the caller's first organisation
 * as their session lists them. A 429 at once when that budget is spent. The offline engine is
 * returned as it is: it is free and reads no budget.
 *
 * @example const engine = await meteredEngine(db, env, caller, body.model, projectId);
 */
export async function meteredEngine(db: Database, env: Bindings, caller: Caller, model: string | undefined, projectId: string | null): Promise<Engine> {
  const resolved = await resolveModel(env, model);
  const engine = engineFor(env, resolved);
  if (engine.model === OFFLINE_MODEL) return engine;
  const organisationId = projectId ? (await getProject(db, caller, projectId)).organisationId : caller.organisations[0]?.id;
  if (!organisationId) throw forbidden('You belong to no organisation, so no budget pays for model calls.');
  const meter = organisationMeter(db, env, organisationId);
  await meter.check();
  return engineFor(env, resolved, meter);
}

/**
 * The caller's organisations, each with its tokens by day and model over the last `USAGE_DAYS`
 * UTC days (newest first) and what is left of today's budget.
 *
 * @example const report = await usageReport(db, env, caller);
 */
export async function usageReport(db: Database, env: Pick<Bindings, 'DAILY_TOKEN_BUDGET'>, caller: Caller, now = Date.now()) {
  const ids = caller.organisations.map((organisation) => organisation.id);
  const today = dayOf(now);
  const rows = ids.length
    ? await db
        .select()
        .from(modelUsage)
        .where(and(inArray(modelUsage.organisationId, ids), gte(modelUsage.day, dayOf(now - (USAGE_DAYS - 1) * DAY_MS))))
        .orderBy(desc(modelUsage.day), modelUsage.model)
    : [];
  const budget = dailyTokenBudget(env);
  return caller.organisations.map((organisation) => {
    const days = rows
      .filter((row) => row.organisationId === organisation.id)
      .map((row) => ({
        day: row.day,
        model: row.model,
        inputTokens: row.inputTokens,
        outputTokens: row.outputTokens,
        totalTokens: row.inputTokens + row.outputTokens,
        calls: row.calls,
      }));
    const used = days.filter((entry) => entry.day === today).reduce((sum, entry) => sum + entry.totalTokens, 0);
    return {
      organisationId: organisation.id,
      organisationName: organisation.name,
      budget: { day: today, tokens: budget, used, remaining: Math.max(0, budget - used), resetsAt: new Date(nextMidnight(now)).toISOString() },
      days,
    };
  });
}

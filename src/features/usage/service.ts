/** Model usage: each organisation's tokens by UTC day and model, and the daily budget that stops its model calls once spent. */
import { and, desc, eq, gt, gte, inArray, lte, sql } from 'drizzle-orm';
import type { SQLWrapper } from 'drizzle-orm';
import type { Bindings, Caller } from '../../app-env';
import type { Database } from '../../db/client';
import { modelUsage, projects, tokenReservations } from '../../db/schema';
import type { ProjectRow } from '../../db/schema';
import type { Meter } from '../../engine/metering';
import { engineFor, OFFLINE_MODEL, resolveModel } from '../../engine/models';
import type { Engine } from '../../engine/types';
import { uuidv7 } from '../../lib/ids';
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

/**
 * How long a reservation holds budget: longer than any model call may run (`MODEL_TIMEOUT_SECONDS`
 * and a queued chat turn's wait), so only a call whose process died outlives it.
 */
export const RESERVATION_TTL_MS = 15 * 60 * 1000;

/** Tokens charged to an organisation (an id, or a column naming it) on a day, and tokens held by its reservations still in force at `now`. */
function tokensSpent(organisationId: string | SQLWrapper, day: string, now: number) {
  const used = sql`(SELECT coalesce(sum(${modelUsage.inputTokens} + ${modelUsage.outputTokens}), 0) FROM ${modelUsage} WHERE ${modelUsage.organisationId} = ${organisationId} AND ${modelUsage.day} = ${day})`;
  const reserved = sql`(SELECT coalesce(sum(${tokenReservations.tokens}), 0) FROM ${tokenReservations} WHERE ${tokenReservations.organisationId} = ${organisationId} AND ${tokenReservations.day} = ${day} AND ${tokenReservations.expiresAt} > ${now})`;
  return { used, reserved };
}

async function budgetState(db: Database, organisationId: string, now: number) {
  const { used, reserved } = tokensSpent(organisationId, dayOf(now), now);
  const [row] = await db.select({ used: sql<number>`${used}`, reserved: sql<number>`${reserved}` }).from(sql`(SELECT 1)`);
  return { used: row?.used ?? 0, reserved: row?.reserved ?? 0 };
}

/** The 429 for an organisation whose budget has no room: what it used and holds, and when it comes back. */
async function budgetSpentFor(db: Database, env: Pick<Bindings, 'DAILY_TOKEN_BUDGET'>, organisationId: string, now: number): Promise<Problem> {
  const { used, reserved } = await budgetState(db, organisationId, now);
  const retryAfter = Math.ceil((nextMidnight(now) - now) / 1000);
  const held = reserved > 0 ? ` and holds ${reserved} for calls in progress` : '';
  return budgetSpent(
    retryAfter,
    `Organisation ${organisationId} used ${used} of its ${dailyTokenBudget(env)} model tokens for today (UTC)${held}; more at midnight UTC, in ${retryAfter} s. The offline model costs nothing: send "model": "offline".`,
  );
}

/**
 * The statement that reserves `tokens` of an organisation's day for one model call, only while
 * the tokens charged plus those held by reservations in force are under the budget: one INSERT ...
 * SELECT ... WHERE, so concurrent reservations are serialised by D1 and each sees the others. It
 * returns the reservation's id, or no row when the budget has no room. The call that takes the
 * last room may cost more than the room: N concurrent calls overshoot by at most one call.
 *
 * @example const [held] = await reservation(db, env, organisationId, 12_000, uuidv7());
 */
export function reservation(db: Database, env: Pick<Bindings, 'DAILY_TOKEN_BUDGET'>, organisationId: string, tokens: number, id: string, now = Date.now()) {
  const day = dayOf(now);
  const { used, reserved } = tokensSpent(organisationId, day, now);
  return db
    .insert(tokenReservations)
    .select(sql`SELECT ${id}, ${organisationId}, ${day}, ${tokens}, ${now + RESERVATION_TTL_MS} WHERE ${used} + ${reserved} < ${dailyTokenBudget(env)}`)
    .returning({ id: tokenReservations.id });
}

/**
 * `reservation` for the organisation that owns `projectId`, only when it is one of the caller's
 * (no row otherwise): it scopes itself, so it may go in the same round trip as the read that checks
 * the caller may see the project. `projectId` may be a subquery naming the project.
 *
 * @example const [project, held] = await Promise.all([getProject(db, caller, projectId), projectReservation(db, env, caller, projectId, 24_000, id)]);
 */
export function projectReservation(
  db: Database,
  env: Pick<Bindings, 'DAILY_TOKEN_BUDGET'>,
  caller: Caller,
  projectId: string | SQLWrapper,
  tokens: number,
  id: string,
  now = Date.now(),
) {
  const day = dayOf(now);
  const { used, reserved } = tokensSpent(projects.organisationId, day, now);
  const visible = inArray(projects.organisationId, caller.organisations.map((organisation) => organisation.id));
  return db
    .insert(tokenReservations)
    .select(
      sql`SELECT ${id}, ${projects.organisationId}, ${day}, ${tokens}, ${now + RESERVATION_TTL_MS} FROM ${projects} WHERE ${projects.id} = ${projectId} AND ${visible} AND ${used} + ${reserved} < ${dailyTokenBudget(env)}`,
    )
    .returning({ id: tokenReservations.id });
}

/** The 429 for a project's organisation whose budget had no room for a turn (its `projectReservation` held nothing). */
export const projectBudgetSpent = (db: Database, env: Pick<Bindings, 'DAILY_TOKEN_BUDGET'>, organisationId: string) => budgetSpentFor(db, env, organisationId, Date.now());

/**
 * The meter of an organisation's model calls. Each call reserves its tokens first (one
 * conditional INSERT; a 429 with Retry-After, the seconds to UTC midnight, when the day has no
 * room), then its real tokens are added to its row of the day and model and the reservation is
 * deleted in one batch; a failed call only deletes its reservation. Expired reservations (their
 * call died) stop counting, and the next reservation of the organisation deletes them.
 * `prepaid` is a reservation the Worker already made for the first call (a chat turn's, in the
 * round trip that read the project), which that call takes without asking D1.
 *
 * @example const engine = engineFor(env, 'openai:gpt-4.1-mini', organisationMeter(db, env, organisationId));
 */
export function organisationMeter(db: Database, env: Pick<Bindings, 'DAILY_TOKEN_BUDGET'>, organisationId: string, prepaid: string | null = null): Meter {
  let unused = prepaid;
  return {
    async reserve(tokens) {
      if (unused) {
        const first = unused;
        unused = null;
        return first;
      }
      const now = Date.now();
      const id = uuidv7();
      const [, held] = await db.batch([
        db.delete(tokenReservations).where(and(eq(tokenReservations.organisationId, organisationId), lte(tokenReservations.expiresAt, now))),
        reservation(db, env, organisationId, tokens, id, now),
      ]);
      if (held.length === 0) throw await budgetSpentFor(db, env, organisationId, now);
      return id;
    },
    async settle(reserved, { model, inputTokens, outputTokens }) {
      await db.batch([
        db.delete(tokenReservations).where(eq(tokenReservations.id, reserved)),
        db
          .insert(modelUsage)
          .values({ organisationId, day: dayOf(Date.now()), model, inputTokens, outputTokens, calls: 1 })
          .onConflictDoUpdate({
            target: [modelUsage.organisationId, modelUsage.day, modelUsage.model],
            set: {
              inputTokens: sql`${modelUsage.inputTokens} + ${inputTokens}`,
              outputTokens: sql`${modelUsage.outputTokens} + ${outputTokens}`,
              calls: sql`${modelUsage.calls} + 1`,
            },
          }),
      ]);
    },
    async release(reserved) {
      await db.delete(tokenReservations).where(eq(tokenReservations.id, reserved));
    },
  };
}

/**
 * The engine for a model id with its calls charged to the organisation that owns `projectId`
 * (404 when the caller cannot see it), or without a project to the caller's first organisation
 * as their session lists them. Each of its model calls reserves its tokens first, so a spent
 * budget is a 429 before the model is called. The offline engine is returned as it is: it is free
 * and reads no budget.
 *
 * @example const engine = await meteredEngine(db, env, caller, body.model, projectId);
 */
export async function meteredEngine(db: Database, env: Bindings, caller: Caller, model: string | undefined, projectId: string | null): Promise<Engine> {
  const resolved = await resolveModel(env, model);
  const engine = engineFor(env, resolved);
  if (engine.model === OFFLINE_MODEL) return engine;
  const organisationId = projectId ? (await getProject(db, caller, projectId)).organisationId : caller.organisations[0]?.id;
  if (!organisationId) throw forbidden('You belong to no organisation, so no budget pays for model calls.');
  return engineFor(env, resolved, organisationMeter(db, env, organisationId));
}

/**
 * `meteredEngine` for a caller that reads the project itself, with its other reads and before any
 * model call (generate's step): the engine it makes from that read charges the organisation that
 * owns the project, asked for when a call is metered, so the lookup costs no round trip of its own.
 * A project the caller may not see fails the caller's read first (its 404), and no call is made.
 *
 * @example const files = await generateStep(db, env, projectEngine(db, env, await resolveModel(env, body.model)), caller, target);
 */
export function projectEngine(db: Database, env: Bindings, model: string): (project: PromiseLike<Pick<ProjectRow, 'organisationId'>>) => Engine {
  return (project) => {
    if (model === OFFLINE_MODEL) return engineFor(env, model);
    const meter = async () => organisationMeter(db, env, (await project).organisationId);
    return engineFor(env, model, {
      reserve: async (tokens) => (await meter()).reserve(tokens),
      settle: async (reservation, usage) => (await meter()).settle(reservation, usage),
      release: async (reservation) => (await meter()).release(reservation),
    });
  };
}

/**
 * The caller's organisations, each with its tokens by day and model over the last `USAGE_DAYS`
 * UTC days (newest first) and what is left of today's budget: `used` is what finished calls were
 * charged, `reserved` what calls in progress hold, and `remaining` the budget less both.
 *
 * @example const report = await usageReport(db, env, caller);
 */
export async function usageReport(db: Database, env: Pick<Bindings, 'DAILY_TOKEN_BUDGET'>, caller: Caller, now = Date.now()) {
  const ids = caller.organisations.map((organisation) => organisation.id);
  const today = dayOf(now);
  const [rows, holds] = ids.length
    ? await db.batch([
        db
          .select()
          .from(modelUsage)
          .where(and(inArray(modelUsage.organisationId, ids), gte(modelUsage.day, dayOf(now - (USAGE_DAYS - 1) * DAY_MS))))
          .orderBy(desc(modelUsage.day), modelUsage.model),
        db
          .select({ organisationId: tokenReservations.organisationId, tokens: sql<number>`sum(${tokenReservations.tokens})` })
          .from(tokenReservations)
          .where(and(inArray(tokenReservations.organisationId, ids), eq(tokenReservations.day, today), gt(tokenReservations.expiresAt, now)))
          .groupBy(tokenReservations.organisationId),
      ])
    : [[], []];
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
    const reserved = holds.find((hold) => hold.organisationId === organisation.id)?.tokens ?? 0;
    return {
      organisationId: organisation.id,
      organisationName: organisation.name,
      budget: { day: today, tokens: budget, used, reserved, remaining: Math.max(0, budget - used - reserved), resetsAt: new Date(nextMidnight(now)).toISOString() },
      days,
    };
  });
}

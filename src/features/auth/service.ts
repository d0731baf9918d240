/** API keys and callers: who a key belongs to, and the keys a user manages. */
import { and, desc, eq, isNull, lt } from 'drizzle-orm';
import type { Caller } from '../../app-env';
import type { D1Queries, Database } from '../../db/client';
import { apiKeys, memberships, organisations, users } from '../../db/schema';
import { hashSecret, looksLikeKeySecret, newKeySecret } from '../../lib/api-keys';
import { nowIso, uuidv7 } from '../../lib/ids';
import type { PageQuery } from '../../lib/pagination';

/** How stale `lastUsedAt` may get before a request refreshes it: saves a write per request. */
export const LAST_USED_RESOLUTION_MS = 60_000;

/**
 * The caller a key secret belongs to, in one query, or null for an unknown or revoked key.
 * `touch` is whether `lastUsedAt` is older than its resolution and should be refreshed.
 *
 * @example const found = await findCaller(db, 'ptx_…'); if (!found) throw unauthorized();
 */
export async function findCaller(db: Database, secret: string): Promise<{ caller: Caller; touch: boolean } | null> {
  if (!looksLikeKeySecret(secret)) return null;
  const rows = await db
    .select({
      keyId: apiKeys.id,
      keyName: apiKeys.name,
      prefix: apiKeys.prefix,
      lastUsedAt: apiKeys.lastUsedAt,
      userId: users.id,
      email: users.email,
      userName: users.name,
      organisationId: memberships.organisationId,
      role: memberships.role,
      organisationName: organisations.name,
    })
    .from(apiKeys)
    .innerJoin(users, eq(users.id, apiKeys.userId))
    .leftJoin(memberships, eq(memberships.userId, users.id))
    .leftJoin(organisations, eq(organisations.id, memberships.organisationId))
    .where(and(eq(apiKeys.hash, await hashSecret(secret)), isNull(apiKeys.revokedAt)));
  const first = rows[0];
  if (!first) return null;
  const caller: Caller = {
    user: { id: first.userId, email: first.email, name: first.userName },
    apiKey: { id: first.keyId, name: first.keyName, prefix: first.prefix },
    organisations: rows
      .filter((row) => row.organisationId && row.organisationName && row.role)
      .map((row) => ({ id: row.organisationId!, name: row.organisationName!, role: row.role! }))
      .sort((a, b) => a.name.localeCompare(b.name)),
  };
  const touch = !first.lastUsedAt || Date.now() - Date.parse(first.lastUsedAt) > LAST_USED_RESOLUTION_MS;
  return { caller, touch };
}

/** The memberships a caller was resolved with, as `callerCheck` compares them: `organisationId:role`. */
const membershipsOf = (caller: Caller) => caller.organisations.map((organisation) => `${organisation.id}:${organisation.role}`);

/**
 * A statement that answers one row when the key of `hash` is unrevoked and its user's memberships
 * are still those `caller` was resolved with, and fails (SQLite's "malformed JSON", raised on
 * purpose) otherwise. Sent first in a batch, a failure rolls back the whole batch, so a request
 * with a revoked key reads and writes nothing. See `oneTrip` in src/db/one-trip.ts.
 *
 * @example d1.batch([callerCheck(session, hash, caller), ...statements])
 */
export function callerCheck(d1: D1Queries, hash: string, caller: Caller): D1PreparedStatement {
  const held = membershipsOf(caller);
  return d1
    .prepare(
      `SELECT CASE WHEN EXISTS (
        SELECT 1 FROM api_keys AS k WHERE k.hash = ?1 AND k.revoked_at IS NULL
          AND (SELECT count(*) FROM memberships AS m WHERE m.user_id = k.user_id) = ?3
          AND (SELECT count(*) FROM memberships AS m WHERE m.user_id = k.user_id AND m.organisation_id || ':' || m.role IN (SELECT value FROM json_each(?2))) = ?3
      ) THEN 1 ELSE json('caller check: the key is revoked or its memberships changed') END AS verified`,
    )
    .bind(hash, JSON.stringify(held), held.length);
}

/**
 * Whether a caller resolved earlier still holds: the same key unrevoked, the same memberships.
 *
 * @example if (!sameCaller(cached, (await findCaller(db, secret))?.caller)) throw unauthorized();
 */
export function sameCaller(before: Caller, now: Caller | undefined): boolean {
  return now !== undefined && now.apiKey.id === before.apiKey.id && membershipsOf(now).sort().join() === membershipsOf(before).sort().join();
}

/** Records that a key was just used. */
export async function touchApiKey(db: Database, keyId: string): Promise<void> {
  await db.update(apiKeys).set({ lastUsedAt: nowIso() }).where(eq(apiKeys.id, keyId));
}

const keyColumns = {
  id: apiKeys.id,
  name: apiKeys.name,
  prefix: apiKeys.prefix,
  createdAt: apiKeys.createdAt,
  lastUsedAt: apiKeys.lastUsedAt,
  revokedAt: apiKeys.revokedAt,
};

/** A user's keys, newest first, revoked ones included; `limit + 1` rows for `pageOf`. */
export async function listApiKeys(db: Database, userId: string, page: PageQuery) {
  return db
    .select(keyColumns)
    .from(apiKeys)
    .where(and(eq(apiKeys.userId, userId), page.cursor ? lt(apiKeys.id, page.cursor) : undefined))
    .orderBy(desc(apiKeys.id))
    .limit(page.limit + 1);
}

/** Makes a key for a user; the returned `key` is the only time the secret exists outside the caller's hands. */
export async function createApiKey(db: Database, userId: string, name: string) {
  const { secret, prefix, hash } = await newKeySecret();
  const row = { id: uuidv7(), userId, name, prefix, hash, createdAt: nowIso(), lastUsedAt: null, revokedAt: null };
  await db.insert(apiKeys).values(row);
  const { userId: _owner, hash: _hash, ...visible } = row;
  return { ...visible, key: secret };
}

/** Revokes one of the user's keys; false when the user has no such key. Revoking twice keeps the first time. */
export async function revokeApiKey(db: Database, userId: string, keyId: string): Promise<boolean> {
  const found = await db
    .update(apiKeys)
    .set({ revokedAt: nowIso() })
    .where(and(eq(apiKeys.id, keyId), eq(apiKeys.userId, userId), isNull(apiKeys.revokedAt)))
    .returning({ id: apiKeys.id });
  if (found.length > 0) return true;
  const existing = await db.select({ id: apiKeys.id }).from(apiKeys).where(and(eq(apiKeys.id, keyId), eq(apiKeys.userId, userId)));
  return existing.length > 0;
}

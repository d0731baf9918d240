/** Callers this isolate resolved lately, by key hash: a client's next requests skip the key lookup, never the key check. */
import type { Caller } from '../../app-env';

/**
 * How long a resolved caller is reused. It only saves the lookup of who the key belongs to: every
 * request still checks in its first D1 round trip that the key is unrevoked and its memberships
 * unchanged (`callerCheck`), so revocation takes effect at once. A renamed user or organisation
 * shows its old name in `GET /api/auth/session` for at most this long.
 */
export const RECENT_CALLER_MS = 60_000;
const MAX_RECENT_CALLERS = 10_000;

interface Recent {
  caller: Caller;
  resolvedAt: number;
  /** When this isolate last wrote the key's `lastUsedAt` (or found it fresh). */
  touchedAt: number;
}

const recent = new Map<string, Recent>();

/** The caller of a key hash resolved in the last `RECENT_CALLER_MS`, if any. */
export function recentCaller(hash: string, now = Date.now()): Recent | undefined {
  const found = recent.get(hash);
  if (found && now - found.resolvedAt < RECENT_CALLER_MS) return found;
  recent.delete(hash);
  return undefined;
}

/** Remembers a caller just resolved from D1. */
export function rememberCaller(hash: string, caller: Caller, now = Date.now()): Recent {
  // Entries of keys no longer used are never read again, so dropping them all is the cheap way to bound the map.
  if (recent.size >= MAX_RECENT_CALLERS) recent.clear();
  const entry = { caller, resolvedAt: now, touchedAt: now };
  recent.set(hash, entry);
  return entry;
}

/** Forgets a key: revoked, or its caller changed. */
export function forgetCaller(hash: string): void {
  recent.delete(hash);
}

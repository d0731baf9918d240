/** Failures of the platform under a request, told apart from bugs: a database that does not answer is a 503 to retry, not a 500. */
import { Problem } from './problems';

/** Seconds a client waits before retrying after an outage (the `Retry-After` of the 503). */
export const OUTAGE_RETRY_AFTER_SECONDS = 5;

/** How D1 reports a request it could not serve: overloaded, reset, connection lost, internal error. */
const D1_FAILURE = /^D1_(ERROR|EXEC_ERROR)\b/;
/** A SQLite code in a D1 error names a statement of ours that a retry would only repeat: a bug, so a 500. */
const STATEMENT_FAULT = /SQLITE_(CONSTRAINT|ERROR|MISMATCH|RANGE|TOOBIG)|constraint failed/;

interface PlatformError {
  message?: unknown;
  retryable?: unknown;
  overloaded?: unknown;
  cause?: unknown;
}

/**
 * Whether an error, or one that caused it (drizzle wraps D1's errors in `cause`), says the platform
 * could not serve the request: D1 failing to answer, or an error the runtime marks `retryable` or
 * `overloaded` (a Durable Object reset or overloaded, for one).
 *
 * @example isOutage(new Error('D1_ERROR: Network connection lost.')) // true
 */
export function isOutage(error: unknown): boolean {
  let current = error;
  for (let depth = 0; current instanceof Object && depth < 5; depth += 1) {
    const { message, retryable, overloaded, cause } = current as PlatformError;
    if (retryable === true || overloaded === true) return true;
    if (typeof message === 'string' && D1_FAILURE.test(message) && !STATEMENT_FAULT.test(message)) return true;
    current = cause;
  }
  return false;
}

/** The answer to a request the platform could not serve. */
export const serviceUnavailable = () =>
  new Problem(503, 'service-unavailable', 'Service unavailable', `A service the API depends on did not answer. Try again in ${OUTAGE_RETRY_AFTER_SECONDS} seconds.`, {
    headers: { 'Retry-After': String(OUTAGE_RETRY_AFTER_SECONDS) },
  });

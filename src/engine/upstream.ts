/** What a model server's failure means to the API's caller: a 502 that says what the server answered, or a 503 with Retry-After when it was busy. */
import { APICallError, RetryError } from 'ai';
import { modelBusy, Problem } from '../lib/problems';

/** Seconds a caller is told to wait after a model server's 429 that named no time. */
export const DEFAULT_RETRY_AFTER_SECONDS = 30;

/** Masks secrets in a text before it leaves the Worker (the model key, API keys, bearer tokens). */
export type Redact = (text: string) => string;

/** A 502 problem: the model could not be reached or gave no valid answer. */
export const modelFailed = (detail: string) => new Problem(502, 'model-failed', 'The model failed', detail);

/** The seconds a `Retry-After` (seconds or an HTTP date) asks for, or the default. */
function retryAfterSeconds(headers: Record<string, string> | undefined, now = Date.now()): number {
  const value = headers?.['retry-after'];
  if (!value) return DEFAULT_RETRY_AFTER_SECONDS;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds);
  const date = Date.parse(value);
  return Number.isNaN(date) ? DEFAULT_RETRY_AFTER_SECONDS : Math.max(1, Math.ceil((date - now) / 1000));
}

/** The error a call failed with, past the AI SDK's retries. */
export function rootError(error: unknown): unknown {
  return RetryError.isInstance(error) ? error.lastError : error;
}

/** The HTTP status a model server answered, when the call got that far. */
export function upstreamStatus(error: unknown): number | undefined {
  const root = rootError(error);
  return APICallError.isInstance(root) ? root.statusCode : undefined;
}

/**
 * The problem a failed model call is for the caller: an upstream 429 is a 503 with the server's
 * Retry-After; any other answer a 502 whose detail carries the server's status and message; a
 * server never reached a 502 that says why. Any other error gives only its kind: its text could
 * quote a prompt or a key. Every text passes `redact` first.
 *
 * @example throw upstreamProblem(error, (text) => redactSecrets(text, env));
 */
export function upstreamProblem(error: unknown, redact: Redact): Problem {
  if (error instanceof Problem) return error;
  const root = rootError(error);
  if (!APICallError.isInstance(root)) {
    return modelFailed(`The model failed to answer (${root instanceof Error ? root.name : 'error'}).`);
  }
  const message = redact(root.message).slice(0, 500).replace(/\.$/, '');
  if (root.statusCode === undefined) return modelFailed(`The model server could not be reached (${message}).`);
  if (root.statusCode === 429) {
    const retryAfter = retryAfterSeconds(root.responseHeaders);
    return modelBusy(retryAfter, `The model server is busy (HTTP 429: ${message}); try again in ${retryAfter} s.`);
  }
  return modelFailed(`The model server answered HTTP ${root.statusCode}: ${message}.`);
}

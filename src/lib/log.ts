/** What the Worker writes to its logs: JSON lines with secrets masked, since logs outlive requests and are read by more people than keys are shown to. */
import type { Bindings } from '../app-env';

/**
 * API key secrets (`ptx_` and base64url) and bearer credentials, wherever they appear in a text;
 * and the bound values drizzle prints after a failed query (a key's hash, user content).
 */
const SECRET_PATTERNS = [/ptx_[A-Za-z0-9_-]+/g, /Bearer\s+[^\s"'\\]+/gi, /(?<=params: )(?:[^"\\\n]|\\(?!n).)*/g];

/**
 * The text with API keys, bearer credentials and the model provider's key replaced by `[redacted]`.
 *
 * @example redactSecrets('Bearer ptx_abc failed', env) // '[redacted] failed'
 */
export function redactSecrets(text: string, env: Pick<Bindings, 'OPENAI_API_KEY'>): string {
  let redacted = SECRET_PATTERNS.reduce((result, pattern) => result.replace(pattern, '[redacted]'), text);
  // A key too short to be real would mask ordinary words.
  if (env.OPENAI_API_KEY && env.OPENAI_API_KEY.length >= 8) redacted = redacted.replaceAll(env.OPENAI_API_KEY, '[redacted]');
  return redacted;
}

/** Logs one record as a JSON line on the error stream, secrets masked. */
export function logError(env: Pick<Bindings, 'OPENAI_API_KEY'>, record: Record<string, unknown>): void {
  console.error(redactSecrets(JSON.stringify(record), env));
}

/** Logs one record as a JSON line on the warning stream, secrets masked. */
export function logWarning(env: Pick<Bindings, 'OPENAI_API_KEY'>, record: Record<string, unknown>): void {
  console.warn(redactSecrets(JSON.stringify(record), env));
}

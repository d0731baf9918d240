/** Numeric settings from `[vars]`: strings in the environment, read with a default. */

/**
 * A positive whole number from a setting, or `fallback` when it is unset or not one.
 *
 * @example positiveSetting(env.RATE_LIMIT_PER_MINUTE, 600) // 600 when unset
 */
export function positiveSetting(value: string | undefined, fallback: number): number {
  const parsed = Number(value);
  return Number.isInteger(parsed) && parsed > 0 ? parsed : fallback;
}

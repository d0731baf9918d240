/** Aggregates over metric series: sums, means, growth and smoothing. */

/** Rounds to `digits` decimals, half away from zero: round(2.345, 2) === 2.35. */
export function round(value, digits = 0) {
  const [mantissa, exponent = '0'] = String(Math.abs(value)).split('e');
  const shifted = Math.round(Number(`${mantissa}e${Number(exponent) + digits}`));
  const [m2, e2 = '0'] = String(shifted).split('e');
  const result = Number(`${m2}e${Number(e2) - digits}`);
  return value < 0 && result !== 0 ? -result : result;
}

/** Sum of a list of numbers: sum([1, 2, 3]) === 6. */
export function sum(values) {
  return values.reduce((total, value) => total + value, 0);
}

/** Arithmetic mean, 0 for an empty list: average([2, 4]) === 3. */
export function average(values) {
  return values.length === 0 ? 0 : sum(values) / values.length;
}

/** Percent change from previous to current, to 0.1; null when there is no base: growthPercent(200, 250) === 25. */
export function growthPercent(previous, current) {
  if (previous === 0 || previous === null || previous === undefined) return null;
  return round(((current - previous) / Math.abs(previous)) * 100, 1);
}

/** Trailing moving average to 0.01, shorter windows at the start: movingAverage([2, 4, 6], 2) → [2, 3, 5]. */
export function movingAverage(values, windowSize) {
  if (!Number.isInteger(windowSize) || windowSize < 1) throw new Error('window must be a positive integer');
  return values.map((_, index) => {
    const slice = values.slice(Math.max(0, index - windowSize + 1), index + 1);
    return round(average(slice), 2);
  });
}

/** Sums of consecutive chunks of `size` values: bucketSums([1, 2, 3, 4, 5], 2) → [3, 7, 5]. */
export function bucketSums(values, size) {
  if (!Number.isInteger(size) || size < 1) throw new Error('size must be a positive integer');
  const buckets = [];
  for (let start = 0; start < values.length; start += size) {
    buckets.push(round(sum(values.slice(start, start + size)), 2));
  }
  return buckets;
}

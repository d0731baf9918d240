/** Geometry for SVG charts: scales, tick values, line paths and bar rectangles. */

import { round } from './stats.js';

/** Maps a value linearly from domain [d0, d1] to range [r0, r1]; a flat domain maps to the range's middle. */
export function scaleLinear(value, domain, range) {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  if (d0 === d1) return (r0 + r1) / 2;
  return r0 + ((value - d0) / (d1 - d0)) * (r1 - r0);
}

/** Round tick values (steps of 1, 2 or 5 × 10^n) covering [min, max]: niceTicks(0, 95, 5) → [0, 20, 40, 60, 80, 100]. */
export function niceTicks(min, max, count) {
  if (!Number.isFinite(min) || !Number.isFinite(max) || min > max) throw new Error('min and max must be finite with min <= max');
  if (!Number.isInteger(count) || count < 1) throw new Error('count must be a positive integer');
  const top = max === min ? min + 1 : max;
  const raw = (top - min) / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const normalized = raw / magnitude;
  const step = (normalized <= 1 ? 1 : normalized <= 2 ? 2 : normalized <= 5 ? 5 : 10) * magnitude;
  const decimals = Math.max(0, -Math.floor(Math.log10(step)));
  const first = Math.floor(min / step);
  const last = Math.ceil(top / step);
  const ticks = [];
  for (let i = first; i <= last; i++) ticks.push(round(i * step, decimals));
  return ticks;
}

/** Horizontal positions of n evenly spaced points inside a box, centred when n is 1. */
function xPositions(count, box) {
  const inner = box.width - 2 * box.padding;
  return Array.from({ length: count }, (_, i) => box.padding + (count === 1 ? inner / 2 : (inner * i) / (count - 1)));
}

/** SVG path data through values in box {width, height, padding} with y scaled over yDomain: 'M10,90L50,10'. */
export function linePath(values, box, yDomain) {
  const xs = xPositions(values.length, box);
  return values
    .map((value, i) => {
      const y = scaleLinear(value, yDomain, [box.height - box.padding, box.padding]);
      return `${i === 0 ? 'M' : 'L'}${round(xs[i], 1)},${round(y, 1)}`;
    })
    .join('');
}

/** Bar rectangles {x, y, width, height} for values from a zero baseline up to yMax, 80% of each slot wide. */
export function barRects(values, box, yMax) {
  if (values.length === 0) return [];
  const slot = (box.width - 2 * box.padding) / values.length;
  const baseline = box.height - box.padding;
  return values.map((value, i) => {
    const height = scaleLinear(Math.max(0, value), [0, yMax], [0, box.height - 2 * box.padding]);
    return {
      x: round(box.padding + i * slot + slot * 0.1, 1),
      y: round(baseline - height, 1),
      width: round(slot * 0.8, 1),
      height: round(height, 1),
    };
  });
}

/** Human formatting of KPI values; hand-written so output is identical in every locale. */

import { round } from './stats.js';

const COMPACT_UNITS = [
  [1, ''],
  [1e3, 'K'],
  [1e6, 'M'],
  [1e9, 'B'],
];

/** Thousands separators for a non-negative integer string: '1234567' → '1,234,567'. */
function groupDigits(digits) {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Short number with one decimal and a K/M/B suffix: formatCompact(1234) === '1.2K'. */
export function formatCompact(value) {
  const sign = value < 0 ? '-' : '';
  const abs = Math.abs(value);
  let unit = COMPACT_UNITS.findLastIndex(([size]) => abs >= size);
  if (unit < 0) unit = 0;
  // 999,960 rounds to 1000.0K: carry it into the next unit instead.
  if (round(abs / COMPACT_UNITS[unit][0], 1) >= 1000 && unit < COMPACT_UNITS.length - 1) unit += 1;
  const [size, suffix] = COMPACT_UNITS[unit];
  return `${sign}${round(abs / size, 1)}${suffix}`;
}

/** Signed percent with one decimal, 'n/a' for null: formatPercent(12.34) === '+12.3%'. */
export function formatPercent(value) {
  if (value === null || value === undefined || !Number.isFinite(value)) return 'n/a';
  const fixed = round(value, 1).toFixed(1);
  return `${value > 0 && fixed !== '0.0' ? '+' : ''}${fixed === '-0.0' ? '0.0' : fixed}%`;
}

/** Money with a symbol, separators and two decimals: formatMoney(1234.5) === '$1,234.50'. */
export function formatMoney(value, symbol = '$') {
  const [whole, cents] = round(Math.abs(value), 2).toFixed(2).split('.');
  return `${value < 0 ? '-' : ''}${symbol}${groupDigits(whole)}.${cents}`;
}

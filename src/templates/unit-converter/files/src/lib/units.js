/** Unit conversion: factor tables to each category's base unit, temperature formulas and exact decimal rounding. */

const LINEAR = {
  length: {
    m: ['Metres', 1], km: ['Kilometres', 1000], cm: ['Centimetres', 0.01], mm: ['Millimetres', 0.001],
    mi: ['Miles', 1609.344], yd: ['Yards', 0.9144], ft: ['Feet', 0.3048], in: ['Inches', 0.0254], nmi: ['Nautical miles', 1852],
  },
  weight: {
    kg: ['Kilograms', 1], g: ['Grams', 0.001], mg: ['Milligrams', 0.000001], t: ['Tonnes', 1000],
    lb: ['Pounds', 0.45359237], oz: ['Ounces', 0.028349523125], st: ['Stones', 6.35029318],
  },
  volume: {
    l: ['Litres', 1], ml: ['Millilitres', 0.001], m3: ['Cubic metres', 1000], gal: ['US gallons', 3.785411784],
    qt: ['US quarts', 0.946352946], pt: ['US pints', 0.473176473], cup: ['US cups', 0.2365882365],
    floz: ['US fluid ounces', 0.0295735295625], tbsp: ['Tablespoons', 0.01478676478125], tsp: ['Teaspoons', 0.00492892159375],
  },
};

// Temperature is affine, not a factor: each unit converts to and from Celsius.
const TEMPERATURE = {
  c: ['Celsius', (v) => v, (c) => c],
  f: ['Fahrenheit', (v) => ((v - 32) * 5) / 9, (c) => (c * 9) / 5 + 32],
  k: ['Kelvin', (v) => v - 273.15, (c) => c + 273.15],
};

/** The from/to pair shown when a category is opened. */
export const DEFAULT_PAIRS = { length: ['km', 'mi'], weight: ['kg', 'lb'], temperature: ['c', 'f'], volume: ['l', 'gal'] };

/** Units of a category as { id, label }: unitsFor('temperature')[0] → { id: 'c', label: 'Celsius' }. */
export function unitsFor(category) {
  const table = category === 'temperature' ? TEMPERATURE : LINEAR[category];
  if (!table) throw new Error(`unknown category: ${category}`);
  return Object.entries(table).map(([id, [label]]) => ({ id, label }));
}

/** The category a unit id belongs to: categoryOf('lb') === 'weight'. */
export function categoryOf(unit) {
  if (Object.hasOwn(TEMPERATURE, unit)) return 'temperature';
  const category = Object.keys(LINEAR).find((name) => Object.hasOwn(LINEAR[name], unit));
  if (!category) throw new Error(`unknown unit: ${unit}`);
  return category;
}

/** Converts between units of one category, to 12 significant digits: convert(100, 'c', 'f') === 212. */
export function convert(value, from, to) {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new Error('value must be a finite number');
  const category = categoryOf(from);
  const target = categoryOf(to);
  if (category !== target) throw new Error(`cannot convert ${category} to ${target}`);
  let result;
  if (category === 'temperature') {
    const celsius = TEMPERATURE[from][1](value);
    if (celsius < -273.15) throw new Error('temperature is below absolute zero');
    result = TEMPERATURE[to][2](celsius);
  } else {
    result = (value * LINEAR[category][from][1]) / LINEAR[category][to][1];
  }
  // Trims binary noise such as 2.5399999999999996 without losing meaningful digits.
  return Number(result.toPrecision(12)) + 0;
}

/** Rounds half away from zero at `digits` decimals, exact for decimal inputs: roundTo(1.005, 2) === 1.01. */
export function roundTo(value, digits) {
  if (!Number.isInteger(digits) || digits < 0 || digits > 15) throw new Error('digits must be an integer from 0 to 15');
  const [mantissa, exponent = '0'] = String(Math.abs(value)).split('e');
  const shifted = Math.round(Number(`${mantissa}e${Number(exponent) + digits}`));
  const [m2, e2 = '0'] = String(shifted).split('e');
  const result = Number(`${m2}e${Number(e2) - digits}`);
  return value < 0 && result !== 0 ? -result : result;
}

/** Display text for a result at `digits` decimals, in 3 significant digits when rounding would hide it: formatResult(0.00000062, 4) === '6.20e-7'. */
export function formatResult(value, digits) {
  const rounded = roundTo(value, digits);
  if (rounded === 0 && value !== 0) return value.toExponential(2);
  return String(rounded);
}

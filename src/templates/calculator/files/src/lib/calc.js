// Everyday calculators: tip splitting, loan repayments and percentages, without side effects. Money rounds to cents.

const cents = (value) => Math.round(value * 100) / 100;

function number(value, name, { min = -Infinity, max = Infinity, integer = false } = {}) {
  const parsed = typeof value === 'string' ? Number(value.trim().replace(',', '.')) : value;
  if (typeof parsed !== 'number' || !Number.isFinite(parsed) || (typeof value === 'string' && value.trim() === '')) throw new Error(`${name} must be a number`);
  if (integer && !Number.isInteger(parsed)) throw new Error(`${name} must be a whole number`);
  if (parsed < min || parsed > max) throw new Error(`${name} must be from ${min} to ${max}`);
  return parsed;
}

/** The tip and what each person pays: tip(84, 15, 3) → { tip: 12.6, total: 96.6, perPerson: 32.2 }. */
export function tip(bill, percent, people) {
  const amount = number(bill, 'Bill', { min: 0 });
  const rate = number(percent, 'Tip', { min: 0, max: 100 });
  const split = number(people, 'People', { min: 1, max: 100, integer: true });
  const tipAmount = cents((amount * rate) / 100);
  const total = cents(amount + tipAmount);
  // Each person pays whole cents, rounded up, so the bill is always covered.
  return { tip: tipAmount, total, perPerson: Math.ceil((total * 100) / split - 1e-9) / 100 };
}

/**
 * A fixed-rate loan's monthly payment and totals (standard amortisation):
 * loan(200000, 5, 360) → { monthly: 1073.64, totalPaid: 386510.4, totalInterest: 186510.4 }.
 */
export function loan(principal, annualRatePercent, months) {
  const amount = number(principal, 'Amount', { min: 1 });
  const rate = number(annualRatePercent, 'Interest rate', { min: 0, max: 100 });
  const term = number(months, 'Months', { min: 1, max: 1200, integer: true });
  const monthlyRate = rate / 100 / 12;
  const monthly = cents(monthlyRate === 0 ? amount / term : (amount * monthlyRate) / (1 - (1 + monthlyRate) ** -term));
  const totalPaid = cents(monthly * term);
  return { monthly, totalPaid, totalInterest: cents(totalPaid - amount) };
}

/** `percent`% of `value`: percentOf(15, 80) → 12. */
export function percentOf(percent, value) {
  return cents((number(percent, 'Percent') * number(value, 'Value')) / 100);
}

/** What percent `part` is of `whole`: whatPercent(30, 120) → 25. */
export function whatPercent(part, whole) {
  const base = number(whole, 'Whole');
  if (base === 0) throw new Error('Whole must not be zero');
  return cents((number(part, 'Part') / base) * 100);
}

/** The change from one value to another in percent: percentChange(80, 100) → 25, percentChange(100, 80) → -20. */
export function percentChange(from, to) {
  const start = number(from, 'From');
  if (start === 0) throw new Error('From must not be zero');
  return cents(((number(to, 'To') - start) / Math.abs(start)) * 100);
}

/** Money for display with thousands separated: formatMoney(386510.4) → '386,510.40'. */
export function formatMoney(value) {
  const [units, decimals] = Math.abs(value).toFixed(2).split('.');
  return `${value < 0 ? '-' : ''}${units.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${decimals}`;
}

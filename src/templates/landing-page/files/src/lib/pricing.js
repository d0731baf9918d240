// Pricing rules for the plans table: monthly or yearly prices in cents and how to show them.

const CURRENCY_SYMBOLS = { USD: '$', EUR: '€', GBP: '£' };
const CYCLES = ['monthly', 'yearly'];

/** Formats whole cents as a price, e.g. formatPrice(120000) → '$1,200' and formatPrice(960) → '$9.60'. */
export function formatPrice(cents, currency = 'USD') {
  if (!Number.isInteger(cents) || cents < 0) throw new Error('Price must be a non-negative whole number of cents');
  const symbol = CURRENCY_SYMBOLS[currency];
  if (!symbol) throw new Error(`Unsupported currency: ${currency}`);
  const whole = Math.floor(cents / 100).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const fraction = cents % 100;
  return fraction === 0 ? `${symbol}${whole}` : `${symbol}${whole}.${String(fraction).padStart(2, '0')}`;
}

/** Prices a plan for a billing cycle, e.g. planPrice(1200, 'yearly', 20) → { perMonth: 960, billed: 11520 }. */
export function planPrice(monthlyCents, cycle, annualDiscountPercent = 20) {
  if (!CYCLES.includes(cycle)) throw new Error(`Unknown billing cycle: ${cycle}`);
  if (!(annualDiscountPercent >= 0 && annualDiscountPercent <= 100)) throw new Error('Discount must be between 0 and 100');
  if (cycle === 'monthly') return { perMonth: monthlyCents, billed: monthlyCents };
  const perMonth = Math.round((monthlyCents * (100 - annualDiscountPercent)) / 100);
  return { perMonth, billed: perMonth * 12 };
}

/** Describes how a plan is billed, e.g. billingNote(1200, 'yearly') → 'Billed $115.20 yearly'. */
export function billingNote(monthlyCents, cycle, annualDiscountPercent = 20, currency = 'USD') {
  const { billed } = planPrice(monthlyCents, cycle, annualDiscountPercent);
  if (billed === 0) return 'Free forever';
  return cycle === 'monthly' ? 'Billed monthly' : `Billed ${formatPrice(billed, currency)} yearly`;
}

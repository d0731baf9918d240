// Invoice rules: line items, totals with discount and tax, numbering, due dates and money, without side effects.

const SYMBOLS = { USD: '$', EUR: '€', GBP: '£', CAD: 'CA$', AUD: 'A$' };
const cents = (value) => Math.round(value * 100) / 100;

/** A checked line item: validateItem({ description: ' Design ', quantity: '3', price: '80' }) → { description: 'Design', quantity: 3, price: 80 }. */
export function validateItem(input) {
  const description = String(input?.description ?? '').trim().replace(/\s+/g, ' ');
  if (description.length < 1 || description.length > 200) throw new Error('Each line needs a description (up to 200 characters)');
  const quantity = Number(input.quantity);
  if (!Number.isFinite(quantity) || quantity <= 0) throw new Error(`Quantity of "${description}" must be more than 0`);
  const price = Number(input.price);
  if (!Number.isFinite(price) || price < 0) throw new Error(`Price of "${description}" must be 0 or more`);
  return { description, quantity, price: cents(price) };
}

/** A line's amount in money: lineTotal({ quantity: 2.5, price: 40 }) → 100. */
export function lineTotal(item) {
  return cents(item.quantity * item.price);
}

/** Subtotal, discount (percent of the subtotal), tax (percent of what is left) and total: invoiceTotals(items, 20, 10). */
export function invoiceTotals(items, taxPercent = 0, discountPercent = 0) {
  for (const [name, value] of [['Tax', taxPercent], ['Discount', discountPercent]]) {
    if (!Number.isFinite(value) || value < 0 || value > 100) throw new Error(`${name} must be from 0 to 100 percent`);
  }
  const subtotal = cents(items.reduce((sum, item) => sum + lineTotal(item), 0));
  const discount = cents((subtotal * discountPercent) / 100);
  const tax = cents(((subtotal - discount) * taxPercent) / 100);
  return { subtotal, discount, tax, total: cents(subtotal - discount + tax) };
}

/** The number after this one, keeping its prefix and padding: nextInvoiceNumber('INV-0042') → 'INV-0043'. */
export function nextInvoiceNumber(number) {
  const match = /^(.*?)(\d+)$/.exec(String(number ?? '').trim());
  if (!match) return `${String(number ?? '').trim() || 'INV'}-0001`;
  const next = String(Number(match[2]) + 1).padStart(match[2].length, '0');
  return `${match[1]}${next}`;
}

/** The day payment is due: dueDate('2024-05-20', 14) → '2024-06-03'. */
export function dueDate(issued, days) {
  const time = Date.parse(`${issued}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(issued) || Number.isNaN(time)) throw new Error('Issue date must be YYYY-MM-DD');
  if (!Number.isInteger(days) || days < 0 || days > 365) throw new Error('Payment terms must be 0-365 days');
  return new Date(time + days * 86_400_000).toISOString().slice(0, 10);
}

/** Money with its currency's symbol and thousands separated: formatMoney(1234.5, 'EUR') → '€1,234.50'. */
export function formatMoney(value, currency = 'USD') {
  const symbol = SYMBOLS[currency] ?? `${currency} `;
  const [units, decimals] = Math.abs(value).toFixed(2).split('.');
  return `${value < 0 ? '-' : ''}${symbol}${units.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${decimals}`;
}

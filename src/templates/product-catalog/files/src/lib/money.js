// Money formatting: every amount in the store is whole cents, shown as dollars.

/** Formats whole cents as dollars, e.g. formatMoney(123450) → '$1,234.50' and formatMoney(-500) → '-$5.00'. */
export function formatMoney(cents) {
  if (!Number.isInteger(cents)) throw new Error('Amount must be a whole number of cents');
  const abs = Math.abs(cents);
  const dollars = Math.floor(abs / 100).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${cents < 0 ? '-' : ''}$${dollars}.${String(abs % 100).padStart(2, '0')}`;
}

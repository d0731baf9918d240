// Cart rules: lines of { id, quantity }, discount codes and totals in whole cents, without side effects.

const MAX_QUANTITY = 99;
const DISCOUNT_CODES = { SAVE10: 10, WELCOME15: 15 };

function checkQuantity(quantity, min) {
  if (!Number.isInteger(quantity) || quantity < min) {
    throw new Error(`Quantity must be a whole number of at least ${min}`);
  }
  return Math.min(quantity, MAX_QUANTITY);
}

/** Adds a product (or more of it) to the cart, capped at 99 per line, e.g. addToCart([], 'mug') → [{ id: 'mug', quantity: 1 }]. */
export function addToCart(cart, productId, quantity = 1) {
  const amount = checkQuantity(quantity, 1);
  if (!cart.some((line) => line.id === productId)) return [...cart, { id: productId, quantity: amount }];
  return cart.map((line) => (line.id === productId ? { ...line, quantity: Math.min(line.quantity + amount, MAX_QUANTITY) } : line));
}

/** Sets a line's quantity (capped at 99); 0 removes the line, e.g. setQuantity(cart, 'mug', 3). */
export function setQuantity(cart, productId, quantity) {
  const amount = checkQuantity(quantity, 0);
  if (amount === 0) return removeFromCart(cart, productId);
  return cart.map((line) => (line.id === productId ? { ...line, quantity: amount } : line));
}

/** Returns the cart without the product's line. */
export function removeFromCart(cart, productId) {
  return cart.filter((line) => line.id !== productId);
}

/** Counts the items in the cart, e.g. cartCount([{ id: 'a', quantity: 2 }]) → 2. */
export function cartCount(cart) {
  return cart.reduce((sum, line) => sum + line.quantity, 0);
}

/** Joins cart lines with product details, dropping products no longer in the catalog. */
export function cartLines(cart, products) {
  const byId = new Map(products.map((product) => [product.id, product]));
  return cart
    .filter((line) => byId.has(line.id))
    .map(({ id, quantity }) => {
      const { name, price } = byId.get(id);
      return { id, name, price, quantity, total: price * quantity };
    });
}

/** Looks up a discount code, ignoring case and spaces, e.g. discountForCode(' save10 ') → { code: 'SAVE10', percent: 10 }. */
export function discountForCode(code) {
  const normalized = String(code ?? '').trim().toUpperCase();
  if (!normalized) throw new Error('Enter a discount code');
  if (!(normalized in DISCOUNT_CODES)) throw new Error(`Unknown discount code: ${normalized}`);
  return { code: normalized, percent: DISCOUNT_CODES[normalized] };
}

/** Totals cart lines in cents: the discount comes off first, tax applies to the rest. */
export function cartTotals(lines, discountPercent = 0, taxPercent = 8) {
  if (!(discountPercent >= 0 && discountPercent <= 100)) throw new Error('Discount must be between 0 and 100 percent');
  if (!(taxPercent >= 0 && taxPercent <= 100)) throw new Error('Tax must be between 0 and 100 percent');
  const subtotal = lines.reduce((sum, line) => sum + line.total, 0);
  const discount = Math.round((subtotal * discountPercent) / 100);
  const tax = Math.round(((subtotal - discount) * taxPercent) / 100);
  return { subtotal, discount, tax, total: subtotal - discount + tax };
}

/** Restores a cart from stored JSON, keeping only well-formed lines; anything unreadable gives []. */
export function parseCart(json) {
  let data;
  try {
    data = JSON.parse(json);
  } catch {
    return [];
  }
  if (!Array.isArray(data)) return [];
  return data
    .filter((line) => line && typeof line.id === 'string' && Number.isInteger(line.quantity) && line.quantity > 0)
    .map((line) => ({ id: line.id, quantity: Math.min(line.quantity, MAX_QUANTITY) }));
}

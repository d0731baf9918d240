// Budget rules: income and expenses in cents, monthly totals, spending by category against limits, without side effects.

export const CATEGORIES = ['Housing', 'Groceries', 'Transport', 'Eating out', 'Bills', 'Health', 'Fun', 'Shopping', 'Savings', 'Salary', 'Other'];

const TYPES = ['income', 'expense'];

/** Money typed by a person, in cents: parseAmount('45.5') → 4550. Zero, negative or malformed amounts throw. */
export function parseAmount(text) {
  const clean = String(text ?? '').trim().replace(/,/g, '.');
  if (!/^\d+(\.\d{1,2})?$/.test(clean) || Number(clean) === 0) throw new Error('Amount must be a positive number with at most 2 decimals');
  return Math.round(Number(clean) * 100);
}

/** Cents as money with thousands separated: formatMoney(195450) → '1,954.50', formatMoney(-500) → '-5.00'. */
export function formatMoney(cents) {
  const abs = Math.abs(cents);
  const units = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${cents < 0 ? '-' : ''}${units}.${String(abs % 100).padStart(2, '0')}`;
}

/** A checked transaction: createTransaction({ type: 'expense', amount: '4.5', category: 'Fun', date: '2024-05-03' }, 't1'). */
export function createTransaction(input, id) {
  if (!TYPES.includes(input.type)) throw new Error('Type must be income or expense');
  const amount = parseAmount(input.amount);
  if (!CATEGORIES.includes(input.category)) throw new Error(`Unknown category: ${input.category}`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(input.date ?? '') || Number.isNaN(Date.parse(input.date))) throw new Error('Date must be YYYY-MM-DD');
  const note = String(input.note ?? '').trim().slice(0, 80);
  return { id: String(id), type: input.type, amount, category: input.category, note, date: input.date };
}

/** Transactions of one month ('YYYY-MM'), newest first. */
export function inMonth(transactions, month) {
  return transactions.filter((t) => t.date.startsWith(`${month}-`)).sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0));
}

/** A month's income, expenses and what is left, in cents. */
export function monthSummary(transactions, month) {
  const items = inMonth(transactions, month);
  const sum = (type) => items.filter((t) => t.type === type).reduce((total, t) => total + t.amount, 0);
  const income = sum('income');
  const expenses = sum('expense');
  return { income, expenses, balance: income - expenses };
}

/**
 * A month's spending per category against its limit (cents; 0 or missing = no limit), biggest first:
 * [{ category, spent, limit, left, percent, over }]. Categories with a limit show even when nothing is spent.
 */
export function spendingByCategory(transactions, month, limits = {}) {
  const spent = {};
  for (const t of inMonth(transactions, month)) if (t.type === 'expense') spent[t.category] = (spent[t.category] ?? 0) + t.amount;
  const categories = CATEGORIES.filter((category) => spent[category] || limits[category]);
  return categories
    .map((category) => {
      const used = spent[category] ?? 0;
      const limit = limits[category] ?? 0;
      return { category, spent: used, limit, left: limit ? limit - used : null, percent: limit ? Math.round((used / limit) * 100) : null, over: limit > 0 && used > limit };
    })
    .sort((a, b) => b.spent - a.spent || CATEGORIES.indexOf(a.category) - CATEGORIES.indexOf(b.category));
}

/** The limits with one category's monthly limit set from typed text; an empty text removes it. */
export function setLimit(limits, category, text) {
  if (!CATEGORIES.includes(category)) throw new Error(`Unknown category: ${category}`);
  const next = { ...limits };
  if (String(text ?? '').trim() === '') delete next[category];
  else next[category] = parseAmount(text);
  return next;
}

/** Restores the stored budget; malformed transactions and limits are dropped, anything unreadable starts empty. */
export function parseBudget(json) {
  const empty = { transactions: [], limits: {} };
  try {
    const data = JSON.parse(json);
    if (!data || typeof data !== 'object') return empty;
    const transactions = (Array.isArray(data.transactions) ? data.transactions : []).filter((t) =>
      t && typeof t.id === 'string' && TYPES.includes(t.type) && Number.isInteger(t.amount) && t.amount > 0 && CATEGORIES.includes(t.category) && /^\d{4}-\d{2}-\d{2}$/.test(t.date));
    const limits = Object.fromEntries(Object.entries(data.limits ?? {}).filter(([category, cents]) => CATEGORIES.includes(category) && Number.isInteger(cents) && cents > 0));
    return { transactions: transactions.map(({ id, type, amount, category, note, date }) => ({ id, type, amount, category, note: String(note ?? ''), date })), limits };
  } catch {
    return empty;
  }
}

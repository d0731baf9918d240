// Expense splitting rules: people, shared expenses in cents, balances and the transfers that settle them, without side effects.

const MAX_NAME_LENGTH = 40;

/** Money typed by a person, in cents: parseAmount('12.5') → 1250. Negative, zero or malformed amounts throw. */
export function parseAmount(text) {
  const clean = String(text ?? '').trim().replace(/,/g, '.');
  if (!/^\d+(\.\d{1,2})?$/.test(clean)) throw new Error('Amount must be a positive number with at most 2 decimals');
  const cents = Math.round(Number(clean) * 100);
  if (cents <= 0) throw new Error('Amount must be a positive number with at most 2 decimals');
  return cents;
}

/** Cents as money: formatAmount(1250) → '12.50', formatAmount(-5) → '-0.05'. */
export function formatAmount(cents) {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** The group with a new person; names are trimmed and unique in any case. */
export function addPerson(people, name) {
  const clean = String(name ?? '').trim().replace(/\s+/g, ' ');
  if (!clean) throw new Error('Name is required');
  if (clean.length > MAX_NAME_LENGTH) throw new Error(`Name must be at most ${MAX_NAME_LENGTH} characters`);
  if (people.some((person) => person.toLowerCase() === clean.toLowerCase())) throw new Error(`${clean} is already in the group`);
  return [...people, clean];
}

/** A checked expense: who paid, how much (cents) and whom it is shared among (everyone when none are given). */
export function createExpense(input, people, id) {
  const description = String(input.description ?? '').trim() || 'Expense';
  const amount = typeof input.amount === 'number' ? input.amount : parseAmount(input.amount);
  if (!Number.isInteger(amount) || amount <= 0) throw new Error('Amount must be a positive number with at most 2 decimals');
  if (!people.includes(input.paidBy)) throw new Error('Choose who paid');
  const among = input.splitAmong?.length ? input.splitAmong : people;
  const unknown = among.find((name) => !people.includes(name));
  if (unknown) throw new Error(`${unknown} is not in the group`);
  return { id: String(id), description, amount, paidBy: input.paidBy, splitAmong: [...among] };
}

/** Each share of an expense in cents; leftover cents go to the first people so shares add up exactly: shares(1000, 3) → [334, 333, 333]. */
export function shares(amount, count) {
  const base = Math.floor(amount / count);
  return Array.from({ length: count }, (_, index) => base + (index < amount - base * count ? 1 : 0));
}

/** What each person is owed (positive) or owes (negative), in cents, after all expenses. */
export function balances(people, expenses) {
  const result = Object.fromEntries(people.map((name) => [name, 0]));
  for (const expense of expenses) {
    result[expense.paidBy] += expense.amount;
    shares(expense.amount, expense.splitAmong.length).forEach((share, index) => {
      result[expense.splitAmong[index]] -= share;
    });
  }
  return result;
}

/**
 * Transfers that settle every balance: the biggest debtor pays the biggest creditor, repeatedly,
 * so a group of n people needs at most n - 1 transfers: settleUp({ Ana: 1500, Bo: -1500 }) → [{ from: 'Bo', to: 'Ana', amount: 1500 }].
 */
export function settleUp(balanceByName) {
  const open = Object.entries(balanceByName).map(([name, cents]) => ({ name, cents })).filter((entry) => entry.cents !== 0);
  const transfers = [];
  for (;;) {
    const debtor = open.filter((e) => e.cents < 0).sort((a, b) => a.cents - b.cents || a.name.localeCompare(b.name))[0];
    const creditor = open.filter((e) => e.cents > 0).sort((a, b) => b.cents - a.cents || a.name.localeCompare(b.name))[0];
    if (!debtor || !creditor) return transfers;
    const amount = Math.min(-debtor.cents, creditor.cents);
    transfers.push({ from: debtor.name, to: creditor.name, amount });
    debtor.cents += amount;
    creditor.cents -= amount;
  }
}

/** The sum of all expenses in cents. */
export function totalSpent(expenses) {
  return expenses.reduce((sum, expense) => sum + expense.amount, 0);
}

/** Restores the stored group, keeping expenses whose payer and sharers are in it; anything unreadable starts empty. */
export function parseGroup(json) {
  const empty = { people: [], expenses: [] };
  try {
    const data = JSON.parse(json);
    if (!data || !Array.isArray(data.people)) return empty;
    const people = [...new Set(data.people.filter((name) => typeof name === 'string' && name.trim()))];
    const expenses = (Array.isArray(data.expenses) ? data.expenses : []).filter((e) =>
      e && typeof e.id === 'string' && Number.isInteger(e.amount) && e.amount > 0 && people.includes(e.paidBy)
      && Array.isArray(e.splitAmong) && e.splitAmong.length > 0 && e.splitAmong.every((name) => people.includes(name)));
    return { people, expenses: expenses.map(({ id, description, amount, paidBy, splitAmong }) => ({ id, description: String(description ?? ''), amount, paidBy, splitAmong })) };
  } catch {
    return empty;
  }
}

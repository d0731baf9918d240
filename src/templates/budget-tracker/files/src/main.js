// DOM glue for the budget tracker: a month's summary, spending by category against limits, and the transactions, saved to localStorage.
import { CATEGORIES, createTransaction, formatMoney, inMonth, monthSummary, parseBudget, setLimit, spendingByCategory } from './lib/budget.js';

const STORAGE_KEY = 'budget-tracker.budget';
const $ = (selector) => document.querySelector(selector);

let budget = load();

function load() {
  try {
    return parseBudget(localStorage.getItem(STORAGE_KEY));
  } catch {
    return parseBudget(null);
  }
}

function save() {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(budget));
  } catch {
    // storage full or blocked: keep the budget in memory
  }
}

function today() {
  const now = new Date();
  return new Date(now.getTime() - now.getTimezoneOffset() * 60_000).toISOString().slice(0, 10);
}

function newId() {
  return crypto.randomUUID?.() ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

function fail(selector, message) {
  $(selector).textContent = message ?? '';
  $(selector).hidden = !message;
}

function renderCategory(row) {
  const li = document.createElement('li');
  li.className = row.over ? 'category is-over' : 'category';
  const head = document.createElement('div');
  head.className = 'category-head';
  const name = document.createElement('span');
  name.textContent = row.category;
  const figures = document.createElement('span');
  figures.textContent = row.limit ? `${formatMoney(row.spent)} of ${formatMoney(row.limit)}${row.over ? ` · ${formatMoney(-row.left)} over` : ''}` : formatMoney(row.spent);
  head.append(name, figures);
  li.append(head);
  if (row.limit) {
    const bar = document.createElement('progress');
    bar.max = 100;
    bar.value = Math.min(row.percent, 100);
    bar.setAttribute('aria-label', `${row.category}: ${row.percent}% of the limit`);
    li.append(bar);
  }
  return li;
}

function renderTransaction(t) {
  const li = document.createElement('li');
  li.dataset.id = t.id;
  li.dataset.type = t.type;
  const text = document.createElement('span');
  text.textContent = `${t.date} · ${t.category}${t.note ? ` · ${t.note}` : ''}`;
  const amount = document.createElement('strong');
  amount.textContent = `${t.type === 'income' ? '+' : '-'}${formatMoney(t.amount)}`;
  const remove = document.createElement('button');
  remove.type = 'button';
  remove.className = 'link';
  remove.dataset.action = 'remove';
  remove.setAttribute('aria-label', `Remove ${t.category} ${formatMoney(t.amount)}`);
  remove.textContent = '×';
  li.append(text, amount, remove);
  return li;
}

function render() {
  const month = $('#month').value;
  const summary = monthSummary(budget.transactions, month);
  $('#income').textContent = formatMoney(summary.income);
  $('#spent').textContent = formatMoney(summary.expenses);
  $('#balance').textContent = formatMoney(summary.balance);
  $('#balance').dataset.sign = String(Math.sign(summary.balance));
  const rows = spendingByCategory(budget.transactions, month, budget.limits);
  $('#categories').replaceChildren(...(rows.length ? rows.map(renderCategory) : [Object.assign(document.createElement('li'), { className: 'empty', textContent: 'No spending this month.' })]));
  const items = inMonth(budget.transactions, month);
  $('#transactions').replaceChildren(...(items.length ? items.map(renderTransaction) : [Object.assign(document.createElement('li'), { className: 'empty', textContent: 'Nothing recorded this month.' })]));
}

function update(next) {
  budget = next;
  save();
  render();
}

for (const select of [$('#category'), $('#limit-category')]) select.replaceChildren(...CATEGORIES.map((name) => new Option(name, name)));
$('#date').value = today();
$('#month').value = today().slice(0, 7);
$('#month').addEventListener('change', render);
$('#type').addEventListener('change', () => {
  $('#category').value = $('#type').value === 'income' ? 'Salary' : 'Groceries';
});
$('#category').value = 'Groceries';

$('#tx-form').addEventListener('submit', (event) => {
  event.preventDefault();
  try {
    const t = createTransaction({ type: $('#type').value, amount: $('#amount').value, category: $('#category').value, note: $('#note').value, date: $('#date').value }, newId());
    update({ ...budget, transactions: [...budget.transactions, t] });
    $('#month').value = t.date.slice(0, 7);
    render();
  } catch (err) {
    fail('#form-error', err.message);
    return;
  }
  fail('#form-error');
  $('#amount').value = '';
  $('#note').value = '';
  $('#amount').focus();
});

$('#limit-form').addEventListener('submit', (event) => {
  event.preventDefault();
  try {
    update({ ...budget, limits: setLimit(budget.limits, $('#limit-category').value, $('#limit-amount').value) });
  } catch (err) {
    fail('#limit-error', err.message);
    return;
  }
  fail('#limit-error');
  $('#limit-amount').value = '';
});

$('#transactions').addEventListener('click', (event) => {
  const button = event.target.closest('[data-action="remove"]');
  if (button) update({ ...budget, transactions: budget.transactions.filter((t) => t.id !== button.closest('li').dataset.id) });
});

render();

// DOM glue for the expense splitter: people, expenses, balances and who pays whom, saved to localStorage.
import { addPerson, balances, createExpense, formatAmount, parseGroup, settleUp, totalSpent } from './lib/split.js';

const STORAGE_KEY = 'expense-splitter.group';
const $ = (selector) => document.querySelector(selector);

let group = load();

function load() {
  try {
    return parseGroup(localStorage.getItem(STORAGE_KEY));
  } catch {
    return parseGroup(null);
  }
}

function save() {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(group));
  } catch {
    // storage full or blocked: keep the trip in memory
  }
}

function newId() {
  return crypto.randomUUID?.() ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

function showError(selector, message) {
  $(selector).textContent = message ?? '';
  $(selector).hidden = !message;
}

function item(text, className) {
  const li = document.createElement('li');
  if (className) li.className = className;
  li.textContent = text;
  return li;
}

function renderPeople() {
  $('#people').replaceChildren(...group.people.map((name) => item(name, 'chip')));
  const paidBy = $('#paid-by');
  const chosen = paidBy.value;
  paidBy.replaceChildren(...group.people.map((name) => new Option(name, name)));
  if (group.people.includes(chosen)) paidBy.value = chosen;
  const among = $('#split-among');
  among.replaceChildren(among.querySelector('legend'), ...group.people.map((name) => {
    const label = document.createElement('label');
    label.className = 'check';
    const box = document.createElement('input');
    box.type = 'checkbox';
    box.value = name;
    box.checked = true;
    label.append(box, ` ${name}`);
    return label;
  }));
}

function renderMoney() {
  const owed = balances(group.people, group.expenses);
  const transfers = settleUp(owed);
  $('#settle').replaceChildren(
    ...(transfers.length
      ? transfers.map((t) => item(`${t.from} pays ${t.to} ${formatAmount(t.amount)}`, 'transfer'))
      : [item(group.expenses.length ? 'Everyone is square.' : 'Add people and expenses to see who owes whom.', 'muted')]),
  );
  $('#balances').replaceChildren(...group.people.map((name) => {
    const cents = owed[name];
    const li = item(`${name}: ${cents > 0 ? 'is owed' : cents < 0 ? 'owes' : 'square'} ${cents ? formatAmount(Math.abs(cents)) : ''}`.trim());
    li.dataset.sign = String(Math.sign(cents));
    return li;
  }));
  $('#total').textContent = group.expenses.length ? `Total ${formatAmount(totalSpent(group.expenses))}` : '';
  $('#expenses').replaceChildren(...(group.expenses.length ? group.expenses.map((expense) => {
    const li = document.createElement('li');
    li.dataset.id = expense.id;
    const text = document.createElement('span');
    text.textContent = `${expense.description}: ${formatAmount(expense.amount)}, paid by ${expense.paidBy}, split ${expense.splitAmong.length} ways`;
    const remove = document.createElement('button');
    remove.type = 'button';
    remove.className = 'link';
    remove.dataset.action = 'remove';
    remove.setAttribute('aria-label', `Remove ${expense.description}`);
    remove.textContent = '×';
    li.append(text, remove);
    return li;
  }) : [item('No expenses yet.', 'muted')]));
}

function update(next) {
  group = next;
  save();
  renderPeople();
  renderMoney();
}

$('#person-form').addEventListener('submit', (event) => {
  event.preventDefault();
  try {
    update({ ...group, people: addPerson(group.people, $('#person').value) });
  } catch (err) {
    showError('#person-error', err.message);
    return;
  }
  showError('#person-error');
  $('#person').value = '';
  $('#person').focus();
});

$('#expense-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const splitAmong = [...document.querySelectorAll('#split-among input:checked')].map((box) => box.value);
  try {
    if (splitAmong.length === 0) throw new Error('Pick at least one person to split between');
    const expense = createExpense({ description: $('#description').value, amount: $('#amount').value, paidBy: $('#paid-by').value, splitAmong }, group.people, newId());
    update({ ...group, expenses: [...group.expenses, expense] });
  } catch (err) {
    showError('#expense-error', err.message);
    return;
  }
  showError('#expense-error');
  $('#description').value = '';
  $('#amount').value = '';
  $('#description').focus();
});

$('#expenses').addEventListener('click', (event) => {
  const button = event.target.closest('[data-action="remove"]');
  if (button) update({ ...group, expenses: group.expenses.filter((e) => e.id !== button.closest('li').dataset.id) });
});

$('#reset').addEventListener('click', () => {
  if (confirm('Remove everyone and every expense?')) update(parseGroup(null));
});

update(group);

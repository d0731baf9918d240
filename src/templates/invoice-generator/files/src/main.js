// DOM glue for the invoice generator: an editor on the left, a live printable invoice, the draft kept in localStorage.
import { dueDate, formatMoney, invoiceTotals, lineTotal, nextInvoiceNumber, validateItem } from './lib/invoice.js';

const STORAGE_KEY = 'invoice-generator.draft';
const $ = (selector) => document.querySelector(selector);
const form = $('#editor');

function today() {
  const now = new Date();
  return new Date(now.getTime() - now.getTimezoneOffset() * 60_000).toISOString().slice(0, 10);
}

function blank(number = 'INV-0001') {
  return {
    number, issued: today(), terms: '14', currency: 'USD', from: '', to: '', discount: '0', tax: '0', notes: 'Thank you for your business.',
    items: [{ description: 'Design work', quantity: '10', price: '75' }],
  };
}

function load() {
  try {
    const draft = JSON.parse(localStorage.getItem(STORAGE_KEY));
    return draft && Array.isArray(draft.items) ? { ...blank(), ...draft } : blank();
  } catch {
    return blank();
  }
}

function save(draft) {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(draft));
  } catch {
    // storage full or blocked: the draft lasts this visit
  }
}

function itemRow(item, index) {
  const row = document.createElement('div');
  row.className = 'item';
  for (const [name, label, mode] of [['description', 'Description', 'text'], ['quantity', 'Qty', 'decimal'], ['price', 'Price', 'decimal']]) {
    const field = document.createElement('label');
    const text = document.createElement('span');
    text.className = 'visually-hidden';
    text.textContent = `${label}, line ${index + 1}`;
    const input = document.createElement('input');
    input.dataset.item = name;
    input.placeholder = label;
    input.value = item[name] ?? '';
    if (mode === 'decimal') input.inputMode = 'decimal';
    field.append(text, input);
    row.append(field);
  }
  const remove = document.createElement('button');
  remove.type = 'button';
  remove.className = 'link';
  remove.dataset.action = 'remove';
  remove.setAttribute('aria-label', `Remove line ${index + 1}`);
  remove.textContent = '×';
  row.append(remove);
  return row;
}

function readDraft() {
  const values = Object.fromEntries(['number', 'issued', 'terms', 'currency', 'from', 'to', 'discount', 'tax', 'notes'].map((name) => [name, form.elements[name].value]));
  const items = [...document.querySelectorAll('#items .item')].map((row) => Object.fromEntries([...row.querySelectorAll('[data-item]')].map((input) => [input.dataset.item, input.value])));
  return { ...values, items };
}

function fillEditor(draft) {
  for (const [name, value] of Object.entries(draft)) if (name !== 'items' && form.elements[name]) form.elements[name].value = value;
  $('#items').replaceChildren(...draft.items.map(itemRow));
}

function cell(text) {
  const td = document.createElement('td');
  td.textContent = text;
  return td;
}

function renderInvoice() {
  const draft = readDraft();
  save(draft);
  try {
    // A line with neither a description nor a price is still being typed (a new invoice starts with one): left out.
    const items = draft.items.filter((item) => item.description.trim() || item.price.trim()).map(validateItem);
    const sums = invoiceTotals(items, Number(draft.tax || 0), Number(draft.discount || 0));
    const money = (value) => formatMoney(value, draft.currency);
    $('#inv-number').textContent = draft.number;
    $('#inv-issued').textContent = draft.issued;
    $('#inv-due').textContent = dueDate(draft.issued, Number(draft.terms || 0));
    $('#inv-from').textContent = draft.from || '—';
    $('#inv-to').textContent = draft.to || '—';
    $('#inv-lines').replaceChildren(...items.map((item) => {
      const row = document.createElement('tr');
      row.append(cell(item.description), cell(String(item.quantity)), cell(money(item.price)), cell(money(lineTotal(item))));
      return row;
    }));
    $('#inv-subtotal').textContent = money(sums.subtotal);
    $('#inv-discount').textContent = `-${money(sums.discount)} (${Number(draft.discount || 0)}%)`;
    $('#inv-discount-row').hidden = sums.discount === 0;
    $('#inv-tax').textContent = `${money(sums.tax)} (${Number(draft.tax || 0)}%)`;
    $('#inv-tax-row').hidden = sums.tax === 0;
    $('#inv-total').textContent = money(sums.total);
    $('#inv-notes').textContent = draft.notes;
    $('#error').hidden = true;
  } catch (error) {
    $('#error').textContent = error.message;
    $('#error').hidden = false;
  }
}

form.addEventListener('input', renderInvoice);
$('#add-item').addEventListener('click', () => {
  const draft = readDraft();
  $('#items').append(itemRow({}, draft.items.length));
  $('#items .item:last-child input').focus();
});
$('#items').addEventListener('click', (event) => {
  const button = event.target.closest('[data-action="remove"]');
  if (!button) return;
  button.closest('.item').remove();
  renderInvoice();
});
$('#print').addEventListener('click', () => window.print());
$('#new-invoice').addEventListener('click', () => {
  const previous = readDraft();
  fillEditor({ ...blank(nextInvoiceNumber(previous.number)), from: previous.from, currency: previous.currency, terms: previous.terms, tax: previous.tax, items: [{ description: '', quantity: '1', price: '' }] });
  renderInvoice();
});

fillEditor(load());
renderInvoice();

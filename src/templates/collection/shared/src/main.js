// DOM glue for a collection: builds the form, filters and sort from src/lib/config.js, renders the records, saves to localStorage.
import { addRecord, filterRecords, parseRecords, removeRecord, searchRecords, sortRecords, tagCounts, totals, updateRecord } from './lib/collection.js';
import { CONFIG } from './lib/config.js';

const $ = (selector) => document.querySelector(selector);
const { fields } = CONFIG;

let records = load();
let editing = null;
let tag = '';

function load() {
  try {
    return parseRecords(localStorage.getItem(CONFIG.storageKey), fields) ?? CONFIG.seed;
  } catch {
    return CONFIG.seed; // storage blocked: the examples, for this visit
  }
}

function save() {
  try {
    localStorage.setItem(CONFIG.storageKey, JSON.stringify(records));
  } catch {
    // storage full or blocked: keep working in memory
  }
}

function newId() {
  return crypto.randomUUID?.() ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

function fieldInput(field) {
  const label = document.createElement('label');
  label.className = field.type === 'textarea' || field.type === 'markdown' ? 'field wide' : 'field';
  label.textContent = field.label + (field.required ? '' : ' (optional)');
  let input;
  if (field.type === 'select') {
    input = document.createElement('select');
    input.append(...(field.required ? [] : [new Option('—', '')]), ...field.options.map((option) => new Option(option, option)));
  } else if (field.type === 'textarea' || field.type === 'markdown') {
    input = document.createElement('textarea');
    input.rows = field.rows ?? 4;
  } else {
    input = document.createElement('input');
    input.type = { number: 'number', email: 'email', url: 'url', date: 'date' }[field.type] ?? 'text';
    if (field.type === 'number') input.step = 'any';
    if (field.type === 'tags') input.placeholder = 'comma, separated';
  }
  input.id = `field-${field.name}`;
  input.name = field.name;
  if (field.placeholder) input.placeholder = field.placeholder;
  label.append(input);
  return label;
}

function formValues() {
  return Object.fromEntries(fields.map((field) => [field.name, $(`#field-${field.name}`).value]));
}

function fillForm(record) {
  for (const field of fields) {
    const value = record?.[field.name] ?? '';
    $(`#field-${field.name}`).value = Array.isArray(value) ? value.join(', ') : String(value ?? '');
  }
}

function display(field, value) {
  if (value === null || value === '' || value === undefined) return '';
  if (field.type === 'number') return `${field.prefix ?? ''}${field.decimals ? value.toFixed(field.decimals) : value}${field.suffix ?? ''}`;
  return String(value);
}

function renderRecord(record) {
  const item = document.createElement('li');
  item.className = 'record';
  item.dataset.id = record.id;
  const head = document.createElement('div');
  head.className = 'record-head';
  const title = document.createElement('h3');
  const titleField = fields.find((field) => field.name === CONFIG.titleField);
  if (titleField.type === 'url' || CONFIG.linkField) {
    const href = record[CONFIG.linkField ?? CONFIG.titleField];
    if (href) {
      const link = document.createElement('a');
      link.href = href;
      link.rel = 'noopener noreferrer';
      link.target = '_blank';
      link.textContent = record[CONFIG.titleField];
      title.append(link);
    } else title.textContent = record[CONFIG.titleField];
  } else title.textContent = record[CONFIG.titleField];
  const actions = document.createElement('div');
  actions.className = 'record-actions';
  for (const [action, text] of [['edit', 'Edit'], ['delete', 'Delete']]) {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'link';
    button.dataset.action = action;
    button.setAttribute('aria-label', `${text} ${record[CONFIG.titleField]}`);
    button.textContent = text;
    actions.append(button);
  }
  head.append(title, actions);
  item.append(head);

  const summary = CONFIG.summary.map((name) => fields.find((field) => field.name === name)).map((field) => display(field, record[field.name])).filter(Boolean);
  if (summary.length) {
    const line = document.createElement('p');
    line.className = 'muted summary';
    line.textContent = summary.join(' · ');
    item.append(line);
  }
  for (const field of fields.filter((f) => (f.type === 'textarea' || f.type === 'markdown') && record[f.name])) {
    const details = document.createElement('details');
    const label = document.createElement('summary');
    label.textContent = field.label;
    const body = document.createElement('div');
    body.className = 'body';
    const toHtml = CONFIG.render?.[field.type];
    // A renderer returns escaped HTML (see its module), so only its own markup reaches the page.
    if (toHtml) {
      body.classList.add(field.type);
      body.innerHTML = toHtml(record[field.name]);
    } else body.textContent = record[field.name];
    details.append(label, body);
    if (CONFIG.openDetails) details.open = true;
    item.append(details);
  }
  if (record.tags?.length) {
    const chips = document.createElement('div');
    chips.className = 'chips';
    for (const name of record.tags) {
      const chip = document.createElement('button');
      chip.type = 'button';
      chip.className = 'chip';
      chip.dataset.tag = name;
      chip.textContent = `#${name}`;
      chips.append(chip);
    }
    item.append(chips);
  }
  return item;
}

function visibleRecords() {
  const filters = Object.fromEntries(CONFIG.filters.map((name) => [name, $(`#filter-${name}`).value]));
  const [field, direction] = $('#sort').value.split(':');
  return sortRecords(filterRecords(searchRecords(records, fields, $('#search').value), { ...filters, tag }), field, direction);
}

function render() {
  const shown = visibleRecords();
  $('#records').replaceChildren(...shown.map(renderRecord));
  $('#count').textContent = shown.length === records.length
    ? `${records.length} ${records.length === 1 ? CONFIG.item : CONFIG.items}`
    : `${shown.length} of ${records.length} ${CONFIG.items}`;
  $('#totals').replaceChildren(...totals(records, CONFIG.totals).map(({ label, value }, index) => {
    const spec = CONFIG.totals[index];
    const box = document.createElement('div');
    const term = document.createElement('dt');
    term.textContent = label;
    const figure = document.createElement('dd');
    figure.textContent = `${spec.prefix ?? ''}${spec.decimals ? value.toFixed(spec.decimals) : value}${spec.suffix ?? ''}`;
    box.append(term, figure);
    return box;
  }));
  $('#tags').replaceChildren(...tagCounts(records).map(({ tag: name, count }) => {
    const chip = document.createElement('button');
    chip.type = 'button';
    chip.className = 'chip';
    chip.dataset.tag = name;
    chip.setAttribute('aria-pressed', String(name === tag));
    chip.textContent = `#${name} ${count}`;
    return chip;
  }));
}

function update(next) {
  records = next;
  save();
  render();
}

function stopEditing() {
  editing = null;
  fillForm(null);
  $('#form-title').textContent = `Add a ${CONFIG.item}`;
  $('#save').textContent = `Add ${CONFIG.item}`;
  $('#cancel-edit').hidden = true;
}

function fail(message) {
  $('#form-error').textContent = message ?? '';
  $('#form-error').hidden = !message;
}

$('#record-form').addEventListener('submit', (event) => {
  event.preventDefault();
  try {
    update(editing ? updateRecord(records, fields, editing, formValues()) : addRecord(records, fields, formValues(), newId(), new Date().toISOString()));
  } catch (err) {
    fail(err.message);
    return;
  }
  fail();
  stopEditing();
  $(`#field-${fields[0].name}`).focus();
});

$('#cancel-edit').addEventListener('click', stopEditing);

$('#records').addEventListener('click', (event) => {
  const chip = event.target.closest('[data-tag]');
  if (chip) {
    tag = chip.dataset.tag === tag ? '' : chip.dataset.tag;
    return render();
  }
  const button = event.target.closest('[data-action]');
  if (!button) return;
  const id = button.closest('.record').dataset.id;
  if (button.dataset.action === 'delete') {
    if (editing === id) stopEditing();
    update(removeRecord(records, id));
  } else {
    editing = id;
    fillForm(records.find((record) => record.id === id));
    $('#form-title').textContent = `Edit ${CONFIG.item}`;
    $('#save').textContent = 'Save changes';
    $('#cancel-edit').hidden = false;
    $(`#field-${fields[0].name}`).focus();
  }
});

$('#tags').addEventListener('click', (event) => {
  const chip = event.target.closest('[data-tag]');
  if (!chip) return;
  tag = chip.dataset.tag === tag ? '' : chip.dataset.tag;
  render();
});

document.documentElement.style.setProperty('--accent', CONFIG.accent);
$('#fields').append(...fields.map(fieldInput));
$('#list-title').textContent = `Your ${CONFIG.items}`;
$('#search').placeholder = `Search ${CONFIG.items}…`;
$('#filters').append(...CONFIG.filters.map((name) => {
  const field = fields.find((f) => f.name === name);
  const label = document.createElement('label');
  const text = document.createElement('span');
  text.className = 'visually-hidden';
  text.textContent = field.label;
  const select = document.createElement('select');
  select.id = `filter-${name}`;
  select.append(new Option(`All ${field.label.toLowerCase()}`, ''), ...field.options.map((option) => new Option(option, option)));
  select.addEventListener('change', render);
  label.append(text, select);
  return label;
}));
$('#sort').append(...CONFIG.sorts.map((sort) => new Option(sort.label, `${sort.field}:${sort.direction}`)));
$('#sort').addEventListener('change', render);
$('#search').addEventListener('input', render);
stopEditing();
render();

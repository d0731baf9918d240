/** DOM glue: category tabs, unit selects, swap, live conversion and the calculator form. */

import { DEFAULT_PAIRS, convert, formatResult, unitsFor } from './lib/units.js';
import { evaluate } from './lib/calculator.js';

const $ = (selector) => document.querySelector(selector);
let lastCalculation = null;

function fillSelect(select, units, selected) {
  select.replaceChildren(
    ...units.map(({ id, label }) => {
      const option = document.createElement('option');
      option.value = id;
      option.textContent = `${label} (${id})`;
      return option;
    }),
  );
  select.value = selected;
}

function showCategory(category) {
  const units = unitsFor(category);
  const [from, to] = DEFAULT_PAIRS[category];
  fillSelect($('#from'), units, from);
  fillSelect($('#to'), units, to);
  for (const button of document.querySelectorAll('[data-category]')) {
    button.setAttribute('aria-pressed', String(button.dataset.category === category));
  }
  update();
}

function update() {
  const raw = $('#value').value.trim();
  const error = $('#convert-error');
  error.textContent = '';
  if (raw === '') {
    $('#result').textContent = '–';
    return;
  }
  try {
    const value = convert(Number(raw), $('#from').value, $('#to').value);
    $('#result').textContent = `${formatResult(value, Number($('#precision').value))} ${$('#to').value}`;
  } catch (failure) {
    $('#result').textContent = '–';
    error.textContent = failure.message[0].toUpperCase() + failure.message.slice(1) + '.';
  }
}

function swapUnits() {
  const from = $('#from').value;
  $('#from').value = $('#to').value;
  $('#to').value = from;
  update();
}

function calculate(event) {
  event.preventDefault();
  try {
    lastCalculation = evaluate($('#calc-input').value);
    $('#calc-result').textContent = String(lastCalculation);
  } catch (failure) {
    lastCalculation = null;
    $('#calc-result').textContent = `Error: ${failure.message}`;
  }
  $('#calc-use').disabled = lastCalculation === null;
}

$('#categories').addEventListener('click', (event) => {
  const button = event.target.closest('[data-category]');
  if (button) showCategory(button.dataset.category);
});
for (const id of ['#value', '#from', '#to', '#precision']) {
  $(id).addEventListener('input', update);
  $(id).addEventListener('change', update);
}
$('#swap').addEventListener('click', swapUnits);
$('#calc-form').addEventListener('submit', calculate);
$('#calc-use').addEventListener('click', () => {
  $('#value').value = String(lastCalculation);
  update();
  $('#value').focus();
});
showCategory('length');

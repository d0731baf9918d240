// DOM glue for the calculators: every input recomputes its calculator's results as you type.
import { formatMoney, loan, percentChange, percentOf, tip, whatPercent } from './lib/calc.js';

const $ = (selector) => document.querySelector(selector);

/** Runs a calculation, showing its error instead of results when the inputs do not make sense. */
function attempt(errorSelector, compute) {
  try {
    compute();
    $(errorSelector).textContent = '';
  } catch (error) {
    $(errorSelector).textContent = error.message;
  }
}

function renderTip() {
  attempt('#tip-error', () => {
    const result = tip($('#tip-bill').value, $('#tip-percent').value, $('#tip-people').value);
    $('#tip-amount').textContent = formatMoney(result.tip);
    $('#tip-total').textContent = formatMoney(result.total);
    $('#tip-each').textContent = formatMoney(result.perPerson);
  });
}

function renderLoan() {
  attempt('#loan-error', () => {
    const months = Math.round(Number($('#loan-years').value) * 12);
    const result = loan($('#loan-amount').value, $('#loan-rate').value, months);
    $('#loan-monthly').textContent = formatMoney(result.monthly);
    $('#loan-total').textContent = formatMoney(result.totalPaid);
    $('#loan-interest').textContent = formatMoney(result.totalInterest);
  });
}

function show(selector, compute, suffix = '') {
  try {
    $(selector).textContent = `= ${compute()}${suffix}`;
  } catch (error) {
    $(selector).textContent = error.message;
  }
}

function renderPercent() {
  show('#p1-result', () => percentOf($('#p1-percent').value, $('#p1-value').value));
  show('#p2-result', () => whatPercent($('#p2-part').value, $('#p2-whole').value), '%');
  show('#p3-result', () => {
    const change = percentChange($('#p3-from').value, $('#p3-to').value);
    return `${change > 0 ? '+' : ''}${change}`;
  }, '%');
}

$('#tip').addEventListener('input', renderTip);
$('#loan').addEventListener('input', renderLoan);
$('#percent').addEventListener('input', renderPercent);
for (const button of document.querySelectorAll('[data-tip]')) {
  button.addEventListener('click', () => {
    $('#tip-percent').value = button.dataset.tip;
    renderTip();
  });
}
for (const tab of document.querySelectorAll('[role="tab"]')) {
  tab.addEventListener('click', () => {
    for (const other of document.querySelectorAll('[role="tab"]')) {
      other.setAttribute('aria-selected', String(other === tab));
      $(`#${other.getAttribute('aria-controls')}`).hidden = other !== tab;
    }
  });
}
for (const form of document.querySelectorAll('form')) form.addEventListener('submit', (event) => event.preventDefault());

renderTip();
renderLoan();
renderPercent();

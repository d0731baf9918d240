// DOM glue for the landing page: billing toggle, one-open-at-a-time FAQ and the signup form.
import { billingNote, formatPrice, planPrice } from './lib/pricing.js';
import { validateEmail } from './lib/signup.js';

const cycleButtons = [...document.querySelectorAll('[data-cycle]')];
const plans = [...document.querySelectorAll('.plan[data-monthly]')];
const faqItems = [...document.querySelectorAll('.faq details')];
const form = document.querySelector('#signup-form');
const emailInput = document.querySelector('#email');
const message = document.querySelector('#signup-message');

function showPrices(cycle) {
  for (const button of cycleButtons) button.setAttribute('aria-pressed', String(button.dataset.cycle === cycle));
  for (const plan of plans) {
    const monthly = Number(plan.dataset.monthly);
    plan.querySelector('.amount').textContent = formatPrice(planPrice(monthly, cycle).perMonth);
    plan.querySelector('.billed').textContent = billingNote(monthly, cycle);
  }
}

for (const button of cycleButtons) button.addEventListener('click', () => showPrices(button.dataset.cycle));

for (const item of faqItems) {
  item.addEventListener('toggle', () => {
    if (!item.open) return;
    for (const other of faqItems) if (other !== item) other.open = false;
  });
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  const result = validateEmail(emailInput.value);
  message.classList.toggle('error', !result.valid);
  emailInput.setAttribute('aria-invalid', String(!result.valid));
  if (!result.valid) {
    message.textContent = result.error;
    emailInput.focus();
    return;
  }
  message.textContent = `You're on the list! We'll write to ${result.email} as soon as your invite is ready.`;
  form.reset();
});

showPrices('monthly');

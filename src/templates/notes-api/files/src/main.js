/** DOM glue for the documentation page: example presets and the request console. */

import { buildRequest, formatResponse } from './lib/try-it.js';

const $ = (selector) => document.querySelector(selector);

const EXAMPLES = {
  health: { method: 'GET', path: '/api/health' },
  list: { method: 'GET', path: '/api/notes?limit=10' },
  create: { method: 'POST', path: '/api/notes', body: '{"title": "Groceries", "body": "Milk and eggs", "tags": ["home"]}' },
  search: { method: 'GET', path: '/api/notes?q=milk&tag=home' },
};

async function send(event) {
  event.preventDefault();
  const output = $('#try-output');
  let request;
  try {
    request = buildRequest($('#try-method').value, $('#try-path').value, $('#try-body').value);
  } catch (error) {
    output.textContent = `Not sent: ${error.message}`;
    return;
  }
  output.textContent = 'Sending…';
  try {
    const response = await fetch(request.url, request.init);
    output.textContent = formatResponse(response.status, response.statusText, await response.text());
  } catch (error) {
    output.textContent = `Network error: ${error.message}`;
  }
}

$('#try-form').addEventListener('submit', send);
for (const button of document.querySelectorAll('[data-example]')) {
  button.addEventListener('click', () => {
    const example = EXAMPLES[button.dataset.example];
    $('#try-method').value = example.method;
    $('#try-path').value = example.path;
    if (example.body) $('#try-body').value = example.body;
    $('#try-path').focus();
  });
}

// DOM glue for the feedback form: builds the form from src/questions.js, sends answers to /api, shows the results.
import { validateResponse } from './lib/survey.js';
import { QUESTIONS } from './questions.js';

const $ = (selector) => document.querySelector(selector);

function questionField(question) {
  const fieldset = document.createElement('fieldset');
  fieldset.className = `question ${question.type}`;
  const legend = document.createElement('legend');
  legend.textContent = question.label + (question.required ? '' : ' (optional)');
  fieldset.append(legend);
  if (question.type === 'text') {
    const area = document.createElement('textarea');
    area.name = question.id;
    area.rows = 3;
    area.maxLength = 1000;
    area.setAttribute('aria-label', question.label);
    fieldset.append(area);
    return fieldset;
  }
  const options = question.type === 'rating' ? ['1', '2', '3', '4', '5'] : question.options;
  for (const option of options) {
    const label = document.createElement('label');
    label.className = 'option';
    const input = document.createElement('input');
    input.type = 'radio';
    input.name = question.id;
    input.value = option;
    const text = document.createElement('span');
    text.textContent = question.type === 'rating' ? `${option}★` : option;
    label.append(input, text);
    fieldset.append(label);
  }
  return fieldset;
}

function readAnswers() {
  const data = new FormData($('#survey'));
  return Object.fromEntries(QUESTIONS.map((question) => {
    const value = data.get(question.id);
    return [question.id, value === null ? null : question.type === 'rating' ? Number(value) : String(value)];
  }));
}

function bar(label, count, total) {
  const row = document.createElement('div');
  row.className = 'bar-row';
  const name = document.createElement('span');
  name.textContent = label;
  const meter = document.createElement('progress');
  meter.max = Math.max(total, 1);
  meter.value = count;
  meter.setAttribute('aria-label', `${label}: ${count}`);
  const figure = document.createElement('span');
  figure.textContent = String(count);
  row.append(name, meter, figure);
  return row;
}

function renderResults(summary) {
  $('#response-count').textContent = `(${summary.responses})`;
  $('#results').replaceChildren(...summary.questions.map((result) => {
    const question = QUESTIONS.find((q) => q.id === result.id);
    const block = document.createElement('div');
    block.className = 'result';
    block.dataset.question = result.id;
    const title = document.createElement('h3');
    title.textContent = question.label;
    block.append(title);
    if (result.type === 'rating') {
      const average = document.createElement('p');
      average.className = 'average';
      average.textContent = result.average === null ? 'No ratings yet' : `${result.average} / 5 average from ${result.count}`;
      block.append(average, ...result.spread.map((count, index) => bar(`${index + 1}★`, count, result.count)));
    } else if (result.type === 'choice') {
      block.append(...result.options.map((entry) => bar(entry.option, entry.count, result.count)));
    } else {
      const list = document.createElement('ul');
      list.className = 'comments';
      list.append(...(result.latest.length ? result.latest : ['No comments yet.']).map((text) => Object.assign(document.createElement('li'), { textContent: text })));
      block.append(list);
    }
    return block;
  }));
}

async function loadResults() {
  try {
    const response = await fetch('/api/results');
    const body = await response.json();
    if (!response.ok) throw new Error(body.error ?? `Request failed (${response.status})`);
    renderResults(body);
  } catch (error) {
    $('#results').textContent = `Could not load results: ${error.message}`;
  }
}

$('#survey').addEventListener('submit', async (event) => {
  event.preventDefault();
  const status = $('#status');
  let answers;
  try {
    answers = validateResponse(QUESTIONS, readAnswers());
  } catch (error) {
    const question = QUESTIONS.find((q) => error.message.startsWith(q.id));
    status.textContent = question ? `Please answer: ${question.label}` : error.message;
    status.className = 'status error';
    return;
  }
  try {
    const response = await fetch('/api/responses', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(answers) });
    const body = await response.json();
    if (!response.ok) throw new Error(body.error ?? `Request failed (${response.status})`);
    status.textContent = 'Thank you for your feedback!';
    status.className = 'status ok';
    $('#survey').reset();
    await loadResults();
  } catch (error) {
    status.textContent = `Could not send: ${error.message}`;
    status.className = 'status error';
  }
});

$('#questions').append(...QUESTIONS.map(questionField));
loadResults();

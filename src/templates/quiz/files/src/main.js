// DOM glue for the quiz: intro, one question at a time with feedback, results with a review, and a question editor.
import { answerQuestion, currentQuestion, parseQuestions, quizOrder, scoreOf, startQuiz, validateQuestion, verdict } from './lib/quiz.js';
import { STARTER_QUESTIONS } from './questions.js';

const QUESTIONS_KEY = 'quiz.questions';
const BEST_KEY = 'quiz.best';
const $ = (selector) => document.querySelector(selector);

let questions = read(QUESTIONS_KEY, parseQuestions) ?? STARTER_QUESTIONS;
let state = null;

function read(key, parse) {
  try {
    return parse(localStorage.getItem(key));
  } catch {
    return null;
  }
}

function write(key, value) {
  try {
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // storage full or blocked: this visit still works
  }
}

function show(section) {
  for (const id of ['intro', 'play', 'results']) $(`#${id}`).hidden = id !== section;
}

function renderIntro() {
  $('#intro-text').textContent = `${questions.length} question${questions.length === 1 ? '' : 's'}, multiple choice.`;
  const best = read(BEST_KEY, (json) => (Number.isInteger(JSON.parse(json)) ? JSON.parse(json) : null));
  $('#best').textContent = best === null ? '' : `Your best: ${best}%`;
  show('intro');
}

function renderQuestion() {
  const index = currentQuestion(state);
  if (index === null) return renderResults();
  const question = questions[index];
  const score = scoreOf(state);
  $('#progress').textContent = `Question ${score.answered + 1} of ${score.total}`;
  $('#score').textContent = String(score.correct);
  $('#bar-fill').style.width = `${(score.answered / score.total) * 100}%`;
  $('#prompt').textContent = question.prompt;
  $('#choices').replaceChildren(...question.choices.map((choice, i) => {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'choice';
    button.dataset.choice = String(i);
    button.textContent = choice;
    return button;
  }));
  $('#feedback').textContent = '';
  $('#next').hidden = true;
  show('play');
  $('#choices button')?.focus();
}

function choose(choice) {
  const index = currentQuestion(state);
  if (index === null || !$('#next').hidden) return;
  state = answerQuestion(state, questions, choice);
  const question = questions[index];
  const correct = choice === question.answer;
  for (const button of document.querySelectorAll('#choices button')) {
    const i = Number(button.dataset.choice);
    button.disabled = true;
    if (i === question.answer) button.classList.add('is-right');
    else if (i === choice) button.classList.add('is-wrong');
  }
  $('#feedback').textContent = `${correct ? 'Correct!' : 'Not quite.'} Answer: ${question.choices[question.answer]}`;
  $('#feedback').dataset.correct = String(correct);
  $('#score').textContent = String(scoreOf(state).correct);
  $('#next').textContent = currentQuestion(state) === null ? 'See results' : 'Next';
  $('#next').hidden = false;
  $('#next').focus();
}

function renderResults() {
  const score = scoreOf(state);
  $('#final').textContent = `${score.correct} / ${score.total} (${score.percent}%)`;
  $('#verdict').textContent = verdict(score.percent);
  const best = read(BEST_KEY, (json) => JSON.parse(json));
  if (!Number.isInteger(best) || score.percent > best) write(BEST_KEY, score.percent);
  $('#review').replaceChildren(...state.answers.map((answer) => {
    const question = questions[answer.question];
    const li = document.createElement('li');
    li.className = answer.correct ? 'is-right' : 'is-wrong';
    li.textContent = `${question.prompt} — ${answer.correct ? '✓' : `✗ you said ${question.choices[answer.choice]}, answer:`} ${question.choices[question.answer]}`;
    return li;
  }));
  show('results');
}

function start() {
  const seed = $('#shuffle').checked ? (Math.random() * 2 ** 32) >>> 0 || 1 : 0;
  state = startQuiz(quizOrder(questions.length, seed));
  renderQuestion();
}

$('#start').addEventListener('click', start);
$('#again').addEventListener('click', renderIntro);
$('#next').addEventListener('click', renderQuestion);
$('#choices').addEventListener('click', (event) => {
  const button = event.target.closest('[data-choice]');
  if (button) choose(Number(button.dataset.choice));
});

$('#question-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const form = event.currentTarget;
  const inputs = [...form.querySelectorAll('input[name="choice"]')];
  const answer = Number(form.querySelector('input[name="answer"]:checked').value);
  // Empty choice fields are dropped, so the marked one is counted among the filled ones only.
  const filled = inputs.map((input, i) => ({ text: input.value.trim(), i })).filter((entry) => entry.text);
  try {
    if (!filled.some((entry) => entry.i === answer)) throw new Error('Mark a filled choice as the right one');
    const question = validateQuestion({ prompt: $('#new-prompt').value, choices: filled.map((e) => e.text), answer: filled.findIndex((e) => e.i === answer) });
    questions = questions === STARTER_QUESTIONS ? [question] : [...questions, question];
    write(QUESTIONS_KEY, questions);
  } catch (err) {
    $('#question-status').textContent = err.message;
    return;
  }
  form.reset();
  $('#question-status').textContent = `Added. Your quiz has ${questions.length} question${questions.length === 1 ? '' : 's'}.`;
  if (state === null || !$('#intro').hidden) renderIntro();
});

$('#restore').addEventListener('click', () => {
  questions = STARTER_QUESTIONS;
  write(QUESTIONS_KEY, null);
  $('#question-status').textContent = 'Back to the starter questions.';
  renderIntro();
});

renderIntro();

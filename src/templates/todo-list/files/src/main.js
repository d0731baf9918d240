// DOM glue for the todo list: reads the form and filters, renders the list, saves to localStorage.
import { addTodo, clearCompleted, countRemaining, filterTodos, parseTodos, remainingLabel, removeTodo, toggleTodo } from './lib/todos.js';

const STORAGE_KEY = 'todo-list.todos';

const form = document.querySelector('#todo-form');
const input = document.querySelector('#new-todo');
const error = document.querySelector('#form-error');
const list = document.querySelector('#todo-list');
const empty = document.querySelector('#empty');
const footer = document.querySelector('#footer');
const remaining = document.querySelector('#remaining');
const clearButton = document.querySelector('#clear-done');
const filterButtons = [...document.querySelectorAll('[data-filter]')];

let todos = loadTodos();
let filter = 'all';

function loadTodos() {
  try {
    return parseTodos(localStorage.getItem(STORAGE_KEY));
  } catch {
    return []; // storage blocked: start empty, the list still works for this visit
  }
}

function saveTodos() {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(todos));
  } catch {
    // storage full or blocked: keep working in memory
  }
}

function newId() {
  return crypto.randomUUID?.() ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

function update(next) {
  todos = next;
  saveTodos();
  render();
}

function renderItem(todo) {
  const item = document.createElement('li');
  item.className = todo.done ? 'todo is-done' : 'todo';
  item.dataset.id = todo.id;

  const label = document.createElement('label');
  const checkbox = document.createElement('input');
  checkbox.type = 'checkbox';
  checkbox.checked = todo.done;
  checkbox.dataset.action = 'toggle';
  const title = document.createElement('span');
  title.textContent = todo.title;
  label.append(checkbox, title);

  const remove = document.createElement('button');
  remove.type = 'button';
  remove.className = 'delete';
  remove.dataset.action = 'delete';
  remove.setAttribute('aria-label', `Delete "${todo.title}"`);
  remove.textContent = '×';

  item.append(label, remove);
  return item;
}

function render() {
  const visible = filterTodos(todos, filter);
  list.replaceChildren(...visible.map(renderItem));
  empty.hidden = visible.length > 0;
  empty.textContent = todos.length === 0 ? 'Nothing to do yet. Add your first task above.' : `No ${filter} tasks.`;
  footer.hidden = todos.length === 0;
  remaining.textContent = remainingLabel(countRemaining(todos));
  clearButton.disabled = todos.every((todo) => !todo.done);
  for (const button of filterButtons) button.setAttribute('aria-pressed', String(button.dataset.filter === filter));
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  try {
    update(addTodo(todos, input.value, newId()));
  } catch (err) {
    error.textContent = err.message;
    error.hidden = false;
    return;
  }
  error.hidden = true;
  input.value = '';
  input.focus();
});

list.addEventListener('change', (event) => {
  if (event.target.dataset.action !== 'toggle') return;
  update(toggleTodo(todos, event.target.closest('li').dataset.id));
});

list.addEventListener('click', (event) => {
  const button = event.target.closest('[data-action="delete"]');
  if (button) update(removeTodo(todos, button.closest('li').dataset.id));
});

for (const button of filterButtons) {
  button.addEventListener('click', () => {
    filter = button.dataset.filter;
    render();
  });
}

clearButton.addEventListener('click', () => update(clearCompleted(todos)));

render();

// Todo list rules: creating, toggling, removing, filtering and restoring todos, without side effects.

const MAX_TITLE_LENGTH = 200;
const FILTERS = ['all', 'active', 'done'];

/** Builds a todo from raw input, e.g. createTodo('  Buy milk ', 't1') → { id: 't1', title: 'Buy milk', done: false }. */
export function createTodo(title, id) {
  const text = String(title ?? '').trim().replace(/\s+/g, ' ');
  if (!text) throw new Error('Todo title is required');
  if (text.length > MAX_TITLE_LENGTH) throw new Error(`Todo title must be at most ${MAX_TITLE_LENGTH} characters`);
  return { id: String(id), title: text, done: false };
}

/** Returns a new list with a todo appended, e.g. addTodo([], 'Call Ana', 't1') → [{ id: 't1', title: 'Call Ana', done: false }]. */
export function addTodo(todos, title, id) {
  if (todos.some((todo) => todo.id === String(id))) throw new Error(`Duplicate todo id: ${id}`);
  return [...todos, createTodo(title, id)];
}

/** Returns a new list with the todo's done flag flipped; unknown ids leave the list as it was. */
export function toggleTodo(todos, id) {
  return todos.map((todo) => (todo.id === id ? { ...todo, done: !todo.done } : todo));
}

/** Returns a new list without the todo that has this id. */
export function removeTodo(todos, id) {
  return todos.filter((todo) => todo.id !== id);
}

/** Returns a new list without the completed todos. */
export function clearCompleted(todos) {
  return todos.filter((todo) => !todo.done);
}

/** Returns the todos a filter shows: 'all', 'active' (not done) or 'done'. */
export function filterTodos(todos, filter) {
  if (!FILTERS.includes(filter)) throw new Error(`Unknown filter: ${filter}`);
  if (filter === 'all') return todos;
  return todos.filter((todo) => todo.done === (filter === 'done'));
}

/** Counts the todos that are not done yet. */
export function countRemaining(todos) {
  return todos.filter((todo) => !todo.done).length;
}

/** Words the remaining count for the footer, e.g. remainingLabel(1) → '1 item left'. */
export function remainingLabel(count) {
  return `${count} ${count === 1 ? 'item' : 'items'} left`;
}

/** Restores todos from stored JSON, keeping only well-formed entries; anything unreadable gives []. */
export function parseTodos(json) {
  let data;
  try {
    data = JSON.parse(json);
  } catch {
    return [];
  }
  if (!Array.isArray(data)) return [];
  return data
    .filter((item) => item && typeof item.id === 'string' && typeof item.title === 'string' && item.title.trim() !== '')
    .map((item) => ({ id: item.id, title: item.title, done: item.done === true }));
}

// A small generated app in the shape of DESIGN.md section 3, and a way to write test modules for it.
import type { AppFiles } from '../../src/sandbox';

export const todoApp: AppFiles = {
  'index.html': '<!doctype html><html><body><ul id="todos"></ul><script type="module" src="src/main.js"></script></body></html>',
  'styles.css': 'body { font-family: sans-serif; }',
  'data/config.json': '{ "maxTitle": 20 }',
  'src/main.js': "import { addTodo } from './lib/todos.js';\ndocument.querySelector('#todos').textContent = JSON.stringify(addTodo([], 'x'));\n",
  'src/lib/todos.js': [
    "import config from '../../data/config.json' with { type: 'json' };",
    '',
    'export function addTodo(list, title) {',
    "  if (typeof title !== 'string' || title.trim() === '') throw new Error('title is required');",
    '  if (title.length > config.maxTitle) throw new Error(`title is longer than ${config.maxTitle}`);',
    '  return [...list, { title: title.trim(), done: false }];',
    '}',
    '',
    'export function toggle(list, index) {',
    '  return list.map((todo, i) => (i === index ? { ...todo, done: !todo.done } : todo));',
    '}',
  ].join('\n'),
  'worker.js': [
    "import { addTodo } from './src/lib/todos.js';",
    '',
    'export default {',
    '  async fetch(request, env) {',
    '    const url = new URL(request.url);',
    "    if (url.pathname !== '/api/todos') return Response.json({ error: 'not found' }, { status: 404 });",
    "    const list = (await env.DATA.get('todos')) ?? [];",
    "    if (request.method === 'GET') return Response.json(list);",
    '    const { title } = await request.json();',
    '    const next = addTodo(list, title);',
    "    await env.DATA.put('todos', next);",
    '    return Response.json(next.at(-1), { status: 201 });',
    '  },',
    '};',
  ].join('\n'),
};

/** A test module in the runner's contract: one case per entry, each body the inside of `run: async (t) => { … }`. */
export function testModule(cases: Record<string, string>, imports = ''): string {
  const entries = Object.entries(cases).map(([name, body]) => `  { name: ${JSON.stringify(name)}, run: async (t) => {\n    ${body}\n  } },`);
  return `${imports}\nexport const tests = [\n${entries.join('\n')}\n];\n`;
}

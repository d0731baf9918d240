/** Rule: `await` in a function that is not async, which makes that function async. */
import type { AnyNode, Program } from 'acorn';
import { visit } from '../../../sandbox';
import { scriptOf, syntaxErrorOffset, tryParse } from './js-program';
import { applyEdits, Lines, listed } from './text';
import type { Edit } from './text';
import type { FixCandidate, FixInput } from './types';

export const RULE = 'await-outside-async';

/** How many misplaced `await`s one file is searched for. */
const MAX_AWAITS = 50;

/** A function that may be made async, and where `async ` goes: before `function`, an arrow's parameters, or a method's name. */
interface AsyncTarget {
  node: AnyNode;
  insertAt: number;
  label: string;
}

/**
 * Finds every `await` the parser rejects (blanking each in turn until the module parses), and
 * makes the innermost function around each async, all in one candidate: the parser stops at the
 * first, so fixing one would only reveal the next. Getters and setters cannot be async; an
 * `await` in one gets no candidate.
 *
 * @example fixAwaitOutsideAsync({ ...input, code: 'function load() {\n  return await fetch(url);\n}' })[0]?.code
 * // 'async function load() {\n  return await fetch(url);\n}'
 */
export function fixAwaitOutsideAsync(input: FixInput): FixCandidate[] {
  if (input.language !== 'javascript' && input.language !== 'typescript') return [];
  const script = scriptOf(input.code, input.language, input.path);
  if (!script) return [];
  let js = script.js;
  const awaits: number[] = [];
  while (awaits.length < MAX_AWAITS) {
    const at = syntaxErrorOffset(js);
    if (at === null || !/^await(?![\w$])/.test(js.slice(at, at + 6))) break;
    awaits.push(at);
    js = js.slice(0, at) + ' '.repeat('await'.length) + js.slice(at + 'await'.length);
  }
  const program = awaits.length > 0 ? tryParse(js) : null;
  if (!program) return [];
  const targets = asyncTargets(program, js);
  const jsLines = new Lines(js);
  const chosen = new Map<AnyNode, AsyncTarget>();
  for (const at of awaits) {
    const target = targets.filter((candidate) => candidate.node.start <= at && at < candidate.node.end).at(-1);
    if (!target || target.insertAt < 0) return [];
    chosen.set(target.node, target);
  }
  const edits: Edit[] = [...chosen.values()].map((target) => ({ start: script.toCode(target.insertAt), end: script.toCode(target.insertAt), text: 'async ' }));
  const made = [...chosen.values()].map((target) => `${target.label} (line ${jsLines.indexAt(target.node.start) + 1})`);
  const lines = awaits.map((at) => String(jsLines.indexAt(at) + 1));
  return [
    {
      code: applyEdits(input.code, edits),
      explanation: `Made ${listed(made)} async, since ${made.length === 1 ? 'it uses' : 'they use'} \`await\` on ${lines.length === 1 ? 'line' : 'lines'} ${listed(lines)}.`,
      rule: RULE,
    },
  ];
}

/**
 * Every function of the module, outer before inner, with where `async ` would go (-1 for getters
 * and setters, which cannot be async). A method's function starts at its parameters, so `async`
 * goes before its name, a computed name's `[`, or a generator's `*`.
 */
function asyncTargets(program: Program, js: string): AsyncTarget[] {
  const targets: AsyncTarget[] = [];
  const methods = new Map<AnyNode, AsyncTarget>();
  const variables = new Map<AnyNode, string>();
  visit(program, (node) => {
    if (node.type === 'VariableDeclarator' && node.id.type === 'Identifier' && node.init) variables.set(node.init, node.id.name);
    if ((node.type === 'MethodDefinition' || (node.type === 'Property' && (node.method || node.kind !== 'init'))) && node.value.type === 'FunctionExpression') {
      let insertAt = node.computed ? js.lastIndexOf('[', node.key.start) : node.key.start;
      if (node.value.generator) insertAt = js.lastIndexOf('*', insertAt);
      const accessor = node.kind === 'get' || node.kind === 'set' || node.kind === 'constructor';
      const label = node.key.type === 'Identifier' ? `\`${node.key.name}\`` : 'the method';
      methods.set(node.value, { node: node.value, insertAt: accessor ? -1 : insertAt, label });
    }
    if (node.type === 'FunctionDeclaration' || node.type === 'FunctionExpression' || node.type === 'ArrowFunctionExpression') {
      const name = (node.type !== 'ArrowFunctionExpression' ? node.id?.name : undefined) ?? variables.get(node);
      const label = name ? `\`${name}\`` : node.type === 'ArrowFunctionExpression' ? 'the arrow function' : 'the function';
      targets.push(methods.get(node) ?? { node, insertAt: node.start, label });
    }
  });
  return targets;
}

/** Rewrites a generated module so the sandbox can stop it: a time check in every loop and function, import attributes dropped. */
import type { BlockStatement, Expression, Program, Statement } from 'acorn';
import { parseProgram, visit } from './parse';

/** The name instrumented code calls; long and prefixed so generated code does not use it. */
const TICK = '__promptaxTick';

/** Where the sandbox's own modules live; app files may not use this folder. */
export const INTERNAL_FOLDER = '__promptax/';
export const GUARD_PATH = `${INTERNAL_FOLDER}guard.js`;

interface Edit {
  /** Offset in the original source. */
  at: number;
  /** Offset where a removal ends; equal to `at` for an insertion. */
  to: number;
  text: string;
  /** Opening text of a wrapper (sorted parents first) or closing text (sorted children first). */
  closing: boolean;
  order: number;
}

/**
 * The module with a call to the guard at the top of every loop body and function body, so code
 * that never yields still reaches a point where it can be stopped: workerd cannot interrupt an
 * isolate (`limits.cpuMs` is enforced only on Cloudflare), and a loop that never awaits would
 * otherwise hold the whole process. Nothing is inserted on a new line, so errors still point at
 * the generated file's own line numbers (columns move only on lines that got a check).
 *
 * Import attributes (`with { type: 'json' }`) are removed: browsers need them for JSON modules,
 * workerd refuses them and loads `.json` modules without.
 *
 * @example instrumentModule('while (true) {}')
 * // "while (true) {__promptaxTick();}\nimport { tick as __promptaxTick } from '/__promptax/guard.js';"
 */
export function instrumentModule(source: string, program: Program = parseProgram(source)): string {
  const edits = editsFor(source, program);
  if (edits.length === 0) return source;
  const guarded = edits.some((edit) => edit.text.includes(TICK));
  return applyEdits(source, edits) + (guarded ? `\nimport { tick as ${TICK} } from '/${GUARD_PATH}';` : '');
}

function editsFor(source: string, program: Program): Edit[] {
  const edits: Edit[] = [];
  const insert = (at: number, text: string, closing = false) => edits.push({ at, to: at, text, closing, order: edits.length });
  const tickAtStartOf = (body: Statement | Expression) => {
    if (body.type === 'BlockStatement') {
      insert(afterDirectives(body), `${TICK}();`);
    } else if (isStatement(body)) {
      insert(body.start, `{${TICK}();`);
      insert(body.end, '}', true);
    } else {
      insert(body.start, `(${TICK}(), `);
      insert(body.end, ')', true);
    }
  };
  const remove = (at: number, to: number) => edits.push({ at, to, text: '', closing: false, order: edits.length });

  visit(program, (node) => {
    switch (node.type) {
      case 'WhileStatement':
      case 'DoWhileStatement':
      case 'ForStatement':
      case 'ForInStatement':
      case 'ForOfStatement':
      case 'FunctionDeclaration':
      case 'FunctionExpression':
      case 'ArrowFunctionExpression':
        tickAtStartOf(node.body);
        break;
      case 'ImportDeclaration':
      case 'ExportAllDeclaration':
      case 'ExportNamedDeclaration':
        // From after the specifier to the attribute list's closing brace, keeping the semicolon.
        if (node.source && node.attributes.length > 0) remove(node.source.end, source.lastIndexOf('}', node.end) + 1);
        break;
      case 'ImportExpression':
        if (node.options) remove(node.source.end, node.options.end);
        break;
    }
  });
  return edits;
}

function isStatement(node: Statement | Expression): node is Statement {
  return node.type.endsWith('Statement') || node.type.endsWith('Declaration');
}

/** Inside a block, after any directive prologue ('use strict'), which must stay first to mean anything. */
function afterDirectives(block: BlockStatement): number {
  let at = block.start + 1;
  for (const statement of block.body) {
    if (statement.type !== 'ExpressionStatement' || statement.directive === undefined) break;
    at = statement.end;
  }
  return at;
}

function applyEdits(source: string, edits: Edit[]): string {
  edits.sort((a, b) => a.at - b.at || Number(b.closing) - Number(a.closing) || (a.closing ? b.order - a.order : a.order - b.order));
  let out = '';
  let cursor = 0;
  for (const edit of edits) {
    out += source.slice(cursor, edit.at) + edit.text;
    // A removed span keeps its line breaks, so the lines after it keep their numbers.
    out += source.slice(edit.at, edit.to).replace(/[^\n]/g, '');
    cursor = Math.max(cursor, edit.to, edit.at);
  }
  return out + source.slice(cursor);
}

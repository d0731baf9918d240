/** Reads a generated ES module without running it: does it parse, what does it import, what does it export. */
import { parse } from 'acorn';
import type { AnyNode, ExportNamedDeclaration, Identifier, Literal, Pattern, Program } from 'acorn';

/** Where and why a module does not parse; `line` and `column` count from 1, as editors show them. */
export interface ParseError {
  message: string;
  line: number;
  column: number;
}

export type ParsedModule =
  | { ok: true; imports: string[]; exports: string[] }
  | { ok: false; error: ParseError };

/**
 * Parses `source` as the module at `path` (a project path such as `src/lib/todos.js`).
 * `imports` lists every module it loads (static imports, `export … from`, `import('…')` with a
 * literal) in source order, once each: relative and root-absolute specifiers are resolved to
 * project paths, so a test's `../src/lib/todos.js` reads `src/lib/todos.js`; bare and URL
 * specifiers stay as written. `exports` lists its export names, `default` included; `export *
 * from` adds nothing, since the names live in the other module.
 *
 * @example parseModule("import { add } from './math.js';\nexport default add;", 'src/main.js')
 * // { ok: true, imports: ['src/math.js'], exports: ['default'] }
 * @example parseModule('export const = 1;', 'src/lib/x.js')
 * // { ok: false, error: { message: 'Unexpected token', line: 1, column: 14 } }
 */
export function parseModule(source: string, path: string): ParsedModule {
  const read = readModule(source, path);
  return read.ok ? { ok: true, imports: read.imports, exports: read.exports } : read;
}

/** `parseModule` that also hands back the syntax tree, for callers that rewrite the module. */
export function readModule(source: string, path: string): (ParsedModule & { ok: false }) | { ok: true; program: Program; imports: string[]; exports: string[] } {
  let program: Program;
  try {
    program = parseProgram(source);
  } catch (error) {
    return { ok: false, error: parseErrorOf(error) };
  }
  const imports = new Set<string>();
  const exports: string[] = [];
  const addImport = (specifier: Literal) => {
    if (typeof specifier.value === 'string') imports.add(resolveSpecifier(specifier.value, path));
  };
  visit(program, (node) => {
    switch (node.type) {
      case 'ImportDeclaration':
        addImport(node.source);
        break;
      case 'ImportExpression':
        if (node.source.type === 'Literal') addImport(node.source);
        break;
      case 'ExportAllDeclaration':
        addImport(node.source);
        if (node.exported) exports.push(nameOf(node.exported));
        break;
      case 'ExportDefaultDeclaration':
        exports.push('default');
        break;
      case 'ExportNamedDeclaration':
        if (node.source) addImport(node.source);
        exports.push(...namedExports(node));
        break;
    }
  });
  return { ok: true, program, imports: [...imports], exports };
}

/** The one acorn configuration every sandbox module goes through. */
export function parseProgram(source: string): Program {
  return parse(source, { ecmaVersion: 'latest', sourceType: 'module', locations: true });
}

/** Calls `enter` for every node under `node`, parents before children, in source order. */
export function visit(node: AnyNode, enter: (node: AnyNode) => void): void {
  enter(node);
  for (const value of Object.values(node)) {
    if (Array.isArray(value)) {
      for (const item of value) if (isNode(item)) visit(item, enter);
    } else if (isNode(value)) {
      visit(value, enter);
    }
  }
}

function isNode(value: unknown): value is AnyNode {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

function parseErrorOf(error: unknown): ParseError {
  const loc = (error as { loc?: { line: number; column: number } }).loc;
  if (!(error instanceof SyntaxError) || !loc) throw error;
  // acorn appends "(line:column)" to its messages; the position is reported in its own fields.
  return { message: error.message.replace(/ \(\d+:\d+\)$/, ''), line: loc.line, column: loc.column + 1 };
}

function nameOf(node: Identifier | Literal): string {
  return node.type === 'Identifier' ? node.name : String(node.value);
}

function namedExports(statement: ExportNamedDeclaration): string[] {
  const declaration = statement.declaration;
  if (!declaration) return statement.specifiers.map((specifier) => nameOf(specifier.exported));
  if (declaration.type === 'VariableDeclaration') return declaration.declarations.flatMap((declarator) => bindingNames(declarator.id));
  return [declaration.id.name];
}

/** The names a declaration pattern binds: `const { a, b: [c] } = …` binds a and c. */
function bindingNames(pattern: Pattern): string[] {
  switch (pattern.type) {
    case 'Identifier':
      return [pattern.name];
    case 'ObjectPattern':
      return pattern.properties.flatMap((property) => bindingNames(property.type === 'RestElement' ? property.argument : property.value));
    case 'ArrayPattern':
      return pattern.elements.flatMap((element) => (element ? bindingNames(element) : []));
    case 'RestElement':
      return bindingNames(pattern.argument);
    case 'AssignmentPattern':
      return bindingNames(pattern.left);
    default:
      return [];
  }
}

/**
 * The project path a specifier names from the module at `from`, or the specifier itself when it
 * is bare (`hono`) or a URL.
 *
 * @example resolveSpecifier('../src/lib/todos.js', 'tests/todos.test.js') // 'src/lib/todos.js'
 */
export function resolveSpecifier(specifier: string, from: string): string {
  if (specifier.startsWith('/')) return normalisePath(specifier);
  if (!specifier.startsWith('./') && !specifier.startsWith('../')) return specifier;
  return normalisePath(from.split('/').slice(0, -1).join('/') + '/' + specifier);
}

/** @example normalisePath('/src/./lib/../main.js') // 'src/main.js' */
export function normalisePath(path: string): string {
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return parts.join('/');
}

/** Rule: a name used but not declared that another project file exports, imported from it. */
import type { ImportDeclaration, Program } from 'acorn';
import { readModule, transpileTypeScript } from '../../../sandbox';
import { readProgram } from './js-program';
import { languageOf } from './language';
import { undefinedNameOf } from './messages';
import { analyseScopes } from './scope';
import { Lines } from './text';
import type { FixCandidate, FixInput } from './types';

export const RULE = 'missing-import';

/** Test files export nothing an app module should import. */
const TEST_FILE = /(?:^|\/)(?:tests?|__tests__)\/|\.(?:test|spec)\.[cm]?[jt]s$/;

interface Exporter {
  path: string;
  /** Imported as the default export, when that is how the file exports the name. */
  isDefault: boolean;
}

/**
 * For the name the error says is not defined: when it is declared nowhere in the code and a
 * project file (not a test) exports it, imports it from there with a relative specifier, into an
 * import of that file that is already there, or as a new import after the others. The specifier
 * keeps the file's extension unless the code's other relative imports leave theirs out. One
 * candidate per exporting file, the nearest first.
 *
 * @example fixMissingImport({ ...input, path: 'src/main.js', code: 'addTodo("x");', files: [{ path: 'src/lib/todos.js', content: 'export function addTodo() {}' }], error: { message: 'ReferenceError: addTodo is not defined' } })[0]?.code
 * // "import { addTodo } from './lib/todos.js';\naddTodo(\"x\");"
 */
export function fixMissingImport(input: FixInput): FixCandidate[] {
  if (input.language !== 'javascript' && input.language !== 'typescript') return [];
  const name = undefinedNameOf(input.error.message);
  if (!name) return [];
  const read = readProgram(input.code, input.language, input.path);
  if (!read) return [];
  const used = analyseScopes(read.program).references.some((reference) => !reference.binding && reference.identifier.name === name);
  if (!used) return [];
  const from = input.path ?? '';
  const exporters = input.files
    .filter((file) => file.path !== input.path && !TEST_FILE.test(file.path))
    .flatMap((file) => {
      const exporter = exporterOf(file.path, file.content, name);
      return exporter ? [exporter] : [];
    })
    .sort((a, b) => compareDistance(relativeSpecifier(from, a.path), relativeSpecifier(from, b.path)) || a.path.localeCompare(b.path));
  const imports = read.program.body.filter((statement): statement is ImportDeclaration => statement.type === 'ImportDeclaration');
  const style = importStyle(read.js, imports);
  return exporters.map((exporter) => {
    let specifier = relativeSpecifier(from, exporter.path);
    if (style.extensionless) specifier = withoutExtension(specifier);
    const code = addToExisting(input.code, read, imports, specifier, name, exporter) ?? addImport(input.code, read.program, imports, style, specifier, name, exporter);
    const what = exporter.isDefault ? `the default export of ${exporter.path}` : `${exporter.path}, which exports it`;
    return { code, explanation: `Imported \`${name}\`, which is not declared here, from ${what} ('${specifier}').`, rule: RULE };
  });
}

/** Whether the file at `path` exports `name`: by that name, or as its default export declared under that name. */
function exporterOf(path: string, content: string, name: string): Exporter | null {
  const language = languageOf(path);
  let js = content;
  if (language === 'typescript') {
    const transpiled = transpileTypeScript(content, path);
    if (!transpiled.ok) return null;
    js = transpiled.code;
  } else if (language !== 'javascript') {
    return null;
  }
  const read = readModule(js, path);
  if (!read.ok) return null;
  if (read.exports.includes(name)) return { path, isDefault: false };
  const declaration = read.program.body.find((statement) => statement.type === 'ExportDefaultDeclaration')?.declaration;
  const declaredName = declaration && (declaration.type === 'FunctionDeclaration' || declaration.type === 'ClassDeclaration') ? declaration.id?.name : undefined;
  return declaredName === name ? { path, isDefault: true } : null;
}

/**
 * The specifier that leads from the module at `from` to the file at `to`, both project paths.
 *
 * @example relativeSpecifier('src/routes/todos.js', 'src/lib/store.js') // '../lib/store.js'
 */
export function relativeSpecifier(from: string, to: string): string {
  const fromFolders = from.split('/').slice(0, -1);
  const toParts = to.split('/');
  let common = 0;
  while (common < fromFolders.length && common < toParts.length - 1 && fromFolders[common] === toParts[common]) common += 1;
  const ups = fromFolders.length - common;
  return (ups === 0 ? './' : '../'.repeat(ups)) + toParts.slice(common).join('/');
}

function withoutExtension(specifier: string): string {
  return specifier.replace(/\.[cm]?[jt]s$/, '');
}

/** Nearer first: fewer folders up, then fewer folders down. */
function compareDistance(a: string, b: string): number {
  const ups = (specifier: string) => specifier.split('../').length;
  return ups(a) - ups(b) || a.split('/').length - b.split('/').length;
}

interface ImportStyle {
  quote: string;
  semicolon: boolean;
  extensionless: boolean;
}

/** How the code writes its imports, so that one more reads like the others. */
function importStyle(js: string, imports: ImportDeclaration[]): ImportStyle {
  const relative = imports.map((statement) => String(statement.source.value)).filter((specifier) => specifier.startsWith('.'));
  const last = imports.at(-1);
  return {
    quote: last?.source.raw?.startsWith('"') ? '"' : "'",
    semicolon: last ? js.slice(last.start, last.end).endsWith(';') : true,
    extensionless: relative.length > 0 && relative.every((specifier) => withoutExtension(specifier) === specifier),
  };
}

/** The code with `name` added to an import of `specifier` that is already there, or null when there is none to add to. */
function addToExisting(code: string, read: { toCode(offset: number): number }, imports: ImportDeclaration[], specifier: string, name: string, exporter: Exporter): string | null {
  if (exporter.isDefault) return null;
  for (const statement of imports) {
    if (withoutExtension(String(statement.source.value)) !== withoutExtension(specifier)) continue;
    const named = statement.specifiers.filter((item) => item.type === 'ImportSpecifier');
    const last = named.at(-1);
    const defaultOnly = statement.specifiers.length === 1 && statement.specifiers[0]?.type === 'ImportDefaultSpecifier';
    const after = last?.local ?? (defaultOnly ? statement.specifiers[0]?.local : undefined);
    if (!after) continue;
    const offset = read.toCode(after.start) + after.name.length;
    return code.slice(0, offset) + (last ? `, ${name}` : `, { ${name} }`) + code.slice(offset);
  }
  return null;
}

/** The code with a new import statement after the last import, or before the first statement when there is none. */
function addImport(code: string, program: Program, imports: ImportDeclaration[], style: ImportStyle, specifier: string, name: string, exporter: Exporter): string {
  const lines = new Lines(code);
  const lastImport = imports.at(-1);
  // Lines are the same in the JavaScript as in the code as written, so a line number carries over.
  const index = lastImport?.loc ? lastImport.loc.end.line : program.body[0]?.loc ? program.body[0].loc.start.line - 1 : 0;
  const clause = exporter.isDefault ? name : `{ ${name} }`;
  const statement = `import ${clause} from ${style.quote}${specifier}${style.quote}${style.semicolon ? ';' : ''}\n`;
  const at = index >= lines.count ? code.length : lines.start(index);
  const separator = at === code.length && code.length > 0 && !code.endsWith('\n') ? '\n' : '';
  return code.slice(0, at) + separator + statement + code.slice(at);
}

// Shared parts of templates (src/templates/shared/): a template's file imports (a page includes) what
// many apps have in common by a relative path that leaves its files/ folder, and writeTemplateAssets
// (prepare.mjs) puts that part in place of the import, so every generated app stays self-contained
// and works as served.
import { Parser } from 'acorn';
import { readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';

const parseModule = (code, onComment) => Parser.parse(code, { ecmaVersion: 'latest', sourceType: 'module', onComment });

/**
 * The file a relative import names when it leaves the template's files/ folder (a shared part), or
 * null for an import of the app's own files. `file` is the path as found under files/, a symbolic
 * link's own path included, so a family's linked files resolve from each member.
 *
 * @example sharedPart('/t/poll/files', '/t/poll/files/worker.js', '../../shared/worker-base.js') // '/t/shared/worker-base.js'
 */
function sharedPart(filesDir, file, specifier) {
  if (!specifier.startsWith('.')) return null;
  const target = resolve(dirname(file), specifier);
  return relative(filesDir, target).startsWith('..') ? target : null;
}

/**
 * A stylesheet with each `@import` of a shared part replaced by the part's rules: the import comes
 * first, so the part's rules do too, and the template's own rules after them override them.
 *
 * @example inlineStyles('@import "../../shared/base.css";\n:root { --accent: red; }', filesDir, file)
 * // ':root { --bg: ... }\n...\n:root { --accent: red; }'
 */
function inlineStyles(css, filesDir, file) {
  return css.replace(/^@import\s+(?:url\(\s*)?["']([^"']+)["']\s*\)?\s*;[ \t]*\n?/gm, (statement, specifier) => {
    const target = sharedPart(filesDir, file, specifier);
    return target ? readFileSync(target, 'utf8') : statement;
  });
}

/**
 * A page with each include of a shared part, a line `<!--#include file="../../shared/head.html" -->`,
 * replaced by the part's text. An include that names no shared part stops the build: as a comment
 * left in the page it would only hide that the part is missing.
 *
 * @example inlineIncludes('<!doctype html>\n<!--#include file="../../shared/head.html" -->\n<body>', filesDir, file)
 * // '<!doctype html>\n<head>\n  <meta charset="utf-8">\n...</head>\n<body>'
 */
function inlineIncludes(html, filesDir, file) {
  return html.replace(/^[ \t]*<!--#include file="([^"]+)"\s*-->[ \t]*\n?/gm, (statement, specifier) => {
    const target = sharedPart(filesDir, file, specifier);
    if (!target) throw new Error(`${file}: ${specifier} is not a shared part (src/templates/shared/)`);
    return readFileSync(target, 'utf8');
  });
}

/** The names a piece of syntax refers to (property names and object keys excepted). */
function namesUsed(node, found = new Set()) {
  if (Array.isArray(node)) {
    for (const child of node) namesUsed(child, found);
    return found;
  }
  if (!node || typeof node.type !== 'string') return found;
  if (node.type === 'Identifier') found.add(node.name);
  for (const [key, child] of Object.entries(node)) {
    const isName = !node.computed && ((node.type === 'MemberExpression' && key === 'property') || (node.type === 'Property' && key === 'key'));
    if (child && typeof child === 'object' && !isName) namesUsed(child, found);
  }
  return found;
}

/** A shared module's exported declarations by name: their text without `export`, doc comment included, and the others each one uses. */
function sharedDeclarations(path) {
  const code = readFileSync(path, 'utf8');
  const comments = [];
  const program = parseModule(code, comments);
  const exported = program.body.filter((node) => node.type === 'ExportNamedDeclaration' && node.declaration?.id);
  const names = new Set(exported.map((node) => node.declaration.id.name));
  return new Map(
    exported.map((node) => {
      const doc = comments.findLast((comment) => comment.end <= node.start && code.slice(comment.end, node.start).trim() === '');
      const text = (doc ? `${code.slice(doc.start, doc.end)}\n` : '') + code.slice(node.declaration.start, node.end);
      const uses = [...namesUsed(node.declaration)].filter((name) => names.has(name) && name !== node.declaration.id.name);
      return [node.declaration.id.name, { text, uses }];
    }),
  );
}

/**
 * A module with each import of a shared part replaced by the declarations it names, and those they
 * use, in the part's order. An import the part cannot answer (a renamed, default or unknown name)
 * stops the build, and so does a result that does not parse.
 *
 * @example inlineModule("import { json } from '../../shared/worker-base.js';\nexport default ...", filesDir, file)
 * // '/** A JSON response ... *\/\nfunction json(body, ...) {...}\n\nexport default ...'
 */
function inlineModule(code, filesDir, file) {
  const imports = parseModule(code).body.filter((node) => node.type === 'ImportDeclaration');
  let result = code;
  for (const node of imports.reverse()) {
    const target = sharedPart(filesDir, file, node.source.value);
    if (!target) continue;
    const declarations = sharedDeclarations(target);
    const wanted = new Set();
    const want = (name) => {
      if (wanted.has(name)) return;
      if (!declarations.has(name)) throw new Error(`${file}: ${target} exports no ${name}`);
      wanted.add(name);
      declarations.get(name).uses.forEach(want);
    };
    for (const specifier of node.specifiers) {
      if (specifier.type !== 'ImportSpecifier' || specifier.imported.name !== specifier.local.name) throw new Error(`${file}: import shared parts by their own names`);
      want(specifier.local.name);
    }
    const block = [...declarations].filter(([name]) => wanted.has(name)).map(([, { text }]) => text).join('\n\n');
    result = `${result.slice(0, node.start).replace(/\s*$/, '\n\n')}${block}\n\n${result.slice(node.end).replace(/^\s*/, '')}`;
  }
  parseModule(result);
  return result;
}

/**
 * A template file's content as a generated app gets it: its shared parts in place of their imports.
 *
 * @example assembleTemplateFile('/t/poll/files', '/t/poll/files/styles.css') // the base rules, then poll's own
 */
export function assembleTemplateFile(filesDir, file) {
  const content = readFileSync(file, 'utf8');
  if (file.endsWith('.html')) return inlineIncludes(content, filesDir, file);
  if (file.endsWith('.css')) return inlineStyles(content, filesDir, file);
  if (file.endsWith('.js')) return inlineModule(content, filesDir, file);
  return content;
}

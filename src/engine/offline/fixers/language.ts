/** Which language a file is in, as far as the fixers go, and what to say when they cannot read it. */
import type { FixLanguage } from './types';

const BY_EXTENSION: Record<string, FixLanguage> = {
  js: 'javascript',
  mjs: 'javascript',
  cjs: 'javascript',
  ts: 'typescript',
  mts: 'typescript',
  cts: 'typescript',
  json: 'json',
  html: 'html',
  htm: 'html',
};

const BY_NAME: Record<string, FixLanguage> = {
  javascript: 'javascript',
  js: 'javascript',
  typescript: 'typescript',
  ts: 'typescript',
  json: 'json',
  html: 'html',
};

/** What a user would call the languages the fixers do not read, by name or extension. */
const UNSUPPORTED_NAMES: Record<string, string> = {
  py: 'Python',
  python: 'Python',
  rb: 'Ruby',
  ruby: 'Ruby',
  go: 'Go',
  rs: 'Rust',
  rust: 'Rust',
  java: 'Java',
  kt: 'Kotlin',
  php: 'PHP',
  cs: 'C#',
  c: 'C',
  cpp: 'C++',
  swift: 'Swift',
  css: 'CSS',
  scss: 'SCSS',
  md: 'Markdown',
  markdown: 'Markdown',
  yaml: 'YAML',
  yml: 'YAML',
  sql: 'SQL',
  sh: 'Shell',
  jsx: 'JSX',
  tsx: 'TSX',
};

/**
 * The language to fix `path` as: the declared one when given, else by extension; JavaScript when
 * neither says. Null when the fixers cannot read it.
 *
 * @example languageOf('src/lib/todos.ts') // 'typescript'
 * @example languageOf('app.py') // null
 * @example languageOf(null, 'JSON') // 'json'
 */
export function languageOf(path: string | null, declared?: string): FixLanguage | null {
  if (declared) return BY_NAME[declared.trim().toLowerCase()] ?? null;
  if (path === null) return 'javascript';
  return BY_EXTENSION[extensionOf(path)] ?? null;
}

/**
 * Why `languageOf` gave null, in a sentence for the user.
 *
 * @example explainUnsupportedLanguage('app.py') // 'Python is not supported: the offline fixers read JavaScript, TypeScript, JSON and HTML.'
 */
export function explainUnsupportedLanguage(path: string | null, declared?: string): string {
  const key = declared ? declared.trim().toLowerCase() : extensionOf(path ?? '');
  const name = UNSUPPORTED_NAMES[key] ?? (declared ? `"${declared}"` : key ? `A .${key} file` : 'A file without an extension');
  return `${name} is not supported: the offline fixers read JavaScript, TypeScript, JSON and HTML.`;
}

function extensionOf(path: string): string {
  const file = path.split('/').pop() ?? '';
  const dot = file.lastIndexOf('.');
  return dot > 0 ? file.slice(dot + 1).toLowerCase() : '';
}

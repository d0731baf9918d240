/** File paths of generated apps: what is allowed, what language a path holds and how it is served. */

export const MAX_PATH_LENGTH = 255;
/** The largest single file, in bytes. */
export const MAX_FILE_BYTES = 1024 * 1024;
/** The most a project's current files may add up to, in bytes. */
export const MAX_PROJECT_BYTES = 50 * 1024 * 1024;

/**
 * Why a path is not acceptable, or null when it is: relative, forward slashes, no `.` or `..`
 * segments, no empty segments, no control characters, at most 255 characters.
 *
 * @example pathProblem('../etc/passwd') // 'must not contain "." or ".." segments'
 */
export function pathProblem(path: string): string | null {
  if (path.length === 0) return 'must not be empty';
  if (path.length > MAX_PATH_LENGTH) return `must be at most ${MAX_PATH_LENGTH} characters`;
  if (path.includes('\\')) return 'must use forward slashes, not backslashes';
  if (path.startsWith('/')) return 'must be relative, not absolute';
  if (/[\x00-\x1f\x7f]/.test(path)) return 'must not contain control characters';
  const segments = path.split('/');
  if (segments.some((segment) => segment === '.' || segment === '..')) return 'must not contain "." or ".." segments';
  if (segments.some((segment) => segment === '')) return 'must not contain empty segments';
  return null;
}

const LANGUAGES: Record<string, [language: string, contentType: string]> = {
  html: ['html', 'text/html; charset=utf-8'],
  htm: ['html', 'text/html; charset=utf-8'],
  css: ['css', 'text/css; charset=utf-8'],
  js: ['javascript', 'text/javascript; charset=utf-8'],
  mjs: ['javascript', 'text/javascript; charset=utf-8'],
  ts: ['typescript', 'text/plain; charset=utf-8'],
  json: ['json', 'application/json; charset=utf-8'],
  md: ['markdown', 'text/markdown; charset=utf-8'],
  svg: ['svg', 'image/svg+xml'],
  txt: ['text', 'text/plain; charset=utf-8'],
};

/** Every media type a raw file read can answer (`contentTypeOf` without its parameters), for the OpenAPI document. */
export const FILE_MEDIA_TYPES = [...new Set([...Object.values(LANGUAGES).map(([, type]) => type.split(';')[0]!), 'application/octet-stream'])];

const extension = (path: string) => path.slice(path.lastIndexOf('.') + 1).toLowerCase();

/** @example languageOf('src/lib/todos.js') // 'javascript' */
export function languageOf(path: string): string {
  return LANGUAGES[extension(path)]?.[0] ?? 'text';
}

/** @example contentTypeOf('index.html') // 'text/html; charset=utf-8' */
export function contentTypeOf(path: string): string {
  return LANGUAGES[extension(path)]?.[1] ?? 'application/octet-stream';
}

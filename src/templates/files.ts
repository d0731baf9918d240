/** Template files: data in the Worker's static assets (written by scripts/prepare.mjs), read when a step is generated. */
import type { TemplateMeta } from './types';

/** A template's files by path. */
export type TemplateFiles = Readonly<Record<string, string>>;

/** Files already read in this isolate: they change only with a deployment, which starts new isolates. */
const loaded = new Map<string, TemplateFiles>();

/**
 * A catalog template's files, from `public/_templates/<id>.json` through the `ASSETS` binding.
 * Only resolved values are kept, never a pending read: a promise started by one request must not
 * be awaited by another in workerd.
 *
 * @example const files = await loadTemplateFiles(env.ASSETS, 'todo-list'); files['index.html'] // '<!doctype html>...'
 */
export async function loadTemplateFiles(assets: Fetcher, id: string): Promise<TemplateFiles> {
  const cached = loaded.get(id);
  if (cached) return cached;
  const response = await assets.fetch(`https://assets.local/_templates/${encodeURIComponent(id)}.json`);
  if (!response.ok) throw new Error(`Template ${id} has no files in the static assets (${response.status}); run scripts/prepare.mjs`);
  const files = (await response.json()) as TemplateFiles;
  loaded.set(id, files);
  return files;
}

/**
 * The paths of a template's files, in path order: every file belongs to exactly one of its steps,
 * so the steps name them all without reading the files.
 *
 * @example templatePaths(findTemplate('todo-list')!) // ['favicon.svg', 'index.html', 'src/lib/todos.js', ...]
 */
export function templatePaths(template: Pick<TemplateMeta, 'steps'>): string[] {
  return template.steps.flatMap((step) => step.files).sort();
}

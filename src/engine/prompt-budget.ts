/** How much of a project a generate prompt carries, and which files fill it: the step's own, what they import, what the steps before it wrote, then paths only. */
import { unprocessable } from '../lib/problems';

/**
 * Characters of file content one generate prompt may carry (about 15,000 tokens): room for the
 * step's files and their neighbours, and far below any model's context. README: Models.
 */
export const GENERATE_PROMPT_BUDGET = 60_000;

/** A project file known by its index row; its content is read only if the prompt shows it. */
export interface IndexedFile {
  path: string;
  /** Bytes: never fewer than the characters of the content, so a file that does not fit is never read. */
  size: number;
  read(): Promise<string>;
}

/** The files a prompt shows in full, and the paths of the others. */
export interface PromptFiles {
  files: { path: string; content: string }[];
  otherPaths: string[];
}

/** What a step's prompt wants: the files it writes, and the files of the steps it depends on. */
export interface PromptWants {
  own: string[];
  dependencies: string[];
}

/** Module specifiers (`import`, `export ... from`, `import()`) and HTML `src`/`href` values in a file. */
const REFERENCE = /(?:\bfrom\s*|\bimport\s*\(?\s*)["']([^"']+)["']|\b(?:src|href)\s*=\s*["']([^"']+)["']/g;

/**
 * The project paths a file refers to, resolved from its folder: relative and root-absolute
 * references only (never a URL), without query or fragment.
 *
 * @example referencedPaths('src/app.js', "import { add } from './lib/todos.js';") // ['src/lib/todos.js']
 */
export function referencedPaths(path: string, content: string): string[] {
  const found = new Set<string>();
  for (const match of content.matchAll(REFERENCE)) {
    const reference = (match[1] ?? match[2])!;
    if (!/^(?:\.{1,2}\/|\/(?!\/))/.test(reference)) continue;
    found.add(decodeURIComponent(new URL(reference, `https://project.invalid/${path}`).pathname.slice(1)));
  }
  return [...found];
}

/**
 * The files a generate prompt shows within `budget` characters: the step's own files as they are
 * now (required: together larger than the budget is a 422, before any model call), then the
 * project files they refer to, then the files of the steps it depends on, each while it fits.
 * Every other file is named by path only, so a large data file never enters a prompt.
 *
 * @example const { files, otherPaths } = await selectPromptFiles(index, { own: step.files, dependencies });
 */
export async function selectPromptFiles(index: IndexedFile[], wants: PromptWants, budget = GENERATE_PROMPT_BUDGET): Promise<PromptFiles> {
  const byPath = new Map(index.map((file) => [file.path, file]));
  const own = wants.own.flatMap((path) => byPath.get(path) ?? []);
  const ownBytes = own.reduce((sum, file) => sum + file.size, 0);
  if (ownBytes > budget) {
    const sizes = own.map((file) => `${file.path} (${file.size} bytes)`).join(', ');
    throw unprocessable(
      `This step rewrites ${sizes}: more than the ${budget} characters a generate prompt may carry, so no model can rewrite it whole. ` +
        'Nothing was sent to the model. Make the file smaller by hand (PUT .../files/{path}), or plan it as smaller files.',
    );
  }
  const shown = new Map<string, string>();
  for (const file of own) shown.set(file.path, await file.read());
  let left = budget - [...shown.values()].reduce((sum, content) => sum + content.length, 0);
  const referenced = [...shown].flatMap(([path, content]) => referencedPaths(path, content));
  for (const path of [...referenced, ...wants.dependencies]) {
    const file = byPath.get(path);
    if (!file || shown.has(path) || file.size > left) continue;
    const content = await file.read();
    shown.set(path, content);
    left -= content.length;
  }
  return {
    files: [...shown].map(([path, content]) => ({ path, content })),
    otherPaths: index.map((file) => file.path).filter((path) => !shown.has(path)),
  };
}

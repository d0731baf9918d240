/** How much of a project a generate prompt carries, and which files fill it: the step's own, what they import, what the steps before it wrote, then paths only. */
import { unprocessable } from '../lib/problems';

/**
 * Characters of file content one prompt may carry (about 15,000 tokens): room for a step's files
 * and their neighbours, or a module under test, and far below any model's context. README: Models.
 */
export const PROMPT_BUDGET = 60_000;

/** What a generate prompt shows of the project's files. */
export const GENERATE_PROMPT_BUDGET = PROMPT_BUDGET;

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

/** A module specifier that names a project file: relative or root-absolute (a bare one names a package). */
const PROJECT_MODULE = /^(?:\.{1,2}\/|\/(?!\/))/;
/** An HTML reference that leaves the project: a URL with a scheme, protocol-relative, or a fragment. */
const OUTSIDE_REFERENCE = /^(?:[a-z][a-z0-9+.-]*:|\/\/|#)/i;

/**
 * The project paths a file refers to, resolved from its folder, without query or fragment: module
 * specifiers that are relative or root-absolute, and HTML `src`/`href` values that are not URLs.
 *
 * @example referencedPaths('src/app.js', "import { add } from './lib/todos.js';") // ['src/lib/todos.js']
 */
export function referencedPaths(path: string, content: string): string[] {
  const found = new Set<string>();
  for (const [, specifier, attribute] of content.matchAll(REFERENCE)) {
    if (specifier !== undefined ? !PROJECT_MODULE.test(specifier) : OUTSIDE_REFERENCE.test(attribute!)) continue;
    found.add(decodeURIComponent(new URL((specifier ?? attribute)!, `https://project.invalid/${path}`).pathname.slice(1)));
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

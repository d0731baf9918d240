// Run by `npm ci` (the `prepare` script) and before dev, test and deploy: writes what is built from
// other files and not committed.
//  - public/_templates/<id>.json: every template's files, read by the Worker from its static assets.
//  - public/docs/scalar.js: the API reference's script, served by the Worker itself for /docs.
//  - public/studio/: the Studio, built by scripts/build-studio.mjs.
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildStudio } from './build-studio.mjs';
import { assembleTemplateFile } from './template-parts.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function filesUnder(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/**
 * Every template's files as one JSON object per template (path -> content) in the Worker's static
 * assets, read with env.ASSETS when a step is generated: data, not code, so the catalog's size
 * never adds to the Worker's. The Worker answers every request first (run_worker_first) and
 * serves no path under /_templates, so they are never public pages. What templates share
 * (src/templates/shared/) is put in place of its imports (template-parts.mjs).
 */
function writeTemplateAssets() {
  const templatesDir = join(root, 'src/templates');
  const target = join(root, 'public/_templates');
  rmSync(target, { recursive: true, force: true });
  mkdirSync(target, { recursive: true });
  for (const id of readdirSync(templatesDir).sort()) {
    const filesDir = join(templatesDir, id, 'files');
    if (!existsSync(filesDir)) continue;
    const files = Object.fromEntries(
      filesUnder(filesDir)
        .map((path) => [relative(filesDir, path).split('\\').join('/'), assembleTemplateFile(filesDir, path)])
        .sort(([a], [b]) => (a < b ? -1 : 1)),
    );
    writeFileSync(join(target, `${id}.json`), JSON.stringify(files));
  }
  // The generated module that bundled the files into the Worker before they moved to assets.
  rmSync(join(templatesDir, 'files.gen.ts'), { force: true });
}

function copyDocsScript() {
  const source = join(root, 'node_modules/@scalar/api-reference/dist/browser/standalone.js');
  const target = join(root, 'public/docs/scalar.js');
  if (!existsSync(source)) return;
  mkdirSync(dirname(target), { recursive: true });
  copyFileSync(source, target);
}

writeTemplateAssets();
copyDocsScript();
await buildStudio();

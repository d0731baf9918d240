// Builds the Studio (studio/, React + Vite) into public/studio/, the Worker's static assets. Run by
// prepare.mjs (so by `npm ci`, `test`, `deploy`) and by `npm run dev`. A build is skipped when
// nothing it is made from changed since the last one: its sources and the installed packages.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const studio = join(root, 'studio');
const output = join(root, 'public/studio');
/** The hash of the sources of the build in public/studio/, written after it succeeded (outside the assets, which are all public). */
const stamp = join(root, 'node_modules/.cache/promptax-studio.hash');

function filesUnder(dir) {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? filesUnder(path) : [path];
    });
}

/** A hash of everything the build reads: the Studio's files and the lockfile that pins its packages. */
function sourceHash() {
  const hash = createHash('sha256');
  for (const path of [...filesUnder(studio), join(root, 'package-lock.json')]) {
    hash.update(path.slice(root.length)).update('\0').update(readFileSync(path)).update('\0');
  }
  return hash.digest('hex');
}

/**
 * Builds the Studio unless public/studio/ already holds a build of the current sources.
 *
 * @example await buildStudio() // public/studio/index.html and public/studio/assets/*
 */
export async function buildStudio() {
  const hash = sourceHash();
  if (existsSync(join(output, 'index.html')) && existsSync(stamp) && readFileSync(stamp, 'utf8') === hash) return;
  const { build } = await import('vite');
  await build({ configFile: join(studio, 'vite.config.ts') });
  mkdirSync(dirname(stamp), { recursive: true });
  writeFileSync(stamp, hash);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildStudio();

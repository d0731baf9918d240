// The Worker as `npm run deploy` uploads it: `wrangler deploy --dry-run --minify`'s output, served by the benchmark
// and weighed (gzipped) for the bundle target, with what it is made of from esbuild's metafile.
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function filesUnder(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** What an input of the bundle is counted under: its npm package, or for our own code its layer (src/templates, src/engine...). */
function moduleOf(input) {
  const pkg = input.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
  return pkg ? pkg[1] : input.split('/').slice(0, 2).join('/');
}

/**
 * The `count` largest packages and source layers in the bundle, by minified bytes in the output
 * (esbuild's `bytesInOutput`, after tree shaking), largest first.
 *
 * @example largestModules(JSON.parse(readFileSync('/tmp/build/bundle-meta.json', 'utf8')), 10) // [{ module: 'zod', kb: 204.7, share: 0.13 }, ...]
 */
export function largestModules(metafile, count) {
  const output = Object.values(metafile.outputs).find((entry) => entry.entryPoint);
  const bytes = new Map();
  for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) bytes.set(moduleOf(input), (bytes.get(moduleOf(input)) ?? 0) + bytesInOutput);
  return [...bytes]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([module, size]) => ({ module, kb: Number((size / 1024).toFixed(1)), share: Number((size / output.bytes).toFixed(3)) }));
}

/**
 * Bundles the Worker from this checkout into `outdir` and returns its entry module, the bytes
 * and gzip bytes of every module wrangler would upload (source maps left out), and the ten
 * largest packages and source layers inside it.
 *
 * `minify: false` builds it readable, for a CPU profile whose functions keep their names.
 *
 * @example const { entry, gzipKb, largest } = await buildWorker('/tmp/build');
 */
export async function buildWorker(outdir, { minify = true } = {}) {
  const metafile = join(outdir, 'bundle-meta.json');
  const args = ['deploy', '--dry-run', ...(minify ? ['--minify'] : []), '--outdir', outdir, '--metafile', metafile];
  await promisify(execFile)(join(root, 'node_modules/.bin/wrangler'), args, {
    cwd: root,
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false' },
    maxBuffer: 16 * 1024 * 1024,
  });
  const modules = filesUnder(outdir)
    .filter((path) => /\.(m?js|wasm)$/.test(path))
    .map((path) => {
      const bytes = readFileSync(path);
      return { module: relative(outdir, path), bytes: bytes.byteLength, gzipBytes: gzipSync(bytes, { level: 9 }).byteLength };
    });
  const total = (field) => modules.reduce((sum, module) => sum + module[field], 0);
  return {
    entry: join(outdir, 'index.js'),
    modules,
    kb: Number((total('bytes') / 1024).toFixed(1)),
    gzipKb: Number((total('gzipBytes') / 1024).toFixed(1)),
    largest: largestModules(JSON.parse(readFileSync(metafile, 'utf8')), 10),
  };
}

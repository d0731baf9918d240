// The Worker as `npm run deploy` uploads it: `wrangler deploy --dry-run --minify`'s output, served by the benchmark
// and weighed (gzipped) for the bundle target.
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

/**
 * Bundles the Worker from this checkout into `outdir` and returns its entry module and the bytes
 * and gzip bytes of every module wrangler would upload (source maps left out).
 *
 * @example const { entry, gzipKb } = await buildWorker('/tmp/build');
 */
export async function buildWorker(outdir) {
  await promisify(execFile)(join(root, 'node_modules/.bin/wrangler'), ['deploy', '--dry-run', '--minify', '--outdir', outdir], {
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
  return { entry: join(outdir, 'index.js'), modules, kb: Number((total('bytes') / 1024).toFixed(1)), gzipKb: Number((total('gzipBytes') / 1024).toFixed(1)) };
}

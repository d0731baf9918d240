// The two Workers under test, each started by `wrangler dev` the way `npm run dev` starts Promptax
// (its `startWorker`), on free loopback ports and a state directory of the benchmark's own (never
// the dev database). Each serves a built module with `--no-bundle`: `wrangler dev` on src/ would
// rebuild and reload on every save, and others edit src/ while a benchmark runs.
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startWorker } from '../scripts/dev.mjs';
import { call } from './http.mjs';
import { processTree } from './proc.mjs';

const benchDir = dirname(fileURLToPath(import.meta.url));

/** A TCP port nothing listens on right now. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts `wrangler dev` with `args` and resolves once `readyPath` answers. Wrangler's request log
 * is turned down to warnings, for both Workers alike, so that logging is not what is measured.
 */
async function start(label, args, readyPath) {
  const port = await freePort();
  const inspectorPort = await freePort();
  const server = startWorker(['--port', String(port), '--ip', '127.0.0.1', '--inspector-port', String(inspectorPort), '--log-level', 'warn', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = [];
  const keep = (chunk) => {
    output.push(chunk.toString());
    if (output.length > 200) output.shift();
  };
  server.stdout.on('data', keep);
  server.stderr.on('data', keep);
  let exited = false;
  server.on('exit', () => (exited = true));

  const deadline = Date.now() + 120_000;
  for (;;) {
    if (exited) throw new Error(`${label}: wrangler dev exited before it served:\n${output.join('')}`);
    if (Date.now() > deadline) throw new Error(`${label}: wrangler dev did not answer within 120 s:\n${output.join('')}`);
    const ready = await call(port, 'GET', readyPath).then(
      (response) => response.status === 200,
      () => false,
    );
    if (ready) break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return { label, port, inspectorPort, pid: server.pid, process: server, output, stop: () => stop(server) };
}

/** Stops a server and every process it started: wrangler's launcher does not pass signals on to its child. */
async function stop(server) {
  const tree = processTree(server.pid);
  // Children first, so that wrangler's CLI shuts workerd down itself.
  for (const { pid } of tree.slice(1)) signal(pid, 'SIGTERM');
  signal(server.pid, 'SIGTERM');
  await new Promise((resolve) => setTimeout(resolve, 1500));
  for (const { pid } of tree) signal(pid, 'SIGKILL');
}

function signal(pid, name) {
  try {
    process.kill(pid, name);
  } catch {
    // Already gone.
  }
}

/**
 * Promptax as `buildWorker` bundled it (`entry`), with wrangler.toml's bindings. `vars` are extra
 * `--var NAME:VALUE` settings.
 *
 * @example const promptax = await startPromptax({ entry: '/tmp/build/index.js', persistTo: '/tmp/state', vars: { OPENAI_API_KEY: 'bench' } });
 */
export function startPromptax({ entry, persistTo, vars = {} }) {
  const varArgs = Object.entries(vars).flatMap(([name, value]) => ['--var', `${name}:${value}`]);
  return start('promptax', [entry, '--config', join(benchDir, '../wrangler.toml'), '--no-bundle', '--persist-to', persistTo, ...varArgs], '/api/auth/session');
}

/** The baseline Worker of bench/baseline, on the same runtime. */
export function startBaseline({ persistTo }) {
  return start('baseline', ['--config', join(benchDir, 'baseline/wrangler.toml'), '--no-bundle', '--persist-to', persistTo], '/');
}

// `npm run dev [-- --port N]`: applies the local migrations, issues a fresh key for the dev user
// (revoking the previous one), prints it, then serves everything on the local simulators.
// The browser tests start their own server with `startWorker` and `devKey`.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { issueKey } from './key.mjs';
import v8Flags from './v8-flags.json' with { type: 'json' };

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The value of `--name value` in wrangler-style arguments, if given. */
const option = (args, name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);

/** A fresh key for the dev user in the local database that `wrangler dev` with these arguments serves. */
export function devKey(args = []) {
  return issueKey({
    email: 'dev@promptax.local',
    name: 'Dev',
    keyName: 'npm run dev',
    replaceKeyName: true,
    persistTo: option(args, '--persist-to'),
  });
}

/**
 * Starts `wrangler dev` on the local simulators with extra wrangler arguments (`--port` defaults
 * to 8787) and returns its process.
 *
 * @example const server = startWorker(['--port', '8790', '--persist-to', '/tmp/state'], { stdio: 'pipe' });
 */
export function startWorker(args = [], { stdio = 'inherit' } = {}) {
  const port = option(args, '--port') ?? '8787';
  // Sites live at <label>.localhost:<port>, so the sites domain follows the port unless `--var SITES_DOMAIN:...` says otherwise.
  const sitesDomain = args.some((arg) => arg.startsWith('SITES_DOMAIN:')) ? [] : ['--var', `SITES_DOMAIN:localhost:${port}`];
  return spawn(join(root, 'node_modules/.bin/wrangler'), ['dev', ...(args.includes('--port') ? [] : ['--port', port]), ...sitesDomain, ...args], {
    cwd: root,
    stdio,
    // v8-flags.json: a regular expression that backtracks too long falls back to V8's linear-time
    // engine, since locally one thread runs every isolate and nothing else can stop it (SECURITY.md).
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false', MINIFLARE_WORKERD_V8_FLAGS: v8Flags.join(' ') },
  });
}

async function main() {
  const args = process.argv.slice(2);
  const secret = await devKey(args);
  console.log(`\nPROMPTAX_API_KEY=${secret}`);
  console.log(`Try: curl -H "Authorization: Bearer $PROMPTAX_API_KEY" http://localhost:${option(args, '--port') ?? '8787'}/api/auth/session\n`);
  const server = startWorker(args);
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
  server.on('exit', (code) => process.exit(code ?? 0));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();

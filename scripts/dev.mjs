// `npm run dev [-- --port N]`: applies the local migrations, issues a fresh key for the dev user
// (revoking the previous one), prints it, builds the Studio if its sources changed, then serves
// everything on the local simulators, offering the key to the Studio's page on localhost.
// The browser tests start their own server with `startWorker` and `devKey`.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildStudio } from './build-studio.mjs';
import { issueKey } from './key.mjs';

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
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false' },
  });
}

async function main() {
  const args = process.argv.slice(2);
  const secret = await devKey(args);
  console.log(`\nPROMPTAX_API_KEY=${secret}`);
  const origin = `http://localhost:${option(args, '--port') ?? '8787'}`;
  console.log(`Try: curl -H "Authorization: Bearer $PROMPTAX_API_KEY" ${origin}/api/auth/session`);
  console.log(`Or open the Studio at ${origin}/ and pick "Use the dev key".\n`);
  await buildStudio();
  // Only this process passes the key to the Worker, so only `npm run dev` offers it (GET /studio/dev-key).
  const server = startWorker([...args, '--var', `STUDIO_DEV_KEY:${secret}`]);
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
  server.on('exit', (code) => process.exit(code ?? 0));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();

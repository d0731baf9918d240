// `npm run dev [-- --port N]`: applies the local migrations, issues a fresh key for the dev user
// (revoking the previous one), prints it, builds the Studio if its sources changed, then serves
// everything on the local simulators, offering the key to the Studio's page on localhost, and
// runs the sweeper every minute as the cron trigger does in production.
// The browser tests start their own server with `startWorker` and `devKey`.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildStudio } from './build-studio.mjs';
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
    // CLOUDFLARE_CF_FETCH_ENABLED: no fetch of a real `request.cf` from Cloudflare (offline, it only logs a failure).
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false', MINIFLARE_WORKERD_V8_FLAGS: v8Flags.join(' ') },
  });
}

/** The cron of wrangler.toml's `[triggers]`: the sweeper's schedule. */
const SWEEPER_CRON = '* * * * *';
/** How long the server may take to stop after a signal before it is killed. */
const STOP_GRACE_MS = 5_000;

/**
 * Fires the sweeper every minute through wrangler's scheduled test endpoint (the server must run
 * with `--test-scheduled`): `wrangler dev` never runs cron triggers itself, so without this a job
 * whose queue message died with a dev server would stay queued for good.
 */
function sweepEveryMinute(port) {
  const url = `http://localhost:${port}/__scheduled?cron=${encodeURIComponent(SWEEPER_CRON)}`;
  return setInterval(() => {
    fetch(url).then(
      (response) => response.body?.cancel(),
      (error) => console.error(`The sweeper could not be fired: ${error.message}`),
    );
  }, 60_000);
}

async function main() {
  const args = process.argv.slice(2);
  const port = option(args, '--port') ?? '8787';
  const secret = await devKey(args);
  console.log(`\nPROMPTAX_API_KEY=${secret}`);
  const origin = `http://localhost:${port}`;
  console.log(`Try: curl -H "Authorization: Bearer $PROMPTAX_API_KEY" ${origin}/api/auth/session`);
  console.log(`Or open the Studio at ${origin}/ and pick "Use the dev key".\n`);
  await buildStudio();
  // Only this process passes the key to the Worker, so only `npm run dev` offers it (GET /studio/dev-key).
  const server = startWorker(['--test-scheduled', ...args, '--var', `STUDIO_DEV_KEY:${secret}`]);
  const sweeper = sweepEveryMinute(port);
  const stop = (signal) => {
    clearInterval(sweeper);
    server.kill(signal);
    // wrangler stops its runtime on SIGINT/SIGTERM; one that hangs is not left running.
    setTimeout(() => server.kill('SIGKILL'), STOP_GRACE_MS).unref();
  };
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => stop(signal));
  server.on('exit', (code) => {
    clearInterval(sweeper);
    process.exit(code ?? 0);
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();

// `npm run dev [-- --port N]`: applies the local migrations, issues a fresh key for the dev user
// (revoking the previous one), prints it, then serves everything on the local simulators.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { issueKey } from './key.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const port = args.includes('--port') ? args[args.indexOf('--port') + 1] : '8787';

const secret = await issueKey({
  email: 'dev@promptax.local',
  name: 'Dev',
  keyName: 'npm run dev',
  replaceKeyName: true,
});
console.log(`\nPROMPTAX_API_KEY=${secret}`);
console.log(`Try: curl -H "Authorization: Bearer $PROMPTAX_API_KEY" http://localhost:${port}/api/auth/session\n`);

// Sites live at <label>.localhost:<port>, so the sites domain follows the port unless `--var SITES_DOMAIN:...` says otherwise.
const sitesDomain = args.some((arg) => arg.startsWith('SITES_DOMAIN:')) ? [] : ['--var', `SITES_DOMAIN:localhost:${port}`];
const server = spawn(join(root, 'node_modules/.bin/wrangler'), ['dev', ...(args.includes('--port') ? [] : ['--port', port]), ...sitesDomain, ...args], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, WRANGLER_SEND_METRICS: 'false' },
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));

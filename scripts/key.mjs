// `npm run key -- --email E [--name N] [--org O] [--remote]`: creates the user (and an organisation
// they own) if new, issues an API key, and prints PROMPTAX_API_KEY=ptx_...
// It writes through `wrangler d1 execute`, so it works against the local database while
// `npm run dev` is serving it, and against the deployed one with --remote.
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { newKeySecret } from '../src/lib/api-keys.ts';
import { uuidv7 } from '../src/lib/ids.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const DATABASE = 'promptax';

/** Runs wrangler from this project, quietly unless it fails. */
export function wrangler(args) {
  return execFileSync(join(root, 'node_modules/.bin/wrangler'), args, {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

const quote = (value) => `'${String(value).replaceAll("'", "''")}'`;

/**
 * Issues a key for the user with this email, creating the user and an organisation when needed:
 * without `org`, a personal organisation if the user has none; with `org`, that organisation if
 * the user is not in one of that name. `replaceKeyName` revokes the user's earlier keys of that
 * name first (how `npm run dev` keeps one dev key). `persistTo` is the local state directory
 * when it is not wrangler's default (`wrangler dev --persist-to`).
 */
export async function issueKey({ email, name, org, remote = false, persistTo, keyName = 'cli', replaceKeyName = false }) {
  const now = new Date().toISOString();
  const userId = uuidv7();
  const organisationId = uuidv7();
  const { secret, prefix, hash } = await newKeySecret();
  const user = `(SELECT id FROM users WHERE email = ${quote(email)})`;
  const organisationName = org ?? `${name}'s organisation`;
  const needsOrganisation = org
    ? `NOT EXISTS (SELECT 1 FROM memberships m JOIN organisations o ON o.id = m.organisation_id WHERE m.user_id = ${user} AND o.name = ${quote(org)})`
    : `NOT EXISTS (SELECT 1 FROM memberships WHERE user_id = ${user})`;
  const statements = [
    `INSERT INTO users (id, email, name, created_at) VALUES (${quote(userId)}, ${quote(email)}, ${quote(name)}, ${quote(now)}) ON CONFLICT (email) DO NOTHING`,
    `INSERT INTO organisations (id, name, created_at) SELECT ${quote(organisationId)}, ${quote(organisationName)}, ${quote(now)} WHERE ${needsOrganisation}`,
    `INSERT INTO memberships (organisation_id, user_id, role, created_at) SELECT ${quote(organisationId)}, ${user}, 'owner', ${quote(now)} WHERE EXISTS (SELECT 1 FROM organisations WHERE id = ${quote(organisationId)})`,
    replaceKeyName
      ? `UPDATE api_keys SET revoked_at = ${quote(now)} WHERE user_id = ${user} AND name = ${quote(keyName)} AND revoked_at IS NULL`
      : null,
    `INSERT INTO api_keys (id, user_id, name, prefix, hash, created_at) SELECT ${quote(uuidv7())}, ${user}, ${quote(keyName)}, ${quote(prefix)}, ${quote(hash)}, ${quote(now)}`,
  ].filter(Boolean);
  const where = remote ? ['--remote'] : ['--local', ...(persistTo ? ['--persist-to', persistTo] : [])];
  if (!remote) wrangler(['d1', 'migrations', 'apply', DATABASE, ...where]);
  wrangler(['d1', 'execute', DATABASE, ...where, '--command', statements.join(';\n') + ';']);
  return secret;
}

async function main() {
  const { values } = parseArgs({
    options: {
      email: { type: 'string' },
      name: { type: 'string' },
      org: { type: 'string' },
      remote: { type: 'boolean', default: false },
    },
  });
  if (!values.email || !/^[^@\s]+@[^@\s]+$/.test(values.email)) {
    console.error('Usage: npm run key -- --email you@example.com [--name "Your Name"] [--org "Organisation"] [--remote]');
    process.exit(2);
  }
  const secret = await issueKey({
    email: values.email,
    name: values.name ?? values.email.split('@')[0],
    org: values.org,
    remote: values.remote,
  });
  console.log(`PROMPTAX_API_KEY=${secret}`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    console.error(error.stderr || error.message);
    process.exit(1);
  });
}

// The benchmark's users: each with an organisation of their own and an API key, in the bench's local database.
import { issueKey, wrangler } from '../scripts/key.mjs';
import { newKeySecret } from '../src/lib/api-keys.ts';
import { uuidv7 } from '../src/lib/ids.ts';

const quote = (value) => `'${String(value).replaceAll("'", "''")}'`;

/**
 * A key for each name, each user in an organisation of their own. The first goes through
 * `npm run key`'s `issueKey` (which also applies the migrations); the rest are written in one
 * `wrangler d1 execute`, since each `issueKey` starts wrangler twice.
 *
 * @example const { reader, writer } = await issueKeys(['reader', 'writer'], '/tmp/state');
 */
export async function issueKeys(names, persistTo) {
  const [first, ...rest] = names;
  const keys = { [first]: await issueKey({ email: `${first}@bench.local`, name: first, keyName: 'bench', persistTo }) };
  const now = new Date().toISOString();
  const statements = [];
  for (const name of rest) {
    const userId = uuidv7();
    const organisationId = uuidv7();
    const { secret, prefix, hash } = await newKeySecret();
    keys[name] = secret;
    statements.push(
      `INSERT INTO users (id, email, name, created_at) VALUES (${quote(userId)}, ${quote(`${name}@bench.local`)}, ${quote(name)}, ${quote(now)})`,
      `INSERT INTO organisations (id, name, created_at) VALUES (${quote(organisationId)}, ${quote(`${name}'s organisation`)}, ${quote(now)})`,
      `INSERT INTO memberships (organisation_id, user_id, role, created_at) VALUES (${quote(organisationId)}, ${quote(userId)}, 'owner', ${quote(now)})`,
      `INSERT INTO api_keys (id, user_id, name, prefix, hash, created_at) VALUES (${quote(uuidv7())}, ${quote(userId)}, 'bench', ${quote(prefix)}, ${quote(hash)}, ${quote(now)})`,
    );
  }
  if (statements.length > 0) wrangler(['d1', 'execute', 'promptax', '--local', '--persist-to', persistTo, '--command', statements.join(';\n') + ';']);
  return keys;
}

// The baseline Worker: the cheapest answer the runtime can give, a small JSON body (GET /), and the
// same with one D1 batch in front (GET /d1), so that what the local D1 simulator costs a request can
// be told apart from what Promptax's own code costs.
const BODY = JSON.stringify({ ok: true, service: 'baseline' });
const HEADERS = { 'content-type': 'application/json' };

/**
 * Shaped like an authenticated read of Promptax: a key check that fails unless a row exists, and
 * a row by primary key, two small SELECTs in one batch, over a read session as Promptax's are.
 */
const CHECK = "SELECT CASE WHEN EXISTS (SELECT 1 FROM baseline_items WHERE id = ?1) THEN 1 ELSE json('missing') END AS verified";
const READ = 'SELECT id, name, created_at FROM baseline_items WHERE id = ?1';
const ITEM = 'item-1';

// The table is made on first use by each isolate (a no-op once it exists), never per request.
let ready;
function prepareTable(db) {
  ready ??= db.batch([
    db.prepare('CREATE TABLE IF NOT EXISTS baseline_items (id TEXT PRIMARY KEY, name TEXT NOT NULL, created_at TEXT NOT NULL)'),
    db.prepare('INSERT OR IGNORE INTO baseline_items (id, name, created_at) VALUES (?1, ?2, ?3)').bind(ITEM, 'A baseline row', new Date().toISOString()),
  ]).catch((error) => {
    ready = undefined;
    throw error;
  });
  return ready;
}

export default {
  async fetch(request, env) {
    if (new URL(request.url).pathname !== '/d1') return new Response(BODY, { headers: HEADERS });
    await prepareTable(env.DB);
    const session = env.DB.withSession('first-unconstrained');
    const [, read] = await session.batch([session.prepare(CHECK).bind(ITEM), session.prepare(READ).bind(ITEM)]);
    return new Response(JSON.stringify(read.results[0]), { headers: HEADERS });
  },
};

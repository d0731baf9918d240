// How listing a page of files and of chat messages grows from 10 items to thousands.
import { performance } from 'node:perf_hooks';
import { wrangler } from '../scripts/key.mjs';
import { createProject } from './flows.mjs';
import { expectStatus, inParallel } from './http.mjs';
import { quantile } from './load.mjs';

const FILE_PATH = (i) => `notes/${String(i).padStart(5, '0')}.md`;

/** `count` files in a new project: the first 10 through `PUT .../files/{path}`, the rest copied in the index (see `seedFiles`). */
async function projectWithFiles(promptax, key, count, persistTo) {
  const project = await createProject(promptax.port, key, { name: `${count} files`, description: 'Listed by the benchmark' });
  const throughApi = Math.min(count, 10);
  await inParallel(throughApi, 4, (i) =>
    expectStatus(200, promptax.port, 'PUT', `/api/projects/${project.id}/files/${FILE_PATH(i)}`, {
      key,
      body: `# Note ${i}\n`,
      headers: { 'content-type': 'text/plain' },
    }),
  );
  if (count > throughApi) seedFiles(persistTo, project.id, throughApi, count);
  return project;
}

/**
 * Adds files `from`..`to - 1` to the project's index in one SQL statement, each a copy of file 0's
 * row (same blob), through `wrangler d1 execute` on the benchmark's local database. A hand edit
 * (PUT) costs several D1 round trips and an R2 write: 17 a second, 32 at a time, on the busy
 * reference machine, so 10,000 would take ten minutes. Listing reads only this index, so these
 * rows are all it needs.
 */
function seedFiles(persistTo, projectId, from, to) {
  const copies = (table, columns) => `INSERT INTO ${table} (project_id, path, ${columns})
    SELECT f.project_id, 'notes/' || printf('%05d', n) || '.md', ${columns.split(', ').map((column) => `f.${column}`).join(', ')}
    FROM (WITH RECURSIVE seq(n) AS (SELECT ${from} UNION ALL SELECT n + 1 FROM seq WHERE n < ${to - 1}) SELECT n FROM seq)
    JOIN ${table} f ON f.project_id = '${projectId}' AND f.path = '${FILE_PATH(0)}'`;
  const statements = [
    copies('file_versions', 'version, sha256, size, language, plan_id, step_id, source, created_at'),
    copies('files', 'version, sha256, size, language, plan_id, step_id, updated_at'),
  ];
  wrangler(['d1', 'execute', 'promptax', '--local', '--persist-to', persistTo, '--command', statements.join(';\n') + ';']);
}

/** A project whose chat holds `count` messages (two a turn), sent offline through `POST .../chat`, 8 at a time. */
async function projectWithMessages(promptax, key, count) {
  const project = await createProject(promptax.port, key, { name: `${count} messages`, description: 'A shared checklist of chores' });
  await inParallel(Math.ceil(count / 2), 8, (i) =>
    expectStatus(200, promptax.port, 'POST', `/api/projects/${project.id}/chat`, { key, json: { content: `Message ${i}: what next?`, model: 'offline' } }),
  );
  return project;
}

/** The cursor of the page that starts `skip` items in: the id (or path) of the item before it. */
async function cursorAt(promptax, key, listPath, skip, cursorOf) {
  // Pages hold at most 200 items: walk to the item before `skip`, as a client would.
  let cursor;
  let seen = 0;
  while (seen < skip) {
    const limit = Math.min(200, skip - seen);
    const page = await expectStatus(200, promptax.port, 'GET', `${listPath}?limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { key });
    if (page.body.length === 0) throw new Error(`${listPath} ended after ${seen} items, before ${skip}`);
    seen += page.body.length;
    cursor = cursorOf(page.body[page.body.length - 1]);
  }
  return cursor;
}

/**
 * p50 and p99 of each page request, sent one at a time in turns (each page once a round, for
 * `rounds` rounds after 10 unmeasured ones): the machine's speed drifts, and taking turns lets
 * every page see the same drift.
 */
async function pageCosts(promptax, key, paths, rounds) {
  const latencies = Object.fromEntries(Object.keys(paths).map((name) => [name, []]));
  for (let round = -10; round < rounds; round++) {
    for (const [name, path] of Object.entries(paths)) {
      const { totalMs } = await expectStatus(200, promptax.port, 'GET', path, { key });
      if (round >= 0) latencies[name].push(totalMs);
    }
  }
  return Object.fromEntries(
    Object.entries(paths).map(([name, path]) => {
      const sorted = latencies[name].sort((a, b) => a - b);
      const ms = (q) => Number(quantile(sorted, q).toFixed(2));
      return [name, { path: path.replace(/[0-9a-f-]{36}/, '{projectId}').replace(/cursor=[^&]+/, 'cursor=<50 from the end>'), p50Ms: ms(0.5), p99Ms: ms(0.99) }];
    }),
  );
}

/**
 * Seeds a small and a large list of one kind and times a page of each: the small list's only
 * page; the large list's first page and a page 50 items from its end, at the default limit (50)
 * and at limit 10 (as many items as the small list's page, so that only the list's size differs).
 */
async function growthOf(kind, promptax, key, { small, large, rounds, seed, cursorOf }) {
  const seedStarted = performance.now();
  const smallProject = await seed(small);
  const largeProject = await seed(large);
  const seedSeconds = (performance.now() - seedStarted) / 1000;
  const list = (project) => `/api/projects/${project.id}/${kind}`;
  const deep = `cursor=${encodeURIComponent(await cursorAt(promptax, key, list(largeProject), large - 50, cursorOf))}`;
  const pages = await pageCosts(promptax, key, {
    small: list(smallProject),
    largeFirst: list(largeProject),
    largeDeep: `${list(largeProject)}?${deep}`,
    largeFirstLimit10: `${list(largeProject)}?limit=10`,
    largeDeepLimit10: `${list(largeProject)}?limit=10&${deep}`,
  }, rounds);
  const ratio = (page) => Number((page.p50Ms / pages.small.p50Ms).toFixed(2));
  return {
    small,
    large,
    seedSeconds: Number(seedSeconds.toFixed(1)),
    rounds,
    pages,
    ratios: {
      firstPage: ratio(pages.largeFirst),
      deepPage: ratio(pages.largeDeep),
      firstPageLimit10: ratio(pages.largeFirstLimit10),
      deepPageLimit10: ratio(pages.largeDeepLimit10),
    },
  };
}

/** Growth of GET .../files and GET .../chat. */
export async function measureGrowth(promptax, key, { persistTo, files, messages, rounds }) {
  return {
    files: await growthOf('files', promptax, key, {
      small: 10,
      large: files,
      rounds,
      seed: (count) => projectWithFiles(promptax, key, count, persistTo),
      cursorOf: (entry) => entry.path,
    }),
    chat: await growthOf('chat', promptax, key, {
      small: 10,
      large: messages,
      rounds,
      seed: (count) => projectWithMessages(promptax, key, count),
      cursorOf: (message) => message.id,
    }),
  };
}

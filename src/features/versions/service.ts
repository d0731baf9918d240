/**
 * Versions: every change to a project's files becomes one numbered version, the full file state
 * (path to blob) after it, written in the same D1 batch as the files themselves.
 */
import { and, asc, desc, eq, inArray, lt, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { Database } from '../../db/client';
import { files, versionChanges, versionFiles, versions } from '../../db/schema';
import type { FileRow, VersionRow } from '../../db/schema';
import type { CheckReport } from '../../lib/check-report';
import { accessFirst } from '../../lib/access-first';
import { nowIso, uuidv7 } from '../../lib/ids';
import { notFound } from '../../lib/problems';
import { readBlobText } from '../../storage/blobs';
import { storeFiles } from '../files/service';
import type { FileWrite } from '../files/service';
import { unifiedDiff } from '../self-heal/diff';

export type VersionSource = VersionRow['source'];
export type FileChange = { path: string; change: 'added' | 'modified' | 'deleted' };

/** A version as the API shows it (DESIGN.md section 7): `files` lists what it changed from the one before. */
export interface Version {
  id: string;
  projectId: string;
  number: number;
  source: VersionSource;
  summary: string;
  messageId: string | null;
  files: FileChange[];
  checks: CheckReport | null;
  model: string | null;
  createdAt: string;
}

/** One file of a version's state. */
export interface VersionFile {
  path: string;
  sha256: string;
  size: number;
}

/** One change to a project's files, as `commitChange` takes it. */
export interface Change {
  projectId: string;
  source: VersionSource;
  /** One line a person reads in the version list: "Generated step “Add dark mode”", "Edited index.html". */
  summary: string;
  messageId?: string | null;
  /** The model that wrote the files; null (or left out) for a hand edit or a restore. */
  model?: string | null;
  writes: FileWrite[];
  /** Paths that stop being files of the project. */
  deletes?: string[];
  /** The plan step that wrote the files, recorded on each file's history. */
  origin?: { planId: string; stepId: string };
  /** The checks the files passed (or did not) before they were committed. */
  checks?: CheckReport | null;
  /** More statements for the same batch: a step's status, a chat message's version... */
  extra?: BatchItem<'sqlite'>[];
  /** A read that must pass before anything is written (the caller's access): see `StoreOptions`. */
  access?: PromiseLike<unknown>;
  /** The project's current files as the caller has just read them: see `StoreOptions`. */
  current?: { path: string; size: number; sha256?: string }[];
}

/**
 * Stores a change as one new version: the files go through `storeFiles` (paths, sizes, quota),
 * and the version row, its full file state and what it changed join that same batch, so a change
 * is visible whole or not at all. The number is the project's next one, taken inside the batch:
 * concurrent changes get different numbers, each with the state its own batch left. The version
 * is read back in that batch too, so a change costs two round trips: the quota read (with
 * `access`), then the batch.
 *
 * @example const { version } = await commitChange(db, env.FILES, { projectId, source: 'edit', summary: 'Edited index.html', writes: [{ path: 'index.html', content }] });
 * // version.number === 4, version.files === [{ path: 'index.html', change: 'modified' }]
 */
export async function commitChange(db: Database, bucket: R2Bucket, change: Change): Promise<{ version: Version; rows: FileRow[] }> {
  const id = uuidv7();
  const { rows, reads } = await storeChange(db, bucket, change, id, [
    db.select().from(versions).where(eq(versions.id, id)),
    db.select().from(versionChanges).where(eq(versionChanges.versionId, id)).orderBy(asc(versionChanges.path)),
  ]);
  const [[row], changes] = reads as [VersionRow[], (typeof versionChanges.$inferSelect)[]];
  return { version: toVersion(row!, changes), rows };
}

/**
 * `commitChange` for a caller that answers only the files' rows: the same version in the same
 * batch, without the two reads of it back.
 *
 * @example const rows = await commitFiles(db, env.FILES, { projectId, source: 'generate', summary: 'Generated step "Todo logic"', writes });
 */
export async function commitFiles(db: Database, bucket: R2Bucket, change: Change): Promise<FileRow[]> {
  return (await storeChange(db, bucket, change, uuidv7(), [])).rows;
}

/** Stores `change` as version `id` with `storeFiles`; `reads` run after the version's writes, and their results come back. */
async function storeChange(db: Database, bucket: R2Bucket, change: Change, id: string, reads: BatchItem<'sqlite'>[]) {
  const { projectId } = change;
  const previous = sql`(SELECT id FROM ${versions} WHERE ${versions.projectId} = ${projectId} AND ${versions.number} = (SELECT ${versions.number} FROM ${versions} WHERE ${versions.id} = ${id}) - 1)`;
  const writes: BatchItem<'sqlite'>[] = [
    db.insert(versions).values({
      id,
      projectId,
      number: sql`(SELECT COALESCE(MAX(${versions.number}), 0) + 1 FROM ${versions} WHERE ${versions.projectId} = ${projectId})`,
      source: change.source,
      summary: change.summary,
      messageId: change.messageId ?? null,
      model: change.model ?? null,
      checks: change.checks ?? null,
      createdAt: nowIso(),
    }),
    // Runs after storeFiles' own statements in the batch: `files` already holds this change.
    db.insert(versionFiles).select(sql`SELECT ${id}, path, sha256, size FROM ${files} WHERE ${files.projectId} = ${projectId}`),
    db.insert(versionChanges).select(sql`
      SELECT cur.version_id, cur.path, CASE WHEN prev.path IS NULL THEN 'added' ELSE 'modified' END
      FROM ${versionFiles} AS cur LEFT JOIN ${versionFiles} AS prev ON prev.version_id = ${previous} AND prev.path = cur.path
      WHERE cur.version_id = ${id} AND (prev.path IS NULL OR prev.sha256 <> cur.sha256)
      UNION ALL
      SELECT ${id}, prev.path, 'deleted' FROM ${versionFiles} AS prev
      WHERE prev.version_id = ${previous}
        AND NOT EXISTS (SELECT 1 FROM ${versionFiles} AS cur WHERE cur.version_id = ${id} AND cur.path = prev.path)`),
  ];
  const { rows, extra } = await storeFiles(
    db,
    bucket,
    projectId,
    change.writes,
    { planId: change.origin?.planId ?? null, stepId: change.origin?.stepId ?? null, source: change.model ?? change.source },
    { removed: change.deletes ?? [], extra: [...writes, ...reads, ...(change.extra ?? [])], access: change.access, current: change.current },
  );
  // The reads placed after the version's writes: the version as its own batch left it.
  return { rows, reads: extra.slice(writes.length, writes.length + reads.length) };
}

function toVersion(row: VersionRow, changes: { path: string; change: FileChange['change'] }[]): Version {
  return {
    id: row.id,
    projectId: row.projectId,
    number: row.number,
    source: row.source,
    summary: row.summary,
    messageId: row.messageId,
    files: changes.map(({ path, change }) => ({ path, change })),
    checks: row.checks,
    model: row.model,
    createdAt: row.createdAt,
  };
}

/**
 * The project's versions, newest first: `limit + 1` of them below `cursor` (a version number),
 * for `pageOf`.
 *
 * @example await listVersions(db, projectId, { limit: 50 }) // [{ number: 3, source: 'restore', … }, { number: 2, … }, …]
 */
export async function listVersions(db: Database, projectId: string, page: { limit: number; cursor?: number | undefined }): Promise<Version[]> {
  const onPage = and(eq(versions.projectId, projectId), page.cursor !== undefined ? lt(versions.number, page.cursor) : undefined);
  const pageIds = db.select({ id: versions.id }).from(versions).where(onPage).orderBy(desc(versions.number)).limit(page.limit + 1);
  // The page's changes by a subquery of the page, not by its ids: both reads go in one round trip, and a page of 200 would pass D1's 100 bound parameters.
  const [rows, changes] = await Promise.all([
    db.select().from(versions).where(onPage).orderBy(desc(versions.number)).limit(page.limit + 1),
    db
      .select({ versionId: versionChanges.versionId, path: versionChanges.path, change: versionChanges.change })
      .from(versionChanges)
      .where(inArray(versionChanges.versionId, pageIds))
      .orderBy(asc(versionChanges.path)),
  ]);
  return rows.map((row) => toVersion(row, changes.filter((change) => change.versionId === row.id)));
}

/** The newest version of a project, or null before its first. */
export async function latestVersion(db: Database, projectId: string): Promise<VersionRow | null> {
  const [row] = await db.select().from(versions).where(eq(versions.projectId, projectId)).orderBy(desc(versions.number)).limit(1);
  return row ?? null;
}

async function versionRow(db: Database, projectId: string, number: number): Promise<VersionRow> {
  const [row] = await db.select().from(versions).where(and(eq(versions.projectId, projectId), eq(versions.number, number)));
  if (!row) throw notFound('version');
  return row;
}

/** Every file version `number` had, in path order; by a subquery of its number, so it shares a round trip with the version's own read. */
function stateOf(db: Database, projectId: string, number: number) {
  const versionId = db.select({ id: versions.id }).from(versions).where(and(eq(versions.projectId, projectId), eq(versions.number, number)));
  return db
    .select({ path: versionFiles.path, sha256: versionFiles.sha256, size: versionFiles.size })
    .from(versionFiles)
    .where(inArray(versionFiles.versionId, versionId))
    .orderBy(asc(versionFiles.path));
}

/**
 * One version with `snapshot`, every file it had (path, sha256, size), or a 404.
 *
 * @example const { snapshot } = await getVersion(db, projectId, 2) // snapshot: [{ path: 'index.html', sha256: '9f2c…', size: 812 }, …]
 */
export async function getVersion(db: Database, projectId: string, number: number): Promise<Version & { snapshot: VersionFile[] }> {
  // The version's changes and files by a subquery of its number, so all three reads go in one round trip.
  const versionId = db.select({ id: versions.id }).from(versions).where(and(eq(versions.projectId, projectId), eq(versions.number, number)));
  const [row, changes, snapshot] = await Promise.all([
    versionRow(db, projectId, number),
    db.select().from(versionChanges).where(inArray(versionChanges.versionId, versionId)).orderBy(asc(versionChanges.path)),
    stateOf(db, projectId, number),
  ]);
  return { ...toVersion(row, changes), snapshot };
}

/**
 * What a version changed, as a unified diff (`diff -u`, one file after another in path order)
 * against the version before it; for version 1, against no files at all. Empty when it changed
 * nothing. One round trip: `access` (the caller's, see `accessFirst`) and every read of the
 * version go together, by subqueries of its number; no blob is read before access holds.
 *
 * @example await diffVersion(db, env.FILES, projectId, 4, getProject(db, caller, projectId))
 * // '--- a/index.html\n+++ b/index.html\n@@ -3,1 +3,1 @@\n-<h1>Chores</h1>\n+<h1>Chore Wheel</h1>\n'
 */
export async function diffVersion(db: Database, bucket: R2Bucket, projectId: string, number: number, access?: PromiseLike<unknown>): Promise<string> {
  const idOf = (at: number) => db.select({ id: versions.id }).from(versions).where(and(eq(versions.projectId, projectId), eq(versions.number, at)));
  const changed = db.select({ path: versionChanges.path }).from(versionChanges).where(inArray(versionChanges.versionId, idOf(number)));
  /** The changed paths' blobs at version `at` (none for a version before the first). */
  const shaAt = (at: number) =>
    db
      .select({ path: versionFiles.path, sha256: versionFiles.sha256 })
      .from(versionFiles)
      .where(and(inArray(versionFiles.versionId, idOf(at)), inArray(versionFiles.path, changed)));
  const [, changes, old, current] = await accessFirst(
    access,
    Promise.all([
      versionRow(db, projectId, number),
      db.select().from(versionChanges).where(inArray(versionChanges.versionId, idOf(number))).orderBy(asc(versionChanges.path)),
      shaAt(number - 1),
      shaAt(number),
    ]),
  );
  const shas = (rows: { path: string; sha256: string }[]) => new Map(rows.map((file) => [file.path, file.sha256]));
  const [before, after] = [shas(old), shas(current)];
  const text = (sha256: string | undefined) => (sha256 ? readBlobText(bucket, sha256) : Promise.resolve(''));
  const diffs = await Promise.all(
    changes.map(async ({ path, change }) => {
      const diff = unifiedDiff(path, await text(before.get(path)), await text(after.get(path)));
      // As git writes them: an added file comes from /dev/null, a deleted one goes to it.
      if (change === 'added') return diff.replace(/^--- a\/.*\n/, '--- /dev/null\n');
      if (change === 'deleted') return diff.replace(/^(--- .*\n)\+\+\+ b\/.*\n/, '$1+++ /dev/null\n');
      return diff;
    }),
  );
  return diffs.join('');
}

/**
 * Makes a new version whose files are byte-identical to version `number`'s: files it had are
 * written back, files added after it are deleted. Undo is restoring `number - 1`. Two round
 * trips: `access`, the version's state and the current files together (the quota is checked
 * against those), then the write's batch.
 *
 * @example const version = await restoreVersion(db, env.FILES, { projectId, number: 3, access: getProject(db, caller, projectId) }) // { number: 6, source: 'restore', … }
 */
export async function restoreVersion(
  db: Database,
  bucket: R2Bucket,
  target: { projectId: string; number: number; messageId?: string | null; access?: PromiseLike<unknown> },
): Promise<Version> {
  const [, wanted, current] = await accessFirst(
    target.access,
    Promise.all([
      versionRow(db, target.projectId, target.number),
      stateOf(db, target.projectId, target.number),
      db.select({ path: files.path, sha256: files.sha256, size: files.size }).from(files).where(eq(files.projectId, target.projectId)),
    ]),
  );
  const now = new Map(current.map((file) => [file.path, file.sha256]));
  const keep = new Set(wanted.map((file) => file.path));
  const writes = await Promise.all(
    wanted.filter((file) => now.get(file.path) !== file.sha256).map(async (file) => ({ path: file.path, content: await readBlobText(bucket, file.sha256) })),
  );
  const { version } = await commitChange(db, bucket, {
    projectId: target.projectId,
    source: 'restore',
    summary: `Restored version ${target.number}`,
    messageId: target.messageId ?? null,
    writes,
    deletes: current.filter((file) => !keep.has(file.path)).map((file) => file.path),
    current,
  });
  return version;
}

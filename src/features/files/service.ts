/** A project's files: an index in D1 (current versions and history), contents as blobs in R2. */
import { and, asc, eq, gt, inArray, ne, notInArray, sql, sum } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { Zip, ZipPassThrough } from 'fflate';
import type { Bindings } from '../../app-env';
import type { Database } from '../../db/client';
import { files, fileVersions, versionChanges, versionFiles, versions } from '../../db/schema';
import type { FileRow } from '../../db/schema';
import type { IndexedFile } from '../../engine/prompt-budget';
import { accessFirst } from '../../lib/access-first';
import { nowIso } from '../../lib/ids';
import { badRequest, notFound, payloadTooLarge } from '../../lib/problems';
import type { FieldError } from '../../lib/problems';
import type { PartDeletion } from '../projects/parts';
import { deleteBlobs, getBlob, putBlob, readBlobText } from '../../storage/blobs';
import { languageOf, MAX_FILE_BYTES, MAX_PROJECT_BYTES, pathProblem } from '../../storage/paths';
import { inChunks } from '../../db/chunks';

/** A file entry as the API lists it. */
export function toFileEntry(row: FileRow) {
  return { path: row.path, language: row.language, size: row.size, sha256: row.sha256, updatedAt: row.updatedAt };
}

/** Throws a 400 naming each invalid path. */
export function assertValidPaths(paths: string[], location: FieldError['location'] = 'body'): void {
  const errors = paths.flatMap((path) => {
    const problem = pathProblem(path);
    return problem ? [{ location, pointer: '#/path', detail: `"${path}" ${problem}` }] : [];
  });
  if (errors.length > 0) throw badRequest('A file path is not valid.', errors);
}

export interface FileWrite {
  path: string;
  content: string;
}

export interface WriteOrigin {
  planId: string | null;
  stepId: string | null;
  /** `offline`, `openai:<model>`, or `edit`. */
  source: string;
}

/** What a write needs besides its files; each is optional. */
export interface StoreOptions {
  /** Paths that stop being current (their history stays). */
  removed?: string[];
  /** Statements for the same batch (a step's status, say); their results come back as `extra`. */
  extra?: BatchItem<'sqlite'>[];
  /**
   * A read that must pass before anything is written, such as `getProject` for the caller's
   * access: issued in the same turn as the quota read, so both cost one round trip.
   */
  access?: PromiseLike<unknown>;
  /**
   * The project's current files (path, size) as the caller has just read them: the quota is
   * checked against them instead of a read of its own. The batch's guard holds the quota anyway.
   * With their sha256, a write of content one of them already has puts no blob: the index never
   * points at a missing one.
   */
  current?: { path: string; size: number; sha256?: string }[];
}

/**
 * Stores files as new versions: checks paths and sizes, writes the blobs, then indexes them in
 * one batch, so a file is visible only once its blob exists and a failure half-way leaves no
 * index row. Two round trips: the quota read (with `access`; none when `current` is given), then
 * the batch. Answers the rows as the batch wrote them and the results of `options.extra`, in order.
 *
 * @example const { rows } = await storeFiles(db, env.FILES, projectId, [{ path: 'index.html', content }], { planId: null, stepId: null, source: 'edit' });
 */
export async function storeFiles(
  db: Database,
  bucket: R2Bucket,
  projectId: string,
  writes: FileWrite[],
  origin: WriteOrigin,
  options: StoreOptions = {},
): Promise<{ rows: FileRow[]; extra: unknown[] }> {
  const encoded = writes.map((write) => ({ path: write.path, bytes: new TextEncoder().encode(write.content) }));
  const removed = options.removed ?? [];
  const writable = async () => {
    assertValidPaths(writes.map((write) => write.path));
    const tooBig = encoded.find((file) => file.bytes.byteLength > MAX_FILE_BYTES);
    if (tooBig) throw payloadTooLarge(`"${tooBig.path}" is ${tooBig.bytes.byteLength} bytes; a file may be at most ${MAX_FILE_BYTES}.`);
    const incoming = encoded.map((file) => ({ path: file.path, size: file.bytes.byteLength }));
    if (options.current) assertFits(options.current, incoming, removed);
    else await assertProjectFits(db, projectId, incoming, removed);
  };
  await accessFirst(options.access, writable());

  const existing = new Set(options.current?.flatMap((file) => (file.sha256 ? [file.sha256] : [])));
  const stored = await Promise.all(encoded.map(async (file) => ({ path: file.path, ...(await putBlob(bucket, file.bytes, existing)) })));
  const now = nowIso();
  const nextVersion = (path: string) =>
    sql`(SELECT COALESCE(MAX(${fileVersions.version}), 0) + 1 FROM ${fileVersions} WHERE ${fileVersions.projectId} = ${projectId} AND ${fileVersions.path} = ${path})`;
  const rows = stored.map((file) => ({
    projectId,
    path: file.path,
    sha256: file.sha256,
    size: file.size,
    language: languageOf(file.path),
    planId: origin.planId,
    stepId: origin.stepId,
  }));
  const upserts = rows.map((row) =>
    db
      .insert(files)
      .values({ ...row, version: sql`${nextVersion(row.path)} - 1`, updatedAt: now })
      .onConflictDoUpdate({
        target: [files.projectId, files.path],
        set: { ...row, version: sql`${nextVersion(row.path)} - 1`, updatedAt: now },
      })
      .returning(),
  );
  const statements: BatchItem<'sqlite'>[] = rows.flatMap((row, index) => [
    db.insert(fileVersions).values({ ...row, version: nextVersion(row.path), source: origin.source, createdAt: now }),
    upserts[index]!,
  ]);
  const deleted = removed.filter((path) => !writes.some((write) => write.path === path));
  for (const chunk of inChunks(deleted, PATHS_PER_QUERY)) statements.push(db.delete(files).where(and(eq(files.projectId, projectId), inArray(files.path, chunk))));
  statements.push(projectBytesGuard(db, projectId));
  const [first, ...rest] = [...statements, ...(options.extra ?? [])];
  if (!first) return { rows: [], extra: [] };
  // The rows as this batch wrote them: read afterwards, a concurrent writer's row could answer instead.
  const results = await db.batch([first, ...rest]).catch((error: unknown) => Promise.reject(overQuota(error) ? projectTooBig() : error));
  return { rows: rows.map((_, index) => (results[2 * index + 1] as FileRow[])[0]!), extra: results.slice(statements.length) };
}

type Sized = { path: string; size: number };

async function assertProjectFits(db: Database, projectId: string, incoming: Sized[], removed: string[]) {
  const replaced = [...incoming.map((file) => file.path), ...removed];
  const ofProject = eq(files.projectId, projectId);
  const [[all], ...replacedRows] = await Promise.all([
    db.select({ total: sum(files.size) }).from(files).where(ofProject),
    ...inChunks(replaced, PATHS_PER_QUERY).map((chunk) => db.select({ size: files.size }).from(files).where(and(ofProject, inArray(files.path, chunk)))),
  ]);
  const kept = Number(all?.total ?? 0) - replacedRows.flat().reduce((bytes, row) => bytes + row.size, 0);
  assertWithinQuota(kept, incoming);
}

/** The quota against files the caller already read: those not replaced are kept. */
function assertFits(current: Sized[], incoming: Sized[], removed: string[]) {
  const replaced = new Set([...incoming.map((file) => file.path), ...removed]);
  assertWithinQuota(current.filter((file) => !replaced.has(file.path)).reduce((bytes, file) => bytes + file.size, 0), incoming);
}

function assertWithinQuota(kept: number, incoming: Sized[]) {
  const total = kept + incoming.reduce((bytes, file) => bytes + file.size, 0);
  if (total > MAX_PROJECT_BYTES) throw projectTooBig(total);
}

const projectTooBig = (total?: number) =>
  payloadTooLarge(`The project would hold ${total ?? 'more than'} bytes; a project may hold at most ${MAX_PROJECT_BYTES}.`);

/**
 * The quota again, inside the write's own batch: `assertProjectFits` reads before the write, so
 * concurrent writes could each see room for themselves. D1 runs a batch as one transaction, one
 * at a time, so this sees every earlier write. SQLite has no way to fail a plain statement on a
 * condition, so it inserts a row that breaks a NOT NULL constraint only when the project is over
 * its quota, and the whole batch is rolled back.
 */
function projectBytesGuard(db: Database, projectId: string) {
  const nothing = (name: string) => sql<string>`NULL`.as(name);
  const empty = (name: string) => sql<string>`''`.as(name);
  const zero = (name: string) => sql<number>`0`.as(name);
  return db.insert(files).select(
    db
      .select({
        projectId: nothing('project_id'),
        path: empty('path'),
        version: zero('version'),
        sha256: empty('sha256'),
        size: zero('size'),
        language: empty('language'),
        planId: nothing('plan_id'),
        stepId: nothing('step_id'),
        updatedAt: empty('updated_at'),
      })
      .from(files)
      .where(eq(files.projectId, projectId))
      .groupBy(files.projectId)
      .having(sql`SUM(${files.size}) > ${MAX_PROJECT_BYTES}`),
  );
}

/** Whether a failed batch was stopped by `projectBytesGuard`. */
function overQuota(error: unknown): boolean {
  for (let cause = error; cause instanceof Error; cause = cause.cause) {
    if (cause.message.includes('NOT NULL constraint failed: files.project_id')) return true;
  }
  return false;
}

/** Paths bound in one query, leaving room for the project id. */
const PATHS_PER_QUERY = 90;

/** The project's current files in path order; `limit + 1` rows after `cursor` (a path) for paging. */
export function listFiles(db: Database, projectId: string, page: { limit: number; cursor?: string | undefined }) {
  return db
    .select()
    .from(files)
    .where(and(eq(files.projectId, projectId), page.cursor ? gt(files.path, page.cursor) : undefined))
    .orderBy(asc(files.path))
    .limit(page.limit + 1);
}

/** Every current file with its content (for engines that build on them and for archives). */
export async function readAllFiles(db: Database, bucket: R2Bucket, projectId: string) {
  return readContents(bucket, await currentFiles(db, projectId));
}

/**
 * The read of the project's current files in path order (path, sha256, size), for a caller that
 * sends it beside its other reads; `readContents` and `indexOf` take its rows.
 *
 * @example const [index, plan] = await Promise.all([currentFiles(db, projectId), getPlan(db, projectId, planId)]);
 */
export function currentFiles(db: Database, projectId: string) {
  return db.select({ path: files.path, sha256: files.sha256, size: files.size }).from(files).where(eq(files.projectId, projectId)).orderBy(asc(files.path));
}

/**
 * The contents of indexed files, read from R2 at once.
 *
 * @example const files = await readContents(env.FILES, await currentFiles(db, projectId)); // [{ path: 'index.html', content: '<!doctype html>…' }, …]
 */
export function readContents(bucket: R2Bucket, rows: readonly { path: string; sha256: string }[]) {
  return Promise.all(rows.map(async (row) => ({ path: row.path, content: await readBlobText(bucket, row.sha256) })));
}

/** The project's current files in path order as an index whose contents are read only when asked: for prompts that show a few. */
export async function indexedFiles(db: Database, bucket: R2Bucket, projectId: string): Promise<IndexedFile[]> {
  return indexOf(bucket, await currentFiles(db, projectId));
}

/**
 * `indexedFiles` of rows the caller has read already.
 *
 * @example const index = indexOf(env.FILES, await currentFiles(db, projectId)); await index[0]!.read();
 */
export function indexOf(bucket: R2Bucket, rows: readonly { path: string; sha256: string; size: number }[]): IndexedFile[] {
  return rows.map((row) => ({ path: row.path, size: row.size, read: () => readBlobText(bucket, row.sha256) }));
}

/** One current file with its blob, or a 404. */
export async function readFile(db: Database, bucket: R2Bucket, projectId: string, path: string) {
  const [row] = await db.select().from(files).where(and(eq(files.projectId, projectId), eq(files.path, path)));
  if (!row) throw notFound('file');
  const blob = await getBlob(bucket, row.sha256);
  if (!blob) throw new Error(`Blob ${row.sha256} of ${projectId}/${path} is missing`);
  return { row, blob };
}

/**
 * A zip of the current files, streamed: each blob is read and added in path order while the
 * client downloads. Files are stored, not compressed: most are small and it keeps CPU low. One
 * round trip, with `access` (see `accessFirst`): the index read once, then only R2.
 *
 * @example const body = await archiveFiles(db, env.FILES, projectId, getProject(db, caller, projectId));
 */
export async function archiveFiles(db: Database, bucket: R2Bucket, projectId: string, access?: PromiseLike<unknown>): Promise<ReadableStream<Uint8Array>> {
  const rows = await accessFirst(access, db.select().from(files).where(eq(files.projectId, projectId)).orderBy(asc(files.path)));
  const { readable, writable } = new TransformStream<Uint8Array, Uint8Array>();
  const writer = writable.getWriter();
  const zip = new Zip((error, chunk, final) => {
    if (error) return void writer.abort(error);
    void writer.write(chunk);
    if (final) void writer.close();
  });
  (async () => {
    for (const row of rows) {
      const entry = new ZipPassThrough(row.path);
      zip.add(entry);
      const blob = await getBlob(bucket, row.sha256);
      if (!blob) throw new Error(`Blob ${row.sha256} of ${projectId}/${row.path} is missing`);
      entry.push(new Uint8Array(await blob.arrayBuffer()), true);
    }
    zip.end();
  })().catch((error: unknown) => writer.abort(error));
  return readable;
}

/**
 * The files' part of a deleted project (a `ProjectPart`): its files, their history and its versions in
 * the deleting batch, then the blobs no other project references, deleted once that batch has
 * committed (so a failure can leave garbage in R2 but never an index row without its blob).
 *
 * @example const part = await fileDeletion(db, env, projectId); await db.batch([...part.statements]); await part.wipe();
 */
export async function fileDeletion(db: Database, env: Pick<Bindings, 'FILES'>, projectId: string): Promise<PartDeletion> {
  const orphans = await db
    .selectDistinct({ sha256: fileVersions.sha256 })
    .from(fileVersions)
    .where(
      and(
        eq(fileVersions.projectId, projectId),
        notInArray(
          fileVersions.sha256,
          db.select({ sha256: fileVersions.sha256 }).from(fileVersions).where(ne(fileVersions.projectId, projectId)),
        ),
      ),
    );
  const ofProject = db.select({ id: versions.id }).from(versions).where(eq(versions.projectId, projectId));
  return {
    statements: [
      db.delete(files).where(eq(files.projectId, projectId)),
      db.delete(fileVersions).where(eq(fileVersions.projectId, projectId)),
      db.delete(versionChanges).where(inArray(versionChanges.versionId, ofProject)),
      db.delete(versionFiles).where(inArray(versionFiles.versionId, ofProject)),
      db.delete(versions).where(eq(versions.projectId, projectId)),
    ],
    wipe: () => deleteBlobs(env.FILES, orphans.map((row) => row.sha256)),
  };
}

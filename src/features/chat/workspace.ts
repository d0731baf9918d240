/** A builder turn's staged changes: edits land in an overlay over the project's files, and become one version only when the turn ends well. */
import { eq } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { files } from '../../db/schema';
import { readBlobText } from '../../storage/blobs';
import type { FileWrite } from '../files/service';

/**
 * The project's files as one turn sees them: the stored files, under the turn's own writes and
 * deletions. Nothing is stored until `changes()` is committed; dropping the workspace drops the
 * turn's edits, so a turn's changes become visible whole or not at all.
 *
 * @example const workspace = new TurnWorkspace(db, env.FILES, projectId);
 * workspace.write('index.html', html); await workspace.read('index.html') // html, still unstored
 */
export class TurnWorkspace {
  /** Path to staged content, or null for a staged deletion. */
  private readonly staged = new Map<string, string | null>();
  private stored: Promise<Map<string, { sha256: string; size: number }>> | null = null;

  constructor(
    private readonly db: Database,
    private readonly bucket: R2Bucket,
    readonly projectId: string,
  ) {}

  /** The stored files' index, read once a turn: the turn is the only writer of its project's chat, so it stays current. */
  private index() {
    this.stored ??= this.db
      .select({ path: files.path, sha256: files.sha256, size: files.size })
      .from(files)
      .where(eq(files.projectId, this.projectId))
      .then((rows) => new Map(rows.map((row) => [row.path, { sha256: row.sha256, size: row.size }])));
    return this.stored;
  }

  /** Every path with its size in bytes, in path order, as the turn sees them. */
  async list(): Promise<{ path: string; size: number; staged: boolean }[]> {
    const listed = new Map<string, { path: string; size: number; staged: boolean }>();
    for (const [path, file] of await this.index()) listed.set(path, { path, size: file.size, staged: false });
    for (const [path, content] of this.staged) {
      if (content === null) listed.delete(path);
      else listed.set(path, { path, size: new TextEncoder().encode(content).byteLength, staged: true });
    }
    return [...listed.values()].sort((a, b) => (a.path < b.path ? -1 : 1));
  }

  /** A file's content as the turn sees it, or null when there is no such file. */
  async read(path: string): Promise<string | null> {
    const staged = this.staged.get(path);
    if (staged !== undefined) return staged;
    const file = (await this.index()).get(path);
    return file ? readBlobText(this.bucket, file.sha256) : null;
  }

  write(path: string, content: string): void {
    this.staged.set(path, content);
  }

  delete(path: string): void {
    this.staged.set(path, null);
  }

  /** Whether the turn staged any write or deletion. */
  get changed(): boolean {
    return this.staged.size > 0;
  }

  /** The complete file state the turn would leave, path to content, for the checks. */
  async snapshot(): Promise<Map<string, string>> {
    const state = new Map<string, string>();
    for (const { path } of await this.list()) state.set(path, (await this.read(path))!);
    return state;
  }

  /** What the turn staged: the files to write and the paths to delete, as `commitChange` takes them. */
  changes(): { writes: FileWrite[]; deletes: string[] } {
    const writes: FileWrite[] = [];
    const deletes: string[] = [];
    for (const [path, content] of this.staged) {
      if (content === null) deletes.push(path);
      else writes.push({ path, content });
    }
    return { writes, deletes };
  }
}

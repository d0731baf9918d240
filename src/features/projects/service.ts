/** Projects: created in an organisation, read and changed only through the caller's memberships. */
import { and, count, desc, eq, getTableColumns, inArray, lt, sql } from 'drizzle-orm';
import type { Bindings, Caller } from '../../app-env';
import type { Database } from '../../db/client';
import { plans, planSteps, projects } from '../../db/schema';
import type { ProjectRow } from '../../db/schema';
import { nowIso, uuidv7 } from '../../lib/ids';
import type { PageQuery } from '../../lib/pagination';
import { badRequest, conflict, forbidden, notFound } from '../../lib/problems';
import type { ProjectPart } from './parts';

/** The most projects one organisation may hold; deleting one makes room for another. */
export const MAX_PROJECTS_PER_ORGANISATION = 1000;
/** The longest project name, in characters. */
export const MAX_PROJECT_NAME_CHARS = 120;

const organisationIds = (caller: Caller) => caller.organisations.map((organisation) => organisation.id);

/** The SQL condition "this project, if one of the caller's organisations owns it". */
const ownedBy = (caller: Caller, projectId: string) =>
  and(eq(projects.id, projectId), inArray(projects.organisationId, organisationIds(caller)));

/**
 * The SQL of `getProject` by the number of the caller's organisations, as drizzle built it the
 * first time in this isolate. Building it anew took ~0.1 ms of every project-scoped request
 * (profiled with `npm run bench -- --profile read`); drizzle's own prepared queries cannot be
 * kept instead, since each holds the statement of the request's D1 session it was prepared on.
 */
const projectSql = new Map<number, string>();

/** The columns `db.select().from(projects)` answers, in its order. */
const projectColumns = () => Object.entries(getTableColumns(projects));

/**
 * The project, or a 404 problem when it does not exist or another organisation owns it.
 * Every project-scoped feature starts here.
 *
 * @example const project = await getProject(db, caller, projectId);
 */
export async function getProject(db: Database, caller: Caller, projectId: string): Promise<ProjectRow> {
  // The order drizzle binds `ownedBy`'s values in: the id, then each organisation.
  const values = [projectId, ...organisationIds(caller)];
  let text = projectSql.get(values.length);
  if (text === undefined) {
    text = db.select().from(projects).where(ownedBy(caller, projectId)).toSQL().sql;
    projectSql.set(values.length, text);
  }
  // Through the request's own binding, so the read still rides its batch and its key check.
  const [row] = await db.$client.prepare(text).bind(...values).raw();
  if (!row) throw notFound('project');
  const fields = projectColumns().map(([key, column], index) => [key, row[index] === null ? null : column.mapFromDriverValue(row[index])]);
  return Object.fromEntries(fields) as ProjectRow;
}

/**
 * `read`, a read of the project's own records started in the same turn, once `getProject` says the
 * caller may see the project (its 404 otherwise). Both go to D1 in one round trip (`oneTrip`), and
 * what `read` found of a project the caller may not see is dropped unseen.
 *
 * @example const rows = await withProject(db, caller, projectId, listFiles(db, projectId, page));
 */
export async function withProject<T>(db: Database, caller: Caller, projectId: string, read: PromiseLike<T>): Promise<T> {
  const [, result] = await Promise.all([getProject(db, caller, projectId), read]);
  return result;
}

/** The caller's projects, newest first; `limit + 1` rows for `pageOf`. */
export async function listProjects(db: Database, caller: Caller, page: PageQuery & { organisationId?: string | undefined }) {
  const visible = organisationIds(caller).filter((id) => !page.organisationId || id === page.organisationId);
  return db
    .select()
    .from(projects)
    .where(and(inArray(projects.organisationId, visible), page.cursor ? lt(projects.id, page.cursor) : undefined))
    .orderBy(desc(projects.id))
    .limit(page.limit + 1);
}

/** `createProject`'s statement, as drizzle built it the first time in this isolate. */
let insertProjectSql: string | undefined;

export interface NewProject {
  name: string;
  description: string;
  organisationId?: string | undefined;
}

/**
 * Creates a draft project in one of the caller's organisations. Without `organisationId`,
 * the caller's only organisation is used; with several, the caller must choose.
 */
export async function createProject(db: Database, caller: Caller, input: NewProject): Promise<ProjectRow> {
  const organisationId = chooseOrganisation(caller, input.organisationId);
  const now = nowIso();
  const row: ProjectRow = {
    id: uuidv7(),
    organisationId,
    ownerId: caller.user.id,
    name: input.name,
    description: input.description,
    templateId: null,
    status: 'draft',
    createdAt: now,
    updatedAt: now,
  };
  // One statement that inserts only while the organisation is under its limit, so concurrent
  // creations cannot pass the count together. INSERT ... SELECT takes the table's columns in order.
  const columns = Object.keys(getTableColumns(projects)) as (keyof ProjectRow)[];
  // Its shape never changes, so drizzle builds it once per isolate (~0.25 ms a creation otherwise,
  // `npm run bench -- --profile create`); the values go in the order drizzle binds them.
  if (insertProjectSql === undefined) {
    const listed = sql.join(columns.map((column) => sql`${row[column]}`), sql`, `);
    const held = db.select({ count: count() }).from(projects).where(eq(projects.organisationId, organisationId));
    insertProjectSql = db
      .insert(projects)
      .select(sql`SELECT ${listed} WHERE (${held}) < ${MAX_PROJECTS_PER_ORGANISATION}`)
      .returning({ id: projects.id })
      .toSQL().sql;
  }
  const values = [...columns.map((column) => row[column]), organisationId, MAX_PROJECTS_PER_ORGANISATION];
  // Through the request's own binding, so the write still rides its batch behind the key check.
  const inserted = await db.$client.prepare(insertProjectSql).bind(...values).raw();
  if (inserted.length === 0) {
    throw conflict(`The organisation holds ${MAX_PROJECTS_PER_ORGANISATION} projects, the most it may; delete one to make room.`);
  }
  return row;
}

/**
 * The organisation that will own a new project (or webhook, `resource`): the one requested, which must
 * be the caller's, or else the caller's only one; with several, the caller must choose.
 */
export function chooseOrganisation(caller: Caller, requested: string | undefined, resource = 'project'): string {
  if (requested) {
    if (!caller.organisations.some((organisation) => organisation.id === requested)) {
      throw forbidden('You are not a member of that organisation.');
    }
    return requested;
  }
  const [only, ...others] = caller.organisations;
  if (!only) throw forbidden(`You belong to no organisation, so you cannot create ${resource}s.`);
  if (others.length > 0) {
    throw badRequest(`You belong to several organisations: say which one owns the ${resource}.`, [
      { location: 'body', pointer: '#/organisationId', detail: 'Required when the caller belongs to more than one organisation' },
    ]);
  }
  return only.id;
}

/** Changes a project's name or description in one statement; 404 when the caller cannot see it. */
export async function updateProject(
  db: Database,
  caller: Caller,
  projectId: string,
  changes: { name?: string | undefined; description?: string | undefined },
): Promise<ProjectRow> {
  const [project] = await db
    .update(projects)
    .set({ ...changes, updatedAt: nowIso() })
    .where(ownedBy(caller, projectId))
    .returning();
  if (!project) throw notFound('project');
  return project;
}

/**
 * The statement that renames one of the caller's projects, for the batch of a change it goes with
 * (a chat turn's version): it scopes itself, so it renames nothing the caller may not see.
 *
 * @example await commitChange(db, bucket, { ...change, extra: [projectRenaming(db, caller, projectId, 'Streaks')] });
 */
export function projectRenaming(db: Database, caller: Caller, projectId: string, name: string) {
  return db.update(projects).set({ name, updatedAt: nowIso() }).where(ownedBy(caller, projectId));
}

/**
 * Deletes a project and everything that belongs to it: its plans, and each of `parts`, what the
 * features that store something of a project own (`PROJECT_PARTS`). The one way a project is
 * removed. Rows go in one batch; storage outside D1 goes after, so a failure can leave garbage
 * but never a dangling row.
 *
 * @example await deleteProject(db, env, caller, projectId, PROJECT_PARTS);
 */
export async function deleteProject(db: Database, env: Bindings, caller: Caller, projectId: string, parts: readonly ProjectPart[]): Promise<void> {
  await getProject(db, caller, projectId);
  const deletions = await Promise.all(parts.map((part) => part(db, env, projectId)));
  await db.batch([
    db.delete(projects).where(ownedBy(caller, projectId)),
    db.delete(plans).where(eq(plans.projectId, projectId)),
    db.delete(planSteps).where(eq(planSteps.projectId, projectId)),
    ...deletions.flatMap((deletion) => deletion.statements),
  ]);
  await Promise.all(deletions.map((deletion) => deletion.wipe()));
}

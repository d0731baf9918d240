/** Deployments: recorded as queued and enqueued here, built by the deployments queue consumer. */
import { and, desc, eq, lt } from 'drizzle-orm';
import type { Bindings, Caller } from '../../app-env';
import type { Database } from '../../db/client';
import { deployments } from '../../db/schema';
import { appDataOf } from '../../durable-objects/app-data';
import type { DeploymentRow } from '../../db/schema';
import { nowIso, uuidv7 } from '../../lib/ids';
import type { PageQuery } from '../../lib/pagination';
import { notFound } from '../../lib/problems';
import type { Poll } from '../../lib/sse';
import { deleteManifests } from '../../storage/manifests';
import type { PartDeletion } from '../projects/parts';
import { getProject, withProject } from '../projects/service';
import { deploymentLabel, siteLabel } from '../sites/labels';

/** What the deployments queue carries: only the id; the consumer reads the rest. */
export interface DeployMessage {
  deploymentId: string;
}

/** A deployment as the API shows it. */
export function toDeployment(row: DeploymentRow) {
  return {
    id: row.id,
    projectId: row.projectId,
    environment: row.environment,
    status: row.status,
    url: row.url,
    versionId: row.versionId,
    siteUrl: row.siteUrl,
    fileCount: row.fileCount,
    error: row.error,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/**
 * Records a queued deployment and enqueues it. When the queue refuses the message the record
 * is removed again, so no deployment waits for a message that was never sent.
 *
 * @example const deployment = await createDeployment(db, env.DEPLOY_QUEUE, caller, projectId, 'preview');
 */
export async function createDeployment(
  db: Database,
  queue: Queue<DeployMessage>,
  caller: Caller,
  projectId: string,
  environment: DeploymentRow['environment'],
) {
  const project = await getProject(db, caller, projectId);
  const id = uuidv7();
  const now = nowIso();
  const row: DeploymentRow = {
    id,
    projectId: project.id,
    environment,
    status: 'queued',
    label: deploymentLabel(id),
    siteLabel: siteLabel(project.id, environment),
    url: null,
    siteUrl: null,
    fileCount: 0,
    hasWorker: false,
    versionId: null,
    error: null,
    attempts: 0,
    sweeps: 0,
    createdAt: now,
    updatedAt: now,
  };
  await db.insert(deployments).values(row);
  try {
    await queue.send({ deploymentId: id });
  } catch (error) {
    await db.delete(deployments).where(eq(deployments.id, id));
    throw error;
  }
  return toDeployment(row);
}

/** The project's deployments, newest first; `limit + 1` rows for `pageOf`. */
export async function listDeployments(db: Database, caller: Caller, projectId: string, page: PageQuery) {
  const rows = await withProject(
    db,
    caller,
    projectId,
    db
      .select()
      .from(deployments)
      .where(and(eq(deployments.projectId, projectId), page.cursor ? lt(deployments.id, page.cursor) : undefined))
      .orderBy(desc(deployments.id))
      .limit(page.limit + 1),
  );
  return rows.map(toDeployment);
}

export async function getDeployment(db: Database, caller: Caller, projectId: string, deploymentId: string) {
  const [row] = await withProject(
    db,
    caller,
    projectId,
    db.select().from(deployments).where(and(eq(deployments.id, deploymentId), eq(deployments.projectId, projectId))),
  );
  if (!row) throw notFound('deployment');
  return toDeployment(row);
}

const FINAL_STATUSES: ReadonlySet<DeploymentRow['status']> = new Set(['live', 'failed', 'superseded']);

/**
 * The poll behind a deployment's progress stream: `status` with the deployment at first and at
 * each change of status, done once the status is final (or the deployment is gone with its project).
 *
 * @example pollingEventStream(deploymentProgress(db, deploymentId))
 */
export function deploymentProgress(db: Database, deploymentId: string): () => Promise<Poll> {
  let said: DeploymentRow['status'] | undefined;
  return async () => {
    const [row] = await db.select().from(deployments).where(eq(deployments.id, deploymentId));
    if (!row) return { events: [], done: true };
    const changed = row.status !== said;
    said = row.status;
    return { events: changed ? [{ event: 'status', data: toDeployment(row) }] : [], done: FINAL_STATUSES.has(row.status) };
  };
}

/**
 * The deployments' part of a deleted project (a `ProjectPart`): the statement for the deleting
 * batch, and `wipe`, to run once that batch committed: the manifests in R2 and the AppData (the
 * data its sites' worker.js kept) of each environment it deployed to. Once the rows are gone no
 * label finds a site, so a failure in `wipe` leaves unreachable storage, never a site without files.
 *
 * @example const sites = await deploymentDeletion(db, env, projectId); await db.batch([...sites.statements]); await sites.wipe();
 */
export async function deploymentDeletion(db: Database, env: Pick<Bindings, 'FILES' | 'APP_DATA'>, projectId: string): Promise<PartDeletion> {
  const rows = await db
    .select({ id: deployments.id, environment: deployments.environment })
    .from(deployments)
    .where(eq(deployments.projectId, projectId));
  const environments = [...new Set(rows.map((row) => row.environment))];
  return {
    statements: [db.delete(deployments).where(eq(deployments.projectId, projectId))],
    wipe: async () => {
      await Promise.all([
        deleteManifests(env.FILES, rows.map((row) => row.id)),
        ...environments.map((environment) => appDataOf(env.APP_DATA, projectId, environment).wipe()),
      ]);
    },
  };
}

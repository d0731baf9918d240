/** The deployments queue consumer: snapshot a version, check it, publish; a redelivered message does nothing twice. */
import { and, desc, eq, inArray, lt, ne, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Bindings } from '../app-env';
import { checkDeps, problemLines, runChecks } from '../checks';
import type { CheckDeps } from '../checks';
import { createDb } from '../db/client';
import type { Database } from '../db/client';
import { deployments, files, projects, versions } from '../db/schema';
import type { DeploymentRow, FileRow } from '../db/schema';
import { siteUrl } from '../features/sites/labels';
import { deploymentEvent, emitStatusEvents } from '../features/webhooks/events';
import { nowIso } from '../lib/ids';
import { isOutage } from '../lib/outages';
import { readBlobText } from '../storage/blobs';
import { putManifest } from '../storage/manifests';
import type { Manifest } from '../storage/manifests';
import { contentTypeOf, MAX_FILE_BYTES } from '../storage/paths';
import { readMessage, retryDelay } from './messages';

export const DeployMessageSchema = z.object({ deploymentId: z.string().uuid() });

/** Files the checks read: code and pages. Other files (images, CSS) are only looked up by path. */
const CHECKED = /\.(?:[cm]?[jt]s|json|html?)$/;

/**
 * Why the files cannot be published, one line per problem, each naming its file (and line, when
 * known): no front page, a file over the size limit, or what `runChecks` finds (code that does
 * not parse, a page that loads a missing file or runs something inline, a worker.js that does not
 * load). Empty when they can.
 */
export async function checkDeployable(deps: CheckDeps, projectId: string, rows: FileRow[]): Promise<string[]> {
  const problems: string[] = [];
  if (!rows.some((row) => row.path === 'index.html')) problems.push('index.html: missing; a site needs a front page');
  for (const row of rows) if (row.size > MAX_FILE_BYTES) problems.push(`${row.path}: ${row.size} bytes, over the ${MAX_FILE_BYTES}-byte limit`);
  const read = rows.filter((row) => CHECKED.test(row.path));
  const files = new Map(await Promise.all(read.map(async (row) => [row.path, await readBlobText(deps.bucket, row.sha256)] as const)));
  const otherPaths = rows.filter((row) => !files.has(row.path)).map((row) => row.path);
  return [...problems, ...problemLines(await runChecks(deps, { projectId, files, otherPaths, tests: false }))];
}

/**
 * Builds one deployment. Only a queued or building deployment is worked on, so a redelivered or
 * duplicated message for a finished one returns at once. Publishing is one batch: the older live
 * deployment of the environment is superseded, and this one goes live unless a newer one already
 * is (then it is superseded itself).
 */
export async function buildDeployment(env: Bindings, db: Database, deploymentId: string): Promise<void> {
  const [claimed] = await db
    .update(deployments)
    .set({ status: 'building', attempts: sql`${deployments.attempts} + 1`, updatedAt: nowIso() })
    .where(and(eq(deployments.id, deploymentId), inArray(deployments.status, ['queued', 'building'])))
    .returning();
  if (!claimed) return;
  // In-progress events go out on the first attempt only; a retried build goes on quietly to its final status.
  if (claimed.attempts === 1) await emitStatusEvents(env, db, [deploymentEvent(claimed)]);

  // One batch reads one state: the files and the version they are.
  const [rows, [version]] = await db.batch([
    db.select().from(files).where(eq(files.projectId, claimed.projectId)),
    db.select({ id: versions.id }).from(versions).where(eq(versions.projectId, claimed.projectId)).orderBy(desc(versions.number)).limit(1),
  ]);
  const problems = await checkDeployable(checkDeps(db, env), claimed.projectId, rows);
  const now = nowIso();
  if (problems.length > 0) {
    const failed = await db
      .update(deployments)
      .set({ status: 'failed', error: problems.join('\n'), updatedAt: now })
      .where(and(eq(deployments.id, deploymentId), eq(deployments.status, 'building')))
      .returning();
    await emitStatusEvents(env, db, failed.map(deploymentEvent));
    return;
  }

  const manifest: Manifest = {
    deploymentId,
    projectId: claimed.projectId,
    environment: claimed.environment,
    createdAt: now,
    files: Object.fromEntries(rows.map((row) => [row.path, { sha256: row.sha256, size: row.size, contentType: contentTypeOf(row.path) }])),
  };
  await putManifest(env.FILES, manifest);
  const [superseded, published] = await publish(db, claimed, {
    url: siteUrl(env.SITES_DOMAIN, claimed.label),
    siteUrl: siteUrl(env.SITES_DOMAIN, claimed.siteLabel),
    fileCount: rows.length,
    hasWorker: 'worker.js' in manifest.files,
    versionId: version?.id ?? null,
    now,
  });
  await emitStatusEvents(env, db, [...superseded, ...published].map(deploymentEvent));
}

function publish(db: Database, deployment: DeploymentRow, result: { url: string; siteUrl: string; fileCount: number; hasWorker: boolean; versionId: string | null; now: string }) {
  const sameSite = eq(deployments.siteLabel, deployment.siteLabel);
  // A newer deployment of the same site that went live first wins; this one is then superseded at once.
  const newerLive = sql`EXISTS (SELECT 1 FROM ${deployments} AS newer WHERE newer.site_label = ${deployment.siteLabel} AND newer.status = 'live' AND newer.id > ${deployment.id})`;
  return db.batch([
    db
      .update(deployments)
      .set({ status: 'superseded', updatedAt: result.now })
      .where(and(sameSite, eq(deployments.status, 'live'), lt(deployments.id, deployment.id)))
      .returning(),
    db
      .update(deployments)
      .set({
        status: sql`CASE WHEN ${newerLive} THEN 'superseded' ELSE 'live' END`,
        url: result.url,
        siteUrl: result.siteUrl,
        fileCount: result.fileCount,
        hasWorker: result.hasWorker,
        versionId: result.versionId,
        error: null,
        updatedAt: result.now,
      })
      // Still building: of two deliveries of one message that both built, only the first publishes (and says so).
      .where(and(eq(deployments.id, deployment.id), eq(deployments.status, 'building')))
      .returning(),
    db.update(projects).set({ status: 'deployed', updatedAt: result.now }).where(and(eq(projects.id, deployment.projectId), ne(projects.status, 'deployed'))),
  ]);
}

/** Why a build attempt threw, as the deployment's `error` shows it: a database outage in words, never the query it cut off. */
function whyAttemptFailed(error: unknown): string {
  if (isOutage(error)) return 'the database did not answer; the build is retried.';
  return error instanceof Error ? error.message : String(error);
}

/** The consumer: each message acked when built (or not buildable), retried with backoff when building threw. */
export async function consumeDeployments(batch: MessageBatch<unknown>, env: Bindings): Promise<void> {
  const db = createDb(env.DB);
  for (const message of batch.messages) {
    const body = readMessage(batch, message, DeployMessageSchema);
    if (!body) continue;
    try {
      await buildDeployment(env, db, body.deploymentId);
      message.ack();
    } catch (error) {
      await db
        .update(deployments)
        .set({ error: `Attempt ${message.attempts} failed: ${whyAttemptFailed(error)}`, updatedAt: nowIso() })
        .where(eq(deployments.id, body.deploymentId));
      message.retry({ delaySeconds: retryDelay(message.attempts) });
    }
  }
}

/** The dead-letter consumer: a deployment whose message ran out of retries is failed, keeping the last error. */
export async function consumeDeploymentDeadLetters(batch: MessageBatch<unknown>, env: Bindings): Promise<void> {
  const db = createDb(env.DB);
  for (const message of batch.messages) {
    const body = DeployMessageSchema.safeParse(message.body);
    if (body.success) {
      const failed = await db
        .update(deployments)
        .set({
          status: 'failed',
          error: sql`COALESCE(${deployments.error}, 'The build kept failing') || ' (gave up after every retry)'`,
          updatedAt: nowIso(),
        })
        .where(and(eq(deployments.id, body.data.deploymentId), inArray(deployments.status, ['queued', 'building'])))
        .returning();
      await emitStatusEvents(env, db, failed.map(deploymentEvent));
    }
    message.ack();
  }
}

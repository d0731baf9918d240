/** The facts a conversation turn is told about its project, read from D1 in one round trip. */
import { and, asc, count, desc, eq, inArray } from 'drizzle-orm';
import type { SQLWrapper } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { deployments, files, plans, planSteps, testSuites } from '../../db/schema';
import type { ProjectRow } from '../../db/schema';
import type { ProjectFacts } from '../../engine/types';

/** The files a turn is told about by path; `fileCount` gives the rest's number. */
export const FACT_FILES = 200;

/**
 * The reads behind a project's facts, for one `db.batch`: its newest plan and steps, files,
 * deployments and test suites. Each feature that stores something an assistant should know adds
 * its read here and its part in `toFacts`. `projectId` may be a subquery naming the project (a
 * consultation's), so the reads go in the same round trip as the one that finds it.
 *
 * @example const [project, ...records] = await db.batch([projectQuery, ...factQueries(db, projectId)]);
 */
export function factQueries(db: Database, projectId: string | SQLWrapper) {
  const ofProject = eq(plans.projectId, projectId);
  const newestPlan = db.select({ id: plans.id }).from(plans).where(ofProject).orderBy(desc(plans.id)).limit(1);
  return [
    db.select().from(plans).where(ofProject).orderBy(desc(plans.id)).limit(1),
    db.select().from(planSteps).where(inArray(planSteps.planId, newestPlan)).orderBy(asc(planSteps.position)),
    db.select({ count: count() }).from(plans).where(ofProject),
    db.select({ path: files.path, size: files.size }).from(files).where(eq(files.projectId, projectId)).orderBy(asc(files.path)).limit(FACT_FILES),
    db.select({ count: count() }).from(files).where(eq(files.projectId, projectId)),
    db.select({ count: count() }).from(deployments).where(eq(deployments.projectId, projectId)),
    db
      .select({ environment: deployments.environment, url: deployments.url })
      .from(deployments)
      .where(and(eq(deployments.projectId, projectId), eq(deployments.status, 'live')))
      .orderBy(asc(deployments.environment)),
    db.select({ status: testSuites.status, count: count() }).from(testSuites).where(eq(testSuites.projectId, projectId)).groupBy(testSuites.status),
  ] as const;
}

/** What `factQueries` answer, in their order. */
type FactRecords = Awaited<ReturnType<typeof readFacts>>;

/** The project's fact records, in one batch (or with the other reads of its turn, `oneTrip`). */
export const readFacts = (db: Database, projectId: string | SQLWrapper) => db.batch(factQueries(db, projectId));

/** The facts of a project from what `factQueries` read. */
export function toFacts(project: ProjectRow, records: FactRecords): ProjectFacts {
  const [[plan], steps, [planCount], fileRows, [fileCount], deploymentCounts, live, suiteCounts] = records;
  const suites = (statuses?: string[]) =>
    suiteCounts.filter((row) => !statuses || statuses.includes(row.status)).reduce((sum, row) => sum + row.count, 0);
  return {
    project: { id: project.id, name: project.name, description: project.description, status: project.status, templateId: project.templateId },
    plan: plan
      ? {
          id: plan.id,
          templateId: plan.templateId,
          features: plan.features,
          status: plan.status,
          fit: plan.fit,
          missingFeatures: plan.missingFeatures,
          steps: steps.map((step) => ({
            id: step.id,
            order: step.position,
            title: step.title,
            files: step.files,
            dependsOn: step.dependsOn,
            status: step.status,
          })),
        }
      : null,
    plans: planCount?.count ?? 0,
    files: fileRows,
    fileCount: fileCount?.count ?? 0,
    deployments: {
      total: deploymentCounts[0]?.count ?? 0,
      live: live.flatMap((site) => (site.url ? [{ environment: site.environment, url: site.url }] : [])),
    },
    tests: { suites: suites(), passed: suites(['passed']), failed: suites(['failed', 'error']) },
  };
}

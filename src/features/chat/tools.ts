/**
 * Every tool of the builder chat, in one place: what a model (or the offline builder) may do to a
 * project in a turn. Reads and edits go through the turn's workspace; planning, generation, tests,
 * deployments and versions through their features' services, never their routes.
 */
import { tool, zodSchema } from 'ai';
import type { ToolSet } from 'ai';
import { and, desc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Bindings, Caller } from '../../app-env';
import { checkAndHeal, checkDeps, passingSuites, problemLines, runChecks } from '../../checks';
import type { Database } from '../../db/client';
import { plans, planSteps } from '../../db/schema';
import type { Engine } from '../../engine/types';
import type { CheckReport } from '../../lib/check-report';
import { Problem } from '../../lib/problems';
import { pathProblem } from '../../storage/paths';
import { findTemplate } from '../../templates/catalog';
import { loadTemplateFiles } from '../../templates/files';
import { createDeployment } from '../deployments/service';
import { stepPromptFiles } from '../generate/service';
import { createPlan, getPlan } from '../plans/service';
import { getProject, MAX_PROJECT_NAME_CHARS } from '../projects/service';
import { createTestRun } from '../tests/service';
import { latestVersion, listVersions, restoreVersion } from '../versions/service';
import type { Version } from '../versions/service';
import { applyEdits } from './edits';
import type { TurnWorkspace } from './workspace';

/** What a turn's tools act with and on. */
export interface ToolContext {
  db: Database;
  env: Pick<Bindings, 'ASSETS' | 'FILES' | 'LOADER' | 'DEPLOY_QUEUE' | 'TEST_QUEUE'>;
  engine: Engine;
  caller: Caller;
  projectId: string;
  /** The assistant message of the turn: versions the turn makes name it. */
  messageId: string;
  /** The user's message of the turn: production deploys need it to ask for production. */
  message: string;
  workspace: TurnWorkspace;
  /** What the turn did beyond its staged edits, for its settlement. */
  ledger: TurnLedger;
}

/** What a turn did that is not a staged edit: steps generated, deployments asked for, versions made directly. */
export interface TurnLedger {
  /** Steps whose files the turn staged, to be marked done with the turn's version. */
  generatedSteps: { planId: string; stepId: string }[];
  /** Deployments asked for while edits were staged: they publish the turn's version once it is saved. */
  deferredDeploys: ('preview' | 'production')[];
  /** Versions the turn made at once (a restore), newest last. */
  versions: Version[];
  /** The name the project takes when the turn ends, or null to keep its name. */
  rename: string | null;
}

/** Whether the user's message asks for production, which a deploy to production needs. */
export const asksForProduction = (message: string) => /\b(production|prod)\b/i.test(message);

/** An error a tool answers, worded for the model (or person) to act on. */
class ToolRefusal extends Error {}

/**
 * A tool's work, with errors a model can act on: refusals and API problems keep their words;
 * anything unexpected is named without its text, which could quote internals.
 */
function guarded<Input, Output>(name: string, work: (input: Input) => Promise<Output>): (input: Input) => Promise<Output> {
  return async (input) => {
    try {
      return await work(input);
    } catch (error) {
      if (error instanceof ToolRefusal) throw error;
      if (error instanceof Problem) throw new ToolRefusal(`${name}: ${error.detail}`);
      throw new ToolRefusal(`${name} failed (${error instanceof Error ? error.name : 'error'}); nothing was changed by it.`);
    }
  };
}

/** A check report as a tool answers it: whether it passed, and each problem as `path:line:column: message`. */
function reportOutput(report: CheckReport) {
  return { ok: report.ok, problems: problemLines(report), healed: report.healed, testsRun: report.tests !== null };
}

/** The nearest paths to one that does not exist, for an error that helps find the right one. */
function missingFile(path: string, paths: string[]): ToolRefusal {
  const name = path.split('/').at(-1) ?? path;
  const similar = paths.filter((candidate) => candidate.endsWith(name) || candidate.includes(name.split('.')[0] ?? name)).slice(0, 5);
  return new ToolRefusal(`There is no file "${path}".${similar.length > 0 ? ` Did you mean ${similar.map((candidate) => `"${candidate}"`).join(', ')}?` : ''} listFiles shows every file.`);
}

function assertPath(path: string): void {
  const problem = pathProblem(path);
  if (problem) throw new ToolRefusal(`"${path}" ${problem}.`);
}

/**
 * Each tool's input, made once per isolate: the AI SDK turns a schema into JSON Schema when a step
 * offers the tools to the model, and keeps the result on the schema object, so schemas built anew
 * each turn were converted again each turn (a CPU profile of offline chat turns put 1 ms a turn on
 * it under load).
 */
const TOOL_INPUTS = {
  listFiles: zodSchema(z.object({})),
  readFile: zodSchema(z.object({ path: z.string().describe('A path from listFiles, e.g. "index.html" or "src/lib/todos.js"') })),
  editFile: zodSchema(
    z.object({
      path: z.string(),
      edits: z.array(z.object({ find: z.string().min(1), replace: z.string() })).min(1).max(50),
    }),
  ),
  writeFile: zodSchema(z.object({ path: z.string(), content: z.string() })),
  deleteFile: zodSchema(z.object({ path: z.string() })),
  planFeatures: zodSchema(z.object({ features: z.array(z.string().min(1).max(60)).min(1).max(10) })),
  generateStep: zodSchema(z.object({ planId: z.string().uuid(), stepId: z.string().uuid() })),
  runChecks: zodSchema(z.object({ heal: z.boolean().default(false) })),
  runTests: zodSchema(z.object({})),
  deploy: zodSchema(z.object({ environment: z.enum(['preview', 'production']).default('preview') })),
  restoreVersion: zodSchema(z.object({ number: z.number().int().min(1).optional() })),
  listVersions: zodSchema(z.object({ limit: z.number().int().min(1).max(20).default(5) })),
  renameProject: zodSchema(z.object({ name: z.string().trim().min(1).max(MAX_PROJECT_NAME_CHARS) })),
};

/**
 * The builder's tools for one turn. Edits are staged in `context.workspace`; `deploy` waits for
 * them when there are any; `restoreVersion` makes its version at once and so needs a turn without
 * staged edits; `renameProject` takes effect when the turn ends, with its version.
 *
 * @example streamText({ model, tools: builderTools(context), stopWhen: isStepCount(12), prompt })
 */
export function builderTools(context: ToolContext): ToolSet {
  const { db, env, workspace, ledger } = context;
  const deps = () => checkDeps(db, env, context.engine);

  return {
    listFiles: tool({
      description: "Lists the project's files (path, size in bytes, and whether this turn changed it).",
      inputSchema: TOOL_INPUTS.listFiles,
      execute: guarded('listFiles', async () => ({ files: await workspace.list() })),
    }),

    readFile: tool({
      description: "Reads one file's whole content, as this turn's edits left it.",
      inputSchema: TOOL_INPUTS.readFile,
      execute: guarded('readFile', async ({ path }: { path: string }) => {
        const content = await workspace.read(path);
        if (content === null) throw missingFile(path, (await workspace.list()).map((file) => file.path));
        return { path, content };
      }),
    }),

    editFile: tool({
      description:
        'Edits a file by exact replacement. Each `find` must occur exactly once in the file as the edits before it left it; ' +
        'otherwise nothing is changed and the error names the closest line, so read the file and try again with the exact text.',
      inputSchema: TOOL_INPUTS.editFile,
      execute: guarded('editFile', async ({ path, edits }: { path: string; edits: { find: string; replace: string }[] }) => {
        const content = await workspace.read(path);
        if (content === null) throw missingFile(path, (await workspace.list()).map((file) => file.path));
        const edited = applyEdits(content, edits);
        if (!edited.ok) throw new ToolRefusal(`editFile ${path}: ${edited.error}`);
        workspace.write(path, edited.content);
        return { path, edits: edits.length, size: new TextEncoder().encode(edited.content).byteLength };
      }),
    }),

    writeFile: tool({
      description: 'Creates a file, or replaces one whole. Prefer editFile for a change to part of a file.',
      inputSchema: TOOL_INPUTS.writeFile,
      execute: guarded('writeFile', async ({ path, content }: { path: string; content: string }) => {
        assertPath(path);
        const existed = (await workspace.read(path)) !== null;
        workspace.write(path, content);
        return { path, created: !existed, size: new TextEncoder().encode(content).byteLength };
      }),
    }),

    deleteFile: tool({
      description: 'Deletes a file.',
      inputSchema: TOOL_INPUTS.deleteFile,
      execute: guarded('deleteFile', async ({ path }: { path: string }) => {
        if ((await workspace.read(path)) === null) throw missingFile(path, (await workspace.list()).map((file) => file.path));
        workspace.delete(path);
        return { path, deleted: true };
      }),
    }),

    planFeatures: tool({
      description:
        "Plans features the app lacks, on the project's template: a new build plan whose steps already done stay done, plus a step for each missing feature. Then generate its pending steps with generateStep.",
      inputSchema: TOOL_INPUTS.planFeatures,
      execute: guarded('planFeatures', async ({ features }: { features: string[] }) => planFeatures(context, features)),
    }),

    generateStep: tool({
      description: "Writes one plan step's files (staged with the turn's other edits); its dependencies must be done, or generated earlier in this turn.",
      inputSchema: TOOL_INPUTS.generateStep,
      execute: guarded('generateStep', async (target: { planId: string; stepId: string }) => generateStep(context, target)),
    }),

    runChecks: tool({
      description:
        "Checks the project's files as this turn left them: every file parses, pages refer to files that exist with nothing inline, worker.js loads. With heal, broken files are fixed automatically (up to 3 rounds) and the fixes staged.",
      inputSchema: TOOL_INPUTS.runChecks,
      execute: guarded('runChecks', async ({ heal }: { heal: boolean }) => {
        const files = await workspace.snapshot();
        if (!heal) return reportOutput(await runChecks(deps(), { projectId: context.projectId, files, tests: false }));
        const { report, healed } = await checkAndHeal(deps(), { projectId: context.projectId, files, tests: true });
        for (const file of healed) workspace.write(file.path, file.content);
        return reportOutput(report);
      }),
    }),

    runTests: tool({
      description:
        "Runs the project's tests that passed before against the files as this turn left them. A project with no passing tests gets a new unit test run instead, queued: its results appear at GET /api/projects/{id}/tests.",
      inputSchema: TOOL_INPUTS.runTests,
      execute: guarded('runTests', async () => {
        if ((await passingSuites(deps(), context.projectId)).length === 0) {
          const run = await createTestRun(db, env, context.engine, context.caller, context.projectId, 'unit');
          return { queued: true, ...run, results: `GET /api/projects/${context.projectId}/tests` };
        }
        const report = await runChecks(deps(), { projectId: context.projectId, files: await workspace.snapshot(), tests: true });
        return { queued: false, ok: report.tests?.ok ?? true, failures: report.tests?.problems.map((problem) => `${problem.path}: ${problem.message}`) ?? [] };
      }),
    }),

    deploy: tool({
      description:
        'Deploys the app: "preview" unless the user asked for production in this message. With edits staged in this turn, it deploys them once they are checked and saved.',
      inputSchema: TOOL_INPUTS.deploy,
      execute: guarded('deploy', async ({ environment }: { environment: 'preview' | 'production' }) => {
        if (environment === 'production' && !asksForProduction(context.message)) {
          throw new ToolRefusal('deploy: production needs the user to ask for production in this message; deploy a preview instead.');
        }
        if (workspace.changed) {
          ledger.deferredDeploys.push(environment);
          return { environment, deferred: true, note: "Deploys this turn's version once its checks pass." };
        }
        const deployment = await createDeployment(db, env.DEPLOY_QUEUE, context.caller, context.projectId, environment);
        return { environment, deferred: false, deploymentId: deployment.id, status: deployment.status };
      }),
    }),

    restoreVersion: tool({
      description:
        "Restores the files of an earlier version as a new version. Without a number it undoes the latest change (and the automatic heal that followed it, if any). Needs a turn without staged edits.",
      inputSchema: TOOL_INPUTS.restoreVersion,
      execute: guarded('restoreVersion', async ({ number }: { number?: number | undefined }) => {
        if (workspace.changed) throw new ToolRefusal('restoreVersion: this turn has staged edits; restore in a turn of its own.');
        const target = number ?? (await undoTarget(db, context.projectId));
        const version = await restoreVersion(db, env.FILES, { projectId: context.projectId, number: target, messageId: context.messageId });
        ledger.versions.push(version);
        return { restored: target, version: version.number, files: version.files };
      }),
    }),

    renameProject: tool({
      description:
        "Renames the project: the name the API and the Studio show. The app's own title and heading are in its files: edit them too. " +
        "The name is taken when the turn ends, with the turn's version once its checks pass (not when they are rolled back), or at once in a turn that changed no file.",
      inputSchema: TOOL_INPUTS.renameProject,
      execute: guarded('renameProject', async ({ name }: { name: string }) => {
        ledger.rename = name;
        return { name, note: 'The project takes this name when the turn ends.' };
      }),
    }),

    listVersions: tool({
      description: "Lists the project's latest versions, newest first: number, source, summary and the files each changed.",
      inputSchema: TOOL_INPUTS.listVersions,
      execute: guarded('listVersions', async ({ limit }: { limit: number }) => ({
        versions: (await listVersions(db, context.projectId, { limit })).slice(0, limit).map((version) => ({
          number: version.number,
          source: version.source,
          summary: version.summary,
          files: version.files,
          createdAt: version.createdAt,
        })),
      })),
    }),
  };
}

/** The version an undo restores: the one before the latest change, and before the heal that followed it. */
async function undoTarget(db: Database, projectId: string): Promise<number> {
  const latest = await latestVersion(db, projectId);
  if (!latest) throw new ToolRefusal('restoreVersion: the project has no versions yet, so there is nothing to undo.');
  const [change] = latest.source === 'heal' ? await listVersions(db, projectId, { limit: 1, cursor: latest.number }) : [latest];
  const target = (change?.number ?? latest.number) - 1;
  if (target < 1) throw new ToolRefusal(`restoreVersion: version ${latest.number} is the first; there is nothing before it to go back to.`);
  return target;
}

/**
 * A plan for more features on the template the project already uses. Steps of the new plan that
 * the project's newest plan had done (same title and files) start done, so adding a feature never
 * rewrites the app.
 */
async function planFeatures(context: ToolContext, features: string[]) {
  const { db } = context;
  const [previous] = await db.select().from(plans).where(eq(plans.projectId, context.projectId)).orderBy(desc(plans.id)).limit(1);
  if (previous && !findTemplate(previous.baseTemplateId)) throw new ToolRefusal(`planFeatures: the project's template ${previous.baseTemplateId} is not in the catalog.`);
  const plan = await createPlan(db, context.engine, context.caller, context.projectId, {
    features,
    techStack: [],
    ...(previous ? { templateId: previous.baseTemplateId } : {}),
  });
  const done = previous ? await db.select().from(planSteps).where(and(eq(planSteps.planId, previous.id), eq(planSteps.status, 'done'))) : [];
  const carried = plan.steps.filter((step) => done.some((old) => old.title === step.title && old.files.join('\n') === step.files.join('\n'))).map((step) => step.id);
  if (carried.length > 0) await db.update(planSteps).set({ status: 'done' }).where(inArray(planSteps.id, carried));
  return {
    planId: plan.id,
    templateId: plan.templateId,
    features: plan.features,
    steps: plan.steps.map((step) => ({ id: step.id, title: step.title, files: step.files, status: carried.includes(step.id) ? 'done' : step.status })),
  };
}

/**
 * One step's files, written by the engine and staged with the turn's edits; the step is marked
 * done in the same batch as the turn's version (see the builder's settlement).
 */
async function generateStep(context: ToolContext, target: { planId: string; stepId: string }) {
  const { db, workspace, ledger } = context;
  const project = await getProject(db, context.caller, context.projectId);
  const { plan, steps } = await getPlan(db, project.id, target.planId);
  const step = steps.find((candidate) => candidate.id === target.stepId);
  if (!step) throw new ToolRefusal(`generateStep: plan ${plan.id} has no step ${target.stepId}.`);
  const generated = new Set(ledger.generatedSteps.map((entry) => entry.stepId));
  const waiting = steps.filter((other) => step.dependsOn.includes(other.id) && other.status !== 'done' && !generated.has(other.id));
  if (waiting.length > 0) throw new ToolRefusal(`generateStep: generate ${waiting.map((other) => `"${other.title}" (${other.id})`).join(', ')} first.`);
  const template = findTemplate(plan.baseTemplateId);
  if (!template) throw new ToolRefusal(`generateStep: the plan's template ${plan.baseTemplateId} is not in the catalog.`);
  const promptFiles = await stepPromptFiles(context.engine, step, steps, async () =>
    [...(await workspace.snapshot())].map(([path, content]) => ({ path, size: new TextEncoder().encode(content).byteLength, read: async () => content })),
  );
  const drafts = await context.engine.generateStep({
    project,
    template,
    templateFiles: await loadTemplateFiles(context.env.ASSETS, template.id),
    plan: { features: plan.features, techStack: plan.techStack },
    step: { title: step.title, description: step.description, files: step.files, dependsOn: [], features: step.features },
    ...promptFiles,
  });
  for (const draft of drafts) {
    assertPath(draft.path);
    workspace.write(draft.path, draft.content);
  }
  ledger.generatedSteps.push({ planId: plan.id, stepId: step.id });
  return { stepId: step.id, title: step.title, files: drafts.map((draft) => draft.path) };
}

/**
 * A builder turn from start to end: the engine's tool loop over a staged workspace, then the
 * closed loop: checks, automatic heal, one version (or a rollback), and the deployments it asked for.
 */
import type { Bindings, Caller } from '../../app-env';
import { checkAndHeal, checkDeps, problemLines, runChecks } from '../../checks';
import type { Database } from '../../db/client';
import type { BuilderKit, ConversationInput, Engine } from '../../engine/types';
import type { CheckReport } from '../../lib/check-report';
import { createDeployment } from '../deployments/service';
import { stepsDone } from '../generate/service';
import { projectRenaming, updateProject } from '../projects/service';
import { commitChange } from '../versions/service';
import type { Version } from '../versions/service';
import type { BuilderTurn, TurnSettlement } from './conversation';
import { builderTools } from './tools';
import type { ToolContext, TurnLedger } from './tools';
import { TurnWorkspace } from './workspace';

export interface BuilderTurnInput {
  db: Database;
  env: ToolContext['env'] & Pick<Bindings, 'FILES'>;
  engine: Engine;
  caller: Caller;
  projectId: string;
  messageId: string;
  input: ConversationInput;
  /** The model ids that can answer now, for an engine that has to say which could do what it cannot; asked only then. */
  models: BuilderKit['models'];
}

/**
 * Starts a builder turn: the engine's reply runs with the tools over a fresh workspace, and
 * `settle` ends the turn once the reply is over.
 *
 * @example const turn = startBuilderTurn({ db, env, engine, caller, projectId, messageId, input, models: async () => ['offline'] });
 */
export function startBuilderTurn(turn: BuilderTurnInput): BuilderTurn {
  const workspace = new TurnWorkspace(turn.db, turn.env.FILES, turn.projectId);
  const ledger: TurnLedger = { generatedSteps: [], deferredDeploys: [], versions: [], rename: null };
  const tools = builderTools({ ...turn, message: turn.input.message, workspace, ledger });
  return {
    reply: turn.engine.chat(turn.input, { tools, models: turn.models }),
    settle: (failed) => settleTurn(turn, workspace, ledger, failed),
  };
}

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

/** The files a version changed, as a short phrase: "index.html modified, docs/x.md added". */
const changedFiles = (version: Version) => version.files.map((file) => `${file.path} ${file.change}`).join(', ') || 'no file changed';

const quote = (text: string) => `“${text}”`;

/**
 * Ends a turn. Nothing staged: nothing to do but report a version made directly (a restore), and
 * rename the project when the turn asked to. Staged edits: checks on the state they leave (only
 * the files they touch count, plus the tests that passed); broken ones go through GPRE up to 3
 * rounds. Passing, the edits become one `chat` version (the project's new name in its batch), and
 * a heal its own `heal` version after it; still failing, nothing is kept, the name included, and
 * the closing words say what failed. A failed reply drops its staged edits and rename unchecked.
 */
async function settleTurn(turn: BuilderTurnInput, workspace: TurnWorkspace, ledger: TurnLedger, failed: boolean): Promise<TurnSettlement> {
  const direct = ledger.versions.at(-1) ?? null;
  const { rename } = ledger;
  if (failed || !workspace.changed) {
    const lines = [
      ...(failed && workspace.changed ? ["The reply failed, so this turn's edits were not kept."] : []),
      ...(failed && rename ? [`The reply failed, so the project was not renamed to ${quote(rename)}.`] : []),
    ];
    if (!failed && rename) {
      await updateProject(turn.db, turn.caller, turn.projectId, { name: rename });
      lines.push(`Renamed the project to ${quote(rename)}.`);
    }
    return { text: lines.join('\n'), versionId: direct?.id ?? null, checks: direct?.checks ?? null };
  }
  const deps = checkDeps(turn.db, turn.env, turn.engine);
  const files = await workspace.snapshot();
  const { writes, deletes } = workspace.changes();
  // A deletion can break any file that refers to it, so then every file counts.
  const scope = { projectId: turn.projectId, files, tests: true, ...(deletes.length === 0 ? { changed: writes.map((write) => write.path) } : {}) };
  const first = await runChecks(deps, scope);
  const healing = first.ok ? null : await checkAndHeal(deps, scope);
  if (healing && !healing.report.ok) return rolledBack(healing.report, rename);

  const request = turn.input.message.replace(/\s+/g, ' ').trim().slice(0, 100);
  const summary = `Chat: ${request}${rename ? `; project renamed to ${quote(rename)}` : ''}`;
  const { version } = await commitChange(turn.db, turn.env.FILES, {
    projectId: turn.projectId,
    source: 'chat',
    summary,
    messageId: turn.messageId,
    model: turn.engine.model,
    writes,
    deletes,
    checks: first,
    // The steps the turn generated are done with the checks their files pass as saved: healed ones, if healing was needed.
    extra: [
      ...stepsDone(turn.db, turn.projectId, ledger.generatedSteps, healing?.report ?? first),
      ...(rename ? [projectRenaming(turn.db, turn.caller, turn.projectId, rename)] : []),
    ],
  });
  const lines = [`Saved as version ${version.number} (${changedFiles(version)})${rename ? `, and the project renamed to ${quote(rename)}` : ''}.`];
  let final = version;
  let checks = first;
  if (healing) {
    const healed = await commitChange(turn.db, turn.env.FILES, {
      projectId: turn.projectId,
      source: 'heal',
      summary: `Healed version ${version.number}: ${healing.report.healed.map((fix) => fix.path).join(', ')}`,
      messageId: turn.messageId,
      model: turn.engine.model,
      writes: healing.healed,
      checks: healing.report,
    });
    final = healed.version;
    checks = healing.report;
    lines.push(
      `The checks found ${plural(problemLines(first).length, 'problem')}, healed automatically as version ${healed.version.number}:`,
      ...healing.report.healed.map((fix) => `- ${fix.path}: ${fix.error}${fix.verified ? ' (fix verified by running it)' : ''}`),
    );
  } else {
    lines.push(`Checks passed${first.tests && first.tests.problems.length === 0 ? ', the tests that passed before included' : ''}.`);
  }
  for (const environment of ledger.deferredDeploys) {
    const deployment = await createDeployment(turn.db, turn.env.DEPLOY_QUEUE, turn.caller, turn.projectId, environment);
    lines.push(`Deploying version ${final.number} to ${environment}: deployment ${deployment.id} is ${deployment.status}.`);
  }
  return { text: lines.join('\n'), versionId: final.id, checks };
}

/** The closing words of a turn whose edits could not be healed: nothing kept, and why. */
function rolledBack(report: CheckReport, rename: string | null): TurnSettlement {
  const problems = problemLines(report);
  const kept = rename ? ` The project was not renamed to ${quote(rename)}.` : '';
  return {
    text: [
      `Rolled back: the checks still failed after automatic fixes, so none of this turn's edits were kept (no version was made).${kept} What failed:`,
      ...problems.map((problem) => `- ${problem}`),
    ].join('\n'),
    versionId: null,
    checks: report,
  };
}

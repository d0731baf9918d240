/** What both engines share in a conversation: the facts as text, the next useful action, the history budget, the one streamText call. */
import { isStepCount, streamText } from 'ai';
import type { LanguageModel, StopCondition, TextStreamPart, ToolSet } from 'ai';
import type { BuilderKit, ConversationInput, ProjectFacts, ReplyStream } from './types';
import { upstreamProblem } from './upstream';
import type { Redact } from './upstream';

/**
 * The prompt carries the most recent earlier messages whose contents fit in this many characters
 * (about 6,000 tokens), and never more than `HISTORY_MAX_MESSAGES` of them.
 */
export const HISTORY_BUDGET_CHARS = 24_000;
export const HISTORY_MAX_MESSAGES = 100;

/**
 * The newest messages that fit the budget, oldest first. It stops at the first that does not fit,
 * so the history it keeps has no gaps.
 *
 * @example recentHistory([{ role: 'user', content: 'x'.repeat(30_000) }, { role: 'user', content: 'hi' }]) // [{ role: 'user', content: 'hi' }]
 */
export function recentHistory<T extends { content: string }>(messages: T[], budget = HISTORY_BUDGET_CHARS): T[] {
  const kept: T[] = [];
  let used = 0;
  for (let index = messages.length - 1; index >= 0 && kept.length < HISTORY_MAX_MESSAGES; index -= 1) {
    const message = messages[index]!;
    used += message.content.length;
    if (used > budget) break;
    kept.push(message);
  }
  return kept.reverse();
}

/** The step to generate next: the first pending or failed one whose dependencies are done. */
export function readyStep(facts: ProjectFacts) {
  const steps = facts.plan?.steps ?? [];
  const done = new Set(steps.filter((step) => step.status === 'done').map((step) => step.id));
  return steps.find((step) => (step.status === 'pending' || step.status === 'failed') && step.dependsOn.every((id) => done.has(id)));
}

/** What to do next and the API call that does it. */
export interface NextAction {
  what: string;
  call: string;
}

/**
 * The next useful action for the project, named by its endpoint: plan, generate the ready step,
 * test, deploy a preview, then production.
 *
 * @example nextAction(facts).call // 'POST /api/projects/019b…/plans {"features": []}'
 */
export function nextAction(facts: ProjectFacts): NextAction {
  const base = `/api/projects/${facts.project.id}`;
  const { plan } = facts;
  if (!plan) return { what: 'draft a build plan', call: `POST ${base}/plans {"features": []}` };
  const step = readyStep(facts);
  if (step) {
    return {
      what: `${step.status === 'failed' ? 'generate again' : 'generate'} step ${step.order}, "${step.title}"`,
      call: `POST ${base}/generate {"planId": "${plan.id}", "stepId": "${step.id}"}`,
    };
  }
  const generating = plan.steps.find((candidate) => candidate.status === 'generating');
  if (generating) return { what: `wait for step ${generating.order}, "${generating.title}", to finish`, call: `GET ${base}/plans` };
  if (facts.tests.suites === 0) return { what: 'generate and run tests', call: `POST ${base}/tests` };
  if (facts.tests.failed > 0) return { what: 'look at the failing tests', call: `GET ${base}/tests` };
  if (!facts.deployments.live.some((site) => site.environment === 'preview')) {
    return { what: 'deploy a preview', call: `POST ${base}/deployments {"environment": "preview"}` };
  }
  if (!facts.deployments.live.some((site) => site.environment === 'production')) {
    return { what: 'deploy to production', call: `POST ${base}/deployments {"environment": "production"}` };
  }
  return { what: 'keep improving it: hand-edit a file, or plan new features', call: `POST ${base}/plans {"features": ["..."]}` };
}

/**
 * How well the plan's template fits the idea, in one sentence both engines say as it is.
 *
 * @example fitSentence({ templateId: 'todo-list', fit: 'none', missingFeatures: ['chess-game'] }) // 'No catalog template has the core of this idea: ...'
 */
export function fitSentence(plan: Pick<NonNullable<ProjectFacts['plan']>, 'templateId' | 'fit' | 'missingFeatures'>): string {
  const missing = plan.missingFeatures.join(', ');
  if (plan.fit === 'exact') return `The \`${plan.templateId}\` template fits the idea as it is (fit: exact).`;
  if (plan.fit === 'partial') return `The \`${plan.templateId}\` template fits the idea except for: ${missing} (fit: partial); those are specified, not built, until a model writes them.`;
  return `No catalog template has the core of this idea (fit: none): the plan builds the nearest app, \`${plan.templateId}\`, which lacks ${missing}. A model can build the rest.`;
}

/** The facts as lines of text, for a model's instructions. */
export function describeFacts(facts: ProjectFacts): string {
  const { project, plan } = facts;
  const lines = [
    `Project "${project.name}" (id ${project.id}, status ${project.status}, template ${project.templateId ?? 'none yet'}).`,
    `Description: ${project.description || '(none)'}`,
  ];
  if (plan) {
    lines.push(`Latest of ${facts.plans} plan(s): ${plan.id}, ${plan.status}, template ${plan.templateId}, features: ${plan.features.join(', ') || 'none'}.`);
    lines.push(fitSentence(plan));
    for (const step of plan.steps) lines.push(`  Step ${step.order} (${step.id}) "${step.title}": ${step.status}; files ${step.files.join(', ')}.`);
  } else {
    lines.push('No build plan yet.');
  }
  const listed = facts.files.map((file) => file.path).join(', ');
  lines.push(`Files (${facts.fileCount}): ${listed || 'none'}${facts.fileCount > facts.files.length ? ', …' : ''}`);
  const live = facts.deployments.live.map((site) => `${site.environment} ${site.url}`).join(', ');
  lines.push(`Deployments: ${facts.deployments.total}${live ? ` (live: ${live})` : ''}.`);
  lines.push(`Test suites: ${facts.tests.suites} (${facts.tests.passed} passed, ${facts.tests.failed} failed).`);
  const next = nextAction(facts);
  lines.push(`Suggested next action: ${next.what}: ${next.call}`);
  return lines.join('\n');
}

const API_SUMMARY = [
  'The Promptax API a user can call: POST /api/projects/{id}/plans {features, techStack?, templateId?, model?};',
  'POST /api/projects/{id}/generate {planId, stepId}; GET|PUT /api/projects/{id}/files/{path};',
  'POST /api/projects/{id}/tests; POST /api/projects/{id}/deployments {environment}; GET /api/projects/{id}/archive.',
].join(' ');

/** The project assistant's instructions. */
export function assistantInstructions(facts: ProjectFacts): string {
  return [
    'You are the assistant of a Promptax project: Promptax turns app ideas into small working web apps.',
    'Answer from the facts below; do not invent files, steps or deployments. Be brief and concrete.',
    'When the user should act, name the API call that does it (method, path and JSON body).',
    API_SUMMARY,
    '',
    describeFacts(facts),
  ].join('\n');
}

/** The consultant's instructions. */
export function consultantInstructions(facts: ProjectFacts): string {
  return [
    "You are Promptax's product consultant. You reason about the product, not only its code:",
    'who it is for, what the smallest useful scope is, what could go wrong (risks), and how to launch and learn.',
    'Ground every point in the facts below, say which fact it rests on, and end with one concrete next step.',
    API_SUMMARY,
    '',
    describeFacts(facts),
  ].join('\n');
}

/**
 * One streamed reply: the instructions, the history that fits, then the user's message. The offline
 * engine goes through this call too, with a model that knows its answer in advance. A reply still
 * running after `timeoutMs` is cut off: the stream then ends with an `abort` part. A failure of the
 * model server reaches readers as the problem it means (`upstreamProblem`), its messages masked by `redact`.
 */
export function streamReply(model: LanguageModel, instructions: string, input: ConversationInput, timeoutMs?: number, redact: Redact = (text) => text): ReplyStream {
  return streamText({
    model,
    instructions,
    messages: [...input.history, { role: 'user', content: input.message }],
    maxRetries: 1,
    ...(timeoutMs === undefined ? {} : { timeout: { totalMs: timeoutMs } }),
    // The error reaches readers as the stream's error part; the SDK's own log of it would print the prompt unmasked.
    onError: () => undefined,
  }).stream.pipeThrough(maskedErrors(redact));
}

/** Turns a stream's error parts into the problem they mean (`upstreamProblem`), their messages masked by `redact`. */
function maskedErrors(redact: Redact): TransformStream<TextStreamPart<ToolSet>, TextStreamPart<ToolSet>> {
  return new TransformStream({
    transform: (part, controller) => controller.enqueue(part.type === 'error' ? { ...part, error: upstreamProblem(part.error, redact) } : part),
  });
}

/**
 * A builder turn's bounds: at most this many model calls (steps) in its tool loop, at most this
 * many output tokens each, and no new step once the turn's calls together used this many tokens
 * (input and output). A turn that reaches a bound ends there, its changes checked as usual.
 */
export const BUILDER_MAX_STEPS = 12;
export const BUILDER_MAX_OUTPUT_TOKENS = 8_000;
export const BUILDER_TURN_TOKEN_BUDGET = 200_000;

/** Stops the loop once the steps so far used the turn's token budget. */
const budgetSpent: StopCondition<ToolSet> = ({ steps }) =>
  steps.reduce((total, step) => total + (step.usage.inputTokens ?? 0) + (step.usage.outputTokens ?? 0), 0) >= BUILDER_TURN_TOKEN_BUDGET;

/** The builder's instructions: what it works on, how it works, and the facts. */
export function builderInstructions(facts: ProjectFacts): string {
  return [
    'You are the builder of a Promptax project: Promptax turns app ideas into small working web apps, and you change this app as the user asks.',
    'Apps are static front ends (index.html, CSS, ES modules) with DOM-free logic in src/lib/*.js, and optionally worker.js serving /api/*. No build step, no frameworks, no CDN, no inline scripts or styles.',
    'Work with the tools: read a file before you edit it; editFile replaces exact text, and each `find` must occur exactly once in the file (copy it from readFile, with enough context to be unique).',
    "Your edits are staged: at the end of the turn they are checked (every file parses, pages refer to files that exist, worker.js loads, the tests that passed still pass), broken code is healed automatically, and they become one version; if they cannot be healed they are rolled back.",
    'Deploy to production only when the user asked for production in this message. A question needs no tool that changes anything: answer it.',
    'When you are done, say in one or two sentences what you changed.',
    '',
    describeFacts(facts),
  ].join('\n');
}

/**
 * A builder turn through a model: the AI SDK's multi-step tool loop over `builder.tools`, within
 * the bounds above and the model's time limit. The offline engine runs the same loop with a model
 * that plans its tool calls from the request.
 */
export function streamBuilderReply(model: LanguageModel, input: ConversationInput, builder: BuilderKit, timeoutMs?: number, redact: Redact = (text) => text): ReplyStream {
  return streamText({
    model,
    instructions: builderInstructions(input.facts),
    messages: [...input.history, { role: 'user', content: input.message }],
    tools: builder.tools,
    stopWhen: [isStepCount(BUILDER_MAX_STEPS), budgetSpent],
    maxOutputTokens: BUILDER_MAX_OUTPUT_TOKENS,
    maxRetries: 1,
    ...(timeoutMs === undefined ? {} : { timeout: { totalMs: timeoutMs } }),
    onError: () => undefined,
  }).stream.pipeThrough(maskedErrors(redact));
}

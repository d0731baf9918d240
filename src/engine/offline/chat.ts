/** Offline chat: answers about the project from its facts (plan, steps, files, deployments, tests) and ends with the next useful action. */
import { fitSentence, nextAction } from '../chat';
import type { ConversationInput, ProjectFacts } from '../types';

/** How many files an answer lists before pointing at GET .../files. */
const LISTED_FILES = 20;

const STATUS_WORDS: Record<ProjectFacts['project']['status'], string> = {
  draft: 'a draft: it has no build plan yet',
  planned: 'planned, with no code generated yet',
  generating: 'being generated step by step',
  generated: 'generated: every step of its plan is done',
  deployed: 'deployed',
};

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

function statusAnswer(facts: ProjectFacts): string[] {
  const { project, plan } = facts;
  const lines = [`**${project.name}** is ${STATUS_WORDS[project.status]}.${project.description ? ` Its description: "${project.description}"` : ''}`];
  if (plan) {
    const count = (status: string) => plan.steps.filter((step) => step.status === status).length;
    lines.push(
      `Its plan builds on the \`${plan.templateId}\` template in ${plural(plan.steps.length, 'step')}: ` +
        `${count('done')} done, ${count('pending')} pending${count('failed') ? `, ${count('failed')} failed` : ''}${count('generating') ? `, ${count('generating')} generating` : ''}.`,
      fitSentence(plan),
    );
  }
  lines.push(`${facts.fileCount === 0 ? 'It has no files yet.' : `It has ${plural(facts.fileCount, 'file')}.`} ${deploymentSentence(facts)} ${testSentence(facts)}`);
  return lines;
}

function deploymentSentence(facts: ProjectFacts): string {
  const { total, live } = facts.deployments;
  if (total === 0) return 'It has not been deployed yet.';
  const sites = live.map((site) => `${site.environment} at ${site.url}`).join(' and ');
  return `It has ${plural(total, 'deployment')}${sites ? ` (live: ${sites})` : ', none live'}.`;
}

/** The plan's steps that are not done yet, as "2 of 8 steps". */
function remainingSteps(facts: ProjectFacts): string | undefined {
  const steps = facts.plan?.steps ?? [];
  const left = steps.filter((step) => step.status !== 'done').length;
  return left > 0 ? `${left} of ${plural(steps.length, 'step')}` : undefined;
}

function testSentence(facts: ProjectFacts): string {
  const { suites, passed, failed } = facts.tests;
  if (suites === 0) return 'No tests have been generated yet.';
  return `Of its ${plural(suites, 'test suite')}, ${passed} passed and ${failed} failed.`;
}

function filesAnswer(facts: ProjectFacts): string[] {
  if (facts.fileCount === 0) return ['It has no files yet: files appear as the steps of a plan are generated.'];
  const more = facts.fileCount - Math.min(facts.files.length, LISTED_FILES);
  return [
    `It has ${plural(facts.fileCount, 'file')}:`,
    ...facts.files.slice(0, LISTED_FILES).map((file) => `- \`${file.path}\` (${file.size} bytes)`),
    ...(more > 0 ? [`- …and ${more} more: \`GET /api/projects/${facts.project.id}/files\``] : []),
  ];
}

function planAnswer(facts: ProjectFacts): string[] {
  const { plan } = facts;
  if (!plan) return ['There is no build plan yet. A plan picks a template and covers each feature you ask for in ordered steps.'];
  return [
    `The latest of ${plural(facts.plans, 'plan')} builds on \`${plan.templateId}\` with these features: ${plan.features.join(', ') || 'the template\'s own'}.`,
    fitSentence(plan),
    ...plan.steps.map((step) => `${step.order}. ${step.title}: ${step.status}`),
  ];
}

function deploymentAnswer(facts: ProjectFacts): string[] {
  const base = `/api/projects/${facts.project.id}`;
  const remaining = remainingSteps(facts);
  return [
    deploymentSentence(facts),
    facts.fileCount === 0
      ? 'There is nothing to deploy until the plan\'s steps have written files.'
      : `A deployment publishes the current files as a site and answers with its URL once it is live: \`POST ${base}/deployments {"environment": "preview"}\`, then \`"production"\` when the preview looks right.` +
        (remaining ? ` ${remaining} of the plan are not generated yet, so the site would be incomplete.` : ''),
  ];
}

function testAnswer(facts: ProjectFacts): string[] {
  const base = `/api/projects/${facts.project.id}`;
  return [
    testSentence(facts),
    facts.fileCount === 0
      ? 'Tests are written from the generated code, so generate some steps first.'
      : `\`POST ${base}/tests\` writes tests for the current code and runs them; \`GET ${base}/tests\` shows each case's result.`,
  ];
}

/** Topics a question can be about, in the order an answer covers them. */
const TOPICS: { pattern: RegExp; answer: (facts: ProjectFacts) => string[] }[] = [
  { pattern: /\b(status|progress|where|state|overview|summary|how far|going)\b/, answer: statusAnswer },
  { pattern: /\b(plans?|features?|steps?|scope|template)\b/, answer: planAnswer },
  { pattern: /\b(files?|code|source|wrote|written)\b/, answer: filesAnswer },
  { pattern: /\b(tests?|testing|passing|failing|bugs?)\b/, answer: testAnswer },
  { pattern: /\b(deploy\w*|live|url|site|publish\w*|launch\w*)\b/, answer: deploymentAnswer },
];

/**
 * The offline assistant's answer: the parts of the project the message asks about (its status when
 * it asks about nothing in particular), then the next useful action and the call that does it.
 * Same facts and message, same answer.
 *
 * @example assistantAnswer({ facts, history: [], message: 'Which files are there?' })
 */
export function assistantAnswer(input: ConversationInput): string {
  const asked = input.message.toLowerCase();
  const topics = TOPICS.filter((topic) => topic.pattern.test(asked));
  const sections = (topics.length > 0 ? topics : [TOPICS[0]!]).map((topic) => topic.answer(input.facts).join('\n'));
  const next = nextAction(input.facts);
  return [...sections, `**Next:** ${next.what}: \`${next.call}\``].join('\n\n');
}

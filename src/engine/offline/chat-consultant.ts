/** Offline consultant: product advice (audience, scope, risks, launch) derived from the project's state, each point naming the fact it rests on. */
import { fitSentence, nextAction } from '../chat';
import type { ConversationInput, ProjectFacts } from '../types';

/** More features than this in a first version is a scope risk. */
const FOCUSED_FEATURES = 5;
/** A description shorter than this many words leaves the product vague. */
const VAGUE_DESCRIPTION_WORDS = 8;

const words = (text: string) => text.split(/\s+/).filter(Boolean).length;

/** The people the description names: "… for a small team, …" → "a small team". */
function namedAudience(description: string): string | undefined {
  return /\bfor ((?:[\w'-]+ ?){1,8})/i.exec(description)?.[1]?.trim();
}

function audienceAdvice(facts: ProjectFacts): string[] {
  const audience = namedAudience(facts.project.description);
  if (!audience) {
    return [
      '**Audience.** The description names no audience. Write one sentence, "an app for *who* to do *what* instead of *how they do it today*": every scope decision follows from it.',
      'Then find five of those people and ask how they solve the problem now.',
    ];
  }
  return [
    `**Audience.** The description says it is for **${audience}**. Before adding features, talk to five of them: what do they use today, and what would make them switch?`,
    'Write down the one task they must be able to finish in the first minute; the first screen should serve exactly that.',
  ];
}

function scopeAdvice(facts: ProjectFacts): string[] {
  const { plan } = facts;
  const base = `/api/projects/${facts.project.id}`;
  if (!plan) {
    return [`**Scope.** There is no plan yet, so the scope is still yours to set: pick the three features a first user needs and plan only those (\`POST ${base}/plans {"features": ["…", "…", "…"]}\`).`];
  }
  const advice = [`**Scope.** The plan has ${plan.features.length} features: ${plan.features.join(', ') || 'the template\'s own'}.`];
  if (plan.fit !== 'exact') advice.push(fitSentence(plan));
  if (plan.features.length > FOCUSED_FEATURES) {
    advice.push(`That is a lot for a first version: launch with ${plan.features.slice(0, 3).join(', ')} and keep the rest until users ask for them.`);
  } else {
    advice.push('That is a focused first version; resist adding more before someone has used it.');
  }
  const specified = plan.steps.filter((step) => step.title.startsWith('Specify '));
  if (specified.length > 0) {
    advice.push(
      `${specified.length === 1 ? 'One feature has' : `${specified.length} features have`} only a specification (${specified.map((step) => step.title.slice('Specify '.length)).join(', ')}): generate ${specified.length === 1 ? 'it' : 'them'} with a model, or cut ${specified.length === 1 ? 'it' : 'them'} from the first version.`,
    );
  }
  return advice;
}

function riskAdvice(facts: ProjectFacts): string[] {
  const risks: string[] = [];
  const described = words(facts.project.description);
  if (described < VAGUE_DESCRIPTION_WORDS) {
    risks.push(`The description is ${described} words long: a vague idea builds a vague app. Sharpen it (\`PUT /api/projects/${facts.project.id}\`).`);
  }
  if (facts.files.some((file) => file.path === 'worker.js')) {
    risks.push('It keeps data on the server (`worker.js`): decide what you store, for how long, and say so to users; store nothing personal you do not need.');
  }
  const failed = facts.plan?.steps.filter((step) => step.status === 'failed') ?? [];
  if (failed.length > 0) risks.push(`Step ${failed.map((step) => `"${step.title}"`).join(', ')} failed to generate: that part of the app does not exist yet.`);
  if (facts.fileCount > 0 && facts.tests.suites === 0) risks.push('Nothing is tested yet: a broken first impression costs more than a late launch.');
  if (facts.tests.failed > 0) risks.push(`${facts.tests.failed} test suite(s) fail: fix them before anyone sees the app.`);
  if (facts.deployments.live.length === 0) risks.push('No one has used it yet, so the biggest risk is building something nobody wants: put it in front of people early.');
  if (risks.length === 0) risks.push('None stands out in the facts; what they cannot show is whether people come back. Watch that first.');
  return ['**Risks.**', ...risks.map((risk) => `- ${risk}`)];
}

function launchAdvice(facts: ProjectFacts, asked: string): string[] {
  const base = `/api/projects/${facts.project.id}`;
  const preview = facts.deployments.live.find((site) => site.environment === 'preview');
  const production = facts.deployments.live.find((site) => site.environment === 'production');
  const advice = ['**Launch.**'];
  if (production) {
    advice.push(`It is live at ${production.url}. Choose one number that means "it works" (weekly active users, tasks finished) and track it with \`POST /api/analytics/track\`.`);
  } else if (preview) {
    advice.push(`The preview is live at ${preview.url}: share it with five target users, watch them use it without help, fix what confuses them, then deploy production (\`POST ${base}/deployments {"environment": "production"}\`).`);
  } else {
    advice.push(`Once the steps are generated, deploy a preview (\`POST ${base}/deployments {"environment": "preview"}\`) and share its link with five target users before any public launch.`);
  }
  advice.push('Launch where your audience already is (a community, a newsletter, a team chat) rather than everywhere at once.');
  if (/\b(pric\w*|monetis\w*|monetiz\w*|charge|paid|revenue)\b/.test(asked)) {
    advice.push('Do not set a price before people use it every week; then charge for the time it saves them, and ask five users whether they would pay before building billing.');
  }
  return advice;
}

/** What a question can be about, in the order advice covers it. */
const TOPICS: { pattern: RegExp; advise: (facts: ProjectFacts, asked: string) => string[] }[] = [
  { pattern: /\b(audience|users?|customers?|who|personas?|market|niche)\b/, advise: audienceAdvice },
  { pattern: /\b(scope|mvp|features?|first version|priorit\w*|cut|minimum)\b/, advise: scopeAdvice },
  { pattern: /\b(risks?|worr\w*|problems?|privacy|security|danger\w*|wrong)\b/, advise: riskAdvice },
  { pattern: /\b(launch\w*|release|ship\w*|marketing|grow\w*|metrics?|measure|pric\w*|monetis\w*|monetiz\w*|charge)\b/, advise: launchAdvice },
];

/**
 * The offline consultant's advice: the topics the message asks about (all four when it names none),
 * then one concrete next step. Same facts and message, same advice.
 *
 * @example consultantAnswer({ facts, history: [], message: 'Who is this for?' })
 */
export function consultantAnswer(input: ConversationInput): string {
  const asked = input.message.toLowerCase();
  const matched = TOPICS.filter((topic) => topic.pattern.test(asked));
  const sections = (matched.length > 0 ? matched : TOPICS).map((topic) => topic.advise(input.facts, asked).join('\n'));
  const next = nextAction(input.facts);
  return [...sections, `**Next step:** ${next.what}: \`${next.call}\``].join('\n\n');
}

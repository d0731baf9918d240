/** The model engine: every operation is one structured AI SDK call, validated by zod and the plan rules, retried once, never stored half-made. */
import { generateText, NoObjectGeneratedError, NoOutputGeneratedError } from 'ai';
import type { LanguageModel } from 'ai';
import { z } from 'zod';
import { Problem } from '../lib/problems';
import { kebab } from '../lib/slug';
import { templatePaths } from '../templates/files';
import { SUPPORTED_TECH } from '../templates/types';
import { pathProblem } from '../storage/paths';
import { assistantInstructions, consultantInstructions, streamBuilderReply, streamReply } from './chat';
import { planTestSuites } from './offline/tests';
import { planProblems } from './plan-rules';
import { PROMPT_BUDGET } from './prompt-budget';
import { parseModule } from '../sandbox';
import type { FixInput } from './offline/fixers/types';
import { fallbackAfter, rememberFallback, schemaInstructions, startingMode, structuredOutput } from './structured';
import type { StructuredOutputMode } from './structured';
import { modelFailed, upstreamProblem, upstreamStatus } from './upstream';
import type { Redact } from './upstream';
import type { Engine, FileDraft, PlanDraft, Template } from './types';

/** Attempts per operation: one answer and one retry told what was wrong with the first. */
export const MAX_ATTEMPTS = 2;

const TemplateDesignSchema = z.object({
  name: z.string().min(1).max(80),
  description: z.string().min(1).max(2000),
  features: z.array(z.string().min(1).max(60)).min(1).max(30),
});

const PlanDraftSchema = z.object({
  features: z.array(z.string().min(1).max(60)).min(1).max(40),
  techStack: z.array(z.enum(SUPPORTED_TECH)).min(1),
  steps: z
    .array(
      z.object({
        title: z.string().min(1).max(120),
        description: z.string().min(1).max(2000),
        files: z.array(z.string().min(1).max(255)).min(1),
        dependsOn: z.array(z.string()),
        features: z.array(z.string()),
      }),
    )
    .min(1)
    .max(30),
});

const FilesSchema = z.object({
  files: z.array(z.object({ path: z.string().min(1).max(255), content: z.string() })).min(1),
});

const TestModuleSchema = z.object({ source: z.string().min(1).max(200_000) });

const FixSchema = z.object({
  code: z.string().max(1_000_000).nullable(),
  explanation: z.string().min(1).max(2000),
});

/** How much of the project's other files a fix prompt carries; past it, only their paths. */
const FIX_FILES_BUDGET = 24_000;

const SYSTEM = [
  'You are the build engine of Promptax, which turns app ideas into small, working web apps.',
  'Apps are static front ends (index.html, CSS, ES modules) with DOM-free logic in src/lib/*.js,',
  'and optionally worker.js, a module Worker serving /api/* with one binding, env.DATA (get, put, delete, list).',
  'No build step, no frameworks, no CDN, no inline scripts or styles. Answer only with the requested JSON.',
].join(' ');

/**
 * How long one model call may run unless `MODEL_TIMEOUT_SECONDS` says otherwise: each attempt at a
 * structured answer, or a streamed reply from the request to its last part. A model that hangs
 * would otherwise hold a step `generating`, or a conversation's queue of turns, for good.
 */
export const DEFAULT_MODEL_TIMEOUT_MS = 120_000;

export { modelFailed };

/** How an engine asks for structured answers, and who it asks. */
export interface AiEngineOptions {
  /** A fixed response format, or `auto`: `json_schema`, falling back when the server refuses it (the default). */
  structuredOutput?: StructuredOutputMode | 'auto';
  /** Names the server and model, so a fallback is remembered for them alone (default: the model id). */
  server?: string;
  /** Masks secrets in upstream messages before they reach a caller (default: none to mask). */
  redact?: Redact;
}

interface Asking {
  model: LanguageModel;
  timeoutMs: number;
  structuredOutput: StructuredOutputMode | 'auto';
  server: string;
  redact: Redact;
}

/** A server refusing a response format answers 400 or 422 before it spends a token. */
const refusesFormat = (error: unknown) => [400, 422].includes(upstreamStatus(error) ?? 0);

/**
 * One structured call, validated by the schema and then by `check`; an invalid answer is sent
 * back once with what was wrong, then refused as a 502. In automatic mode a server that refuses
 * the response format is asked again in the next one (json_schema, json_object, text), which it
 * is then asked in first for a while; a refusal is not an attempt.
 */
async function askForObject<T>(asking: Asking, prompt: string, schema: z.ZodType<T>, check: (answer: T) => string[]): Promise<T> {
  const { model, timeoutMs, server, redact } = asking;
  const automatic = asking.structuredOutput === 'auto';
  let mode: StructuredOutputMode = automatic ? startingMode(server) : (asking.structuredOutput as StructuredOutputMode);
  let feedback = '';
  let lastProblem = '';
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
    let answer: T;
    try {
      const instructions = mode === 'json_schema' ? '' : `\n\n${await schemaInstructions(schema)}`;
      const result = await generateText({
        model,
        system: SYSTEM,
        prompt: prompt + instructions + feedback,
        output: await structuredOutput(schema, mode),
        maxRetries: 1,
        timeout: { totalMs: timeoutMs },
      });
      answer = result.output;
    } catch (error) {
      // A problem raised around the call (a spent budget) is the answer as it is.
      if (error instanceof Problem) throw error;
      if (error instanceof Error && error.name === 'TimeoutError') throw modelFailed(`The model did not answer within ${timeoutMs / 1000} s; nothing was stored.`);
      const next = automatic && refusesFormat(error) ? fallbackAfter(mode) : null;
      if (next) {
        mode = next;
        rememberFallback(server, mode);
        attempt -= 1;
        continue;
      }
      if (NoOutputGeneratedError.isInstance(error)) lastProblem = 'the answer was empty or cut off';
      else if (NoObjectGeneratedError.isInstance(error)) lastProblem = error.message.replace(/^No object generated: /, '');
      else throw upstreamProblem(error, redact);
      feedback = `\n\nYour previous answer was refused: ${lastProblem}. Answer again with valid JSON only.`;
      continue;
    }
    const problems = check(answer);
    if (problems.length === 0) return answer;
    lastProblem = problems.join('; ');
    feedback = `\n\nYour previous answer broke these rules; answer again without them:\n- ${problems.join('\n- ')}`;
  }
  throw modelFailed(`The model gave no valid answer in ${MAX_ATTEMPTS} attempts (the last: ${redact(lastProblem).slice(0, 500)}); nothing was stored.`);
}

/**
 * The engine for a language model. `model` is its id as the API shows it (`openai:gpt-4.1-mini`);
 * `timeoutMs` bounds each of its calls.
 *
 * @example const engine = createAiEngine(openai.chat('gpt-4.1-mini'), 'openai:gpt-4.1-mini');
 */
export function createAiEngine(languageModel: LanguageModel, model: string, timeoutMs = DEFAULT_MODEL_TIMEOUT_MS, options: AiEngineOptions = {}): Engine {
  const redact = options.redact ?? ((text: string) => text);
  const asking: Asking = { model: languageModel, timeoutMs, structuredOutput: options.structuredOutput ?? 'auto', server: options.server ?? model, redact };
  return {
    model,

    async designTemplate(nearest, request): Promise<Template> {
      const design = await askForObject(
        asking,
        [
          `Design an app template for this request: ${JSON.stringify(request)}.`,
          `It builds on the template "${nearest.name}" (${nearest.description}), whose features are ${nearest.features.join(', ')}.`,
          'Give its name, a one-paragraph description and its features as kebab-case names, including every requested feature.',
        ].join('\n'),
        TemplateDesignSchema,
        (answer) =>
          request.features.map(kebab).filter((feature) => !answer.features.map(kebab).includes(feature)).map((feature) => `feature "${feature}" is missing`),
      );
      return {
        id: `designed-${nearest.id}-${kebab(design.name).slice(0, 40)}`,
        name: design.name,
        category: nearest.category,
        description: design.description,
        features: [...new Set(design.features.map(kebab))],
        techStack: nearest.techStack,
        files: templatePaths(nearest),
      };
    },

    async planApp(input): Promise<PlanDraft> {
      const requested = input.features.map(kebab);
      return askForObject(
        asking,
        [
          `Plan the app "${input.project.name}": ${input.project.description}`,
          `Build on the template "${input.template.id}" with these files: ${templatePaths(input.template).join(', ')}.`,
          `Its default steps are: ${JSON.stringify(input.template.steps)}.`,
          `Requested features (each must appear verbatim in "features" and in some step's "features"): ${requested.join(', ') || 'none beyond the template'}.`,
          `Requested tech: ${input.techStack.join(', ') || 'the template\'s'}.`,
          'Each step lists the files it writes (each file in one step) and the titles of earlier steps it depends on.',
        ].join('\n'),
        PlanDraftSchema,
        (answer) => [
          ...planProblems(answer),
          ...requested.filter((feature) => !answer.features.map(kebab).includes(feature)).map((feature) => `feature "${feature}" is missing`),
        ],
      );
    },

    async generateStep(input): Promise<FileDraft[]> {
      const { files } = await askForObject(
        asking,
        [
          `App "${input.project.name}": ${input.project.description}`,
          `Plan features: ${input.plan.features.join(', ')}. Tech: ${input.plan.techStack.join(', ')}.`,
          `Write step "${input.step.title}": ${input.step.description}`,
          `Write exactly these files: ${input.step.files.join(', ')}.`,
          input.files.length > 0 ? `Project files this step builds on:\n${input.files.map((file) => `--- ${file.path}\n${file.content}`).join('\n')}` : 'No project file is shown.',
          input.otherPaths.length > 0 ? `The project's other files (not shown): ${input.otherPaths.join(', ')}` : '',
        ].join('\n'),
        FilesSchema,
        (answer) => {
          const paths = answer.files.map((file) => file.path);
          return [
            ...paths.filter((path) => !input.step.files.includes(path)).map((path) => `"${path}" is not a file of this step`),
            ...input.step.files.filter((path) => !paths.includes(path)).map((path) => `"${path}" is missing`),
            ...paths.flatMap((path) => {
              const problem = pathProblem(path);
              return problem ? [`"${path}" ${problem}`] : [];
            }),
          ];
        },
      );
      return files;
    },

    // What to test follows from what exists (modules, worker.js, live deployments): the same
    // structural plan as offline. How to test it is the model's to write.
    planTests: async (input) => planTestSuites(input),

    async writeTests(input, suite): Promise<string> {
      const target = input.files.find((file) => file.path === suite.target);
      const { source } = await askForObject(
        asking,
        [
          `Write the test module for suite "${suite.name}" of a generated app.`,
          `It is an ES module at tests/suite.test.js: \`export const tests = [{ name, run: async (t) => { ... } }]\`.`,
          't gives t.equal(actual, expected), t.ok(value, message), t.matches(actual, partial), t.throws(fn, substring),',
          't.app(path, init) (calls worker.js) and t.site(path) (fetches the live deployment). No network, no other imports than the app\'s modules by relative path (../src/lib/x.js).',
          `Cases, in this order and with exactly these names: ${JSON.stringify(suite.cases.map((entry) => entry.name))}.`,
          target ? codeUnderTest(target) : `The target: ${suite.target}.`,
        ].join('\n'),
        TestModuleSchema,
        (answer) => {
          const parsed = parseModule(answer.source, 'tests/suite.test.js');
          if (!parsed.ok) return [`the module does not parse: ${parsed.error.message} (line ${parsed.error.line})`];
          return [
            ...(parsed.exports.includes('tests') ? [] : ['the module does not export `tests`']),
            ...suite.cases.filter((entry) => !answer.source.includes(JSON.stringify(entry.name).slice(1, -1))).map((entry) => `case "${entry.name}" is missing`),
          ];
        },
      );
      return source;
    },

    async fix(input) {
      const answer = await askForObject(asking, fixPrompt(input), FixSchema, (candidate) => {
        if (candidate.code === null) return [];
        if (candidate.code === input.code) return ['"code" is the file unchanged: change what fixes the error, or answer null'];
        return input.attempts.some((attempt) => attempt.code === candidate.code) ? ['"code" repeats a fix that was already rejected'] : [];
      });
      return answer.code === null ? null : { code: answer.code, explanation: answer.explanation, rule: model };
    },

    chat: (input, builder) =>
      builder
        ? streamBuilderReply(languageModel, input, builder, timeoutMs, redact)
        : streamReply(languageModel, assistantInstructions(input.facts), input, timeoutMs, redact),

    consult: (input) => streamReply(languageModel, consultantInstructions(input.facts), input, timeoutMs, redact),
  };
}

/** The code a test prompt shows: the file, or past the prompt budget only what it exports. */
function codeUnderTest(target: { path: string; content: string }): string {
  if (target.content.length <= PROMPT_BUDGET) return `The code under test (${target.path}):\n${target.content}`;
  const parsed = parseModule(target.content, target.path);
  const exports = parsed.ok ? parsed.exports.join(', ') || 'none' : 'unknown (it does not parse)';
  return `The code under test, ${target.path}, is too large to show (${target.content.length} characters). Its exports: ${exports}.`;
}

/** The prompt of a fix: the file, the error, the fixes already rejected and why, and as much of the project as fits. */
function fixPrompt(input: FixInput): string {
  const others: string[] = [];
  let budget = FIX_FILES_BUDGET;
  for (const file of input.files) {
    const entry = `--- ${file.path}\n${file.content}`;
    budget -= entry.length;
    others.push(budget >= 0 ? entry : `--- ${file.path} (not shown)`);
  }
  return [
    `Fix one error in this ${input.language} file${input.path ? ` of the project, ${input.path}` : ''}.`,
    `The error: ${JSON.stringify(input.error)} (lines and columns count from 1).`,
    'Answer with the whole fixed file in "code", changing only what fixing this error needs, and say what you changed in "explanation", in one sentence.',
    'When you cannot fix it, answer "code": null and say why in "explanation". Your fix is checked: it must parse, load, and pass the project\'s tests.',
    ...input.attempts.map((attempt, index) => `Rejected fix ${index + 1}, because ${attempt.reason}; do not answer it again:\n${attempt.code}`),
    others.length > 0 ? `The project's other files:\n${others.join('\n')}` : 'The project has no other files.',
    `The file:\n${input.code}`,
  ].join('\n\n');
}

/** The one seam between the API and whatever answers: the offline engine or a model through the AI SDK. */
import type { TextStreamPart, ToolSet } from 'ai';
import type { DeploymentRow, PlanRow, PlanStepRow, ProjectRow } from '../db/schema';
import type { TemplateFiles } from '../templates/files';
import type { TemplateMeta } from '../templates/types';
import type { FixCandidate, FixInput } from './offline/fixers/types';

/** A template as the API shows it (DESIGN.md section 7). */
export interface Template {
  id: string;
  name: string;
  category: string;
  description: string;
  features: string[];
  techStack: string[];
  files: string[];
}

/** What a user asked for: the idea in words and, optionally, named features. */
export interface AppRequest {
  name?: string;
  description: string;
  features: string[];
}

/** A step as an engine designs it; ids are given when the plan is stored. */
export interface StepDraft {
  title: string;
  description: string;
  files: string[];
  /** Titles of earlier steps. */
  dependsOn: string[];
  features: string[];
}

export interface PlanDraft {
  features: string[];
  techStack: string[];
  steps: StepDraft[];
}

export interface PlanInput {
  project: { name: string; description: string };
  /** The catalog template the plan builds on (the nearest one when TIS composed a template). */
  template: TemplateMeta;
  features: string[];
  techStack: string[];
}

export interface StepInput {
  project: { name: string; description: string };
  template: TemplateMeta;
  /** The template's files by path (src/templates/files.ts), which the offline engine renders. */
  templateFiles: TemplateFiles;
  plan: { features: string[]; techStack: string[] };
  step: StepDraft;
  /**
   * The project files the prompt shows (path and content), chosen within the prompt budget
   * (`selectPromptFiles`): the step's own as they are now, those they refer to, those of the steps it depends on.
   */
  files: { path: string; content: string }[];
  /** The project's other files, named by path only. */
  otherPaths: string[];
}

export interface FileDraft {
  path: string;
  content: string;
}

/** Token counts of the model calls behind an answer; zero for the offline engine. */
export interface Usage {
  inputTokens: number;
  outputTokens: number;
}

/** What a conversation turn knows of its project: gathered by the Worker when the turn is sent. */
export interface ProjectFacts {
  project: Pick<ProjectRow, 'id' | 'name' | 'description' | 'status' | 'templateId'>;
  /** The newest plan with its steps in order; null before the first plan. */
  plan:
    | (Pick<PlanRow, 'id' | 'templateId' | 'features' | 'status' | 'fit' | 'missingFeatures'> & {
        steps: (Pick<PlanStepRow, 'id' | 'title' | 'files' | 'dependsOn' | 'status'> & { order: number })[];
      })
    | null;
  plans: number;
  /** The first files in path order (a bounded list); `fileCount` says how many there are. */
  files: { path: string; size: number }[];
  fileCount: number;
  deployments: { total: number; live: { environment: DeploymentRow['environment']; url: string }[] };
  tests: { suites: number; passed: number; failed: number };
}

/** One turn of a conversation as an engine answers it. */
export interface ConversationInput {
  facts: ProjectFacts;
  /** Earlier messages that fit the history budget, oldest first. */
  history: { role: 'user' | 'assistant'; content: string }[];
  message: string;
}

/**
 * What a builder turn may use: the tools that read and change the project, and the model ids that
 * can answer now (so an engine that cannot do something can say which model could). The ids are
 * asked for only when an answer names them: listing them can mean a request to the model server.
 */
export interface BuilderKit {
  tools: ToolSet;
  models: () => Promise<string[]>;
}

/** A reply as the AI SDK streams it (`streamText(...).stream`): both engines answer through `streamText`. */
export type ReplyStream = ReadableStream<TextStreamPart<ToolSet>>;

/** What a test run is planned from: the project's code, its template, and its live deployments for e2e. */
export interface TestPlanInput {
  type: 'unit' | 'integration' | 'e2e';
  files: { path: string; content: string }[];
  template: TemplateMeta | null;
  deployments: { id: string; label: string; files: { path: string; size: number; contentType: string }[] }[];
}

/** A suite as an engine plans it: what it tests and the names of its cases. */
export interface TestSuiteDraft {
  name: string;
  /** A module path, `worker.js`, or a deployment id. */
  target: string;
  cases: { name: string }[];
}

export interface Engine {
  /** The model id that answers, `offline` or `openai:<model>`; stored on every record it makes. */
  readonly model: string;
  /** A template for a request the catalog matches only weakly, built on the nearest one. */
  designTemplate(nearest: TemplateMeta, request: AppRequest): Promise<Template>;
  /** A build plan whose steps cover every requested feature and form a DAG. */
  planApp(input: PlanInput): Promise<PlanDraft>;
  /** The files one step writes. Only paths the step names. */
  generateStep(input: StepInput): Promise<FileDraft[]>;
  /** The suites and case names a test run of the project's code needs. */
  planTests(input: TestPlanInput): Promise<TestSuiteDraft[]>;
  /** The test module of one planned suite (the sandbox runner's contract). */
  writeTests(input: TestPlanInput, suite: TestSuiteDraft): Promise<string>;
  /**
   * The project assistant's reply: what the project has and the next useful action. With `builder`,
   * the reply is a tool loop that may read, change, check and deploy the project.
   */
  chat(input: ConversationInput, builder?: BuilderKit): ReplyStream;
  /** The consultant's reply: product advice (audience, scope, risks, launch) grounded in the project. */
  consult(input: ConversationInput): ReplyStream;
  /** A candidate fix for one error, none of `input.attempts` again; null when it has none. Only self-heal's re-check makes it a fix. */
  fix(input: FixInput): Promise<FixCandidate | null>;
}

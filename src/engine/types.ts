/** The one seam between the API and whatever answers: the offline engine or a model through the AI SDK. */
import type { TemplateMeta } from '../templates/types';

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
  plan: { features: string[]; techStack: string[] };
  step: StepDraft;
  /** The project's current files (path and content), for an engine that builds on them. */
  files: { path: string; content: string }[];
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

export interface Engine {
  /** The model id that answers, `offline` or `openai:<model>`; stored on every record it makes. */
  readonly model: string;
  /** A template for a request the catalog matches only weakly, built on the nearest one. */
  designTemplate(nearest: TemplateMeta, request: AppRequest): Promise<Template>;
  /** A build plan whose steps cover every requested feature and form a DAG. */
  planApp(input: PlanInput): Promise<PlanDraft>;
  /** The files one step writes. Only paths the step names. */
  generateStep(input: StepInput): Promise<FileDraft[]>;
}

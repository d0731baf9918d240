/** The shape of a TIS catalog entry: what a template is, the files it renders and how to check them. */

/** One call of an exported logic function and the value it must return. */
export interface LogicCase {
  /** Human name of the case, used as the generated test's name. */
  name: string;
  /** Arguments passed to the function, JSON values only. */
  args: unknown[];
  /** The exact (deep-equal) return value. Use `throws` instead for a case that must throw. */
  expected?: unknown;
  /** A substring of the error message when the call must throw. */
  throws?: string;
}

/** The specification of one exported function of a DOM-free module under `src/lib/`. */
export interface LogicSpec {
  /** Module path inside the app, for example `src/lib/todos.js`. */
  module: string;
  /** Name of the exported function. */
  export: string;
  cases: LogicCase[];
}

/**
 * One request to the app's `worker.js` and what it must answer. Cases of one template run in
 * order against the same `DATA` store, so a POST can be followed by the GET that sees it.
 */
export interface RouteCase {
  name: string;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Path with query, for example `/api/entries?limit=5`. */
  path: string;
  /** JSON body, sent with `content-type: application/json`. */
  body?: unknown;
  status: number;
  /** A deep-partial match: every key given must be present with an equal value (arrays: same length, each element matched). */
  json?: unknown;
}

/** A browser interaction that proves the deployed app works (used by the browser tests). */
export interface SmokeInteraction {
  steps: ({ fill: string; value: string } | { click: string })[];
  /** After the steps, this selector's text must contain `text`. */
  expect: { selector: string; text: string };
}

/** One step of the template's default build plan. */
export interface TemplateStep {
  title: string;
  description: string;
  /** Paths of the files this step writes; every template file belongs to exactly one step. */
  files: string[];
  /** Titles of earlier steps this one needs. */
  dependsOn: string[];
  /** Features (from the template's `features`) this step implements. */
  features: string[];
}

/** A template's metadata; its files live beside it in `files/` and are bundled by `scripts/bundle-templates.mjs`. */
export interface TemplateMeta {
  /** kebab-case, equal to the template's folder name. */
  id: string;
  name: string;
  category: 'productivity' | 'content' | 'marketing' | 'commerce' | 'analytics' | 'social' | 'portfolio' | 'utility' | 'api';
  description: string;
  /** Short feature names in kebab-case, for example `add-items`, `persist-locally`. */
  features: string[];
  /** Technologies, from the catalog's supported list (see `SUPPORTED_TECH`). */
  techStack: string[];
  /** Extra words that people use for this kind of app, for matching (synonyms, not sentences). */
  keywords: string[];
  steps: TemplateStep[];
  logic: LogicSpec[];
  routes: RouteCase[];
  smoke: SmokeInteraction;
}

/** The technologies a generated app may use; anything else in a plan request is a 400. */
export const SUPPORTED_TECH = ['html', 'css', 'javascript', 'typescript', 'canvas', 'svg', 'local-storage', 'workers', 'durable-objects'] as const;

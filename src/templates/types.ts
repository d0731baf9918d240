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

/**
 * One step of a smoke interaction. Selectors are CSS and must match exactly one element, except
 * in `expectCount`; every step waits (up to a few seconds) for its element or its condition.
 */
export type SmokeStep =
  /** Replaces the field's value, as typing it would. */
  | { fill: string; value: string }
  | { click: string }
  /** Presses a key on the element, by Playwright's key names: `Enter`, `Escape`, `ArrowDown`. */
  | { press: string; key: string }
  /** Chooses the option of a `<select>` with this value. */
  | { select: string; value: string }
  /** Waits until the element's text contains `text`. */
  | { expectText: string; text: string }
  /** Waits until exactly `count` elements match the selector. */
  | { expectCount: string; count: number };

/** What a person does on the deployed app to see that it works; the browser tests run it in Chromium. */
export interface SmokeInteraction {
  /** The interaction in a few words, for example `add a todo and see it`: the browser test's name. */
  description: string;
  steps: SmokeStep[];
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

/**
 * A template's metadata; its files live beside it in `files/`.
 *
 * Placeholders in template files: the offline engine replaces these, in every text file, when it
 * renders a step for a project:
 * - `{{app.name}}`: the project's name. Use it for the visible brand, the main heading (`<h1>`)
 *   and the `<title>`, and wherever the app names itself (a page title set from JS, a welcome post).
 * - `{{app.tagline}}`: the first sentence of the project's description (at most 160 characters, cut
 *   at a word), or `tagline` below when the project has none. Use it under the heading and in
 *   `<meta name="description" content="{{app.tagline}}">`.
 * Each value is escaped for the file it lands in: HTML-escaped in .html and .svg, JSON-string-escaped
 * in .json (write `"title": "{{app.name}}"`), safe inside any string literal in .js
 * (`const TITLE = '{{app.name}}';`), CSS-string-escaped in .css, as is elsewhere (.md). Put
 * placeholders only where a string or text is expected, never as code. Spaces inside the braces
 * are allowed; any other `{{...}}` is left alone.
 */
export interface TemplateMeta {
  /** kebab-case, equal to the template's folder name. */
  id: string;
  name: string;
  category: 'productivity' | 'content' | 'marketing' | 'commerce' | 'analytics' | 'social' | 'portfolio' | 'utility' | 'api';
  description: string;
  /** The app's own line under its heading when the project has no description (`{{app.tagline}}`); the description otherwise. */
  tagline?: string;
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

/**
 * The offline builder's moves: for an intent and what its tools answered so far, the next tool
 * calls or the closing words. Every edit is computed from the file it read, never from a guess.
 */
import { CATALOG, findTemplate } from '../../../templates/catalog';
import type { ConversationInput } from '../../types';
import { assistantAnswer } from '../chat';
import { coveringFeature } from '../plan';
import { darker } from './colours';
import type { Intent } from './intents';

/** One tool call the builder made and what came back: `output` or, when the tool refused, `error`. */
export interface Exchange {
  toolName: string;
  input: Record<string, unknown>;
  output?: unknown;
  error?: string;
}

export interface ToolCall {
  toolName: string;
  input: Record<string, unknown>;
}

/** A move: tool calls to make now, or the reply that ends the turn's tool loop. */
export type Move = { calls: ToolCall[] } | { text: string };

/** Feature names people use for what the catalog calls otherwise. */
const FEATURE_ALIASES: Record<string, string> = {
  'dark-mode': 'theme-toggle',
  'dark-mode-toggle': 'theme-toggle',
  'light-and-dark-mode': 'theme-toggle',
  search: 'search-posts',
  tags: 'filter-by-tag',
  cart: 'shopping-cart',
  markdown: 'render-markdown',
  charts: 'line-chart',
  chart: 'line-chart',
};

/** Where the page and the app's main texts live in every template. */
const PAGE = 'index.html';

const escapeHtml = (text: string) => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
const stripTags = (html: string) => html.replace(/<[^>]*>/g, '').replace(/\s+/g, ' ').trim();
const words = (text: string) => text.split(/\s+/).filter(Boolean).length;

/** The readFile answer for a path in the exchanges, when it was read. */
function readContent(exchanges: Exchange[], path: string): string | null {
  const read = exchanges.find((exchange) => exchange.toolName === 'readFile' && exchange.input.path === path && exchange.output);
  return read ? ((read.output as { content: string }).content ?? null) : null;
}

/** The text around `at` that occurs once in `content`, growing a line at a time on each side: an editFile `find`. */
function uniqueFind(content: string, at: number, length: number): string {
  let start = at;
  let end = at + length;
  while (content.indexOf(content.slice(start, end)) !== content.lastIndexOf(content.slice(start, end))) {
    const before = content.lastIndexOf('\n', start - 2);
    const after = content.indexOf('\n', end + 1);
    start = before === -1 ? 0 : before + 1;
    end = after === -1 ? content.length : after;
  }
  return content.slice(start, end);
}

/** An edit that replaces the inner HTML of the element `match` found (its whole outer text is the `find`). */
function innerEdit(content: string, match: RegExpExecArray, inner: string, replacement: string) {
  const outer = match[0];
  const find = uniqueFind(content, match.index, outer.length);
  const offset = outer.lastIndexOf(inner);
  const replaced = outer.slice(0, offset) + replacement + outer.slice(offset + inner.length);
  return { find, replace: find.replace(outer, replaced) };
}

/** The elements of a page that show the app's name: its title, and its brand element or else a short main heading. */
function renameEdits(html: string, name: string) {
  const edits: { find: string; replace: string }[] = [];
  const title = /<title>([^<]*)<\/title>/.exec(html);
  if (title) edits.push(innerEdit(html, title, title[1]!, escapeHtml(name)));
  const brand = /<(a|span|div|p|strong)\b[^>]*class="[^"]*\b(?:brand|logo)\b[^"]*"[^>]*>((?:<img[^>]*>)?\s*)([^<]+)<\/\1>/.exec(html);
  if (brand) {
    edits.push(innerEdit(html, brand, brand[3]!, escapeHtml(name)));
    return edits;
  }
  const heading = /<h1\b[^>]*>([^<]*)<\/h1>/.exec(html);
  // A heading of a few words is the app's name; a longer one is a headline, left as written.
  if (heading && words(stripTags(heading[1]!)) <= 4) edits.push(innerEdit(html, heading, heading[1]!, escapeHtml(name)));
  return edits;
}

/** The CSS variables of the main colour, in the order a stylesheet is likeliest to use them. */
const ACCENT_VARIABLES = ['--accent', '--primary', '--brand', '--color-primary'];

/** The palettes a theme switch writes into the stylesheet's variables that it has. */
const THEMES: Record<'dark' | 'light', Record<string, string>> = {
  dark: { '--bg': '#111318', '--card': '#1b1e26', '--panel': '#1b1e26', '--alt': '#171a21', '--text': '#e8eaf0', '--muted': '#9aa1b2', '--line': '#2c303b', '--thumb': '#232733', '--code-bg': '#1f2330', '--code': '#1f2330' },
  light: { '--bg': '#f6f7fb', '--card': '#ffffff', '--panel': '#ffffff', '--alt': '#f1f2f7', '--text': '#1d2030', '--muted': '#646a7d', '--line': '#e3e6ee', '--thumb': '#eef0f5', '--code-bg': '#f2f3f7', '--code': '#f2f3f7' },
};

/** Edits that set CSS variables (their first declaration in the file) to new values. */
function variableEdits(css: string, values: Record<string, string>) {
  return Object.entries(values).flatMap(([variable, value]) => {
    const match = new RegExp(`${variable}\\s*:\\s*([^;]+);`).exec(css);
    if (!match || match[1]!.trim() === value) return [];
    return [innerEdit(css, match, match[1]!, value)];
  });
}

/** The stylesheets a listFiles answer names. */
function stylesheets(exchanges: Exchange[]): string[] {
  const listed = exchanges.find((exchange) => exchange.toolName === 'listFiles' && exchange.output);
  return ((listed?.output as { files: { path: string }[] } | undefined)?.files ?? []).map((file) => file.path).filter((path) => path.endsWith('.css'));
}

/** The catalog feature a request names, and whether the project's template already has it. */
export function catalogFeature(feature: string, templateId: string | null): { feature: string; has: boolean } | null {
  const wanted = FEATURE_ALIASES[feature] ?? feature;
  const own = templateId ? findTemplate(templateId) : undefined;
  const covered = own ? coveringFeature(own, wanted) : undefined;
  if (covered) return { feature: covered, has: true };
  for (const template of CATALOG) {
    const found = coveringFeature(template, wanted);
    if (found) return { feature: found, has: false };
  }
  return null;
}

/** What a failed call said, for the closing words. */
const failure = (exchanges: Exchange[]) => exchanges.find((exchange) => exchange.error)?.error;

/** The closing words of an edit: what it changed, or why it could not. */
function editOutcome(exchanges: Exchange[], done: string): Move {
  const failed = failure(exchanges);
  return { text: failed ? `I could not make that change: ${failed}` : done };
}

/** A readFile of the page, then one edit of it, then the closing words. */
function pageEdit(exchanges: Exchange[], edits: (html: string) => { find: string; replace: string }[] | string, done: string): Move {
  if (exchanges.length === 0) return { calls: [{ toolName: 'readFile', input: { path: PAGE } }] };
  if (exchanges.length === 1) {
    const html = readContent(exchanges, PAGE);
    if (html === null) return { text: `I could not read ${PAGE}: ${failure(exchanges) ?? 'it is missing'}. Generate the app's steps first.` };
    const planned = edits(html);
    if (typeof planned === 'string') return { text: planned };
    if (planned.length === 0) return { text: `${PAGE} already says that; nothing to change.` };
    return { calls: [{ toolName: 'editFile', input: { path: PAGE, edits: planned } }] };
  }
  return editOutcome(exchanges, done);
}

/** listFiles, readFile of each stylesheet, one edit of each that has what `edits` changes, then the closing words. */
function styleEdit(exchanges: Exchange[], edits: (css: string) => { find: string; replace: string }[], done: string, none: string): Move {
  if (exchanges.length === 0) return { calls: [{ toolName: 'listFiles', input: {} }] };
  const sheets = stylesheets(exchanges);
  if (sheets.length === 0) return { text: 'The app has no stylesheet to change yet. Generate its steps first.' };
  if (!exchanges.some((exchange) => exchange.toolName === 'readFile')) return { calls: sheets.map((path) => ({ toolName: 'readFile', input: { path } })) };
  if (!exchanges.some((exchange) => exchange.toolName === 'editFile')) {
    const calls = sheets.flatMap((path) => {
      const css = readContent(exchanges, path);
      const planned = css === null ? [] : edits(css);
      return planned.length > 0 ? [{ toolName: 'editFile', input: { path, edits: planned } }] : [];
    });
    return calls.length > 0 ? { calls } : { text: none };
  }
  return editOutcome(exchanges, done);
}

const quote = (text: string) => `“${text}”`;

/** The closing words about the latest versions, from a listVersions answer. */
function changesText(exchanges: Exchange[]): string {
  const versions = (exchanges[0]?.output as { versions: { number: number; source: string; summary: string; files: { path: string; change: string }[]; createdAt: string }[] } | undefined)?.versions ?? [];
  const [latest, ...earlier] = versions;
  if (!latest) return 'Nothing has changed yet: the project has no versions.';
  const describe = (version: typeof latest) =>
    `version ${version.number} (${version.source}, ${version.createdAt}): ${version.summary}; ${version.files.map((file) => `${file.path} ${file.change}`).join(', ') || 'no file changed'}`;
  return [
    `The latest change is ${describe(latest)}.`,
    ...(earlier.length > 0 ? ['Before it:', ...earlier.map((version) => `- ${describe(version)}`)] : []),
    `The full diff: GET /api/projects/{id}/versions/${latest.number}/diff; "undo" restores version ${latest.number - 1}.`,
  ].join('\n');
}

/** Whether the answer to an intent may name the models that could do what offline cannot (`beyondOffline`). */
export const mayNameModels = (intent: Intent) => intent.kind === 'unsupported' || intent.kind === 'feature';

/** The honest answer to a request the offline builder cannot carry out, and which model could. */
function beyondOffline(reason: string, models: string[]): string {
  const capable = models.filter((model) => model !== 'offline');
  const who = capable.length > 0
    ? `A model can: send it again with \`"model": "${capable[0]}"\`${capable.length > 1 ? ` (or ${capable.slice(1).map((model) => `\`${model}\``).join(', ')})` : ''}.`
    : 'A model can: set `OPENAI_API_KEY` (or `OPENAI_BASE_URL` for a compatible server), then send it with `"model": "openai:gpt-4.1-mini"`.';
  return [
    `The offline builder cannot do that: ${reason}. Nothing was changed.`,
    who,
    'Offline, I can: rename the app ("call it Chore Wheel"), change the heading, subtitle or a button\'s text, change the main colour ("make it teal") or switch to a dark or light theme, add a feature from the template catalog, run the tests, deploy (a preview, or production when you say so), undo the last change or restore version N, fix the errors, and say what changed.',
  ].join('\n\n');
}

/**
 * The next move for an intent, given the exchanges of this turn so far. Same intent, facts and
 * answers, same move.
 *
 * @example nextMove({ kind: 'rename', name: 'Chore Wheel' }, [], input, ['offline']) // { calls: [{ toolName: 'readFile', input: { path: 'index.html' } }] }
 */
export function nextMove(intent: Intent, exchanges: Exchange[], input: ConversationInput, models: string[]): Move {
  const { facts } = input;
  switch (intent.kind) {
    case 'rename':
      return renameMove(intent.name, exchanges, input);
    case 'heading':
      return pageEdit(
        exchanges,
        (html) => {
          const heading = /<h1\b[^>]*>([\s\S]*?)<\/h1>/.exec(html);
          return heading ? [innerEdit(html, heading, heading[1]!, escapeHtml(intent.text))] : `${PAGE} has no main heading (<h1>) to change.`;
        },
        `Changed the main heading to ${quote(intent.text)}.`,
      );
    case 'subtitle':
      return pageEdit(
        exchanges,
        (html) => {
          const subtitle = /<(p|h2|span|div)\b[^>]*class="[^"]*\b(?:subtitle|tagline|lead)\b[^"]*"[^>]*>([\s\S]*?)<\/\1>/.exec(html);
          return subtitle ? [innerEdit(html, subtitle, subtitle[2]!, escapeHtml(intent.text))] : `${PAGE} has no subtitle (an element of class subtitle, tagline or lead) to change.`;
        },
        `Changed the subtitle to ${quote(intent.text)}.`,
      );
    case 'button':
      return pageEdit(
        exchanges,
        (html) => {
          const buttons = [...html.matchAll(/<button\b([^>]*)>([^<]*)<\/button>/g)];
          const from = intent.from?.toLowerCase();
          const chosen = from
            ? buttons.find((button) => button[2]!.trim().toLowerCase() === from) ?? buttons.find((button) => button[2]!.toLowerCase().includes(from))
            : buttons.find((button) => /type="submit"/.test(button[1]!)) ?? buttons[0];
          if (!chosen) return from ? `${PAGE} has no button that says ${quote(intent.from!)}.` : `${PAGE} has no button with a text to change.`;
          return [innerEdit(html, chosen as RegExpExecArray, chosen[2]!, escapeHtml(intent.text))];
        },
        `Changed the button's text to ${quote(intent.text)}.`,
      );
    case 'colour':
      return styleEdit(
        exchanges,
        (css) => {
          const variable = ACCENT_VARIABLES.find((name) => new RegExp(`${name}\\s*:`).test(css));
          return variable ? variableEdits(css, { [variable]: intent.colour.hex, [`${variable}-dark`]: darker(intent.colour.hex) }) : [];
        },
        `Changed the main colour to ${intent.colour.css} (${intent.colour.hex}), with a darker shade for hover states.`,
        'The stylesheets have no main colour variable (--accent or --primary) to change, or it is that colour already.',
      );
    case 'theme':
      return styleEdit(
        exchanges,
        (css) => variableEdits(css, THEMES[intent.theme]),
        `Switched to a ${intent.theme} theme: background, surfaces, text and lines.`,
        `The stylesheets have no theme colour variables (--bg, --text...) to change, or they are ${intent.theme} already.`,
      );
    case 'feature':
      return featureMove(intent.feature, exchanges, input, models);
    case 'tests':
      if (exchanges.length === 0) return { calls: [{ toolName: 'runTests', input: {} }] };
      return { text: testsText(exchanges) };
    case 'deploy':
      if (exchanges.length === 0) return { calls: [{ toolName: 'deploy', input: { environment: intent.environment } }] };
      return { text: deployText(exchanges, intent.environment, facts.project.id) };
    case 'undo':
    case 'restore':
      if (exchanges.length === 0) return { calls: [{ toolName: 'restoreVersion', input: intent.kind === 'restore' ? { number: intent.number } : {} }] };
      return editOutcome(exchanges, restoreText(exchanges));
    case 'fix':
      if (exchanges.length === 0) return { calls: [{ toolName: 'runChecks', input: { heal: true } }] };
      return { text: fixText(exchanges) };
    case 'changes':
      if (exchanges.length === 0) return { calls: [{ toolName: 'listVersions', input: { limit: 3 } }] };
      return { text: failure(exchanges) ?? changesText(exchanges) };
    case 'question':
      return { text: assistantAnswer(input) };
    case 'unsupported':
      return { text: beyondOffline(intent.reason, models) };
  }
}

/**
 * A readFile of the page, then its edit (title and name on the page) and the project's rename
 * together, each only when it changes something, then the closing words. A project without a page
 * yet is still renamed.
 */
function renameMove(name: string, exchanges: Exchange[], input: ConversationInput): Move {
  const renamesProject = input.facts.project.name !== name;
  if (exchanges.length === 0) return { calls: [{ toolName: 'readFile', input: { path: PAGE } }] };
  if (exchanges.length === 1) {
    const html = readContent(exchanges, PAGE);
    const edits = html === null ? [] : renameEdits(html, name).filter((edit) => edit.find !== edit.replace);
    const calls = [
      ...(edits.length > 0 ? [{ toolName: 'editFile', input: { path: PAGE, edits } }] : []),
      ...(renamesProject ? [{ toolName: 'renameProject', input: { name } }] : []),
    ];
    if (calls.length > 0) return { calls };
    return { text: html === null ? `I could not read ${PAGE}: ${failure(exchanges) ?? 'it is missing'}. Generate the app's steps first.` : `The app and the project are called ${quote(name)} already; nothing to change.` };
  }
  const renamed = [
    ...(exchanges.some((exchange) => exchange.toolName === 'editFile') ? [`the page title and its name on the page, in ${PAGE}`] : []),
    ...(renamesProject ? ['the project, when this turn ends'] : []),
  ];
  // A page that could not be read was said at the readFile; what counts now is the rename's own calls.
  return editOutcome(exchanges.slice(1), `Renamed the app to ${quote(name)}: ${renamed.join(', and ')}.`);
}

/** planFeatures, then generateStep for each step it left pending, one at a time, then the closing words. */
function featureMove(requested: string, exchanges: Exchange[], input: ConversationInput, models: string[]): Move {
  const templateId = input.facts.plan?.templateId ?? input.facts.project.templateId;
  const found = catalogFeature(requested, templateId);
  if (!found) return { text: beyondOffline(`"${requested.replaceAll('-', ' ')}" is not a feature of any template in the catalog`, models) };
  if (found.has) return { text: `The app already has ${quote(found.feature.replaceAll('-', ' '))}: it is one of its template's features. Nothing to add.` };
  if (exchanges.length === 0) return { calls: [{ toolName: 'planFeatures', input: { features: [found.feature] } }] };
  const failed = failure(exchanges);
  if (failed) return { text: `I could not add ${quote(found.feature)}: ${failed}` };
  const plan = exchanges[0]!.output as { planId: string; steps: { id: string; title: string; status: string }[] };
  const generated = new Set(exchanges.slice(1).map((exchange) => exchange.input.stepId));
  const next = plan.steps.find((step) => step.status !== 'done' && !generated.has(step.id));
  if (next) return { calls: [{ toolName: 'generateStep', input: { planId: plan.planId, stepId: next.id } }] };
  const titles = plan.steps.filter((step) => generated.has(step.id)).map((step) => quote(step.title));
  return {
    text: [
      `Planned ${quote(found.feature)} (plan ${plan.planId}) and generated ${titles.join(', ')}.`,
      'Offline, a feature from another template is written as its specification (docs/features/), not as code: generate that step again with a model to implement it.',
    ].join(' '),
  };
}

function testsText(exchanges: Exchange[]): string {
  const failed = failure(exchanges);
  if (failed) return `I could not run the tests: ${failed}`;
  const run = exchanges[0]!.output as { queued: boolean; suitesCreated?: number; testsGenerated?: number; results?: string; ok?: boolean; failures?: string[] };
  if (run.queued) return `No tests had passed yet, so I started a unit test run: ${run.suitesCreated} suite(s), ${run.testsGenerated} test(s). Their results: ${run.results}.`;
  return run.ok ? 'The tests that passed before still pass.' : ['These tests fail now:', ...(run.failures ?? []).map((line) => `- ${line}`)].join('\n');
}

function deployText(exchanges: Exchange[], environment: string, projectId: string): string {
  const failed = failure(exchanges);
  if (failed) return `I did not deploy: ${failed}`;
  const deployed = exchanges[0]!.output as { deferred: boolean; deploymentId?: string; status?: string };
  if (deployed.deferred) return `I will deploy to ${environment} once this turn's changes are checked and saved.`;
  return `Deploying to ${environment}: deployment ${deployed.deploymentId} is ${deployed.status}. GET /api/projects/${projectId}/deployments/${deployed.deploymentId} shows its URL once it is live.`;
}

function restoreText(exchanges: Exchange[]): string {
  const restored = exchanges[0]?.output as { restored: number; version: number; files: { path: string; change: string }[] } | undefined;
  if (!restored) return 'Nothing was restored.';
  return `Restored the files of version ${restored.restored} as version ${restored.version} (${restored.files.map((file) => `${file.path} ${file.change}`).join(', ') || 'no file changed'}).`;
}

function fixText(exchanges: Exchange[]): string {
  const failed = failure(exchanges);
  if (failed) return `I could not check the files: ${failed}`;
  const report = exchanges[0]!.output as { ok: boolean; problems: string[]; healed: { path: string; error: string }[] };
  if (report.healed.length === 0 && report.ok) return 'The checks pass: every file parses, the pages refer to files that exist, and the tests that passed still pass. Nothing to fix.';
  const fixed = report.healed.map((fix) => `- ${fix.path}: ${fix.error}`);
  if (report.ok) return ['Fixed:', ...fixed].join('\n');
  return [...(fixed.length > 0 ? ['Fixed:', ...fixed] : []), 'Still broken, beyond the offline fixer\'s rules:', ...report.problems.map((problem) => `- ${problem}`)].join('\n');
}

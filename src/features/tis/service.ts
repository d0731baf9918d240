/** TIS, the template intelligence system: the catalog as the API shows it, the template for an idea, and how well it fits. */
import { and, eq } from 'drizzle-orm';
import type { Caller } from '../../app-env';
import type { Database } from '../../db/client';
import { designedTemplates } from '../../db/schema';
import { ideaName } from '../../engine/offline/compose-template';
import { cutAtWord } from '../../engine/offline/personalise';
import { coveringFeature } from '../../engine/offline/plan';
import type { AppRequest, Engine, Template } from '../../engine/types';
import { nowIso } from '../../lib/ids';
import { kebab } from '../../lib/slug';
import { CATALOG, findTemplate, toTemplate } from '../../templates/catalog';
import type { TemplateMeta } from '../../templates/types';
import { matchTemplate } from './matcher';

/** How well the catalog covers an idea (DESIGN.md section 7, `BuildPlan.fit`). */
export type Fit = 'exact' | 'partial' | 'none';

export interface TemplateMatchResult {
  matched: boolean;
  source: 'catalog' | 'generated';
  score: number;
  /** `exact`: the template is the idea; `partial`: it is, without `missingFeatures`; `none`: no template has its core. */
  fit: Fit;
  /** The requested features the template lacks and, when nothing fits, the idea itself first. */
  missingFeatures: string[];
  template: Template;
  alternatives: { templateId: string; score: number }[];
  /** The catalog template the answer builds on: the match itself, or the nearest one to a designed template. */
  base: TemplateMeta;
}

/** The catalog, in catalog order. */
export function listTemplates(): Template[] {
  return CATALOG.map(toTemplate);
}

/** The requested features a template has no feature for, in kebab-case, each once. */
export function uncoveredFeatures(template: TemplateMeta, features: string[]): string[] {
  return [...new Set(features.map(kebab).filter(Boolean))].filter((feature) => !coveringFeature(template, feature));
}

/**
 * The core of an idea as a feature name, for an idea no template has: its name cut at a word
 * ("A multiplayer chess game with elo ratings" → `multiplayer-chess-game-with-elo-ratings`).
 */
function coreFeature(request: AppRequest): string {
  return kebab(cutAtWord(ideaName(request.description) ?? request.name ?? request.description, 60));
}

/**
 * The template for a request, matched on its name and description: the best catalog template when
 * it has the idea's core and scores at least `MATCH_THRESHOLD`, otherwise one the engine designs
 * on the nearest template, with `fit: 'none'`. Either way the score is the best catalog score and
 * the alternatives are the other catalog templates.
 *
 * @example (await findTemplateFor(offlineEngine, { description: 'a checklist of chores', features: [] })).fit // 'exact'
 */
export async function findTemplateFor(engine: Engine, request: AppRequest): Promise<TemplateMatchResult> {
  const description = request.name ? `${request.name}. ${request.description}` : request.description;
  const { best, fits, alternatives } = matchTemplate({ description, features: request.features });
  const missing = uncoveredFeatures(best.template, request.features);
  if (fits) {
    const fit = missing.length > 0 ? 'partial' : 'exact';
    return { matched: true, source: 'catalog', score: best.score, fit, missingFeatures: missing, template: toTemplate(best.template), alternatives, base: best.template };
  }
  const template = await engine.designTemplate(best.template, request);
  const missingFeatures = [...new Set([coreFeature(request), ...missing])];
  return { matched: false, source: 'generated', score: best.score, fit: 'none', missingFeatures, template, alternatives, base: best.template };
}

/**
 * Keeps a designed template for the user who was shown it, so a plan can name its id; the same
 * id again (the same request) is stored once, the newest design winning.
 */
export async function rememberDesignedTemplate(db: Database, caller: Caller, result: TemplateMatchResult): Promise<void> {
  if (result.source !== 'generated') return;
  const row = {
    userId: caller.user.id,
    id: result.template.id,
    baseTemplateId: result.base.id,
    template: result.template,
    missingFeatures: result.missingFeatures,
    createdAt: nowIso(),
  };
  await db
    .insert(designedTemplates)
    .values(row)
    .onConflictDoUpdate({ target: [designedTemplates.userId, designedTemplates.id], set: { baseTemplateId: row.baseTemplateId, template: row.template, missingFeatures: row.missingFeatures, createdAt: row.createdAt } });
}

/** A template named by id: what the API shows, the catalog template it builds on, and (designed ones) what the catalog lacked. */
export interface NamedTemplate {
  template: Template;
  base: TemplateMeta;
  missingFeatures: string[];
}

/**
 * A template by an id /api/tis/match answered: a catalog template, or one designed for this user.
 *
 * @example (await templateById(db, caller, 'composed-todo-list-1a2b3c4d'))?.base.id // 'todo-list'
 */
export async function templateById(db: Database, caller: Caller, id: string): Promise<NamedTemplate | undefined> {
  const catalogued = findTemplate(id);
  if (catalogued) return { template: toTemplate(catalogued), base: catalogued, missingFeatures: [] };
  const [row] = await db
    .select()
    .from(designedTemplates)
    .where(and(eq(designedTemplates.userId, caller.user.id), eq(designedTemplates.id, id)));
  const base = row && findTemplate(row.baseTemplateId);
  return row && base ? { template: row.template, base, missingFeatures: row.missingFeatures } : undefined;
}

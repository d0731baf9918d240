/** TIS, the template intelligence system: the catalog as the API shows it, and the template for an idea. */
import type { AppRequest, Engine, Template } from '../../engine/types';
import { CATALOG, toTemplate } from '../../templates/catalog';
import type { TemplateMeta } from '../../templates/types';
import { MATCH_THRESHOLD, matchTemplate } from './matcher';

export interface TemplateMatchResult {
  matched: boolean;
  source: 'catalog' | 'generated';
  score: number;
  template: Template;
  alternatives: { templateId: string; score: number }[];
  /** The catalog template the answer builds on: the match itself, or the nearest one to a designed template. */
  base: TemplateMeta;
}

/** The catalog, in catalog order. */
export function listTemplates(): Template[] {
  return CATALOG.map(toTemplate);
}

/**
 * The template for a request: the best catalog template when it scores at least
 * `MATCH_THRESHOLD`, otherwise one the engine designs on the nearest template. Either way the
 * score is the best catalog score and the alternatives are the other catalog templates.
 *
 * @example (await findTemplateFor(offlineEngine, { description: 'a checklist of chores', features: [] })).template.id // 'todo-list'
 */
export async function findTemplateFor(engine: Engine, request: AppRequest): Promise<TemplateMatchResult> {
  const { best, alternatives } = matchTemplate(request);
  if (best.score >= MATCH_THRESHOLD) {
    return { matched: true, source: 'catalog', score: best.score, template: toTemplate(best.template), alternatives, base: best.template };
  }
  const template = await engine.designTemplate(best.template, request);
  return { matched: false, source: 'generated', score: best.score, template, alternatives, base: best.template };
}

/** TIS matching: how well each catalog template fits a request, as a deterministic score in [0, 1]. */
import { kebab } from '../../lib/slug';
import { CATALOG } from '../../templates/catalog';
import type { TemplateMeta } from '../../templates/types';

/**
 * A catalog template fits an idea when it has the idea's core (see `TemplateMatch.best.core`) and
 * scores at least this; otherwise no template fits, and TIS composes one on the nearest template.
 * A score is the share of the request's information that the template explains (see
 * `matchTemplate`), so 0.2 reads "a fifth of what was asked, each word weighted by how telling it
 * is". Calibrated on test/features/tis-ideas.ts: ideas for a catalog app score from about 0.26
 * up for their template; ideas with no template mostly score lower, and those that score higher
 * share only generic words ("game", "tracker") with their nearest template.
 */
export const MATCH_THRESHOLD = 0.2;

/** What TIS matches: the idea in words and, optionally, named features. */
export interface MatchRequest {
  description: string;
  features?: string[] | undefined;
}

export interface TemplateMatch {
  /**
   * The template that fits best. `core` says whether its name or one of its keywords names what
   * the idea is (every word of it is in the idea, and one is beyond `GENERIC_TERMS`): without
   * it, a high score only means shared details ("a 3d racing game" shares "race" with "race timer").
   */
  best: { template: TemplateMeta; score: number; core: boolean };
  /** Whether the best template has the core of the idea (`core`) and scores at least `MATCH_THRESHOLD`. */
  fits: boolean;
  /** Every other catalog template, best first. */
  alternatives: { templateId: string; score: number }[];
}

/** BM25 term-frequency saturation: low, because template metadata is short and a word said once already counts. */
const K1 = 0.5;
/** BM25 length normalisation: mild, since the richer metadata is not less relevant for being longer. */
const B = 0.3;
/** How much each metadata field counts towards a word's frequency (BM25F field weights). */
const FIELD_WEIGHTS = { name: 3, category: 2, keywords: 2, features: 2, description: 1 } as const;
/** The most that requested features missing from a template take off its score. */
const MISSING_FEATURES_PENALTY = 0.3;

/** Function words, and the words every request for an app has, which tell templates apart not at all. */
const STOP_WORDS = new Set(
  (
    'a an the and or but of to for in on at by with from into onto about as per via ' +
    'is are be been being was were am it its this that these those there here ' +
    'i me my mine we us our you your they them their he she his her who whom whose which what where when how why ' +
    'can could would should will shall may might must do does did done have has had get gets got ' +
    'not no so if then than also just some any each every all both other others own such very too more most only ' +
    'want wants wanted need needs needed like love please let lets allow allows able ' +
    'app apps application applications simple simply basic small little quick easy nice good new ' +
    'build make makes create creates something anything everything thing things way one etc'
  ).split(' '),
);

/** Letters whose doubling a suffix causes ("planning" → "plan"), and only those: "add" keeps its "dd". */
const UNDOUBLE = /([bgmnprt])\1$/;

/**
 * Light stemming, so that the forms people write meet the forms the metadata uses: plurals
 * ("tasks", "boxes", "entries"), -ing and -ed, and a final "e" ("pricing" and "price" → "pric").
 *
 * @example stem('tasks') // 'task'
 */
function stem(word: string): string {
  let w = word;
  if (w.length > 4 && w.endsWith('ies')) w = w.slice(0, -3) + 'y';
  else if (w.length > 4 && /(ss|x|z|ch|sh)es$/.test(w)) w = w.slice(0, -2);
  else if (w.length > 3 && w.endsWith('s') && !/(ss|us|is)$/.test(w)) w = w.slice(0, -1);
  if (w.length > 5 && w.endsWith('ing')) w = w.slice(0, -3).replace(UNDOUBLE, '$1');
  else if (w.length > 4 && w.endsWith('ed') && !w.endsWith('eed')) w = w.slice(0, -2).replace(UNDOUBLE, '$1');
  if (w.length > 3 && w.endsWith('e')) w = w.slice(0, -1);
  return w;
}

/** Lowercase words without accents, split on anything not a letter or digit. */
function words(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

const isTerm = (word: string) => word.length > 1 && !/^\d+$/.test(word) && !STOP_WORDS.has(word);

/**
 * The terms of a text: stemmed words, stop words and numbers dropped.
 *
 * @example tokenize('Tick off my tasks') // ['tick', 'off', 'task']
 */
function tokenize(text: string): string[] {
  return words(text).filter(isTerm).map(stem);
}

/**
 * Words that say what family an app is in, not which app it is: a template whose name or keywords
 * share only these with an idea does not have its core ("a 3d racing game" is no tic-tac-toe).
 * Stemmed, as `tokenize` gives them.
 */
const GENERIC_TERMS = new Set(
  (
    'game games play player players multiplayer two single online web site website page tool tracker track ' +
    'manager management list log board system service platform portal clone personal team family friends share shared'
  )
    .split(' ')
    .map((word) => stem(word)),
);

/**
 * Words after which an idea says what its app is for, not what it is ("a pomodoro timer *with*
 * stats", "a guestbook *for* my homepage"): terms after the first of them weigh `DETAIL_WEIGHT`.
 */
const DETAIL_MARKERS = new Set('for with where that which who so to using by in on from about like'.split(' '));
const DETAIL_WEIGHT = 0.5;

/** The shortest query term that typo correction considers: shorter words have too many neighbours. */
const TYPO_MIN_LENGTH = 6;

interface CatalogIndex {
  templates: readonly TemplateMeta[];
  /**
   * Per template, its name and each keyword as terms: the phrases that say which app it is. A
   * phrase of generic terms only ("board game") says nothing and is left out.
   */
  corePhrases: string[][][];
  /** Every known term, sorted: typo correction's candidates in a stable order. */
  vocabulary: string[];
  /** Per template, each term's field-weighted frequency. */
  frequencies: Map<string, number>[];
  /** Per template, the field-weighted length over the average length. */
  relativeLengths: number[];
  idf: Map<string, number>;
  /** The weight of a term no template uses: that of the rarest known term. */
  unknownIdf: number;
  /** Per template, the terms of each of its features. */
  featureTerms: Set<string>[][];
}

/** BM25's inverse document frequency, always positive. */
const inverseFrequency = (templates: number, containing: number) => Math.log(1 + (templates - containing + 0.5) / (containing + 0.5));

function buildIndex(templates: readonly TemplateMeta[]): CatalogIndex {
  const frequencies = templates.map((template) => {
    const fields: [text: string, weight: number][] = [
      [template.name, FIELD_WEIGHTS.name],
      [template.category, FIELD_WEIGHTS.category],
      [template.keywords.join(' . '), FIELD_WEIGHTS.keywords],
      [template.features.join(' '), FIELD_WEIGHTS.features],
      [template.description, FIELD_WEIGHTS.description],
    ];
    const frequency = new Map<string, number>();
    for (const [text, weight] of fields) {
      for (const term of tokenize(text)) frequency.set(term, (frequency.get(term) ?? 0) + weight);
    }
    return frequency;
  });
  const lengths = frequencies.map((frequency) => [...frequency.values()].reduce((sum, count) => sum + count, 0));
  const averageLength = lengths.reduce((sum, length) => sum + length, 0) / lengths.length;

  const containing = new Map<string, number>();
  for (const frequency of frequencies) {
    for (const term of frequency.keys()) containing.set(term, (containing.get(term) ?? 0) + 1);
  }
  const idf = new Map([...containing].map(([term, count]) => [term, inverseFrequency(templates.length, count)]));

  return {
    templates,
    corePhrases: templates.map((template) =>
      [template.name, ...template.keywords].map(tokenize).filter((phrase) => phrase.some((term) => !GENERIC_TERMS.has(term))),
    ),
    vocabulary: [...idf.keys()].sort(),
    frequencies,
    relativeLengths: lengths.map((length) => length / averageLength),
    idf,
    unknownIdf: inverseFrequency(templates.length, 1),
    featureTerms: templates.map((template) => template.features.map((feature) => new Set(tokenize(feature)))),
  };
}

let catalogIndex: CatalogIndex | undefined;

/** The index of the catalog, built on first use and kept for the isolate's life: the catalog is static. */
function indexOfCatalog(): CatalogIndex {
  catalogIndex ??= buildIndex(CATALOG);
  return catalogIndex;
}

/**
 * Whether two words are at most one edit apart: one letter inserted, deleted, replaced, or two
 * neighbours swapped ("guestbok" → "guestbook", "pomodorro" → "pomodoro", "flashcrads").
 */
function oneEditApart(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1 || a === b) return false;
  let start = 0;
  while (start < a.length && a[start] === b[start]) start += 1;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA -= 1;
    endB -= 1;
  }
  const restA = a.slice(start, endA);
  const restB = b.slice(start, endB);
  if (restA.length <= 1 && restB.length <= 1) return true;
  return restA.length === 2 && restB.length === 2 && restA[0] === restB[1] && restA[1] === restB[0];
}

/**
 * A term the catalog does not know, read as the known term one typo away, when there is exactly
 * one such term; the term itself otherwise (an unknown word stays unknown rather than guessed).
 */
function corrected(index: CatalogIndex, term: string): string {
  if (index.idf.has(term) || term.length < TYPO_MIN_LENGTH) return term;
  const candidates = index.vocabulary.filter((known) => known.length >= TYPO_MIN_LENGTH - 1 && oneEditApart(term, known));
  return candidates.length === 1 ? candidates[0]! : term;
}

/**
 * The request's distinct terms, typos corrected, plus the compounds it splits that the catalog
 * writes as one word ("to do" → "todo", "e-commerce" → "ecommerce", "guest book" → "guestbook").
 */
function queryTerms(index: CatalogIndex, description: string, features: string[]): Map<string, number> {
  const terms = new Map<string, number>();
  const add = (term: string, weight: number) => terms.set(term, Math.max(weight, terms.get(term) ?? 0));
  const detailFrom = (all: string[]) => {
    const firstTerm = all.findIndex(isTerm);
    const marker = all.findIndex((word, i) => i > firstTerm && firstTerm >= 0 && DETAIL_MARKERS.has(word));
    return marker < 0 ? all.length : marker;
  };
  for (const [text, isDescription] of [[description, true], ...features.map((feature) => [feature, false] as const)] as const) {
    const all = words(text);
    const detail = isDescription ? detailFrom(all) : all.length;
    all.forEach((word, i) => {
      const weight = i < detail ? 1 : DETAIL_WEIGHT;
      if (isTerm(word)) add(corrected(index, stem(word)), weight);
      const next = all[i + 1];
      const compound = next === undefined ? undefined : stem(word + next);
      if (compound && index.idf.has(compound)) add(compound, weight);
    });
  }
  return terms;
}

/**
 * BM25F, normalised per term: each query term contributes its idf times its saturated frequency
 * in the template (in [0, 1)), and the sum is divided by the sum of the query terms' idf. So the
 * score is the idf-weighted share of the request the template explains, in [0, 1] whatever the
 * request's length. Words no template uses weigh as much as the rarest known word: they are
 * part of the request that nothing in the catalog explains.
 */
function textScores(index: CatalogIndex, query: Map<string, number>): number[] {
  const terms = [...query.keys()];
  const weights = terms.map((term) => (index.idf.get(term) ?? index.unknownIdf) * query.get(term)!);
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  return index.frequencies.map((frequency, doc) => {
    if (total === 0) return 0;
    const saturation = K1 * (1 - B + B * index.relativeLengths[doc]!);
    let explained = 0;
    terms.forEach((term, i) => {
      const tf = frequency.get(term) ?? 0;
      explained += (weights[i]! * tf) / (tf + saturation);
    });
    return explained / total;
  });
}

/**
 * The share of requested features the template has: each feature counts by the largest share of
 * its terms that one template feature shares ("discount code" → `discount-codes` 1, "sort by price"
 * → `sort-products` 0.5), compared as kebab-case names split into stemmed terms.
 */
function featureScores(index: CatalogIndex, features: string[]): number[] | undefined {
  const requested = features.map((feature) => tokenize(kebab(feature))).filter((terms) => terms.length > 0);
  if (requested.length === 0) return undefined;
  return index.featureTerms.map((offered) => {
    let covered = 0;
    for (const terms of requested) {
      const shares = offered.map((feature) => terms.filter((term) => feature.has(term)).length / terms.length);
      covered += Math.max(0, ...shares);
    }
    return covered / requested.length;
  });
}

/** Four decimals: enough to rank, stable to compare with the threshold, short on the wire. */
const round = (score: number) => Math.round(score * 10_000) / 10_000;

/**
 * Scores every catalog template for a request and returns the best one with the others, best
 * first (ties keep catalog order). The best one is the highest-scoring template that fits (has the
 * idea's core and scores at least `MATCH_THRESHOLD`), or the highest-scoring one when none does. The score is the text relevance of `textScores` over name,
 * category, description, features and keywords, with the requested features counted as part of
 * the request. When features are named it is multiplied by `1 - 0.3 * (1 - featureOverlap)`:
 * requested features the template lacks cost up to 30%, and features alone never make a match.
 * Both factors are shares, so the score is in [0, 1] and means the same for a short request as
 * for a long one. Deterministic.
 *
 * @example matchTemplate({ description: 'a checklist of chores I tick off' }).best.template.id // 'todo-list'
 */
export function matchTemplate(request: MatchRequest): TemplateMatch {
  const index = indexOfCatalog();
  const features = request.features ?? [];
  const query = queryTerms(index, request.description, features);
  const text = textScores(index, query);
  const overlap = featureScores(index, features);
  const ranked = index.templates
    .map((template, doc) => ({
      template,
      score: round(overlap ? text[doc]! * (1 - MISSING_FEATURES_PENALTY * (1 - overlap[doc]!)) : text[doc]!),
      core: index.corePhrases[doc]!.some((phrase) => phrase.every((term) => query.has(term))),
    }))
    .sort((a, b) => b.score - a.score);
  // The best fitting template (core, over the threshold) wins over any that only share details; without one, the nearest.
  const best = ranked.find((entry) => entry.core && entry.score >= MATCH_THRESHOLD) ?? ranked[0]!;
  return {
    best,
    fits: best.core && best.score >= MATCH_THRESHOLD,
    alternatives: ranked.filter((entry) => entry !== best).map(({ template, score }) => ({ templateId: template.id, score })),
  };
}

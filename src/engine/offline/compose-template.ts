/** Offline template design: the nearest catalog template, renamed and re-described for the request, with the features it lacks added. */
import { kebab } from '../../lib/slug';
import { templatePaths } from '../../templates/files';
import type { TemplateMeta } from '../../templates/types';
import type { AppRequest, Template } from '../types';
import { cutAtWord } from './personalise';
import { coveringFeature } from './plan';

/** Words that open a request without naming the app ("I want a …", "Build me an …"). */
const LEADING_FILLER = new Set(
  'a an the i we want wants need needs would like to build make create me us please some simple'.split(' '),
);
const NAME_WORDS = 6;
const NAME_LENGTH = 80;

/**
 * 32-bit FNV-1a over the UTF-16 code units of a string, as 8 hex digits: small, synchronous and
 * stable everywhere, which is all an id suffix needs (it names a request, it protects nothing).
 *
 * @example fnv1a('') // '811c9dc5'
 */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

/** The request as it matters for the result: spacing and case, feature spelling and order ignored. */
function normalise(request: AppRequest) {
  return {
    name: request.name?.trim().replace(/\s+/g, ' ') ?? '',
    description: request.description.trim().replace(/\s+/g, ' ').toLowerCase(),
    features: [...new Set(request.features.map(kebab).filter(Boolean))].sort(),
  };
}

/**
 * A name from an idea's first clause: leading filler dropped, at most six words and 80
 * characters, cut at a word, capitalised ("I want a recipe box for my family." → "Recipe box for my family").
 *
 * @example ideaName('I want a chess club ladder, with elo ratings') // 'Chess club ladder'
 */
export function ideaName(description: string): string | undefined {
  const clause = description.trim().split(/[.,;:!?\n]/, 1)[0] ?? '';
  const words = clause.split(/\s+/).filter(Boolean);
  while (words.length > 0 && LEADING_FILLER.has(words[0]!.toLowerCase())) words.shift();
  const name = cutAtWord(words.slice(0, NAME_WORDS).join(' '), NAME_LENGTH);
  return name ? name[0]!.toUpperCase() + name.slice(1) : undefined;
}

/**
 * The template the offline engine designs for a request the catalog matches only weakly: the
 * nearest template's category, tech and files, the request's name and description, and the
 * nearest template's features followed by each requested one it does not already cover.
 * Same inputs, same template; its id names the nearest template and a hash of the request.
 *
 * @example composeTemplate(findTemplate('todo-list')!, { description: 'A reading log', features: ['dark mode'] }).features.at(-1) // 'dark-mode'
 */
export function composeTemplate(nearest: TemplateMeta, request: AppRequest): Template {
  const normalised = normalise(request);
  const requested = [...new Set(request.features.map(kebab).filter(Boolean))];
  return {
    id: `composed-${nearest.id}-${fnv1a(JSON.stringify(normalised))}`,
    name: normalised.name || ideaName(request.description) || nearest.name,
    category: nearest.category,
    description: request.description,
    features: [...nearest.features, ...requested.filter((feature) => !coveringFeature(nearest, feature))],
    techStack: [...nearest.techStack],
    files: templatePaths(nearest),
  };
}

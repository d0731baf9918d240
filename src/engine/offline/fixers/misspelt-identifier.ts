/** Rule: a name used but declared nowhere, replaced by the nearest name its scope can see. */
import { editDistance, misspellingLimit } from './edit-distance';
import { readProgram } from './js-program';
import { undefinedNameOf } from './messages';
import { analyseScopes, visibleBindings } from './scope';
import type { Reference } from './scope';
import { applyEdits, Lines, listed } from './text';
import type { Edit } from './text';
import type { FixCandidate, FixInput } from './types';

export const RULE = 'misspelt-identifier';

/** Globals a misspelling may have meant, in the Workers runtime and in the browser. */
const GLOBALS = [
  'console', 'JSON', 'Math', 'Date', 'Promise', 'Object', 'Array', 'String', 'Number', 'Boolean', 'Symbol', 'BigInt', 'Map', 'Set',
  'WeakMap', 'WeakSet', 'Error', 'TypeError', 'RangeError', 'RegExp', 'Intl', 'Reflect', 'Proxy', 'parseInt', 'parseFloat', 'isNaN',
  'isFinite', 'encodeURIComponent', 'decodeURIComponent', 'encodeURI', 'decodeURI', 'setTimeout', 'clearTimeout', 'setInterval',
  'clearInterval', 'queueMicrotask', 'structuredClone', 'fetch', 'Request', 'Response', 'Headers', 'URL', 'URLSearchParams', 'FormData',
  'Blob', 'TextEncoder', 'TextDecoder', 'crypto', 'atob', 'btoa', 'globalThis', 'undefined', 'NaN', 'Infinity', 'AbortController',
  'ReadableStream', 'WritableStream', 'TransformStream', 'WebSocket', 'EventTarget', 'Event', 'performance', 'navigator', 'document',
  'window', 'localStorage', 'sessionStorage', 'location', 'history', 'alert', 'HTMLElement', 'customElements',
];

interface Suggestion {
  name: string;
  distance: number;
}

/**
 * For the name the error says is not defined (`ReferenceError: todoz is not defined`): every use
 * of it that resolves to no declaration is renamed to the closest name visible from that use,
 * within a Damerau-Levenshtein distance of 2 (1 for names of up to four characters). A name
 * declared in another function is not visible, so never a candidate. Declared names come before
 * globals at the same distance; one candidate per name within reach, closest first.
 *
 * @example fixMisspeltIdentifier({ ...input, code: 'const todos = [];\ntodoz.push(1);', error: { message: 'ReferenceError: todoz is not defined' } })[0]?.code
 * // 'const todos = [];\ntodos.push(1);'
 */
export function fixMisspeltIdentifier(input: FixInput): FixCandidate[] {
  if (input.language !== 'javascript' && input.language !== 'typescript') return [];
  const name = undefinedNameOf(input.error.message);
  if (!name) return [];
  const read = readProgram(input.code, input.language, input.path);
  if (!read) return [];
  const uses = analyseScopes(read.program).references.filter((reference) => !reference.binding && reference.identifier.name === name);
  if (uses.length === 0) return [];
  const jsLines = new Lines(read.js);
  const lineOf = (use: Reference) => jsLines.indexAt(use.identifier.start) + 1;
  const first = uses.find((use) => lineOf(use) === input.error.line) ?? (uses[0] as Reference);
  return suggestionsFor(first, name).flatMap((suggestion) => {
    const renamed = uses.filter((use) => suggestionsFor(use, name).some((other) => other.name === suggestion.name));
    const edits: Edit[] = [];
    for (const use of renamed) {
      const offset = read.toCode(use.identifier.start);
      if (!input.code.startsWith(name, offset)) continue;
      // In a shorthand property (`{ todoz }`) the key was misspelt with the name, and is corrected with it.
      edits.push({ start: offset, end: offset + name.length, text: suggestion.name });
    }
    if (edits.length === 0) return [];
    const lines = [...new Set(renamed.map((use) => String(lineOf(use))))];
    const where = `${lines.length === 1 ? 'line' : 'lines'} ${listed(lines)}`;
    const edit = suggestion.distance === 1 ? '1 edit' : `${suggestion.distance} edits`;
    return [
      {
        code: applyEdits(input.code, edits),
        explanation: `Replaced \`${name}\`, which is not declared, with \`${suggestion.name}\`, the closest name in scope (${edit} away), on ${where}.`,
        rule: RULE,
      },
    ];
  });
}

/** The names visible from `use` within reach of `name`, closest first; declared names before globals, the nearest scope first. */
function suggestionsFor(use: Reference, name: string): Suggestion[] {
  const limit = misspellingLimit(name);
  const declared = visibleBindings(use.scope).map((binding) => binding.name);
  const candidates = [...declared, ...GLOBALS.filter((global) => !declared.includes(global))];
  const suggestions = candidates.map((candidate) => ({ name: candidate, distance: editDistance(name, candidate) })).filter((suggestion) => suggestion.distance > 0 && suggestion.distance <= limit);
  // Sorting is stable: equals keep the order of `candidates`, nearest scope first.
  return suggestions.sort((a, b) => a.distance - b.distance);
}

/** How far apart two names are, counted in typing mistakes. */

/**
 * The Damerau-Levenshtein distance in its optimal-string-alignment form: insertions, deletions,
 * substitutions and swaps of two neighbouring characters each count 1. Case counts.
 *
 * @example editDistance('todoz', 'todos') // 1
 * @example editDistance('lenght', 'length') // 1
 */
export function editDistance(a: string, b: string): number {
  // Three rows are enough: a swap looks two characters back.
  let before = new Array<number>(b.length + 1).fill(0);
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, (before[j - 2] ?? 0) + 1);
      current.push(best);
    }
    before = previous;
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/**
 * How many mistakes a name of this length may hold and still be read as a misspelling: none in
 * one or two characters (any name is that close to another), one up to four, two beyond.
 */
export function misspellingLimit(name: string): number {
  if (name.length <= 2) return 0;
  return name.length <= 4 ? 1 : 2;
}

/** Repairs a file's problems one at a time, best guess first, for the rules that see several problems in one file. */

/** Code after one or more repairs, with a note on each. */
export interface Repair {
  code: string;
  notes: string[];
}

/**
 * One repair step: the candidates for the file's first problem, best first, each with its note;
 * null when no problem is left, an empty list when the problem has no candidate.
 */
export type RepairStep = (code: string) => Repair[] | null;

const MAX_DEPTH = 8;
const MAX_RESULTS = 4;
const MAX_STEPS = 60;

/**
 * Follows `step` depth first until no problem is left, and returns the codes that got there (up
 * to four), in the order found. Bounded, so that a file with a problem no step solves still ends.
 */
export function repairAll(code: string, step: RepairStep): Repair[] {
  const results: Repair[] = [];
  let steps = 0;
  const search = (current: Repair, depth: number) => {
    if (results.length >= MAX_RESULTS || steps >= MAX_STEPS) return;
    steps += 1;
    const candidates = step(current.code);
    if (candidates === null) {
      if (current.code !== code && !results.some((result) => result.code === current.code)) results.push(current);
      return;
    }
    if (depth === MAX_DEPTH) return;
    for (const candidate of candidates) search({ code: candidate.code, notes: [...current.notes, ...candidate.notes] }, depth + 1);
  };
  search({ code, notes: [] }, 0);
  return results;
}

/** `items` ordered by `score`, lowest first, keeping the order of equals. */
export function rankBy<T>(items: T[], score: (item: T) => number): T[] {
  return items
    .map((item, index) => ({ item, index, score: score(item) }))
    .sort((a, b) => a.score - b.score || a.index - b.index)
    .map(({ item }) => item);
}

/** `items` without a second one of the same code, the first kept. */
export function distinct<T extends { code: string }>(items: T[]): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    if (seen.has(item.code)) return false;
    seen.add(item.code);
    return true;
  });
}

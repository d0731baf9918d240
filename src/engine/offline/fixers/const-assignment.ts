/** Rule: a `const` that the code assigns to again, declared with `let`. */
import { readProgram } from './js-program';
import { constAssignmentOf } from './messages';
import { analyseScopes } from './scope';
import { applyEdits, Lines, listed } from './text';
import type { FixCandidate, FixInput } from './types';

export const RULE = 'const-assignment';

/**
 * For "Assignment to constant variable.": finds the assignments (`=`, `+=`, `++`, destructuring)
 * whose name resolves to a `const`, and declares those with `let`. The error names no variable,
 * so when it has a line, the consts assigned on that line come first; then every const assigned
 * anywhere, since each would throw the same error.
 *
 * @example fixConstAssignment({ ...input, code: 'const n = 0;\nn += 1;', error: { message: 'TypeError: Assignment to constant variable.' } })[0]?.code
 * // 'let n = 0;\nn += 1;'
 */
export function fixConstAssignment(input: FixInput): FixCandidate[] {
  if (input.language !== 'javascript' && input.language !== 'typescript') return [];
  const error = constAssignmentOf(input.error.message);
  if (!error) return [];
  const read = readProgram(input.code, input.language, input.path);
  if (!read) return [];
  const jsLines = new Lines(read.js);
  const lineOf = (offset: number) => jsLines.indexAt(offset) + 1;
  const writes = analyseScopes(read.program).references.filter(
    (reference) => reference.write && reference.binding?.kind === 'const' && (error.name === null || reference.identifier.name === error.name),
  );
  const onLine = writes.filter((write) => lineOf(write.identifier.start) === input.error.line);
  const candidates: FixCandidate[] = [];
  for (const group of [onLine, writes]) {
    if (group.length === 0) continue;
    const declarations = [...new Set(group.flatMap((write) => (write.binding ? [write.binding.declaration] : [])))];
    const edits = declarations.flatMap((declaration) => {
      const offset = read.toCode(declaration.start);
      return input.code.startsWith('const', offset) ? [{ start: offset, end: offset + 'const'.length, text: 'let' }] : [];
    });
    if (edits.length === 0) continue;
    const code = applyEdits(input.code, edits);
    if (candidates.some((candidate) => candidate.code === code)) continue;
    const names = [...new Set(group.map((write) => `\`${write.identifier.name}\``))];
    const lines = [...new Set(group.map((write) => String(lineOf(write.identifier.start))))];
    const assigned = lines.length === 1 ? `line ${lines[0]} assigns` : `lines ${listed(lines)} assign`;
    candidates.push({
      code,
      explanation: `Declared ${listed(names)} with \`let\` instead of \`const\`: ${assigned} to ${names.length === 1 ? 'it' : 'them'} again.`,
      rule: RULE,
    });
  }
  return candidates;
}

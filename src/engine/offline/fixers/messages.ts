/** Reads the error texts fixers are handed: acorn's and sucrase's syntax errors, V8's at runtime, TypeScript's and ESLint's wording. */

const UNDEFINED_NAME = [
  // V8: "ReferenceError: todoz is not defined"; ESLint: "'todoz' is not defined."
  /(?:^|[\s:'"`])([A-Za-z_$][\w$]*)['"`]? is not defined/,
  // TypeScript: "Cannot find name 'todoz'."
  /Cannot find name '([A-Za-z_$][\w$]*)'/,
  // Firefox: "ReferenceError: todoz is not defined" is the same; Safari: "Can't find variable: todoz"
  /Can't find variable: ([A-Za-z_$][\w$]*)/,
];

/**
 * The name an error says is not declared, or null.
 *
 * @example undefinedNameOf('ReferenceError: todoz is not defined') // 'todoz'
 */
export function undefinedNameOf(message: string): string | null {
  for (const pattern of UNDEFINED_NAME) {
    const name = pattern.exec(message)?.[1];
    if (name) return name;
  }
  return null;
}

/**
 * Whether an error is an assignment to a constant, and to which name when it says.
 *
 * @example constAssignmentOf('TypeError: Assignment to constant variable.') // { name: null }
 * @example constAssignmentOf("Cannot assign to 'count' because it is a constant.") // { name: 'count' }
 */
export function constAssignmentOf(message: string): { name: string | null } | null {
  if (/Assignment to constant variable/i.test(message)) return { name: null };
  const named = /Cannot assign to '([\w$]+)' because it is a constant|invalid assignment to const '?([\w$]+)'?/i.exec(message);
  if (named) return { name: named[1] ?? named[2] ?? null };
  return null;
}

/** Whether an error speaks of `await` where it may not be (acorn: "Cannot use keyword 'await' outside an async function"; V8: "await is only valid in async functions…"). */
export function isAwaitOutsideAsync(message: string): boolean {
  return /await/i.test(message) && /async|outside|only valid|reserved/i.test(message);
}

/** Whether an error is a syntax error: named so, or in acorn's, sucrase's or V8's words for one. */
export function isSyntaxError(message: string): boolean {
  return /SyntaxError|Unexpected|Unterminated|missing \S+ (?:after|before|in)|Invalid or unexpected token/i.test(message);
}

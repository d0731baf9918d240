// A FixInput for the fixer tests: the code, and whatever else a test needs to say.
import type { FixInput } from '../../../src/engine/offline/fixers/types';

export function fixInput(code: string, overrides: Partial<FixInput> = {}): FixInput {
  return {
    code,
    language: 'javascript',
    path: 'src/main.js',
    error: { message: 'SyntaxError: Unexpected token' },
    files: [],
    attempts: [],
    ...overrides,
  };
}

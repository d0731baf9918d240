/** The shapes self-heal's fixers share: an error in some code, and a candidate fix for it. */

/** DESIGN.md section 7: one error in a file, with where it is when known. Lines and columns count from 1. */
export interface CodeError {
  message: string;
  line?: number;
  column?: number;
  code?: string;
}

export type FixLanguage = 'javascript' | 'typescript' | 'json' | 'html';

/** Everything a fixer may look at for one error. */
export interface FixInput {
  /** The code as it is now: the original, or the previous attempt's result. */
  code: string;
  language: FixLanguage;
  /** The file's project path, when known (`src/lib/todos.js`). */
  path: string | null;
  error: CodeError;
  /** The project's other files, for names that another file exports. */
  files: { path: string; content: string }[];
  /** Earlier candidates for this error and why each was rejected, so none is proposed twice. */
  attempts: { code: string; reason: string }[];
}

/** A candidate fix: the whole new code, and a sentence a user can read. Only a re-check makes it a fix. */
export interface FixCandidate {
  code: string;
  explanation: string;
  /** Which rule proposed it (`unclosed-bracket`, `misspelt-identifier`, …), or the model id. */
  rule: string;
}

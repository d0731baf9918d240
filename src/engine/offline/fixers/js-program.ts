/** JavaScript or TypeScript read as the JavaScript that runs, with the way back from its offsets to the code as written. */
import type { Program } from 'acorn';
import { parseProgram, transpileTypeScript } from '../../../sandbox';
import { Lines } from './text';

export type ScriptLanguage = 'javascript' | 'typescript';

export interface Script {
  /** The JavaScript: the code itself, or what the TypeScript transpiles to (same lines, types removed). */
  js: string;
  /** The offset in the code as written that an offset in `js` came from. */
  toCode(offset: number): number;
}

/**
 * The JavaScript of `code`, or null when TypeScript does not transpile. Imports only types use are
 * kept, so that every imported name still counts as declared.
 */
export function scriptOf(code: string, language: ScriptLanguage, path: string | null): Script | null {
  if (language === 'javascript') return { js: code, toCode: (offset) => offset };
  const transpiled = transpileTypeScript(code, path ?? 'main.ts', { keepUnusedImports: true });
  if (!transpiled.ok) return null;
  const jsLines = new Lines(transpiled.code);
  const codeLines = new Lines(code);
  return {
    js: transpiled.code,
    toCode: (offset) => {
      const position = transpiled.toSource(jsLines.positionAt(offset));
      return codeLines.offsetAt(position.line, position.column);
    },
  };
}

/** `scriptOf` parsed: null when the code does not transpile or does not parse. */
export function readProgram(code: string, language: ScriptLanguage, path: string | null): (Script & { program: Program }) | null {
  const script = scriptOf(code, language, path);
  if (!script) return null;
  const program = tryParse(script.js);
  return program ? { ...script, program } : null;
}

/** The syntax tree of `js`, or null when it does not parse. */
export function tryParse(js: string): Program | null {
  try {
    return parseProgram(js);
  } catch (error) {
    if (error instanceof SyntaxError) return null;
    throw error;
  }
}

/** Where acorn stops parsing `js`, as an offset, or null when it parses. */
export function syntaxErrorOffset(js: string): number | null {
  try {
    parseProgram(js);
    return null;
  } catch (error) {
    const pos = (error as { pos?: unknown }).pos;
    if (error instanceof SyntaxError && typeof pos === 'number') return pos;
    throw error;
  }
}

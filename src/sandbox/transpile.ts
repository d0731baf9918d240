/** Turns a TypeScript module into the JavaScript the sandbox runs, and maps positions in that JavaScript back to the TypeScript. */
import { transform } from 'sucrase';
import type { ParseError } from './parse';

/** A line and a column, both counted from 1, as editors show them. */
export interface SourcePosition {
  line: number;
  column: number;
}

export type Transpiled =
  | {
      ok: true;
      code: string;
      /** Where a position in `code` came from in the TypeScript: the same line (types are removed in place), the column of the token it belongs to. */
      toSource(position: SourcePosition): SourcePosition;
    }
  | { ok: false; error: ParseError };

export interface TranspileOptions {
  /**
   * Keep imports that only types use. TypeScript drops them, and so does loading; code analysis
   * keeps them, so that an imported name the code misspells is still a declared name.
   */
  keepUnusedImports?: boolean;
}

/**
 * Strips the types from `source`, the module at `path`, with sucrase (its `typescript` transform
 * only: modern syntax stays as written and every line keeps its number).
 *
 * @example transpileTypeScript('export const n: number = 1;', 'src/n.ts')
 * // { ok: true, code: 'export const n = 1;', toSource }
 * @example transpileTypeScript('function f(x: string {}', 'src/f.ts')
 * // { ok: false, error: { message: 'Unexpected token, expected ","', line: 1, column: 22 } }
 */
export function transpileTypeScript(source: string, path: string, options: TranspileOptions = {}): Transpiled {
  let result: ReturnType<typeof transform>;
  try {
    result = transform(source, {
      transforms: ['typescript'],
      disableESTransforms: true,
      keepUnusedImports: options.keepUnusedImports ?? false,
      filePath: path,
      sourceMapOptions: { compiledFilename: path },
    });
  } catch (error) {
    return { ok: false, error: transpileErrorOf(error, path) };
  }
  const lines = decodeMappings(result.sourceMap?.mappings ?? '');
  return { ok: true, code: result.code, toSource: (position) => sourcePosition(lines, position) };
}

function transpileErrorOf(error: unknown, path: string): ParseError {
  const loc = (error as { loc?: { line: number; column: number } }).loc;
  if (!(error instanceof SyntaxError) || !loc) throw error;
  // sucrase names the file first and, like acorn, appends "(line:column)"; its columns already count from 1.
  const message = error.message.replace(`Error transforming ${path}: `, '').replace(/ \(\d+:\d+\)$/, '');
  return { message, line: loc.line, column: loc.column };
}

/** One mapping segment: a 0-based column in the output, and the 0-based source line and column it came from. */
interface Segment {
  column: number;
  sourceLine: number;
  sourceColumn: number;
}

function sourcePosition(lines: Segment[][], position: SourcePosition): SourcePosition {
  const column = position.column - 1;
  let nearest: Segment | undefined;
  for (const segment of lines[position.line - 1] ?? []) {
    if (segment.column > column) break;
    nearest = segment;
  }
  if (!nearest) return position;
  return { line: nearest.sourceLine + 1, column: nearest.sourceColumn + (column - nearest.column) + 1 };
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Decodes a source map's `mappings` (base64 VLQ, one `;` a line, fields relative to the previous segment). */
function decodeMappings(mappings: string): Segment[][] {
  const lines: Segment[][] = [];
  let sourceLine = 0;
  let sourceColumn = 0;
  for (const line of mappings.split(';')) {
    const segments: Segment[] = [];
    let column = 0;
    for (const text of line.split(',')) {
      if (text === '') continue;
      const fields = decodeVlq(text);
      column += fields[0] ?? 0;
      if (fields.length >= 4) {
        sourceLine += fields[2] ?? 0;
        sourceColumn += fields[3] ?? 0;
        segments.push({ column, sourceLine, sourceColumn });
      }
    }
    lines.push(segments);
  }
  return lines;
}

function decodeVlq(text: string): number[] {
  const values: number[] = [];
  let value = 0;
  let shift = 0;
  for (const char of text) {
    const digit = BASE64.indexOf(char);
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
      continue;
    }
    values.push(value & 1 ? -(value >>> 1) : value >>> 1);
    value = 0;
    shift = 0;
  }
  return values;
}

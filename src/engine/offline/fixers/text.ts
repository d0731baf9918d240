/** Offsets, lines, indentation and edits in source text, as the fixers share them. */

/** A change to the text: the characters from `start` to `end` become `text`. */
export interface Edit {
  start: number;
  end: number;
  text: string;
}

/** Applies edits that do not overlap; their order does not matter. */
export function applyEdits(code: string, edits: Edit[]): string {
  let result = code;
  for (const edit of [...edits].sort((a, b) => b.start - a.start)) {
    result = result.slice(0, edit.start) + edit.text + result.slice(edit.end);
  }
  return result;
}

/** The code's lines, each with where it starts, for moving between offsets and line numbers. */
export class Lines {
  readonly texts: string[];
  readonly starts: number[];

  constructor(readonly code: string) {
    this.texts = code.split('\n');
    this.starts = [];
    let offset = 0;
    for (const text of this.texts) {
      this.starts.push(offset);
      offset += text.length + 1;
    }
  }

  get count(): number {
    return this.texts.length;
  }

  /** The 0-based index of the line holding `offset`. */
  indexAt(offset: number): number {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((this.starts[middle] ?? 0) <= offset) low = middle;
      else high = middle - 1;
    }
    return low;
  }

  /** Line and column of `offset`, both counted from 1. */
  positionAt(offset: number): { line: number; column: number } {
    const index = this.indexAt(offset);
    return { line: index + 1, column: offset - this.start(index) + 1 };
  }

  /** The offset of a line and column counted from 1, kept inside the text. */
  offsetAt(line: number, column: number): number {
    const index = Math.min(Math.max(line - 1, 0), this.count - 1);
    return Math.min(this.start(index) + Math.max(column - 1, 0), this.end(index));
  }

  text(index: number): string {
    return this.texts[index] ?? '';
  }

  start(index: number): number {
    return this.starts[index] ?? this.code.length;
  }

  /** The offset just past the line's last character, before its newline. */
  end(index: number): number {
    return this.start(index) + this.text(index).length;
  }

  /** The offset past the line's last non-blank character. */
  contentEnd(index: number): number {
    return this.start(index) + this.text(index).trimEnd().length;
  }

  isBlank(index: number): boolean {
    return this.text(index).trim() === '';
  }

  /** The line's leading whitespace. */
  indentation(index: number): string {
    return /^[ \t]*/.exec(this.text(index))?.[0] ?? '';
  }

  /** Whether only whitespace precedes `offset` on its line. */
  startsLine(offset: number): boolean {
    const index = this.indexAt(offset);
    return this.code.slice(this.start(index), offset).trim() === '';
  }

  /**
   * The lines indented deeper than line `index`, right after it: the body of a block it opens.
   * Returns the last non-blank line of that body (or `index` itself when there is none) and the
   * first line after it that is not deeper, or null when the body runs to the end.
   */
  indentedBody(index: number): { last: number; next: number | null } {
    const depth = this.indentation(index).length;
    let last = index;
    for (let line = index + 1; line < this.count; line += 1) {
      if (this.isBlank(line)) continue;
      if (this.indentation(line).length <= depth) return { last, next: line };
      last = line;
    }
    return { last, next: null };
  }
}

/**
 * Items as a sentence lists them.
 *
 * @example listed(['3', '5', '8']) // '3, 5 and 8'
 */
export function listed(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

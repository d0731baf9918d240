/** Strict JSON (RFC 8259, what JSON.parse takes) checked by hand, to say where it breaks in every runtime alike. */

export interface JsonError {
  message: string;
  offset: number;
}

/**
 * Where and why `text` is not JSON, or null when it is. Accepts exactly what `JSON.parse` does;
 * V8's own messages say where only for some errors, so the position comes from here.
 *
 * @example checkJson('{"a": 1,}') // { message: 'Trailing comma in JSON', offset: 7 }
 */
export function checkJson(text: string): JsonError | null {
  try {
    new JsonReader(text).document();
    return null;
  } catch (error) {
    if (error instanceof JsonFailure) return { message: error.message, offset: error.offset };
    throw error;
  }
}

class JsonFailure extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

class JsonReader {
  private at = 0;

  constructor(private readonly text: string) {}

  document(): void {
    this.value();
    this.space();
    if (this.at < this.text.length) this.unexpected('after the JSON value');
  }

  private value(): void {
    this.space();
    const char = this.text[this.at];
    if (char === undefined) this.fail('Unexpected end of JSON input');
    if (char === '{') return this.object();
    if (char === '[') return this.array();
    if (char === '"') return this.string();
    if (char === '-' || (char >= '0' && char <= '9')) return this.number();
    if (char === "'") this.fail('JSON strings use double quotes');
    for (const word of ['true', 'false', 'null']) {
      if (this.text.startsWith(word, this.at)) {
        this.at += word.length;
        return;
      }
    }
    this.unexpected();
  }

  private object(): void {
    this.at += 1;
    this.space();
    if (this.text[this.at] === '}') return void (this.at += 1);
    let comma = -1;
    for (;;) {
      this.space();
      const char = this.text[this.at];
      if (char === '}' && comma >= 0) this.fail('Trailing comma in JSON', comma);
      if (char !== '"') {
        if (char === undefined) this.fail('Unexpected end of JSON input');
        this.fail('Property names in JSON must be double-quoted strings');
      }
      this.string();
      this.space();
      if (this.text[this.at] !== ':') this.expected("':' after a property name");
      this.at += 1;
      this.value();
      this.space();
      const next = this.text[this.at];
      if (next === '}') return void (this.at += 1);
      if (next !== ',') this.expected("',' or '}' after a property value");
      comma = this.at;
      this.at += 1;
    }
  }

  private array(): void {
    this.at += 1;
    this.space();
    if (this.text[this.at] === ']') return void (this.at += 1);
    for (;;) {
      this.value();
      this.space();
      const next = this.text[this.at];
      if (next === ']') return void (this.at += 1);
      if (next !== ',') this.expected("',' or ']' after an array element");
      const comma = this.at;
      this.at += 1;
      this.space();
      if (this.text[this.at] === ']') this.fail('Trailing comma in JSON', comma);
    }
  }

  private string(): void {
    const start = this.at;
    this.at += 1;
    for (;;) {
      const char = this.text[this.at];
      if (char === undefined) this.fail('Unterminated string in JSON', start);
      if (char === '"') return void (this.at += 1);
      if (char === '\\') {
        const escape = this.text[this.at + 1];
        if (escape === 'u' && /^[0-9a-fA-F]{4}$/.test(this.text.slice(this.at + 2, this.at + 6))) this.at += 6;
        else if (escape !== undefined && '"\\/bfnrt'.includes(escape)) this.at += 2;
        else this.fail('Bad escape in JSON string');
        continue;
      }
      if (char === '\n') this.fail('Unterminated string in JSON', start);
      if (char < ' ') this.fail('Unescaped control character in JSON string');
      this.at += 1;
    }
  }

  private number(): void {
    NUMBER.lastIndex = this.at;
    const match = NUMBER.exec(this.text);
    if (!match) this.fail('Bad number in JSON');
    this.at += match[0].length;
  }

  private space(): void {
    while (this.at < this.text.length && ' \t\n\r'.includes(this.text[this.at] ?? '')) this.at += 1;
  }

  private expected(what: string): never {
    if (this.at === this.text.length) this.fail('Unexpected end of JSON input');
    this.fail(`Expected ${what}`);
  }

  private unexpected(where = ''): never {
    if (this.at === this.text.length) this.fail('Unexpected end of JSON input');
    const char = this.text[this.at] ?? '';
    this.fail(`Unexpected character ${JSON.stringify(char)}${where ? ` ${where}` : ''}`);
  }

  private fail(message: string, offset = this.at): never {
    throw new JsonFailure(message, offset);
  }
}

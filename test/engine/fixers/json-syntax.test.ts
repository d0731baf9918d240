// The json-syntax rule: JavaScript-style JSON becomes JSON with the same data and the same layout.
import { describe, expect, it } from 'vitest';
import { fixJsonSyntax } from '../../../src/engine/offline/fixers/json-syntax';
import { fixInput } from './input';

const json = (code: string) => fixInput(code, { language: 'json', path: 'data/config.json', error: { message: 'Trailing comma in JSON' } });

describe('fixJsonSyntax', () => {
  it('removes trailing commas and keeps the layout', () => {
    const code = '{\n  "name": "todo",\n  "tags": [\n    "a",\n    "b",\n  ],\n}\n';
    expect(fixJsonSyntax(json(code))).toEqual([
      {
        code: '{\n  "name": "todo",\n  "tags": [\n    "a",\n    "b"\n  ]\n}\n',
        explanation: 'Removed 2 trailing commas; the data is unchanged.',
        rule: 'json-syntax',
      },
    ]);
  });

  it('double-quotes single-quoted strings, escapes and all, and quotes bare keys', () => {
    const code = "{ name: 'Ada \"the\" Countess', 'it\\'s': 'a\\nb', n: 1 }";
    const [candidate] = fixJsonSyntax(json(code));
    expect(candidate?.code).toBe('{ "name": "Ada \\"the\\" Countess", "it\'s": "a\\nb", "n": 1 }');
    expect(JSON.parse(candidate?.code ?? '')).toEqual({ name: 'Ada "the" Countess', "it's": 'a\nb', n: 1 });
    expect(candidate?.explanation).toBe('Double-quoted 3 single-quoted strings and quoted 2 bare keys; the data is unchanged.');
  });

  it('removes comments, and the lines they stood alone on', () => {
    const code = '{\n  // the port\n  "port": 8080, /* default */\n  "host": "x"\n}\n';
    expect(fixJsonSyntax(json(code))[0]?.code).toBe('{\n  "port": 8080,\n  "host": "x"\n}\n');
  });

  it('adds a comma missing between two values', () => {
    const code = '{\n  "a": 1\n  "b": [1 2]\n}\n';
    expect(fixJsonSyntax(json(code))[0]?.code).toBe('{\n  "a": 1,\n  "b": [1, 2]\n}\n');
  });

  it('leaves strings that look like JSON mistakes alone', () => {
    const code = "{ \"text\": \"a, ] 'b' // c\", x: 1, }";
    expect(fixJsonSyntax(json(code))[0]?.code).toBe("{ \"text\": \"a, ] 'b' // c\", \"x\": 1 }");
  });

  it('proposes nothing for valid JSON, for holes in arrays, and for other languages', () => {
    expect(fixJsonSyntax(json('{"a": [1, 2]}'))).toEqual([]);
    expect(fixJsonSyntax(json('[1,,2]'))).toEqual([]);
    expect(fixJsonSyntax(fixInput("const a = { b: 'c', };\n"))).toEqual([]);
  });

  it('says when the rewrite leaves the JSON still invalid', () => {
    expect(fixJsonSyntax(json("{ 'a': [1, 2 }"))[0]).toMatchObject({ code: '{ "a": [1, 2 }', explanation: 'Double-quoted a single-quoted string; the data is unchanged. Other errors remain.' });
  });
});

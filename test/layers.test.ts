// The floors of src/ import only downwards (STYLE.md, "The house today"): the database and the
// library below it know nothing of the features built on them.
/// <reference types="vite/client" />
import { describe, expect, it } from 'vitest';

/** Every module of the lowest floors, as source text (Vite reads them at build time; workerd has no file system). */
const lowest: Record<string, string> = import.meta.glob(['../src/db/**/*.ts', '../src/lib/**/*.ts'], { query: '?raw', import: 'default', eager: true });

/** The specifiers a module imports from, type-only imports included. */
const importsOf = (source: string) => [...source.matchAll(/^import[^'"]*from\s+'([^']+)'/gm)].map((match) => match[1]!);

describe('layers', () => {
  it('db/ and lib/ import no feature', () => {
    expect(Object.keys(lowest).length).toBeGreaterThan(20);
    const upward = Object.entries(lowest).flatMap(([path, source]) =>
      importsOf(source)
        .filter((specifier) => /(?:^|\/)(?:features|durable-objects|queues|engine|sandbox|checks)\//.test(specifier))
        .map((specifier) => `${path} imports ${specifier}`),
    );
    expect(upward).toEqual([]);
  });
});

// The floors of src/ import only downwards (STYLE.md, "The house today"): the database and the
// library below it know nothing of the features built on them, and projects, which every feature
// builds on, know none of them either (what a project owns is a registry the features fill).
/// <reference types="vite/client" />
import { describe, expect, it } from 'vitest';

/** Every module of the lowest floors, as source text (Vite reads them at build time; workerd has no file system). */
const lowest: Record<string, string> = import.meta.glob(['../src/db/**/*.ts', '../src/lib/**/*.ts'], { query: '?raw', import: 'default', eager: true });
/** The projects feature but its routes, which hand the service the registry of parts. */
const projects: Record<string, string> = import.meta.glob(['../src/features/projects/*.ts', '!../src/features/projects/routes.ts'], { query: '?raw', import: 'default', eager: true });

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

  it('the projects service imports no other feature, so each feature may build on it', () => {
    expect(Object.keys(projects)).toContain('../src/features/projects/service.ts');
    const upward = Object.entries(projects).flatMap(([path, source]) =>
      importsOf(source)
        .filter((specifier) => specifier.startsWith('../') && !specifier.startsWith('../../'))
        .map((specifier) => `${path} imports ${specifier}`),
    );
    expect(upward).toEqual([]);
  });
});

// TIS through its routes: the catalog, matching, composing a template for weak matches, validation.
import { describe, expect, it } from 'vitest';
import type { Template } from '../../src/engine/types';
import { MATCH_THRESHOLD } from '../../src/features/tis/matcher';
import type { TISMatchResponse } from '../../src/features/tis/routes';
import { CATALOG } from '../../src/templates/catalog';
import { call, callJson, createUser } from '../helpers';

interface Problem {
  status: number;
  detail: string;
  errors?: { location: string; pointer: string; detail: string }[];
}

/** The catalog template a composed template was built on, from its id `composed-<nearest>-<hash>`. */
function nearestOf(result: TISMatchResponse) {
  const nearest = CATALOG.find((meta) => result.template.id.startsWith(`composed-${meta.id}-`));
  if (!nearest) throw new Error(`${result.template.id} is not a composed template id`);
  return nearest;
}

async function matchFor(body: Record<string, unknown>) {
  const user = await createUser();
  return callJson<TISMatchResponse>('/api/tis/match', { key: user.key, body });
}

describe('TIS catalog', () => {
  it('lists every catalog template with its files', async () => {
    const user = await createUser();
    const templates = await callJson<Template[]>('/api/tis/templates', { key: user.key });
    expect(templates.map((template) => template.id)).toEqual(CATALOG.map((meta) => meta.id));
    for (const template of templates) {
      expect(template.files).toContain('index.html');
      expect(template.features.length).toBeGreaterThan(0);
      expect(Object.keys(template).sort()).toEqual(['category', 'description', 'features', 'files', 'id', 'name', 'techStack']);
    }
  });
});

describe('TIS match', () => {
  it('matches a clear request to its catalog template', async () => {
    const result = await matchFor({ description: 'A shared checklist of chores we tick off', features: ['filter'] });
    expect(result).toMatchObject({ matched: true, source: 'catalog', template: { id: 'todo-list', category: 'productivity' } });
    expect(result.score).toBeGreaterThanOrEqual(MATCH_THRESHOLD);
    expect(result.alternatives).toHaveLength(CATALOG.length - 1);
    expect(result.alternatives.map((alternative) => alternative.templateId)).not.toContain('todo-list');
  });

  it('gives scores in [0, 1] and alternatives best first', async () => {
    const result = await matchFor({ description: 'an online shop for my prints with a cart and coupon codes' });
    const scores = [result.score, ...result.alternatives.map((alternative) => alternative.score)];
    expect(scores.every((score) => score >= 0 && score <= 1)).toBe(true);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(result.template.id).toBe('product-catalog');
  });

  it('is deterministic: the same request twice gives the same answer', async () => {
    for (const description of ['a blog for my travel stories', 'qwzx blorp vintage zeppelin regatta']) {
      const body = { description, features: ['dark mode', 'rss feed'] };
      expect(await matchFor(body)).toEqual(await matchFor(body));
    }
  });

  it('composes a template on the nearest one for gibberish, with the requested features', async () => {
    const result = await matchFor({ description: 'qwzx blorp frumious bandersnatch', features: ['Dark mode', 'export as PDF'] });
    expect(result).toMatchObject({ matched: false, source: 'generated' });
    expect(result.score).toBeLessThan(MATCH_THRESHOLD);
    const nearest = nearestOf(result);
    expect(result.template).toMatchObject({
      category: nearest.category,
      description: 'qwzx blorp frumious bandersnatch',
      techStack: nearest.techStack,
    });
    expect(result.template.id).toMatch(/^composed-[a-z-]+-[0-9a-f]{8}$/);
    expect(result.template.features).toEqual([...nearest.features, 'dark-mode', 'export-as-pdf']);
    expect(result.template.files).toContain('index.html');
  });

  it('composes on the nearest template for an idea the catalog does not cover, keeping what it already has once', async () => {
    const description = 'a weather station for my garden with hourly temperatures';
    const nearest = nearestOf(await matchFor({ description }));
    const sameAsNearest = nearest.features[0]!.replaceAll('-', ' ');
    const result = await matchFor({ name: 'Garden weather', description, features: [sameAsNearest, 'rain alerts', 'frost warnings'] });
    expect(result).toMatchObject({ matched: false, source: 'generated', fit: 'none', template: { name: 'Garden weather' } });
    expect(nearestOf(result)).toBe(nearest);
    // The first requested feature is the nearest template's own; the other two are new.
    expect(result.template.features).toEqual([...nearest.features, 'rain-alerts', 'frost-warnings']);
  });

  it('names a composed template from the description when the request has no name', async () => {
    const result = await matchFor({ description: 'I want a chess club ladder, with elo ratings' });
    expect(result.source).toBe('generated');
    expect(result.template.name).toBe('Chess club ladder');
  });

  it('gives different composed ids to different requests and the same id to the same normalised request', async () => {
    const first = await matchFor({ description: 'zebra crossing census', features: ['Night mode', 'export'] });
    const respelled = await matchFor({ description: '  Zebra   crossing census ', features: ['export', 'night-mode'] });
    const other = await matchFor({ description: 'zebra crossing census', features: ['export'] });
    expect(respelled.template.id).toBe(first.template.id);
    expect(other.template.id).not.toBe(first.template.id);
  });

  it('refuses an unknown model with a 400 that lists the available ones', async () => {
    const user = await createUser();
    const response = await call('/api/tis/match', { key: user.key, body: { description: 'a todo list', model: 'openai:gpt-4.1-mini' } });
    expect(response.status).toBe(400);
    const problem = await response.json<Problem>();
    expect(problem.detail).toContain('Available: offline');
    expect(problem.errors?.[0]?.pointer).toBe('#/model');
  });
});

describe('TIS: API description', () => {
  it('documents both routes with the Template and TISMatchResponse schemas', async () => {
    const document = await callJson<{ paths: Record<string, unknown>; components: { schemas: Record<string, unknown> } }>('/openapi.json');
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/api/tis/templates', '/api/tis/match']));
    expect(Object.keys(document.components.schemas)).toEqual(expect.arrayContaining(['Template', 'TISMatchResponse']));
  });
});

describe('TIS: validation', () => {
  it.each([
    ['no description', '#/description', {}],
    ['an empty description', '#/description', { description: '' }],
    ['a blank description', '#/description', { description: '   ' }],
    ['a description over 4000 characters', '#/description', { description: 'x'.repeat(4001) }],
    ['a number as description', '#/description', { description: 42 }],
    ['features as a string', '#/features', { description: 'a blog', features: 'dark mode' }],
    ['31 features', '#/features', { description: 'a blog', features: Array.from({ length: 31 }, (_, i) => `feature ${i}`) }],
    ['a feature over 60 characters', '#/features/0', { description: 'a blog', features: ['x'.repeat(61)] }],
    ['an empty feature', '#/features/1', { description: 'a blog', features: ['ok', ''] }],
    ['a number as feature', '#/features/0', { description: 'a blog', features: [7] }],
    ['a number as name', '#/name', { description: 'a blog', name: 3 }],
    ['an array as model', '#/model', { description: 'a blog', model: ['offline'] }],
  ])('%s is a 400 naming %s', async (_case, pointer, body) => {
    const user = await createUser();
    const response = await call('/api/tis/match', { key: user.key, body });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    const problem = await response.json<Problem>();
    expect(problem.errors?.map((error) => error.pointer)).toContain(pointer);
  });
});

describe('TIS: authentication', () => {
  it.each([
    ['GET', '/api/tis/templates', undefined],
    ['POST', '/api/tis/match', { description: 'a todo list' }],
  ])('%s %s is 401 without a key', async (method, path, body) => {
    const response = await call(path, { method, body });
    expect(response.status).toBe(401);
  });
});

// Honest fit: the match, the plan, the chat and the consultant say when no template has the idea's
// core; offline, such a plan is a 422 unless the caller accepts the nearest app; ids from the match are plannable.
import { describe, expect, it } from 'vitest';
import type { BuildPlan } from '../../src/features/plans/service';
import type { TISMatchResponse } from '../../src/features/tis/routes';
import { call, callJson, createProject, createUser } from '../helpers';
import type { TestUser } from '../helpers';

const CHESS = 'A multiplayer chess game with elo ratings and timers';

async function match(user: TestUser, body: Record<string, unknown>) {
  return callJson<TISMatchResponse>('/api/tis/match', { key: user.key, body });
}

describe('fit in the match', () => {
  it('is exact when the template is the idea, partial when it lacks requested features, none when nothing has its core', async () => {
    const user = await createUser();
    expect(await match(user, { description: 'a checklist of chores I tick off' })).toMatchObject({ fit: 'exact', missingFeatures: [], template: { id: 'todo-list' } });
    expect(await match(user, { description: 'a checklist of chores', features: ['filter', 'dark mode'] })).toMatchObject({
      fit: 'partial',
      missingFeatures: ['dark-mode'],
      template: { id: 'todo-list' },
    });
    const none = await match(user, { description: CHESS });
    expect(none).toMatchObject({ matched: false, source: 'generated', fit: 'none' });
    expect(none.missingFeatures[0]).toBe('multiplayer-chess-game-with-elo-ratings');
  });
});

describe('a plan for an idea no template fits, offline', () => {
  it('is a 422 naming the nearest templates and the models that could build it', async () => {
    const user = await createUser();
    const project = await createProject(user, { name: 'Chess club', description: CHESS });
    const response = await call(`/api/projects/${project.id}/plans`, { key: user.key, body: {} });
    expect(response.status).toBe(422);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    const problem = await response.json<{ detail: string; fit: string; missingFeatures: string[]; nearestTemplates: { templateId: string }[]; models: string[] }>();
    expect(problem.fit).toBe('none');
    expect(problem.missingFeatures[0]).toBe('multiplayer-chess-game-with-elo-ratings');
    expect(problem.nearestTemplates).toHaveLength(3);
    expect(problem.models).toContain('openai:gpt-4.1-mini');
    expect(problem.detail).toContain('"allowPartial": true');
    expect((await callJson<BuildPlan[]>(`/api/projects/${project.id}/plans`, { key: user.key }))).toEqual([]);
  });

  it('with allowPartial builds the nearest app, with fit none and the missing features specified, and the chat and consultant say so', async () => {
    const user = await createUser();
    const project = await createProject(user, { name: 'Chess club', description: CHESS });
    const plan = await callJson<BuildPlan>(`/api/projects/${project.id}/plans`, { key: user.key, body: { allowPartial: true }, expect: 201 });
    expect(plan.fit).toBe('none');
    expect(plan.missingFeatures).toContain('multiplayer-chess-game-with-elo-ratings');
    expect(plan.steps.map((step) => step.title)).toContain('Specify multiplayer chess game with elo ratings');
    expect(plan.templateId).toMatch(/^composed-/);

    const reply = await callJson<{ content: string }>(`/api/projects/${project.id}/chat`, { key: user.key, body: { content: 'What is the status of my project?' } });
    expect(reply.content).toContain('fit: none');
    expect(reply.content).toContain('multiplayer-chess-game-with-elo-ratings');

    const session = await callJson<{ id: string }>('/api/agency', { key: user.key, body: { projectId: project.id }, expect: 201 });
    const advice = await callJson<{ content: string }>(`/api/agency/${session.id}/message`, { key: user.key, body: { content: 'What should the first version include?' } });
    expect(advice.content).toContain('fit: none');
  });

  it('stores a plan of more steps than one INSERT may bind (D1 binds at most 100 values a statement)', async () => {
    const user = await createUser();
    const project = await createProject(user, { name: 'Chores', description: 'A shared checklist of chores we tick off' });
    // The todo list's three steps and one specification step per missing feature: 3 + 9 steps of 13 columns.
    const features = ['reminders', 'due dates', 'tags', 'sharing', 'comments', 'attachments', 'calendar', 'export', 'import'];
    const plan = await callJson<BuildPlan>(`/api/projects/${project.id}/plans`, { key: user.key, body: { features, allowPartial: true }, expect: 201 });
    expect(plan.steps.length).toBeGreaterThan(7);
    const [stored] = await callJson<BuildPlan[]>(`/api/projects/${project.id}/plans`, { key: user.key });
    expect(stored!.steps.map((step) => step.title)).toEqual(plan.steps.map((step) => step.title));
  });

  it('stores fit exact for an idea a template is', async () => {
    const user = await createUser();
    const project = await createProject(user, { name: 'Chores', description: 'A shared checklist of chores we tick off' });
    const plan = await callJson<BuildPlan>(`/api/projects/${project.id}/plans`, { key: user.key, body: {}, expect: 201 });
    expect(plan).toMatchObject({ templateId: 'todo-list', fit: 'exact', missingFeatures: [] });
  });
});

describe('template ids from the match', () => {
  it('are accepted by POST .../plans and give the same template, composed ones included', async () => {
    const user = await createUser();
    const project = await createProject(user, { name: 'Anything', description: 'something else entirely' });
    for (const body of [{ description: 'a checklist of chores' }, { description: CHESS, features: ['dark mode'] }]) {
      const matched = await match(user, body);
      const plan = await callJson<BuildPlan>(`/api/projects/${project.id}/plans`, { key: user.key, body: { templateId: matched.template.id }, expect: 201 });
      expect(plan.templateId).toBe(matched.template.id);
      expect(plan.fit).toBe(matched.fit);
      expect(plan.features).toEqual(expect.arrayContaining(matched.template.features));
      expect(plan.missingFeatures).toEqual(expect.arrayContaining(matched.missingFeatures));
    }
  });

  it("are not another user's: a composed id answered to someone else is a 400", async () => {
    const owner = await createUser();
    const other = await createUser();
    const matched = await match(owner, { description: CHESS });
    const project = await createProject(other);
    const response = await call(`/api/projects/${project.id}/plans`, { key: other.key, body: { templateId: matched.template.id } });
    expect(response.status).toBe(400);
  });
});

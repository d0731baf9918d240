// A deployment's siteUrl is its project environment's stable address, and the site it serves
// carries the project's name as title and main heading.
import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { BuildPlan } from '../../src/features/plans/service';
import { callJson, createProject, createUser, deployProject } from '../helpers';
import type { TestUser } from '../helpers';

const visit = (url: string) => exports.default.fetch(new Request(url));

async function buildAndDeploy(user: TestUser, projectId: string, templateId: string) {
  const plan = await callJson<BuildPlan>(`/api/projects/${projectId}/plans`, { key: user.key, body: { templateId }, expect: 201 });
  for (const step of plan.steps) await callJson(`/api/projects/${projectId}/generate`, { key: user.key, body: { planId: plan.id, stepId: step.id } });
  return deployProject(user, projectId);
}

describe('Deployment.siteUrl', () => {
  it.each([
    ['todo-list', 'Chores for the Nguyen house'],
    ['blog', 'My Blog'],
    ['product-catalog', 'Mugs & More'],
  ])("is the project's p-…-preview address, and %s served there shows the project's name as title and heading", async (templateId, name) => {
    const user = await createUser();
    const project = await createProject(user, { name, description: 'Made for the people who live here.' });
    const first = await buildAndDeploy(user, project.id, templateId);
    const compact = project.id.replaceAll('-', '').slice(-12);
    expect(first.siteUrl).toBe(`http://p-${compact}-preview.localhost:8787/`);

    const html = await (await visit(first.siteUrl!)).text();
    const escaped = name.replaceAll('&', '&amp;');
    expect(html).toContain(`<title>${escaped}</title>`);
    expect(html.match(/<h1[^>]*>([\s\S]*?)<\/h1>/)?.[1]?.replace(/<[^>]*>/g, '').trim()).toBe(escaped);
    expect(html).toContain('Made for the people who live here.');

    const second = await deployProject(user, project.id);
    expect(second.siteUrl).toBe(first.siteUrl);
    expect(second.url).not.toBe(first.url);
  });

  it('is null until the deployment is live', async () => {
    const user = await createUser();
    const project = await createProject(user);
    const queued = await callJson<{ siteUrl: string | null }>(`/api/projects/${project.id}/deployments`, { key: user.key, body: { environment: 'preview' }, expect: 202 });
    expect(queued.siteUrl).toBeNull();
  });
});

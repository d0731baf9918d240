// Build by chatting, in a real browser: a todo app generated offline, renamed and deployed through
// the chat alone ("Call it Chore Wheel", "deploy it"), shows its new name as heading and title.
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { apiClient, ARTIFACTS } from './api';
import { launchChromium, watchPage } from './chromium';

const LIVE_TIMEOUT_MS = 60_000;

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(() => browser?.close());

it('renames a generated todo app and deploys it by chat; the live preview shows "Chore Wheel" as heading and title', async () => {
  const client = apiClient(inject('api'), inject('apiKey'));
  const created = await client.api.projects.$post({ json: { name: 'Chores', description: 'A shared checklist of chores' } });
  expect(created.status).toBe(201);
  if (created.status !== 201) return;
  const param = { projectId: (await created.json()).id };
  const planned = await client.api.projects[':projectId'].plans.$post({ param, json: { templateId: 'todo-list' } });
  if (planned.status !== 201) throw new Error(`plan: ${planned.status} ${await planned.text()}`);
  const plan = await planned.json();
  for (const step of plan.steps) {
    const generated = await client.api.projects[':projectId'].generate.$post({ param, json: { planId: plan.id, stepId: step.id } });
    expect(generated.status).toBe(200);
  }

  const say = async (content: string) => {
    const response = await client.api.projects[':projectId'].chat.$post({ param, json: { content } });
    if (response.status !== 200) throw new Error(`chat "${content}": ${response.status} ${await response.text()}`);
    return response.json();
  };
  const renamed = await say('Call it Chore Wheel');
  expect(renamed.versionId).not.toBeNull();
  expect(renamed.checks?.ok).toBe(true);
  const deployed = await say('deploy it');
  expect(deployed.parts.map((part) => part.type)).toContain('tool-deploy');

  let url: string | null = null;
  const deadline = Date.now() + LIVE_TIMEOUT_MS;
  while (!url && Date.now() < deadline) {
    const listed = await client.api.projects[':projectId'].deployments.$get({ param, query: {} });
    if (listed.status !== 200) throw new Error(`deployments: ${listed.status}`);
    const [newest] = await listed.json();
    if (newest?.status === 'failed') throw new Error(`the deployment failed: ${newest.error}`);
    if (newest?.status === 'live') url = newest.url;
    else await new Promise((resolve) => setTimeout(resolve, 250));
  }
  if (!url) throw new Error(`the deployment was not live within ${LIVE_TIMEOUT_MS / 1000} s`);

  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    const page = await context.newPage();
    const problems = watchPage(page);
    expect((await page.goto(url, { waitUntil: 'load' }))?.status()).toBe(200);
    await expect(page.title()).resolves.toBe('Chore Wheel');
    await expect(page.locator('h1').textContent()).resolves.toBe('Chore Wheel');
    await page.screenshot({ path: join(ARTIFACTS, 'builder-chore-wheel.png'), fullPage: true });
    expect(problems).toEqual([]);
  } finally {
    await context.close();
  }
});

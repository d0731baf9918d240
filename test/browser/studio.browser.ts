// Promptax Studio in Chromium, driven as a person would: a key, an idea, a build, the live preview,
// every screen (keyboard first, axe-core clean), then the builder chat changing the preview, a
// restore changing it back, and a reload in the middle of a turn (held open by the stub model
// server's slow answer). Nothing may log a console error, fail a request, or reach a host other than
// the API's and its sites'.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AxeResults, RunOptions } from 'axe-core';
import type { Browser, FrameLocator, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import type { StubReply } from '../model-server/scenario';
import { apiClient } from './api';
import { launchChromium, watchPage } from './chromium';
import { keepScreenshot } from './screenshots';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
/** How long the preview may take to show a change: a deployment through the local queue, then a page load. */
const PREVIEW_TIMEOUT_MS = 60_000;
/** A whole journey: a dozen screens, two or three deployments and a test run on a shared machine. */
const JOURNEY_TIMEOUT_MS = 300_000;

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(() => browser?.close());

/**
 * A fresh page, with what goes wrong on it and every host it asks that is not the API's or a site's.
 * Chromium reports an event stream that the page read to its end with a stream reader (progress,
 * the chat) as aborted (net::ERR_ABORTED) though it completed (curl sees it end cleanly, and the
 * same request read with text() is reported finished): those reports are left out, and each test
 * checks instead that the page showed what the streams carried.
 */
async function openStudio(): Promise<{ page: Page; problems: () => string[]; foreignHosts: Set<string>; close: () => Promise<void> }> {
  // The README's screenshots are of this viewport: wide enough for a screen beside its preview, and small.
  const context = await browser.newContext({ viewport: { width: 1200, height: 800 } });
  const page = await context.newPage();
  const watched = watchPage(page);
  const streams = new Set<string>();
  page.on('response', (response) => {
    if (response.status() === 200 && response.headers()['content-type']?.startsWith('text/event-stream')) streams.add(`${response.request().method()} ${response.url()}`);
  });
  const problems = () => watched.filter((problem) => !/^failed: (.+) \(net::ERR_ABORTED\)$/.test(problem) || !streams.has(problem.slice('failed: '.length, -' (net::ERR_ABORTED)'.length)));
  const api = new URL(inject('api'));
  const foreignHosts = new Set<string>();
  page.on('request', (request) => {
    const { host } = new URL(request.url());
    if (host !== api.host && !host.endsWith(`.${api.host}`)) foreignHosts.add(host);
  });
  return { page, problems, foreignHosts, close: () => context.close() };
}

/**
 * The serious and critical accessibility violations axe-core finds on the page. axe is evaluated
 * through the DevTools protocol, which the page's CSP does not govern (a script tag would be
 * refused); the preview's frame is another origin, tested with the sites.
 */
async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  const options: RunOptions = { iframes: false, resultTypes: ['violations'] };
  const results = await page.evaluate((runOptions) => (window as unknown as { axe: { run(context: Document, options: RunOptions): Promise<AxeResults> } }).axe.run(document, runOptions), options);
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id} (${violation.impact}): ${violation.help} at ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
}

/** Checks a screen, once the test has waited for what it shows, with axe-core, and keeps a screenshot of it (screenshots.ts). */
async function checkScreen(page: Page, name: string): Promise<void> {
  expect(await axeViolations(page), `axe-core on the ${name} screen`).toEqual([]);
  await keepScreenshot(page, `studio-${name}`);
}

/** Presses Tab until `target` has the focus, as a keyboard user reaches a control. */
async function tabTo(page: Page, target: Locator): Promise<void> {
  for (let presses = 0; presses < 80; presses += 1) {
    await page.keyboard.press('Tab');
    if (await target.evaluate((element) => element === document.activeElement)) return;
  }
  throw new Error(`Tab never reached ${target}`);
}

/** The preview's frame and its main heading. */
const preview = (page: Page): FrameLocator => page.frameLocator('iframe[title^="Preview of"]');
const previewHeading = (page: Page) => preview(page).locator('h1').first();

async function enterKey(page: Page): Promise<void> {
  await page.goto(`${inject('api')}/`);
  await tabTo(page, page.getByLabel('API key'));
  await page.keyboard.type(inject('apiKey'));
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Projects', level: 1 }).waitFor();
  // The list has loaded: a test that goes on to another page does not cut its request short.
  await expect.poll(() => page.getByText('Loading…').count()).toBe(0);
}

it('takes "a habit tracker" from an idea to a live preview, with every screen usable by keyboard and axe-clean', { timeout: JOURNEY_TIMEOUT_MS }, async () => {
  const { page, problems, foreignHosts, close } = await openStudio();
  try {
    await page.goto(`${inject('api')}/`);
    await checkScreen(page, 'key');
    await enterKey(page);
    expect(await page.evaluate(() => Object.keys(sessionStorage))).toEqual(['promptax.apiKey']);
    expect(page.url()).not.toContain(inject('apiKey'));
    expect((await page.context().cookies()).length).toBe(0);

    // The idea, its template and fit, and the project: all from the keyboard.
    await tabTo(page, page.getByLabel('Your idea'));
    await page.keyboard.type('a habit tracker');
    await tabTo(page, page.getByRole('button', { name: 'Find a template' }));
    await page.keyboard.press('Enter');
    await page.getByText(/^Score \d+%/).waitFor();
    await checkScreen(page, 'projects');
    await tabTo(page, page.getByRole('button', { name: 'Create and plan it' }));
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'A habit tracker', level: 1 }).waitFor();
    expect(new URL(page.url()).pathname).toMatch(/^\/projects\/[0-9a-f-]{36}$/);

    // Build: every step, then a preview that shows the app.
    await tabTo(page, page.getByRole('button', { name: 'Generate all' }));
    await page.keyboard.press('Enter');
    await previewHeading(page).waitFor({ timeout: PREVIEW_TIMEOUT_MS });
    expect((await previewHeading(page).innerText()).trim()).not.toBe('');
    expect(await page.locator('iframe[title^="Preview of"]').getAttribute('src')).toMatch(/^http:\/\/d-[0-9a-f]{12}\.localhost:\d+\/$/);
    await expect.poll(() => page.locator('.node.done').count()).toBe(await page.locator('.node').count());
    await checkScreen(page, 'build');

    // Files: the tree, a file's content, the editor.
    await page.getByRole('link', { name: 'Files' }).click();
    await page.getByRole('button', { name: 'index.html' }).first().click();
    await expect.poll(() => page.getByLabel('Content of index.html').innerText()).toContain('<h1');
    await page.getByRole('button', { name: 'Edit' }).click();
    await page.getByLabel('Editing index.html').waitFor();
    await checkScreen(page, 'files');

    // Tests: a unit run, followed live until its suites finish.
    await page.getByRole('link', { name: 'Tests' }).click();
    await page.getByRole('button', { name: 'Run tests' }).click();
    await expect.poll(() => page.locator('.suites > li .badge.passed').count(), { timeout: PREVIEW_TIMEOUT_MS }).toBeGreaterThan(0);
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Running…' }).count(), { timeout: PREVIEW_TIMEOUT_MS }).toBe(0);
    await checkScreen(page, 'tests');

    await page.getByRole('link', { name: 'Deployments' }).click();
    await page.getByRole('cell', { name: 'live' }).first().waitFor();
    await checkScreen(page, 'deployments');

    await page.getByRole('link', { name: 'Consultant' }).click();
    await page.getByLabel('Question').fill('Who is this for, and how do I launch it?');
    await page.getByRole('button', { name: 'Ask' }).click();
    await page.locator('.message.assistant').first().waitFor();
    await checkScreen(page, 'consultant');

    await page.getByRole('link', { name: 'Usage' }).click();
    await page.getByRole('heading', { name: 'Usage', level: 1 }).waitFor();
    await checkScreen(page, 'usage');

    expect(problems()).toEqual([]);
    expect([...foreignHosts]).toEqual([]);
  } finally {
    await close();
  }
});

it('changes the preview from the chat ("call it Streaks") and restores the version before', { timeout: JOURNEY_TIMEOUT_MS }, async () => {
  const client = apiClient(inject('api'), inject('apiKey'));
  const created = await client.api.projects.$post({ json: { name: 'Habit tracker', description: 'a habit tracker' } });
  if (created.status !== 201) throw new Error(`create the project: ${created.status}`);
  const projectId = (await created.json()).id;
  const param = { projectId };
  const planned = await client.api.projects[':projectId'].plans.$post({ param, json: {} });
  if (planned.status !== 201) throw new Error(`plan: ${planned.status} ${await planned.text()}`);
  const plan = await planned.json();
  for (const step of plan.steps) {
    const generated = await client.api.projects[':projectId'].generate.$post({ param, json: { planId: plan.id, stepId: step.id } });
    if (generated.status !== 200) throw new Error(`generate "${step.title}": ${generated.status}`);
  }
  await client.api.projects[':projectId'].deployments.$post({ param, json: {} });

  const { page, problems, foreignHosts, close } = await openStudio();
  // Read replicas: the Studio sends back a D1 bookmark the API answered, so it reads its own writes.
  const answered = new Set<string>();
  const sentBack: string[] = [];
  page.on('response', (response) => {
    const bookmark = response.headers()['x-d1-bookmark'];
    if (bookmark) answered.add(bookmark);
  });
  page.on('request', (request) => {
    const bookmark = request.headers()['x-d1-bookmark'];
    if (bookmark && request.method() === 'GET') sentBack.push(bookmark);
  });
  try {
    await enterKey(page);
    await page.goto(`${inject('api')}/projects/${projectId}/chat`);
    await previewHeading(page).waitFor({ timeout: PREVIEW_TIMEOUT_MS });
    const before = (await previewHeading(page).innerText()).trim();
    expect(before).not.toBe('Streaks');

    // The builder renames the app; the preview follows.
    await page.getByLabel('Message').fill('call it Streaks');
    await page.getByRole('button', { name: 'Send' }).click();
    await page.locator('.message.assistant .tool').first().waitFor({ timeout: PREVIEW_TIMEOUT_MS });
    await expect.poll(() => previewHeading(page).innerText(), { timeout: PREVIEW_TIMEOUT_MS }).toContain('Streaks');
    // The project is renamed with the app, and the Studio's header reads it again.
    await expect.poll(() => page.locator('.project-head h1').innerText()).toBe('Streaks');
    await checkScreen(page, 'chat');

    // The rename's version and its diff; restoring the version before it brings the old heading back.
    await page.getByRole('link', { name: 'Versions' }).click();
    await page.getByRole('button', { name: /^Show the diff of version/ }).first().click();
    await expect.poll(() => page.getByLabel('Diff', { exact: true }).innerText()).toContain('+');
    expect(await page.getByLabel('Diff', { exact: true }).innerText()).toContain('Streaks');
    await checkScreen(page, 'versions');
    await page.getByRole('button', { name: /^Restore version \d+$/ }).first().click();
    await expect.poll(() => previewHeading(page).innerText(), { timeout: PREVIEW_TIMEOUT_MS }).toBe(before);

    expect(sentBack.length).toBeGreaterThan(0);
    expect(sentBack.filter((bookmark) => !answered.has(bookmark))).toEqual([]);
    expect(problems()).toEqual([]);
    expect([...foreignHosts]).toEqual([]);
  } finally {
    await close();
  }
});

it('resumes a turn that a reload interrupted, and shows it finished once', { timeout: JOURNEY_TIMEOUT_MS }, async () => {
  const client = apiClient(inject('api'), inject('apiKey'));
  const created = await client.api.projects.$post({ json: { name: 'Habit tracker', description: 'a habit tracker' } });
  if (created.status !== 201) throw new Error(`create the project: ${created.status}`);
  const projectId = (await created.json()).id;
  // The stub model answers slowly (18 pieces, over about eleven seconds), so the reload lands in the
  // middle of the turn even on a loaded machine, where a reload can take seconds.
  const stub = inject('stubModel');
  const answer = 'Streaks is a good name for a habit tracker: short, and it says what keeps people coming back. Say "call it Streaks" and I will rename it.';
  const reply: StubReply = { content: answer, delayMs: 600 };
  await fetch(`${stub.scenario}/replies`, { method: 'POST', body: JSON.stringify([reply]) });

  const { page, problems, foreignHosts, close } = await openStudio();
  try {
    await enterKey(page);
    await page.goto(`${inject('api')}/projects/${projectId}/chat`);
    await page.getByLabel('Model').selectOption(stub.id);
    await page.getByLabel('Message').fill('Would Streaks be a good name?');
    await page.getByRole('button', { name: 'Send' }).click();
    const replyText = () => page.locator('.message.assistant .text').last().innerText();
    await expect.poll(replyText, { timeout: PREVIEW_TIMEOUT_MS }).not.toBe('');
    const before = await replyText();
    expect(answer.startsWith(before) && before.length < answer.length, `the turn is still running when the page reloads (${before.length} of ${answer.length} characters)`).toBe(true);

    const resumed: number[] = [];
    page.on('response', (response) => {
      if (/^\/api\/projects\/[^/]+\/chat\/[^/]+\/stream$/.test(new URL(response.url()).pathname)) resumed.push(response.status());
    });
    await page.reload();
    await expect.poll(replyText, { timeout: PREVIEW_TIMEOUT_MS }).toBe(answer);
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Promptax is working' }).count()).toBe(0);
    // useChat re-attached at the SDK's resume URL while the turn ran (a 204 would mean it had ended).
    expect(resumed).toEqual([200]);
    expect(await page.locator('.message.user').count()).toBe(1);
    expect(await page.locator('.message.assistant').count()).toBe(1);
    // The stored turn is the finished one, from the model that was picked.
    const history = await client.api.projects[':projectId'].chat.$get({ param: { projectId }, query: {} });
    const messages = history.status === 200 ? await history.json() : [];
    expect(messages.map((message) => [message.role, message.status, message.model])).toEqual([
      ['user', 'complete', stub.id],
      ['assistant', 'complete', stub.id],
    ]);
    expect(messages[1]?.content).toBe(answer);

    expect(problems()).toEqual([]);
    expect([...foreignHosts]).toEqual([]);
  } finally {
    await close();
  }
});

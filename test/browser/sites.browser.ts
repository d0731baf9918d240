// Every catalog template, generated offline and deployed, works in a real browser: it loads with no
// console error and no failed request, and its own smoke interaction passes.
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, inject, it } from 'vitest';
import { CATALOG } from '../../src/templates/catalog';
import { apiClient, ARTIFACTS, deployTemplate } from './api';
import { launchChromium, watchPage } from './chromium';
import { runSmoke } from './smoke';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(() => browser?.close());

// Concurrently, `maxConcurrency` (vitest.browser.config.ts) at a time: a template spends much of its
// time waiting (on its deployment's queue batch, on its page), which the others fill.
describe.concurrent('every template', () => {
  it.for(CATALOG)('$id deploys and works in Chromium: $smoke.description', async (template, { expect }) => {
    const url = await deployTemplate(apiClient(inject('api'), inject('apiKey')), template.id);
    // A fresh context per site: its own localStorage, so no template sees another's state.
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    try {
      const page = await context.newPage();
      const problems = watchPage(page);
      const response = await page.goto(url, { waitUntil: 'load' });
      expect(response?.status()).toBe(200);
      await runSmoke(page, template.smoke.steps);
      await page.waitForLoadState('networkidle');
      await page.screenshot({ path: join(ARTIFACTS, `${template.id}.png`), fullPage: true });
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

// /docs renders the API reference from /openapi.json with the Worker's own script, and shows every operation.
import { join } from 'node:path';
import { expect, inject, it } from 'vitest';
import { ARTIFACTS } from './api';
import { launchChromium, watchPage } from './chromium';

interface OpenApiDocument {
  paths: Record<string, Record<string, { summary?: string }>>;
}

it('/docs renders every operation of /openapi.json, offline, without errors', async () => {
  const api = inject('api');
  const document = (await (await fetch(`${api}/openapi.json`)).json()) as OpenApiDocument;
  const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({ method, path, summary: operation.summary })),
  );
  expect(operations.length).toBeGreaterThan(20);
  expect(operations.filter((operation) => !operation.summary)).toEqual([]);

  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const problems = watchPage(page);
    await page.goto(`${api}/docs`, { waitUntil: 'networkidle' });
    // The sidebar shows one group per tag, the first one open: open the others to list every operation.
    const closedGroup = page.getByRole('button', { name: /^Open Group - / }).first();
    await page.getByRole('button', { name: /^Close Group - / }).first().waitFor({ timeout: 15_000 });
    while ((await closedGroup.count()) > 0) await closedGroup.click();
    const text = await page.locator('body').innerText();
    const missing = operations.filter((operation) => !text.includes(operation.summary!));
    expect(missing).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, 'docs.png') });
    expect(problems).toEqual([]);
  } finally {
    await browser.close();
  }
});

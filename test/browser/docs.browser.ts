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

/** Whether a request stays on this machine: the API's origin, or a page-made `data:`/`blob:` URL. */
function staysLocal(url: string): boolean {
  const { protocol, hostname } = new URL(url);
  if (!['http:', 'https:', 'ws:', 'wss:'].includes(protocol)) return true;
  return hostname === 'localhost' || hostname === '127.0.0.1' || hostname.endsWith('.localhost');
}

/** How many controls the walk clicks at most: every group, operation and panel of /docs, within the test's time. */
const MAX_CLICKS = 150;

it('/docs sends no request to another host, whatever is clicked', async () => {
  const api = inject('api');
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    // Every request of every page and popup is seen here; one for another host is recorded and never sent.
    const outside = new Set<string>();
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (staysLocal(url)) return route.continue();
      outside.add(url);
      return route.abort('blockedbyclient');
    });
    context.on('websocket', (socket) => {
      if (!staysLocal(socket.url())) outside.add(socket.url());
    });
    const newPage = async () => {
      const opened = await context.newPage();
      // A control that opens a window: its requests were checked above; the window itself is closed.
      opened.on('popup', (popup) => void popup.close());
      return opened;
    };
    let page = await newPage();
    const openDocs = async () => {
      if (page.isClosed()) page = await newPage();
      await page.goto(`${api}/docs`, { waitUntil: 'networkidle' });
      await page.getByText('The session of the key sent').first().waitFor({ timeout: 60_000 });
    };
    await openDocs();
    expect(await page.getByText(/Ask AI/i).count()).toBe(0);

    // Click each visible button and link in turn (the list grows as groups and panels open),
    // closing whatever a click opened and coming back to /docs when a link navigated away or the
    // page was closed.
    let clicked = 0;
    for (let index = 0; clicked < MAX_CLICKS; index += 1) {
      const controls = page.locator('button:visible, a[href]:visible, [role="button"]:visible');
      if (index >= (await controls.count())) break;
      await controls
        .nth(index)
        .click({ timeout: 500 })
        .then(
          () => (clicked += 1),
          () => undefined,
        );
      if (!page.isClosed()) await page.keyboard.press('Escape');
      if (page.isClosed() || !page.url().startsWith(`${api}/docs`)) await openDocs();
    }
    await page.waitForLoadState('networkidle');
    await page.screenshot({ path: join(ARTIFACTS, 'docs-clicked.png') });

    expect(clicked).toBeGreaterThan(50);
    expect([...outside]).toEqual([]);
  } finally {
    await browser.close();
  }
}, 300_000);

// The Studio's screenshots: every run keeps them in the artifacts; with STUDIO_SCREENSHOTS=docs they
// also become the README's images, in docs/, made small (a 48-colour palette PNG compresses a
// screen of text and flat colours to a third of Chromium's own PNG, with the text still crisp).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { ARTIFACTS } from './api';

/** Where the README's images live, relative to the repository. */
const DOCS = new URL('../../docs/', import.meta.url).pathname;
/** Enough colours for anti-aliased text on the Studio's few flat ones. */
const PALETTE_COLOURS = 48;

/**
 * Keeps a screenshot of the page's viewport as `<name>.png` in the artifacts, and in docs/ too when
 * this run updates the README's images.
 *
 * @example await keepScreenshot(page, 'studio-chat') // test/artifacts/studio-chat.png (and docs/studio-chat.png)
 */
export async function keepScreenshot(page: Page, name: string): Promise<void> {
  const png = await page.screenshot();
  writeFileSync(join(ARTIFACTS, `${name}.png`), png);
  // `STUDIO_SCREENSHOTS=docs npm run test:browser -- test/browser/studio.browser.ts` regenerates the README's images.
  if (process.env.STUDIO_SCREENSHOTS !== 'docs') return;
  mkdirSync(DOCS, { recursive: true });
  await sharp(png).png({ palette: true, colours: PALETTE_COLOURS, effort: 10, compressionLevel: 9 }).toFile(join(DOCS, `${name}.png`));
}

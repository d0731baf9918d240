import { defineConfig } from 'vitest/config';

// `npm run test:browser`: runs in Node (Playwright drives Chromium from Node), against a Worker that
// test/browser/global-setup.ts serves with `wrangler dev`, as `npm run dev` does.
export default defineConfig({
  test: {
    environment: 'node',
    include: ['test/browser/**/*.browser.ts'],
    globalSetup: ['./test/browser/global-setup.ts'],
    // One Worker and a 2-core machine: files one after another (/docs, a heavy page, misses its
    // timeouts beside another file); within sites.browser.ts, this many templates at a time, each
    // filling the others' waits (a deployment's queue batch, a page's network going idle).
    fileParallelism: false,
    maxConcurrency: 4,
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});

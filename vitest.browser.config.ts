import { defineConfig } from 'vitest/config';

// `npm run test:browser`: runs in Node (Playwright drives Chromium from Node), against a Worker that
// test/browser/global-setup.ts serves with `wrangler dev`, as `npm run dev` does.
export default defineConfig({
  test: {
    environment: 'node',
    include: ['test/browser/**/*.browser.ts'],
    globalSetup: ['./test/browser/global-setup.ts'],
    // One Worker and a 2-core machine: files one after another.
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});

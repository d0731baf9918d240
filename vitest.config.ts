import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin';
import { defineConfig } from 'vitest/config';
import v8Flags from './scripts/v8-flags.json' with { type: 'json' };
import { specTools } from './test/node/spec-tools.mjs';

// Every test runs inside workerd against the bindings wrangler.toml declares (local D1, R2,
// Durable Objects, Queues, Worker Loader). The migrations are read here, in Node, and applied
// inside workerd by test/setup.ts.
export default defineConfig(async () => {
  // The same V8 flags as `npm run dev` (see scripts/dev.mjs), so a catastrophic regular expression in generated code falls back to V8's linear-time engine here too.
  process.env.MINIFLARE_WORKERD_V8_FLAGS = v8Flags.join(' ');
  const migrations = await readD1Migrations('./migrations');
  return {
    plugins: [
      cloudflareTest({
        wrangler: { configPath: './wrangler.toml' },
        // The abuse limits are set out of reach for the suite, whose clients share one address and
        // make thousands of requests a minute; test/features/abuse-limits.test.ts sets them low.
        // SPEC_TOOLS runs in Node: Redocly's linter and the TypeScript compiler over /openapi.json.
        miniflare: {
          bindings: { TEST_MIGRATIONS: migrations, RATE_LIMIT_PER_MINUTE: '1000000', AUTH_FAILURES_PER_MINUTE: '1000000' },
          serviceBindings: { SPEC_TOOLS: specTools },
        },
      }),
    ],
    test: {
      setupFiles: ['./test/setup.ts'],
      // An OpenAI-compatible model server on loopback, scripted per test (test/model-server).
      globalSetup: ['./test/model-server/server.mjs'],
      include: ['test/**/*.test.ts'],
      // One workerd per worker for all its files, not one per file: a runtime start costs ~4 s,
      // 69 times. Files still do not lean on each other: test data is keyed by fresh users,
      // projects and ids, and a file restores the spies it sets.
      isolate: false,
      testTimeout: 30_000,
    },
  };
});

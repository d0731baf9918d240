import { defineConfig } from 'drizzle-kit';

/** drizzle-kit writes SQL migrations from the schema; wrangler applies them (`wrangler d1 migrations apply`). */
export default defineConfig({
  dialect: 'sqlite',
  schema: './src/db/schema.ts',
  out: './migrations',
});

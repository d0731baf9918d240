/** The shapes of a check's outcome (DESIGN.md section 7), shared by the tables that store them and the routes that show them. */
import { z } from '@hono/zod-openapi';

/** One thing a check found wrong: the file, where in it when known, and why. */
export const CheckProblemSchema = z.object({
  path: z.string(),
  line: z.number().int().optional(),
  column: z.number().int().optional(),
  message: z.string(),
});

export const CheckResultSchema = z.object({ ok: z.boolean(), problems: z.array(CheckProblemSchema) }).openapi('CheckResult');

/**
 * `parse`: every JS, TS, JSON and HTML file reads (HTML also: local references exist, nothing
 * inline that the sites' CSP blocks). `load`: `worker.js` loads in a sandbox and exports `fetch`.
 * `tests`: the project's passing tests still pass (null when not run). `healed`: what GPRE fixed.
 */
export const CheckReportSchema = z
  .object({
    ok: z.boolean(),
    parse: CheckResultSchema,
    load: CheckResultSchema,
    tests: CheckResultSchema.nullable(),
    healed: z.array(z.object({ path: z.string(), error: z.string(), verified: z.boolean() })),
  })
  .openapi('CheckReport');

export type CheckProblem = z.infer<typeof CheckProblemSchema>;
export type CheckResult = z.infer<typeof CheckResultSchema>;
export type CheckReport = z.infer<typeof CheckReportSchema>;

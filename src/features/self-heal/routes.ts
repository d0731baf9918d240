/** Routes of /api/self-heal: fix code through GPRE, and the status of self-heal and what it watches. */
import { createRoute, z } from '@hono/zod-openapi';
import { meteredEngine } from '../usage/service';
import { bearer, createRouter, jsonBody, jsonContent, problems, requireCaller, timestamp } from '../../lib/openapi';
import { pathProblem } from '../../storage/paths';
import { MAX_FIX_ATTEMPTS } from './gpre';
import { fixCode, MAX_CODE_BYTES, MAX_ERRORS } from './service';
import { EVENTS_SHOWN, selfHealStatus } from './status';

const CodeErrorSchema = z
  .object({
    message: z.string().min(1).max(2000).openapi({ example: 'ReferenceError: todoz is not defined' }),
    line: z.number().int().min(1).optional().openapi({ description: 'Counted from 1.' }),
    column: z.number().int().min(1).optional().openapi({ description: 'Counted from 1.' }),
    code: z.string().max(100).optional().openapi({ description: 'A kind, such as `syntax`, `load` or `test`.' }),
  })
  .openapi('CodeError');

const FixRequestSchema = z
  .object({
    projectId: z.string().uuid(),
    code: z
      .string()
      .refine((code) => new TextEncoder().encode(code).byteLength <= MAX_CODE_BYTES, { message: `At most ${MAX_CODE_BYTES} bytes of UTF-8` })
      .openapi({ example: 'export function count(todos) {\n  return todos.length;\n' }),
    errors: z
      .array(CodeErrorSchema)
      .max(MAX_ERRORS)
      .openapi({ description: `The errors to fix, in order, at most ${MAX_ERRORS}; \`[]\` to find them (what does not parse, else what stops the code from importing).` }),
    path: z
      .string()
      .superRefine((path, context) => {
        const problem = pathProblem(path);
        if (problem) context.addIssue({ code: 'custom', message: `The path ${problem}` });
      })
      .optional()
      .openapi({
        description: "The file's project path. The code is then checked in its place among the project's files, and the project's stored tests that import it must pass.",
        example: 'src/lib/todos.js',
      }),
    language: z
      .string()
      .min(1)
      .max(40)
      .optional()
      .openapi({ description: 'javascript, typescript, json or html; by default from the path\'s extension, else javascript. Others are answered `unfixed`.' }),
    model: z.string().optional().openapi({ description: 'A model id from GET /api/models; the default model otherwise.' }),
  })
  .openapi('FixRequest');

const GPREResultSchema = z
  .object({
    error: CodeErrorSchema,
    status: z.enum(['fixed', 'unfixed']),
    fixedCode: z.string().nullable().openapi({ description: 'The whole code with this fix and every earlier one.' }),
    patch: z.string().nullable().openapi({ description: 'This fix alone, as a unified diff from the code as fixed before it: apply the patches in order.' }),
    explanation: z.string(),
    attempts: z.number().int().openapi({ description: `Candidate fixes re-checked, at most ${MAX_FIX_ATTEMPTS}.` }),
    verified: z.boolean().openapi({ description: "True only when the re-check ran the fixed code (imported it in a sandbox, with the project's tests that import `path`) and all passed." }),
  })
  .openapi('GPREResult');

const CheckSchema = z.object({ ok: z.boolean(), latencyMs: z.number().int(), detail: z.string().optional() });

const SelfHealEventSchema = z
  .object({
    id: z.string().uuid(),
    type: z.string().openapi({ example: 'fix.fixed' }),
    severity: z.enum(['info', 'warning', 'error']),
    message: z.string(),
    projectId: z.string().uuid().nullable(),
    createdAt: timestamp,
  })
  .openapi('SelfHealEvent');

const SelfHealStatusSchema = z
  .object({
    status: z.enum(['healthy', 'degraded', 'unhealthy']).openapi({ description: 'Unhealthy when the database or storage fails; degraded when the queues or the model do.' }),
    checks: z.object({ database: CheckSchema, storage: CheckSchema, queues: CheckSchema, ai: CheckSchema }),
    metrics: z.object({
      fixRequests24h: z.number().int(),
      fixSuccessRate: z.number().min(0).max(1).nullable().openapi({ description: 'Fixed errors over fixed and unfixed ones in 24 hours; null when there were none.' }),
      recoveredJobs24h: z.number().int().openapi({ description: 'Deployments and test runs the sweeper re-queued in 24 hours.' }),
      failedDeployments24h: z.number().int(),
      failedTestRuns24h: z.number().int().openapi({ description: 'Test suites that ended failed or error in 24 hours.' }),
    }),
    events: z.array(SelfHealEventSchema).openapi({ description: `The newest ${EVENTS_SHOWN} events of the caller's organisations, newest first.` }),
  })
  .openapi('SelfHealStatus');

const authed = { tags: ['self-heal'], security: bearer, middleware: requireCaller };

const fix = createRoute({
  ...authed,
  method: 'post',
  operationId: 'fixCode',
  path: '/api/self-heal/fix',
  summary: 'Fix code, one error after another: each fix is re-checked (parsed, run in a sandbox, tested) before it counts',
  request: { body: jsonBody(FixRequestSchema) },
  responses: { 200: jsonContent(z.array(GPREResultSchema), 'One result per error, in order'), ...problems(400, 401, 404, 413, 415, 422, 429, 502, 503) },
});

const status = createRoute({
  ...authed,
  method: 'get',
  operationId: 'getSelfHealStatus',
  path: '/api/self-heal/status',
  summary: "Checks of the database, storage, queues and model, with the caller's fix and job metrics and events",
  responses: { 200: jsonContent(SelfHealStatusSchema, 'The status'), ...problems(401) },
});

export const selfHealRoutes = createRouter()
  .openapi(fix, async (c) => {
    const { model, ...request } = c.req.valid('json');
    const engine = await meteredEngine(c.get('db'), c.env, c.get('caller'), model, request.projectId);
    return c.json(await fixCode(c.get('db'), c.env, engine, c.get('caller'), request), 200);
  })
  .openapi(status, async (c) => c.json(await selfHealStatus(c.get('db'), c.env, c.get('caller')), 200));

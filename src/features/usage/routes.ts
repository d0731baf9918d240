/** Route of /api/usage: model tokens by day and model for the caller's organisations, and the budget left today. */
import { createRoute, z } from '@hono/zod-openapi';
import { bearer, createRouter, jsonContent, problems, requireCaller, timestamp } from '../../lib/openapi';
import { USAGE_DAYS, usageReport } from './service';

const DayUsageSchema = z
  .object({
    day: z.string().openapi({ example: '2026-11-30', description: 'A UTC day.' }),
    model: z.string().openapi({ example: 'openai:gpt-4.1-mini' }),
    inputTokens: z.number().int(),
    outputTokens: z.number().int(),
    totalTokens: z.number().int(),
    calls: z.number().int().openapi({ description: 'Model calls, retries included.' }),
  })
  .openapi('DayUsage');

export const OrganisationUsageSchema = z
  .object({
    organisationId: z.string(),
    organisationName: z.string(),
    budget: z
      .object({
        day: z.string().openapi({ description: 'Today, UTC.' }),
        tokens: z.number().int().openapi({ description: 'Tokens (input and output) the organisation may use a UTC day: `DAILY_TOKEN_BUDGET`.' }),
        used: z.number().int().openapi({ description: 'Tokens charged today for model calls that ended.' }),
        reserved: z.number().int().openapi({ description: 'Tokens held by model calls in progress (each call holds its prompt and output limit until it ends and is charged what it really used).' }),
        remaining: z.number().int().openapi({ description: 'The budget less `used` and `reserved`.' }),
        resetsAt: timestamp.openapi({ description: 'The next midnight UTC.' }),
      })
      .openapi({ description: 'Model calls are refused with 429 once `remaining` is 0; the offline model is free and never counted.' }),
    days: z.array(DayUsageSchema).openapi({ description: `Tokens by day and model over the last ${USAGE_DAYS} UTC days, newest first.` }),
  })
  .openapi('OrganisationUsage');

const usage = createRoute({
  tags: ['usage'],
  security: bearer,
  middleware: requireCaller,
  method: 'get',
  operationId: 'getUsage',
  path: '/api/usage',
  summary: "Model tokens by day and model for the caller's organisations, and each one's budget left today",
  responses: { 200: jsonContent(z.array(OrganisationUsageSchema), 'One entry per organisation of the caller'), ...problems(401) },
});

export const usageRoutes = createRouter().openapi(usage, async (c) => c.json(await usageReport(c.get('db'), c.env, c.get('caller')), 200));

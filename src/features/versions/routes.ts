/** Routes of /api/projects/{projectId}/versions: a project's history of file states, each version's diff, and restoring one (undo). */
import { createRoute, z } from '@hono/zod-openapi';
import { CheckReportSchema } from '../../lib/check-report';
import { bearer, createRouter, jsonContent, problems, requireCaller, uuidParam } from '../../lib/openapi';
import { MAX_PAGE_SIZE, pageOf } from '../../lib/pagination';
import { getProject, withProject } from '../projects/service';
import { diffVersion, getVersion, listVersions, restoreVersion } from './service';

export const VersionSchema = z
  .object({
    id: z.string().uuid(),
    projectId: z.string().uuid(),
    number: z.number().int().openapi({ description: 'Counts 1, 2, 3... per project, in the order changes were stored.' }),
    source: z.enum(['generate', 'edit', 'chat', 'heal', 'restore']),
    summary: z.string(),
    messageId: z.string().nullable().openapi({ description: 'The chat message whose turn made it.' }),
    files: z
      .array(z.object({ path: z.string(), change: z.enum(['added', 'modified', 'deleted']) }))
      .openapi({ description: 'What it changed from the version before.' }),
    checks: CheckReportSchema.nullable(),
    model: z.string().nullable().openapi({ description: 'The model that wrote the files; null for a hand edit or a restore.' }),
    createdAt: z.string(),
  })
  .openapi('Version');

export type VersionBody = z.infer<typeof VersionSchema>;

const VersionDetailSchema = VersionSchema.extend({
  snapshot: z
    .array(z.object({ path: z.string(), sha256: z.string(), size: z.number().int() }))
    .openapi({ description: 'Every file the project had at this version, in path order.' }),
}).openapi('VersionDetail');

const params = z.object({ projectId: uuidParam('projectId') });
const versionParams = params.extend({
  number: z.coerce.number().int().min(1).openapi({ param: { name: 'number', in: 'path' }, example: 3 }),
});
const authed = { tags: ['versions'], security: bearer, middleware: requireCaller };

const list = createRoute({
  ...authed,
  method: 'get',
  operationId: 'listVersions',
  path: '/api/projects/{projectId}/versions',
  summary: "The project's versions, newest first",
  request: {
    params,
    query: z.object({
      limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(50),
      cursor: z.coerce.number().int().min(1).optional().openapi({ description: 'Opaque; copy it from the `Link` header.' }),
    }),
  },
  responses: { 200: jsonContent(z.array(VersionSchema), 'A page of versions'), ...problems(400, 401, 404) },
});

const read = createRoute({
  ...authed,
  method: 'get',
  operationId: 'getVersion',
  path: '/api/projects/{projectId}/versions/{number}',
  summary: 'One version, with every file the project had then',
  request: { params: versionParams },
  responses: { 200: jsonContent(VersionDetailSchema, 'The version'), ...problems(400, 401, 404) },
});

const diff = createRoute({
  ...authed,
  method: 'get',
  operationId: 'getVersionDiff',
  path: '/api/projects/{projectId}/versions/{number}/diff',
  summary: 'What a version changed: a unified diff against the version before it',
  request: { params: versionParams },
  responses: {
    200: { content: { 'text/plain': { schema: z.string() } }, description: 'The unified diff (`diff -u`, file after file); empty when it changed nothing' },
    ...problems(400, 401, 404),
  },
});

const restore = createRoute({
  ...authed,
  method: 'post',
  operationId: 'restoreVersion',
  path: '/api/projects/{projectId}/versions/{number}/restore',
  summary: "Restore a version's files as a new version; undo is restoring the one before the newest",
  request: { params: versionParams },
  responses: { 201: jsonContent(VersionSchema, 'The new version'), ...problems(400, 401, 404, 413) },
});

export const versionRoutes = createRouter()
  .openapi(list, async (c) => {
    const { projectId } = c.req.valid('param');
    const page = c.req.valid('query');
    const versions = await withProject(c.get('db'), c.get('caller'), projectId, listVersions(c.get('db'), projectId, page));
    return c.json(pageOf(c, versions, page.limit, (version) => String(version.number)), 200);
  })
  .openapi(read, async (c) => {
    const { projectId, number } = c.req.valid('param');
    return c.json(await withProject(c.get('db'), c.get('caller'), projectId, getVersion(c.get('db'), projectId, number)), 200);
  })
  .openapi(diff, async (c) => {
    const { projectId, number } = c.req.valid('param');
    const access = getProject(c.get('db'), c.get('caller'), projectId);
    return c.text(await diffVersion(c.get('db'), c.env.FILES, projectId, number, access), 200, { 'content-type': 'text/plain; charset=utf-8' });
  })
  .openapi(restore, async (c) => {
    const { projectId, number } = c.req.valid('param');
    const access = getProject(c.get('db'), c.get('caller'), projectId);
    return c.json(await restoreVersion(c.get('db'), c.env.FILES, { projectId, number, access }), 201);
  });

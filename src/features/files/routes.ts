/** Routes of /api/projects/{projectId}/files and /archive: list, read, hand-edit and download a project's files. */
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AuthedEnv } from '../../app-env';
import { bearer, createRouter, jsonContent, problems, requireCaller, timestamp, uuidParam } from '../../lib/openapi';
import { MAX_PAGE_SIZE, pageOf } from '../../lib/pagination';
import { badRequest } from '../../lib/problems';
import { contentTypeOf, FILE_MEDIA_TYPES } from '../../storage/paths';
import { getProject, withProject } from '../projects/service';
import { commitFiles } from '../versions/service';
import { archiveFiles, assertValidPaths, listFiles, readFile, toFileEntry } from './service';

const FileEntrySchema = z
  .object({ path: z.string(), language: z.string(), size: z.number().int(), sha256: z.string(), updatedAt: timestamp })
  .openapi('FileEntry');

const projectParams = z.object({ projectId: uuidParam('projectId') });
const fileParams = projectParams.extend({
  path: z.string().openapi({
    param: { name: 'path', in: 'path' },
    example: 'src%2Flib%2Ftodos.js',
    description: "The file's path URL-encoded as one segment (`src%2Flib%2Ftodos.js`, what `encodeURIComponent` gives); the path with its slashes as they are (`src/lib/todos.js`) is answered too.",
  }),
});
const authed = { tags: ['files'], security: bearer, middleware: requireCaller };

const list = createRoute({
  ...authed,
  method: 'get',
  operationId: 'listFiles',
  path: '/api/projects/{projectId}/files',
  summary: "The project's current files, in path order",
  request: {
    params: projectParams,
    query: z.object({
      limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(50),
      cursor: z.string().max(255).optional().openapi({ description: 'Opaque; copy it from the `Link` header.' }),
    }),
  },
  responses: { 200: jsonContent(z.array(FileEntrySchema), 'A page of files'), ...problems(400, 401, 404) },
});

const archive = createRoute({
  ...authed,
  method: 'get',
  operationId: 'downloadArchive',
  path: '/api/projects/{projectId}/archive',
  summary: 'A zip of the current files, streamed',
  request: { params: projectParams },
  responses: {
    200: {
      content: { 'application/zip': { schema: z.string().openapi({ format: 'binary' }) } },
      headers: { 'Content-Disposition': { description: 'An attachment named after the project.', schema: { type: 'string' } } },
      description: 'The zip',
    },
    ...problems(400, 401, 404),
  },
});

// A file path documented as one encoded segment (what OpenAPI tools can match) is also served with
// its slashes unencoded (what curl users type): the `:path{.+}` routes below take both, Hono
// decoding `%2F`, so these two are documented from their definitions and served by those routes.
const read = createRoute({
  ...authed,
  method: 'get',
  operationId: 'readFile',
  path: '/api/projects/{projectId}/files/{path}',
  summary: "A file's current content, raw, with its content type",
  request: { params: fileParams },
  responses: {
    200: {
      content: Object.fromEntries(FILE_MEDIA_TYPES.map((type) => [type, { schema: z.string() }])),
      headers: { ETag: { description: "The file's SHA-256, quoted.", schema: { type: 'string' } } },
      description: 'The raw content, as the media type of its extension (`application/octet-stream` for an unknown one)',
    },
    ...problems(400, 401, 404),
  },
});

const write = createRoute({
  ...authed,
  method: 'put',
  operationId: 'writeFile',
  path: '/api/projects/{projectId}/files/{path}',
  summary: 'Hand-edit a file: the raw body becomes its content, in a new version of the project',
  request: { params: fileParams, body: { content: { 'text/plain': { schema: z.string() } }, required: true } },
  responses: { 200: jsonContent(FileEntrySchema, 'The new version'), ...problems(400, 401, 404, 413) },
});

const FILE_ROUTE = '/api/projects/:projectId/files/:path{.+}';

function fileTarget(c: Context<AuthedEnv>) {
  const parsed = fileParams.safeParse(c.req.param());
  if (!parsed.success) {
    throw badRequest('The request path is not valid.', [{ location: 'path', pointer: '#/projectId', detail: 'Invalid UUID' }]);
  }
  assertValidPaths([parsed.data.path], 'path');
  return parsed.data;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

const router = createRouter()
  .openapi(list, async (c) => {
    const { projectId } = c.req.valid('param');
    const page = c.req.valid('query');
    const rows = await withProject(c.get('db'), c.get('caller'), projectId, listFiles(c.get('db'), projectId, page));
    return c.json(pageOf(c, rows.map(toFileEntry), page.limit, (entry) => entry.path), 200);
  })
  .openapi(archive, async (c) => {
    const { projectId } = c.req.valid('param');
    const access = getProject(c.get('db'), c.get('caller'), projectId);
    const body = await archiveFiles(c.get('db'), c.env.FILES, projectId, access);
    const project = await access;
    const filename = project.name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'project';
    return c.body(body, 200, { 'content-type': 'application/zip', 'content-disposition': `attachment; filename="${filename}.zip"` });
  });

router.openAPIRegistry.registerPath(read);
router.openAPIRegistry.registerPath(write);

router.get(FILE_ROUTE, requireCaller, async (c) => {
  const { projectId, path } = fileTarget(c);
  const { row, blob } = await withProject(c.get('db'), c.get('caller'), projectId, readFile(c.get('db'), c.env.FILES, projectId, path));
  return c.body(blob.body, 200, { 'content-type': contentTypeOf(path), etag: `"${row.sha256}"` });
});

router.put(FILE_ROUTE, requireCaller, async (c) => {
  const { projectId, path } = fileTarget(c);
  let content: string;
  try {
    content = strictUtf8.decode(await c.req.arrayBuffer());
  } catch {
    // A project the caller may not see is a 404 whatever the body; only this refusal pays a trip for it.
    await getProject(c.get('db'), c.get('caller'), projectId);
    throw badRequest('File contents must be UTF-8 text.', [{ location: 'body', pointer: '#', detail: 'Not valid UTF-8' }]);
  }
  // The access check rides the quota read: one round trip before the write's batch. The answer is
  // the file's entry, so the version the edit makes is not read back.
  const access = getProject(c.get('db'), c.get('caller'), projectId);
  const rows = await commitFiles(c.get('db'), c.env.FILES, { projectId, source: 'edit', summary: `Edited ${path}`, writes: [{ path, content }], access });
  return c.json(toFileEntry(rows[0]!), 200);
});

export const fileRoutes = router;

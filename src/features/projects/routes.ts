/** Routes of /api/projects: the five CRUD operations of the reference API. */
import { createRoute, z } from '@hono/zod-openapi';
import { bearer, createRouter, jsonBody, jsonContent, problems, requireCaller, SuccessSchema, timestamp, uuidParam } from '../../lib/openapi';
import { pageOf, PageQuerySchema } from '../../lib/pagination';
import { PROJECT_PARTS } from '../project-parts';
import { createProject, deleteProject, getProject, listProjects, MAX_PROJECT_NAME_CHARS, MAX_PROJECTS_PER_ORGANISATION, updateProject } from './service';

export const ProjectSchema = z
  .object({
    id: z.string().uuid(),
    name: z.string(),
    description: z.string(),
    organisationId: z.string().uuid(),
    ownerId: z.string().uuid(),
    templateId: z.string().nullable(),
    status: z.enum(['draft', 'planned', 'generating', 'generated', 'deployed']),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .openapi('Project');

export type Project = z.infer<typeof ProjectSchema>;

const name = z.string().trim().min(1).max(MAX_PROJECT_NAME_CHARS).openapi({ example: 'Team todo list' });
const description = z
  .string()
  .trim()
  .max(4000)
  .openapi({ example: 'A shared todo list with filters, for a small team.' });

const CreateProjectSchema = z
  .object({
    name,
    description: description.default(''),
    organisationId: z
      .string()
      .uuid()
      .optional()
      .openapi({ description: 'Required when the caller belongs to more than one organisation.' }),
  });

const UpdateProjectSchema = z
  .object({ name: name.optional(), description: description.optional() })
  .refine((changes) => changes.name !== undefined || changes.description !== undefined, {
    message: 'Give a name, a description or both',
  })
  .openapi('UpdateProject');

const projectParams = z.object({ projectId: uuidParam('projectId') });
const authed = { tags: ['projects'], security: bearer, middleware: requireCaller };

const list = createRoute({
  ...authed,
  method: 'get',
  operationId: 'listProjects',
  path: '/api/projects',
  summary: "The caller's projects, newest first",
  request: { query: PageQuerySchema.extend({ organisationId: z.string().uuid().optional() }) },
  responses: { 200: jsonContent(z.array(ProjectSchema), 'A page of projects'), ...problems(400, 401) },
});

const create = createRoute({
  ...authed,
  method: 'post',
  operationId: 'createProject',
  path: '/api/projects',
  summary: 'Create a project',
  request: { body: jsonBody(CreateProjectSchema) },
  description: `An organisation holds at most ${MAX_PROJECTS_PER_ORGANISATION} projects; past that, creating one is a 409.`,
  responses: { 201: jsonContent(ProjectSchema, 'The new project'), ...problems(400, 401, 403, 409, 413, 415, 422) },
});

const read = createRoute({
  ...authed,
  method: 'get',
  operationId: 'getProject',
  path: '/api/projects/{projectId}',
  summary: 'A project',
  request: { params: projectParams },
  responses: { 200: jsonContent(ProjectSchema, 'The project'), ...problems(400, 401, 404) },
});

const update = createRoute({
  ...authed,
  method: 'put',
  operationId: 'updateProject',
  path: '/api/projects/{projectId}',
  summary: "Change a project's name or description",
  request: { params: projectParams, body: jsonBody(UpdateProjectSchema) },
  responses: { 200: jsonContent(ProjectSchema, 'The changed project'), ...problems(400, 401, 404, 413, 415) },
});

const remove = createRoute({
  ...authed,
  method: 'delete',
  operationId: 'deleteProject',
  path: '/api/projects/{projectId}',
  summary: 'Delete a project and everything it has',
  request: { params: projectParams },
  responses: { 200: jsonContent(SuccessSchema, 'Deleted'), ...problems(400, 401, 404) },
});

export const projectRoutes = createRouter()
  .openapi(list, async (c) => {
    const query = c.req.valid('query');
    const rows = await listProjects(c.get('db'), c.get('caller'), query);
    return c.json(pageOf(c, rows, query.limit), 200);
  })
  .openapi(create, async (c) => {
    const project = await createProject(c.get('db'), c.get('caller'), c.req.valid('json'));
    return c.json(project, 201);
  })
  .openapi(read, async (c) => {
    const project = await getProject(c.get('db'), c.get('caller'), c.req.valid('param').projectId);
    return c.json(project, 200);
  })
  .openapi(update, async (c) => {
    const project = await updateProject(c.get('db'), c.get('caller'), c.req.valid('param').projectId, c.req.valid('json'));
    return c.json(project, 200);
  })
  .openapi(remove, async (c) => {
    await deleteProject(c.get('db'), c.env, c.get('caller'), c.req.valid('param').projectId, PROJECT_PARTS);
    return c.json({ success: true as const }, 200);
  });

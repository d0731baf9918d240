// How to set up what each operation acts on, as its owner: one entry per operation that names a
// resource. The route matrix fails with "not covered: METHOD path" for an operation without one.
import { API, call, callJson, createProject, editFile } from '../helpers';
import type { TestUser } from '../helpers';
import type { Deployment } from '../../src/features/deployments/routes';
import type { BuildPlan } from '../../src/features/plans/service';
import type { Project } from '../../src/features/projects/routes';
import type { TestSuite } from '../../src/features/tests/routes';
import { fillPath } from './openapi';
import type { Operation } from './openapi';

/** What a fixture set up for its owner. */
export interface Arranged {
  /** The owner's resources by the name the API gives their ids: path parameters, and body or query fields. */
  ids: Record<string, string>;
  /** A body that passes validation and names the owner's resources, for an operation that takes one. */
  body?: unknown;
  /** A body that is not JSON, with its content type (a hand-edited file). */
  raw?: { contentType: string; body: string };
  /** A query string naming the owner's resource, for an operation that takes it there. */
  query?: string;
  /** Everything the operation could change, read back as the owner: equal before and after means unchanged. */
  snapshot: () => Promise<unknown>;
  /** What another organisation gets when it names the resource: 404 unless said here. */
  intruder?: number | 'empty-list';
}

export type Fixture = (owner: TestUser) => Promise<Arranged>;

/** The request a fixture describes for an operation, with `key` (none when null). */
export function requestFor(operation: Operation, arranged: Pick<Arranged, 'ids' | 'body' | 'raw' | 'query'>, key: string | null): Request {
  const headers = new Headers();
  if (key) headers.set('Authorization', `Bearer ${key}`);
  let body: string | undefined;
  if (arranged.raw) {
    body = arranged.raw.body;
    headers.set('content-type', arranged.raw.contentType);
  } else if (operation.body) {
    body = JSON.stringify(arranged.body ?? {});
    headers.set('content-type', 'application/json');
  }
  return new Request(API + fillPath(operation, arranged.ids) + (arranged.query ?? ''), { method: operation.method, headers, body });
}

const read = <T>(owner: TestUser, path: string) => callJson<T>(path, { key: owner.key });

const UNFINISHED = new Set(['queued', 'building', 'generating', 'running']);

/**
 * Waits until the project's deployments and test runs (built by queue consumers in the background)
 * are finished, so that two snapshots differ only by what a request changed.
 */
async function settle(owner: TestUser, projectId: string): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const [deployments, suites] = await Promise.all([
      read<Deployment[]>(owner, `/api/projects/${projectId}/deployments?limit=200`),
      read<TestSuite[]>(owner, `/api/projects/${projectId}/tests?limit=200`),
    ]);
    if (![...deployments, ...suites].some((job) => UNFINISHED.has(job.status))) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`The jobs of project ${projectId} did not finish in 10 seconds`);
}

/** The project and everything in it, as its owner reads them. */
const projectSnapshot = (owner: TestUser, projectId: string, extra: string[] = []) => async () => {
  await settle(owner, projectId);
  const base = `/api/projects/${projectId}`;
  const paths = [base, ...['files', 'versions', 'plans', 'chat', 'deployments', 'tests'].map((part) => `${base}/${part}?limit=200`), `/api/agency?projectId=${projectId}&limit=200`, ...extra];
  return Promise.all(paths.map((path) => read<unknown>(owner, path)));
};

const newProject = (owner: TestUser) => createProject(owner, { name: "A's project", description: 'Owned by organisation A' });

/** A project; `request` adds the body or query an operation needs. */
const onProject =
  (request: (project: Project) => Partial<Arranged> = () => ({})): Fixture =>
  async (owner) => {
    const project = await newProject(owner);
    return { ids: { projectId: project.id }, snapshot: projectSnapshot(owner, project.id), ...request(project) };
  };

/** A project with a hand-written front page. */
const onFile =
  (request: (project: Project) => Partial<Arranged> = () => ({})): Fixture =>
  async (owner) => {
    const project = await newProject(owner);
    await editFile(owner, project.id, 'index.html', '<!doctype html><title>A</title>', 'text/html');
    return {
      ids: { projectId: project.id, path: 'index.html' },
      snapshot: async () => [await projectSnapshot(owner, project.id)(), await (await call(`/api/projects/${project.id}/files/index.html`, { key: owner.key })).text()],
      ...request(project),
    };
  };

/** A project with two versions of its front page. */
const onVersion: Fixture = async (owner) => {
  const project = await newProject(owner);
  await editFile(owner, project.id, 'index.html', '<!doctype html><title>A</title>', 'text/html');
  await editFile(owner, project.id, 'index.html', '<!doctype html><title>A, again</title>', 'text/html');
  return { ids: { projectId: project.id, number: '1' }, snapshot: projectSnapshot(owner, project.id, [`/api/projects/${project.id}/versions/1`]) };
};

/** A project with a plan: its first step is ready to generate. */
const onPlan: Fixture = async (owner) => {
  const project = await newProject(owner);
  const plan = await callJson<BuildPlan>(`/api/projects/${project.id}/plans`, { key: owner.key, body: { templateId: 'todo-list' }, expect: 201 });
  const stepId = plan.steps[0]!.id;
  return { ids: { projectId: project.id, planId: plan.id, stepId }, body: { planId: plan.id, stepId }, snapshot: projectSnapshot(owner, project.id) };
};

/** A project with a front page and a deployment that has finished building. */
const onDeployment: Fixture = async (owner) => {
  const project = await newProject(owner);
  await editFile(owner, project.id, 'index.html', '<!doctype html><title>A</title>', 'text/html');
  const deployment = await callJson<Deployment>(`/api/projects/${project.id}/deployments`, { key: owner.key, body: {}, expect: 202 });
  const snapshot = projectSnapshot(owner, project.id, [`/api/projects/${project.id}/deployments/${deployment.id}`]);
  await snapshot();
  return { ids: { projectId: project.id, deploymentId: deployment.id }, snapshot };
};

/** A consultation with one turn in it. */
const onSession =
  (request: Partial<Arranged> = {}): Fixture =>
  async (owner) => {
    const project = await newProject(owner);
    const session = await callJson<{ id: string }>('/api/agency', { key: owner.key, body: { projectId: project.id }, expect: 201 });
    await callJson(`/api/agency/${session.id}/message`, { key: owner.key, body: { content: 'Who is this for?' } });
    return {
      // chatId: the AI SDK's resume URL carries its chat id, which useChat sets to the session's id.
      ids: { projectId: project.id, sessionId: session.id, chatId: session.id },
      snapshot: projectSnapshot(owner, project.id, [`/api/agency/${session.id}`]),
      ...request,
    };
  };

/** A second API key of the owner. */
const onKey: Fixture = async (owner) => {
  const created = await callJson<{ id: string; key: string }>('/api/auth/keys', { key: owner.key, body: { name: 'second' }, expect: 201 });
  return {
    ids: { keyId: created.id },
    snapshot: async () => {
      const keys = await read<{ lastUsedAt: string | null }[]>(owner, '/api/auth/keys?limit=200');
      // lastUsedAt moves whenever the owner reads; the key's other fields must not.
      const stable = keys.map(({ lastUsedAt: _used, ...key }) => key);
      return [stable, await read<unknown>({ ...owner, key: created.key }, '/api/auth/session')];
    },
  };
};

/** The owner's organisation, named in a body or a query; the snapshot reads what it holds at `listed`. */
const onOrganisation =
  (listed: string, request: (organisationId: string) => Partial<Arranged>): Fixture =>
  async (owner) => ({
    ids: { organisationId: owner.organisationId },
    snapshot: () => read<unknown>(owner, `${listed}?limit=200`),
    ...request(owner.organisationId),
  });

/** What organisation A registers as a webhook. */
export const A_WEBHOOK = { url: 'https://hooks.example.com/promptax', events: ['deployment.*'] };

/** A webhook of the owner's organisation. */
const onWebhook: Fixture = async (owner) => {
  const webhook = await callJson<{ id: string }>('/api/webhooks', { key: owner.key, body: A_WEBHOOK, expect: 201 });
  return {
    ids: { webhookId: webhook.id },
    snapshot: () => Promise.all([read<unknown>(owner, '/api/webhooks?limit=200'), read<unknown>(owner, `/api/webhooks/${webhook.id}/deliveries?limit=200`)]),
  };
};

const message = { content: 'Another organisation asking' };

/** Every operation that names a resource, by `METHOD path` as /openapi.json spells it. */
export const FIXTURES: Record<string, Fixture> = {
  'DELETE /api/auth/keys/{keyId}': onKey,

  'GET /api/projects': onOrganisation('/api/projects', (organisationId) => ({ query: `?organisationId=${organisationId}`, intruder: 'empty-list' })),
  // Naming an organisation one is not a member of is refused alike for any id, so it says nothing of A.
  'POST /api/projects': onOrganisation('/api/projects', (organisationId) => ({ body: { name: 'Planted by B', organisationId }, intruder: 403 })),
  'GET /api/projects/{projectId}': onProject(),
  'PUT /api/projects/{projectId}': onProject(() => ({ body: { name: 'Renamed by B' } })),
  'DELETE /api/projects/{projectId}': onProject(),

  'POST /api/projects/{projectId}/plans': onProject(() => ({ body: { templateId: 'todo-list' } })),
  'GET /api/projects/{projectId}/plans': onProject(),
  'POST /api/projects/{projectId}/generate': onPlan,

  'GET /api/projects/{projectId}/files': onFile(),
  'GET /api/projects/{projectId}/archive': onFile(),
  'GET /api/projects/{projectId}/files/{path}': onFile(),
  'PUT /api/projects/{projectId}/files/{path}': onFile(() => ({ raw: { contentType: 'text/html', body: '<h1>Defaced by B</h1>' } })),

  'GET /api/projects/{projectId}/versions': onVersion,
  'GET /api/projects/{projectId}/versions/{number}': onVersion,
  'GET /api/projects/{projectId}/versions/{number}/diff': onVersion,
  'POST /api/projects/{projectId}/versions/{number}/restore': onVersion,

  'POST /api/projects/{projectId}/chat': onProject(() => ({ body: message })),
  'GET /api/projects/{projectId}/chat': onProject(),
  'GET /api/projects/{projectId}/chat/stream': onProject(),
  // The AI SDK's resume URL carries its chat id, which useChat sets to the project's id.
  'GET /api/projects/{projectId}/chat/{chatId}/stream': onProject((project) => ({ ids: { projectId: project.id, chatId: project.id } })),

  'POST /api/agency': onProject((project) => ({ body: { projectId: project.id } })),
  'GET /api/agency': onProject((project) => ({ query: `?projectId=${project.id}`, intruder: 'empty-list' })),
  'GET /api/agency/{sessionId}': onSession(),
  'POST /api/agency/{sessionId}/message': onSession({ body: message }),
  'GET /api/agency/{sessionId}/stream': onSession(),
  'GET /api/agency/{sessionId}/message/{chatId}/stream': onSession(),

  'POST /api/projects/{projectId}/deployments': onProject(() => ({ body: { environment: 'production' } })),
  'GET /api/projects/{projectId}/deployments': onProject(),
  'GET /api/projects/{projectId}/deployments/{deploymentId}': onDeployment,
  'GET /api/projects/{projectId}/deployments/{deploymentId}/events': onDeployment,

  'POST /api/projects/{projectId}/tests': onFile(() => ({ body: { type: 'unit' } })),
  'GET /api/projects/{projectId}/tests': onProject(),
  'GET /api/projects/{projectId}/tests/events': onProject(),

  // A key that cannot see the project may not attribute events to it.
  'POST /api/analytics/track': onProject((project) => ({ body: { type: 'page.view', projectId: project.id } })),
  'GET /api/analytics/summary': onProject((project) => ({ query: `?projectId=${project.id}` })),

  'GET /api/webhooks': onOrganisation('/api/webhooks', (organisationId) => ({ query: `?organisationId=${organisationId}`, intruder: 'empty-list' })),
  'POST /api/webhooks': onOrganisation('/api/webhooks', (organisationId) => ({ body: { ...A_WEBHOOK, organisationId }, intruder: 403 })),
  'DELETE /api/webhooks/{webhookId}': onWebhook,
  'GET /api/webhooks/{webhookId}/deliveries': onWebhook,

  'POST /api/self-heal/fix': onFile((project) => ({ body: { projectId: project.id, code: 'export const answer = 42;\n', errors: [], path: 'src/lib/answer.js' } })),
};

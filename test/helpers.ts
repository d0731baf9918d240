// Verbs the tests share: make a user with a key, call the API the way a client does.
import { parseJsonEventStream, readUIMessageStream, uiMessageChunkSchema } from 'ai';
import type { UIMessage, UIMessageChunk } from 'ai';
import { createExecutionContext, createMessageBatch, getQueueResult } from 'cloudflare:test';
import { env, exports } from 'cloudflare:workers';
import worker from '../src/index';
import { createDb } from '../src/db/client';
import { apiKeys, memberships, organisations, users } from '../src/db/schema';
import { newKeySecret } from '../src/lib/api-keys';
import type { Deployment } from '../src/features/deployments/routes';
import type { BuildPlan } from '../src/features/plans/service';
import type { Project } from '../src/features/projects/routes';
import { nowIso, uuidv7 } from '../src/lib/ids';

export const API = 'http://localhost:8787';

export interface TestUser {
  userId: string;
  email: string;
  key: string;
  keyId: string;
  organisationId: string;
}

/** A new user who owns a new organisation and holds one API key. */
export async function createUser(name = 'Test User'): Promise<TestUser> {
  const db = createDb(env.DB);
  const userId = uuidv7();
  const organisationId = uuidv7();
  const keyId = uuidv7();
  const email = `${userId}@example.test`;
  const { secret, prefix, hash } = await newKeySecret();
  const createdAt = nowIso();
  await db.batch([
    db.insert(users).values({ id: userId, email, name, createdAt }),
    db.insert(organisations).values({ id: organisationId, name: `${name}'s organisation`, createdAt }),
    db.insert(memberships).values({ organisationId, userId, role: 'owner', createdAt }),
    db.insert(apiKeys).values({ id: keyId, userId, name: 'test', prefix, hash, createdAt }),
  ]);
  return { userId, email, key: secret, keyId, organisationId };
}

/** Adds a user to another organisation. */
export async function addMembership(user: TestUser, organisationId: string, role: 'owner' | 'member' = 'member') {
  await createDb(env.DB).insert(memberships).values({ organisationId, userId: user.userId, role, createdAt: nowIso() });
}

export interface CallOptions {
  method?: string;
  key?: string | null;
  body?: unknown;
  headers?: Record<string, string>;
}

/**
 * Calls the Worker through its public fetch handler. `body` is sent as JSON unless it is a string or bytes.
 *
 * @example const res = await call('/api/projects', { key: user.key, method: 'POST', body: { name: 'x' } });
 */
export function call(path: string, options: CallOptions = {}): Promise<Response> {
  const headers = new Headers(options.headers);
  if (options.key) headers.set('Authorization', `Bearer ${options.key}`);
  let body: string | Uint8Array | undefined;
  if (options.body instanceof Uint8Array) body = options.body;
  else if (options.body !== undefined) {
    body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
    if (!headers.has('content-type')) headers.set('content-type', 'application/json');
  }
  const url = path.startsWith('http') ? path : API + path;
  return exports.default.fetch(new Request(url, { method: options.method ?? (body ? 'POST' : 'GET'), headers, body }));
}

/** Calls and parses JSON, failing the test with the body when the status is not the expected one. */
export async function callJson<T>(path: string, options: CallOptions & { expect?: number } = {}): Promise<T> {
  const response = await call(path, options);
  const text = await response.text();
  if (response.status !== (options.expect ?? 200)) {
    throw new Error(`${options.method ?? 'GET'} ${path}: expected ${options.expect ?? 200}, got ${response.status}: ${text}`);
  }
  return JSON.parse(text) as T;
}

/** Creates a project for a user and returns it. */
export function createProject(user: TestUser, body: Record<string, unknown> = {}) {
  return callJson<Project>('/api/projects', {
    key: user.key,
    method: 'POST',
    body: { name: 'Todo app', description: 'A todo list with filters', ...body },
    expect: 201,
  });
}

/** Creates a project and generates every step of a template's plan for it. */
export async function generateProject(user: TestUser, templateId: string) {
  const project = await createProject(user, { name: `Site of ${templateId}` });
  const plan = await callJson<BuildPlan>(`/api/projects/${project.id}/plans`, { key: user.key, body: { templateId }, expect: 201 });
  for (const step of plan.steps) {
    await callJson(`/api/projects/${project.id}/generate`, { key: user.key, body: { planId: plan.id, stepId: step.id } });
  }
  return project;
}

/**
 * Delivers message bodies to the Worker's queue handler the way the Queues runtime does (first
 * attempt, one batch), and returns what the consumer acked and retried.
 *
 * @example await deliverMessages('promptax-deployments', [{ deploymentId }]);
 */
export async function deliverMessages(queue: string, bodies: unknown[]) {
  const batch = createMessageBatch(
    queue,
    bodies.map((body, index) => ({ id: `m-${index}-${JSON.stringify(body)}`, timestamp: new Date(), attempts: 1, body })),
  );
  const ctx = createExecutionContext();
  await worker.queue(batch, env);
  return getQueueResult(batch, ctx);
}

/** Deploys the project's current files: POSTs a deployment, delivers its message, and returns it as built. */
export async function deployProject(user: TestUser, projectId: string, environment = 'preview') {
  const queued = await callJson<Deployment>(`/api/projects/${projectId}/deployments`, { key: user.key, body: { environment }, expect: 202 });
  await deliverMessages('promptax-deployments', [{ deploymentId: queued.id }]);
  return callJson<Deployment>(`/api/projects/${projectId}/deployments/${queued.id}`, { key: user.key });
}

/** Puts one file as a hand edit, failing the test unless it is stored. */
export async function editFile(user: TestUser, projectId: string, path: string, content: string, contentType = 'text/javascript') {
  const response = await call(`/api/projects/${projectId}/files/${path}`, {
    key: user.key,
    method: 'PUT',
    body: content,
    headers: { 'content-type': contentType },
  });
  if (!response.ok) throw new Error(`PUT ${path}: ${response.status} ${await response.text()}`);
}

type ParsedChunk = ReturnType<typeof parseJsonEventStream<UIMessageChunk>> extends ReadableStream<infer Result> ? Result : never;

/**
 * Reads an AI SDK UI message stream the way `useChat` does (the SDK's own SSE parser and chunk
 * schema, then `readUIMessageStream`) and returns the message it built.
 */
export async function readStreamedMessage(response: Response): Promise<UIMessage> {
  const chunks = parseJsonEventStream({ stream: response.body!, schema: uiMessageChunkSchema }).pipeThrough(
    new TransformStream<ParsedChunk, UIMessageChunk>({
      transform(result, controller) {
        if (!result.success) throw result.error;
        controller.enqueue(result.value);
      },
    }),
  );
  let message: UIMessage | undefined;
  for await (const state of readUIMessageStream({ stream: chunks })) message = state;
  if (!message) throw new Error('The stream built no message');
  return message;
}

/**
 * Splits a text into words with their trailing whitespace, as a model streams them; joined again
 * they are the text. For mock models (the offline engine streams its known answers whole).
 *
 * @example wordChunks('Plan it.\nThen build.') // ['Plan ', 'it.\n', 'Then ', 'build.']
 */
export function wordChunks(text: string): string[] {
  return text.split(/(?<=\s)(?=\S)/).filter((chunk) => chunk.length > 0);
}

/** The text of a UI message: its text parts, joined. */
export const textOf = (message: UIMessage) => message.parts.map((part) => (part.type === 'text' ? part.text : '')).join('');

/**
 * A Chat Completions answer as OpenAI (and compatible servers) send it, for tests that intercept
 * the engine's outbound fetch.
 *
 * @example vi.spyOn(globalThis, 'fetch').mockImplementation(async () => chatCompletion('{"features": []}'))
 */
export function chatCompletion(content: string, usage = { prompt_tokens: 10, completion_tokens: 5 }): Response {
  return Response.json({
    id: 'chatcmpl-1',
    object: 'chat.completion',
    created: 1,
    model: 'gpt-4.1-mini',
    choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
    usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens },
  });
}

// The logs never hold an API key or the model provider's key: every console method is captured
// while requests fail in the ways that log (bad and revoked keys, a model refusing the key, a queue
// job failing on the model, an unexpected error whose text quotes both secrets).
import { createExecutionContext, createMessageBatch, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import type { Bindings } from '../../src/app-env';
import { createDb } from '../../src/db/client';
import { apiKeys } from '../../src/db/schema';
import worker from '../../src/index';
import { nowIso } from '../../src/lib/ids';
import { redactSecrets } from '../../src/lib/log';
import { API, createProject, createUser, generateProject } from '../helpers';

const MODEL_KEY = 'sk-live-4f9a8b7c6d5e4f3a2b1c0d9e';
const CONFIGURED: Partial<Bindings> = { OPENAI_API_KEY: MODEL_KEY, OPENAI_BASE_URL: 'https://llm.example.test/v1' };

let logged: string[] = [];

beforeEach(() => {
  logged = [];
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      logged.push(args.map((arg) => (typeof arg === 'string' ? arg : JSON.stringify(arg) ?? String(arg))).join(' '));
    });
  }
});

afterEach(() => vi.restoreAllMocks());

/** Calls the Worker's entry with OpenAI configured and the given bindings replaced. */
async function send(path: string, init: { method?: string; headers: Record<string, string>; body?: string }, bindings: Partial<Bindings> = {}) {
  const ctx = createExecutionContext();
  const response = await worker.fetch(new Request(API + path, init), { ...env, ...CONFIGURED, ...bindings }, ctx);
  await waitOnExecutionContext(ctx);
  return response;
}

/** The upstream's 401, quoting the key it was sent as real providers partly do. */
const refusal = () => Response.json({ error: { message: `Incorrect API key provided: ${MODEL_KEY}`, type: 'invalid_request_error' } }, { status: 401 });

it('logs no API key and no model key while requests fail', async () => {
  const user = await createUser();
  const revoked = await createUser();
  await createDb(env.DB).update(apiKeys).set({ revokedAt: nowIso() }).where(eq(apiKeys.id, revoked.keyId));
  const project = await generateProject(user, 'todo-list');
  const json = (key: string, body: unknown) => ({
    method: 'POST',
    headers: { Authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  vi.spyOn(globalThis, 'fetch').mockImplementation(async () => refusal());

  expect((await send('/api/projects', { headers: { Authorization: 'Bearer ptx_' + 'd'.repeat(43) } })).status).toBe(401);
  expect((await send('/api/projects', { headers: { Authorization: `Bearer ${revoked.key}` } })).status).toBe(401);
  expect((await send(`/api/projects/${project.id}/plans`, json(user.key, { templateId: 'todo-list', model: 'openai:gpt-4.1-mini' }))).status).toBe(502);

  // A test run written by the model: the queue job fails on the model and logs why.
  expect((await send(`/api/projects/${project.id}/tests`, json(user.key, { type: 'unit', model: 'openai:gpt-4.1-mini' }))).status).toBe(202);
  const [suite] = await (await send(`/api/projects/${project.id}/tests`, { headers: { Authorization: `Bearer ${user.key}` } })).json<{ id: string }[]>();
  await worker.queue(createMessageBatch('promptax-test-runs', [{ id: 'm-1', timestamp: new Date(), attempts: 1, body: { suiteId: suite!.id } }]), {
    ...env,
    ...CONFIGURED,
  });

  // An error nobody expected, whose text quotes both secrets: logged, with them masked.
  const failing = { ...env.FILES, head: async () => Promise.reject(new Error(`R2 refused Authorization: Bearer ${user.key} (model key ${MODEL_KEY})`)) };
  const edit = { method: 'PUT', headers: { Authorization: `Bearer ${user.key}`, 'content-type': 'text/plain' }, body: 'new notes' };
  const other = await createProject(user);
  expect((await send(`/api/projects/${other.id}/files/notes.txt`, edit, { FILES: failing as R2Bucket })).status).toBe(500);

  const text = logged.join('\n');
  expect(text).toContain('R2 refused');
  expect(text).toContain('[redacted]');
  expect(text).not.toContain('ptx_');
  expect(text).not.toContain(MODEL_KEY);
});

it("masks the bound values drizzle prints with a failed query, such as a key's hash, and keeps the rest", () => {
  const failure = new Error('Failed query: select "id" from "api_keys" where "hash" = ?\nparams: 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08');
  const line = redactSecrets(JSON.stringify({ error: String(failure) }), {});
  expect(line).not.toContain('9f86d081884c7d65');
  expect(line).toContain('select \\"id\\" from \\"api_keys\\"');
  expect(line).toContain('params: [redacted]');
});

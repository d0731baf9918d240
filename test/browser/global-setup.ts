// Once for the browser tests: Chromium present, a Worker served as `npm run dev` serves it (on a
// free port, with its own state directory) and a key for it; stopped and removed at the end.
// Beside it runs the OpenAI-compatible stub server of the workerd tests (test/model-server): the
// Worker lists its model, so a test can hold a chat turn open on a slow answer, while the default
// model, and so every other test, stays `offline`.
import type { ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { devKey, startWorker } from '../../scripts/dev.mjs';
import startModelServer from '../model-server/server.mjs';
import { ARTIFACTS } from './api';
import { ensureChromium } from './chromium';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The API's origin, `http://localhost:<port>`. */
    api: string;
    /** A key of the dev user in this server's database. */
    apiKey: string;
    /** The stub server's model as the Worker names it, and its scenario (`<scenario>/replies` queues answers, `<scenario>/requests` lists what it was asked). */
    stubModel: { id: string; scenario: string };
  }
}

const READY_TIMEOUT_MS = 90_000;
/** The model the stub server lists (GET /models), so `openai:<it>` in the Worker. */
const STUB_MODEL = 'stub-model';

/** A TCP port nobody listens on now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (address && typeof address === 'object' ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Waits until the Worker answers, failing early if wrangler exits. */
async function waitUntilServing(api: string, server: ChildProcess, log: string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`wrangler dev exited with ${server.exitCode}; see ${log}`);
    const answered = await fetch(`${api}/api/auth/session`).then(
      (response) => response.ok,
      () => false,
    );
    if (answered) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`wrangler dev did not answer on ${api} within ${READY_TIMEOUT_MS / 1000} s; see ${log}`);
}

/** Starts the stub model server and a scenario of its own for this Worker; returns the scenario's base URL and control URL, and how to stop the server. */
async function startStubModel(project: TestProject): Promise<{ baseUrl: string; scenario: string; stop: () => Promise<void> }> {
  const stop = await startModelServer(project);
  const origin = project.getProvidedContext().modelServer;
  const created = await fetch(`${origin}/_scenarios`, { method: 'POST', body: JSON.stringify({ models: [STUB_MODEL] }) });
  const { id } = (await created.json()) as { id: string };
  return { baseUrl: `${origin}/${id}/v1`, scenario: `${origin}/_scenarios/${id}`, stop };
}

export default async function setup(project: TestProject) {
  ensureChromium();
  mkdirSync(ARTIFACTS, { recursive: true });
  const model = await startStubModel(project);
  const state = mkdtempSync(join(tmpdir(), 'promptax-browser-'));
  const port = await freePort();
  const args = ['--port', String(port), '--inspector-port', String(await freePort()), '--persist-to', state];
  const worker = [...args, '--var', `OPENAI_BASE_URL:${model.baseUrl}`, '--var', 'DEFAULT_MODEL:offline'];
  const apiKey = await devKey(args);

  const log = join(ARTIFACTS, 'worker.log');
  const server = startWorker(worker, { stdio: ['ignore', 'pipe', 'pipe'] });
  const output = createWriteStream(log);
  server.stdout?.pipe(output);
  server.stderr?.pipe(output);
  const api = `http://localhost:${port}`;
  const stop = async () => {
    if (server.exitCode === null) {
      const exited = new Promise((resolve) => server.once('exit', resolve));
      server.kill('SIGTERM');
      await exited;
    }
    rmSync(state, { recursive: true, force: true });
    await model.stop();
  };
  try {
    await waitUntilServing(api, server, log);
  } catch (error) {
    await stop();
    throw error;
  }
  project.provide('api', api);
  project.provide('apiKey', apiKey);
  project.provide('stubModel', { id: `openai:${STUB_MODEL}`, scenario: model.scenario });
  return stop;
}

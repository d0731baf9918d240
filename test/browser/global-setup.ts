// Once for the browser tests: Chromium present, a Worker served as `npm run dev` serves it (on a
// free port, with its own state directory) and a key for it; stopped and removed at the end.
import type { ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { devKey, startWorker } from '../../scripts/dev.mjs';
import { ARTIFACTS } from './api';
import { ensureChromium } from './chromium';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The API's origin, `http://localhost:<port>`. */
    api: string;
    /** A key of the dev user in this server's database. */
    apiKey: string;
  }
}

const READY_TIMEOUT_MS = 90_000;

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

export default async function setup(project: TestProject) {
  ensureChromium();
  mkdirSync(ARTIFACTS, { recursive: true });
  const state = mkdtempSync(join(tmpdir(), 'promptax-browser-'));
  const port = await freePort();
  const args = ['--port', String(port), '--inspector-port', String(await freePort()), '--persist-to', state];
  const apiKey = await devKey(args);

  const log = join(ARTIFACTS, 'worker.log');
  const server = startWorker(args, { stdio: ['ignore', 'pipe', 'pipe'] });
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
  };
  try {
    await waitUntilServing(api, server, log);
  } catch (error) {
    await stop();
    throw error;
  }
  project.provide('api', api);
  project.provide('apiKey', apiKey);
  return stop;
}

// A small HTTP client for the benchmark's set-up and timed probes: node:http on loopback, with an
// explicit Host header, because sites live at <label>.localhost:<port> and Node cannot resolve that.
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';

const agent = new Agent({ keepAlive: true, maxSockets: 64 });

/**
 * Sends one request to 127.0.0.1:`port` and reads the whole answer. `json` is sent as the body
 * (and parsed back when the answer is JSON); `onChunk(text, ms)` sees each body chunk as it
 * arrives, `ms` since the request was sent.
 *
 * @example const { status, body } = await call(8787, 'GET', '/api/auth/session', { key });
 */
export function call(port, method, path, { key, json, body, headers = {}, host, onChunk } = {}) {
  const payload = json === undefined ? body : JSON.stringify(json);
  const allHeaders = {
    host: host ?? `localhost:${port}`,
    ...(key ? { authorization: `Bearer ${key}` } : {}),
    ...(json === undefined ? {} : { 'content-type': 'application/json' }),
    ...(payload === undefined ? {} : { 'content-length': Buffer.byteLength(payload) }),
    ...headers,
  };
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = request({ host: '127.0.0.1', port, method, path, headers: allHeaders, agent }, (res) => {
      const chunks = [];
      let firstByteMs;
      res.setEncoding('utf8');
      res.on('data', (chunk) => {
        const ms = performance.now() - started;
        firstByteMs ??= ms;
        chunks.push(chunk);
        onChunk?.(chunk, ms);
      });
      res.on('end', () => {
        const text = chunks.join('');
        const isJson = /json/.test(res.headers['content-type'] ?? '');
        resolve({
          status: res.statusCode,
          headers: res.headers,
          startedAt: started,
          text,
          body: isJson && text ? JSON.parse(text) : text,
          firstByteMs,
          totalMs: performance.now() - started,
        });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(payload);
  });
}

/** `call`, failing unless the status is the expected one. */
export async function expectStatus(expected, port, method, path, options) {
  const response = await call(port, method, path, options);
  if (response.status !== expected) {
    throw new Error(`${method} ${path}: expected ${expected}, got ${response.status}: ${response.text.slice(0, 500)}`);
  }
  return response;
}

/** Runs `task(i)` for i in [0, count) with at most `concurrency` at once. */
export async function inParallel(count, concurrency, task) {
  let next = 0;
  const worker = async () => {
    while (next < count) await task(next++);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
}

/** Closes the kept-alive sockets so the process can exit. */
export const closeConnections = () => agent.destroy();

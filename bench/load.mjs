// One measured point: autocannon at a concurrency for a duration, with exact latency percentiles
// (autocannon's own histogram rounds to whole milliseconds) and the runtime's CPU per request.
import autocannon from 'autocannon';
import { cpuMs } from './proc.mjs';

/** The value at quantile `q` of sorted numbers (nearest rank). */
export function quantile(sorted, q) {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

const round = (value, digits = 2) => (value === null || value === undefined ? null : Number(value.toFixed(digits)));

/**
 * Drives `server` with `connections` concurrent connections for `seconds`, or until `maxRequests`
 * were sent. `request(i)` is the request connection `i` repeats (method, path, headers, body), so
 * that connections can work on their own project where the API serialises work per project.
 *
 * @example await loadPoint(server, { connections: 10, seconds: 5, request: () => ({ method: 'GET', path: '/' }) })
 */
export async function loadPoint(server, { connections, seconds, request, maxRequests }) {
  const latencies = [];
  const statuses = {};
  let nextClient = 0;
  const cpuBefore = cpuMs(server.pid);
  const instance = autocannon({
    url: `http://127.0.0.1:${server.port}`,
    connections,
    duration: seconds,
    timeout: 30,
    ...(maxRequests ? { maxOverallRequests: maxRequests } : {}),
    setupClient: (client) => client.setRequests([request(nextClient++)]),
  });
  instance.on('response', (_client, status, _bytes, ms) => {
    statuses[status] = (statuses[status] ?? 0) + 1;
    if (status >= 200 && status < 300) latencies.push(ms);
  });
  const result = await instance;
  const cpuAfter = cpuMs(server.pid);
  latencies.sort((a, b) => a - b);
  const ok = latencies.length;
  const failed = Object.entries(statuses)
    .filter(([status]) => Number(status) >= 300)
    .reduce((sum, [, count]) => sum + count, 0);
  const served = ok + failed;
  return {
    connections,
    seconds: result.duration,
    requests: ok,
    failed,
    errors: result.errors + result.timeouts,
    statuses,
    rps: round(ok / result.duration, 1),
    p50Ms: round(quantile(latencies, 0.5)),
    p99Ms: round(quantile(latencies, 0.99)),
    cpuMsPerRequest: served > 0 ? round((cpuAfter.runtime - cpuBefore.runtime) / served, 3) : null,
  };
}

// Memory under sustained load: the runtime's resident memory after 3,000 and after 30,000 requests
// at 50 connections, for Promptax and, the same way, for the baseline Worker beside it, so that
// what the runtime itself keeps (wrangler dev's proxy, the simulators) is told apart from ours.
import autocannon from 'autocannon';
import { readFileSync } from 'node:fs';
import { processTree } from './proc.mjs';

/** Resident memory in MB of the runtime (`workerd`) processes under `rootPid`, from /proc. */
export function runtimeRssMb(rootPid) {
  const kb = processTree(rootPid)
    .filter((process) => process.name === 'workerd')
    .reduce((sum, { pid }) => {
      try {
        return sum + Number(readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+) kB/m)[1]);
      } catch {
        return sum;
      }
    }, 0);
  return Number((kb / 1024).toFixed(1));
}

/** Sends exactly `amount` requests at `connections` connections; the non-2xx count. */
async function drive(server, { connections, amount, request }) {
  let failed = 0;
  const instance = autocannon({
    url: `http://127.0.0.1:${server.port}`,
    connections,
    amount,
    timeout: 30,
    requests: [request],
  });
  instance.on('response', (_client, status) => {
    if (status < 200 || status >= 300) failed += 1;
  });
  const result = await instance;
  return failed + result.errors + result.timeouts;
}

/**
 * Drives `server` with `request` to `first` requests and notes the runtime's RSS, then on to
 * `total` and notes it again. `ratio` is the second over the first: a leak grows with every
 * request, a warm-up does not. (The isolate's heap is not read here: with the inspector attached,
 * workerd can stop the Worker's isolate mid-load, so it is read by hand, see the README.)
 *
 * @example await soak(promptax, { request: { method: 'GET', path: '/api/projects/…', headers } }) // { rssMbAtFirst: 210, rssMbAtTotal: 230, ratio: 1.1, ... }
 */
export async function soak(server, { request, connections = 50, first = 3_000, total = 30_000 }) {
  const rssMbAtStart = runtimeRssMb(server.pid);
  let failed = await drive(server, { connections, amount: first, request });
  const rssMbAtFirst = runtimeRssMb(server.pid);
  failed += await drive(server, { connections, amount: total - first, request });
  const rssMbAtTotal = runtimeRssMb(server.pid);
  return {
    connections,
    first,
    total,
    rssMbAtStart,
    rssMbAtFirst,
    rssMbAtTotal,
    ratio: Number((rssMbAtTotal / rssMbAtFirst).toFixed(2)),
    failed,
  };
}

// `npm run bench -- --profile chat|model|generate|read|create [--requests N]`: a CPU profile of one kind of request,
// taken through the runtime's inspector while the requests run one after another on a readable
// build. Writes bench/<kind>.cpuprofile (open it in Chrome DevTools or VS Code) and prints where the
// time went, by package or source layer and by function, with the CPU per request from /proc.
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { createPlan, createProject, OFFLINE } from './flows.mjs';
import { expectStatus } from './http.mjs';
import { quantile } from './load.mjs';
import { cpuMs } from './proc.mjs';
import { streamedTurn } from './streaming.mjs';

/** What each profiled kind sends, after `prepare` made what it needs. */
const KINDS = {
  chat: {
    async prepare(port, key) {
      const project = await createProject(port, key, { name: 'Profiled chat', description: 'A shared checklist of chores' });
      return { projectId: project.id };
    },
    send: (port, key, { projectId }) =>
      expectStatus(200, port, 'POST', `/api/projects/${projectId}/chat`, {
        key,
        json: { content: 'What should I do next?', model: OFFLINE },
        headers: { accept: 'text/event-stream' },
      }),
  },
  // A streamed turn through the stub model (bench/stub-model.mjs, started by the run with
  // `stub: true`): what the Worker and the conversation do before the model is asked, and after.
  model: {
    stub: true,
    async prepare(port, key) {
      const project = await createProject(port, key, { name: 'Profiled model chat', description: 'A shared checklist of chores' });
      return { projectId: project.id };
    },
    send: (port, key, { projectId }) => streamedTurn(port, key, projectId, 'openai:stub'),
  },
  generate: {
    async prepare(port, key) {
      const project = await createProject(port, key, { name: 'Profiled generate', description: 'A shared checklist of chores' });
      const plan = await createPlan(port, key, project.id);
      const first = plan.steps.find((step) => step.dependsOn.length === 0);
      return { projectId: project.id, planId: plan.id, stepId: first.id };
    },
    send: (port, key, { projectId, planId, stepId }) =>
      expectStatus(200, port, 'POST', `/api/projects/${projectId}/generate`, { key, json: { planId, stepId, model: OFFLINE } }),
  },
  // The authenticated CRUD path at its simplest: the key check and one project, in one D1 batch.
  read: {
    async prepare(port, key) {
      const project = await createProject(port, key, { name: 'Profiled read', description: 'Read by id' });
      return { projectId: project.id };
    },
    send: (port, key, { projectId }) => expectStatus(200, port, 'GET', `/api/projects/${projectId}`, { key }),
  },
  // A write: body parsing and validation, the quota read, the insert. An organisation holds at most
  // 1,000 projects, so a run (warm-up and twice `--requests`) stays under 1,000 requests.
  create: {
    prepare: async () => ({}),
    send: (port, key) => expectStatus(201, port, 'POST', '/api/projects', { key, json: { name: 'Profiled create', description: 'Created by the profile' } }),
  },
};

export const PROFILE_KINDS = Object.keys(KINDS);

/** Whether profiling `kind` needs the stub model running, its base URL in the Worker's vars. */
export const needsStubModel = (kind) => KINDS[kind].stub === true;

/**
 * A DevTools protocol session with the Worker's isolate, over the inspector's WebSocket:
 * `send(method, params)` resolves with the result.
 *
 * @example const inspector = await inspect(promptax.inspectorPort); await inspector.send('Runtime.getHeapUsage');
 */
async function inspect(inspectorPort) {
  const targets = await (await fetch(`http://127.0.0.1:${inspectorPort}/json`)).json();
  const target = targets.find((entry) => entry.webSocketDebuggerUrl);
  if (!target) throw new Error(`the inspector on ${inspectorPort} lists no target: ${JSON.stringify(targets)}`);
  // The inspector proxy accepts only local origins (Node's WebSocket sends none of its own).
  const socket = new WebSocket(target.webSocketDebuggerUrl, { headers: { origin: 'http://127.0.0.1' } });
  await new Promise((resolve, reject) => {
    socket.addEventListener('open', resolve, { once: true });
    socket.addEventListener('error', reject, { once: true });
  });
  let nextId = 1;
  const pending = new Map();
  socket.addEventListener('message', (event) => {
    const message = JSON.parse(event.data);
    const waiting = pending.get(message.id);
    if (!waiting) return;
    pending.delete(message.id);
    if (message.error) waiting.reject(new Error(`${waiting.method}: ${message.error.message}`));
    else waiting.resolve(message.result);
  });
  return {
    // A command the runtime leaves unanswered (workerd never answers some) fails after `timeoutMs` rather than hanging the run.
    send: (method, params = {}, timeoutMs = 60_000) =>
      new Promise((resolve, reject) => {
        const id = nextId++;
        const timer = setTimeout(() => {
          pending.delete(id);
          reject(new Error(`${method}: no answer from the inspector within ${timeoutMs} ms`));
        }, timeoutMs);
        const settle = (then) => (value) => {
          clearTimeout(timer);
          then(value);
        };
        pending.set(id, { resolve: settle(resolve), reject: settle(reject), method });
        socket.send(JSON.stringify({ id, method, params }));
      }),
    close: () => socket.close(),
  };
}

/**
 * The module each line of a readable esbuild bundle belongs to, from the `// node_modules/zod/...`
 * and `// src/...` comments esbuild puts before each module's code.
 */
function moduleLines(source) {
  const starts = [];
  source.split('\n').forEach((line, index) => {
    const marker = line.match(/^\/\/ ((?:node_modules|src)\/\S+)$/);
    if (marker) {
      const pkg = marker[1].match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
      starts.push({ line: index, module: pkg ? pkg[1] : marker[1].split('/').slice(0, 3).join('/') });
    }
  });
  return (line) => {
    let found = '(runtime)';
    for (const start of starts) {
      if (start.line > line) break;
      found = start.module;
    }
    return found;
  };
}

/**
 * Self time of a profile by module and by function, in ms, largest first. Samples are counted
 * rather than their time deltas summed: on a shared machine the process is descheduled now and
 * then, and the whole pause would land on whatever function happened to be running. Each sample
 * stands for the median interval between samples.
 */
function summarise(profile, moduleAt) {
  const byNode = new Map(profile.nodes.map((node) => [node.id, node]));
  const deltas = [...profile.timeDeltas].sort((a, b) => a - b);
  const usPerSample = deltas[Math.floor(deltas.length / 2)] ?? 0;
  const selfUs = new Map();
  for (const id of profile.samples) selfUs.set(id, (selfUs.get(id) ?? 0) + usPerSample);
  const modules = new Map();
  const functions = new Map();
  for (const [id, us] of selfUs) {
    const { callFrame } = byNode.get(id);
    if (['(idle)', '(program)', '(garbage collector)'].includes(callFrame.functionName)) {
      modules.set(callFrame.functionName, (modules.get(callFrame.functionName) ?? 0) + us);
      continue;
    }
    // The bundle is `index.js`; the runtime's own scripts (cloudflare-internal:d1-api, node-internal:...) keep their names.
    const module = callFrame.url === 'index.js' ? moduleAt(callFrame.lineNumber) : callFrame.url || '(native)';
    const name = `${callFrame.functionName || '(anonymous)'} ${module}:${callFrame.lineNumber + 1}`;
    modules.set(module, (modules.get(module) ?? 0) + us);
    functions.set(name, (functions.get(name) ?? 0) + us);
  }
  const top = (map, count) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, count)
      .map(([name, us]) => ({ name, ms: Number((us / 1000).toFixed(1)) }));
  return { modules: top(modules, 15), functions: top(functions, 25) };
}

/**
 * Times `requests` sequential requests of `kind` against a running Promptax (see servers.mjs)
 * served from the readable build at `entry` (whose text is `source`), after `warmup` others, then
 * profiles as many more.
 *
 * @example await profileRequests(promptax, key, { kind: 'chat', entry: '/tmp/build/index.js', requests: 200, out: 'bench/chat.cpuprofile' })
 */
export async function profileRequests(promptax, key, { kind, entry, source, requests, warmup = 20, out, stub }) {
  const { prepare, send } = KINDS[kind];
  const target = await prepare(promptax.port, key);
  for (let i = 0; i < warmup; i++) await send(promptax.port, key, target);
  // CPU and time are measured first, without the profiler, whose sampling costs CPU of its own.
  const cpuBefore = cpuMs(promptax.pid);
  const started = performance.now();
  const beforeModelMs = [];
  for (let i = 0; i < requests; i++) {
    const calls = stub?.requests.length;
    const turn = await send(promptax.port, key, target);
    // From sending the request to the stub receiving the model call: the part of TTFB that is ours.
    if (stub) beforeModelMs.push(stub.requests[calls].arrived - turn.sentAt);
  }
  const wallMs = performance.now() - started;
  const cpuAfter = cpuMs(promptax.pid);
  const inspector = await inspect(promptax.inspectorPort);
  await inspector.send('Profiler.enable');
  await inspector.send('Profiler.setSamplingInterval', { interval: 100 });
  await inspector.send('Profiler.start');
  for (let i = 0; i < requests; i++) await send(promptax.port, key, target);
  const { profile } = await inspector.send('Profiler.stop');
  inspector.close();
  writeFileSync(out, JSON.stringify(profile));
  const summary = summarise(profile, moduleLines(source));
  return {
    kind,
    requests,
    loadAverage: loadavg().map((load) => Number(load.toFixed(2))),
    wallMsPerRequest: Number((wallMs / requests).toFixed(2)),
    runtimeCpuMsPerRequest: Number(((cpuAfter.runtime - cpuBefore.runtime) / requests).toFixed(2)),
    ...(stub ? { beforeModelP50Ms: Number(quantile(beforeModelMs.sort((a, b) => a - b), 0.5).toFixed(2)) } : {}),
    ...summary,
    entry,
  };
}

// `npm run bench [-- --quick] [-- --messages N] [-- --keep]`: builds the Worker once, serves it and a
// baseline Worker side by side on `wrangler dev`, drives every scenario of issue 7 with autocannon,
// and writes bench/results.json and a table. State lives in a temporary directory (kept with
// --keep), never in the dev database. `-- --profile chat|model|generate|read|create [--requests N]` instead profiles
// one kind of request (bench/profile.mjs).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { buildWorker } from './build.mjs';
import { ideaToLive as timeIdeaToLive } from './flows.mjs';
import { measureGrowth } from './growth.mjs';
import { issueKeys } from './keys.mjs';
import { closeConnections } from './http.mjs';
import { loadPoint, quantile } from './load.mjs';
import { CLOCK_TICKS } from './proc.mjs';
import { needsStubModel, PROFILE_KINDS, profileRequests } from './profile.mjs';
import { bundleTable, loadTable, otherTables, targets, targetTable } from './report.mjs';
import { loadScenarios, prepareScenarios } from './scenarios.mjs';
import { startBaseline, startPromptax } from './servers.mjs';
import { soak } from './soak.mjs';
import { offlineChatTtfb, streamingOverhead } from './streaming.mjs';
import { startStubModel } from './stub-model.mjs';

const benchDir = dirname(fileURLToPath(import.meta.url));
const root = join(benchDir, '..');

const { values: options } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    messages: { type: 'string' },
    keep: { type: 'boolean', default: false },
    profile: { type: 'string' },
    requests: { type: 'string', default: '200' },
  },
});
if (options.profile && !PROFILE_KINDS.includes(options.profile)) throw new Error(`--profile takes one of ${PROFILE_KINDS.join(', ')}`);

const plan = options.quick
  ? { concurrencies: [10], seconds: 3, baselineSeconds: 2, warmupSeconds: 1, streamSamples: 10, ideaRuns: 3, pageRounds: 50, files: 10_000, messages: 200, soak: { first: 1_000, total: 10_000 } }
  : { concurrencies: [1, 10, 50], seconds: 3, baselineSeconds: 2, warmupSeconds: 1.5, streamSamples: 30, ideaRuns: 5, pageRounds: 200, files: 10_000, messages: 1_000, soak: { first: 3_000, total: 30_000 } };
if (options.messages) plan.messages = Number(options.messages);
const STUB_FIRST_TOKEN_MS = 200;
/** The per-key limit still counts every request (that cost is measured); it just never refuses one. */
const UNREFUSED = { RATE_LIMIT_PER_MINUTE: '1000000000' };

const started = Date.now();
const log = (message) => console.error(`[bench ${((Date.now() - started) / 1000).toFixed(0).padStart(3)} s] ${message}`);

function environment() {
  const version = (command, args) => {
    try {
      return execFileSync(command, args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    } catch {
      return null;
    }
  };
  return {
    date: new Date().toISOString(),
    commit: version('git', ['rev-parse', '--short', 'HEAD']),
    uncommittedChanges: Boolean(version('git', ['status', '--porcelain', '--', 'src'])),
    node: process.version,
    wrangler: version(join(root, 'node_modules/.bin/wrangler'), ['--version']),
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memoryGb: Number((totalmem() / 1024 ** 3).toFixed(1)),
    loadAverageAtStart: loadavg().map((load) => Number(load.toFixed(2))),
    clockTicksPerSecond: CLOCK_TICKS,
    plan,
  };
}

/**
 * Warms a scenario up, then measures it at each concurrency, each point right after a shorter
 * one of the baseline at the same concurrency: others share this machine, and its speed drifts
 * within minutes, so a ratio is only fair between neighbours in time. A CRUD scenario's point
 * also has the baseline with one D1 batch (`baselineD1`) beside it: that difference is what
 * Promptax's own code costs over the local D1 simulator's floor.
 */
async function runScenario(scenario, baseline, baselineD1) {
  const run = (index) => ({ request: (i) => scenario.request(i, index), maxRequests: scenario.maxRequests });
  await loadPoint(scenario.server, { connections: Math.max(...plan.concurrencies), seconds: plan.warmupSeconds, ...run(0) });
  const points = [];
  for (const [index, connections] of plan.concurrencies.entries()) {
    const beside = async (other) => other && (await loadPoint(other.server, { connections, seconds: plan.baselineSeconds, request: other.request }));
    const neighbour = await beside(baseline);
    const neighbourD1 = await beside(scenario.crud ? baselineD1 : undefined);
    const point = await loadPoint(scenario.server, { connections, seconds: plan.seconds, ...run(index + 1) });
    const netCpu = (other) => (point.cpuMsPerRequest === null ? null : Number((point.cpuMsPerRequest - other.cpuMsPerRequest).toFixed(3)));
    if (neighbour) {
      point.baseline = { rps: neighbour.rps, p50Ms: neighbour.p50Ms, cpuMsPerRequest: neighbour.cpuMsPerRequest };
      point.ratioToBaseline = Number((point.rps / neighbour.rps).toFixed(3));
      point.netCpuMsPerRequest = netCpu(neighbour);
    }
    if (neighbourD1) {
      point.baselineD1 = { rps: neighbourD1.rps, p50Ms: neighbourD1.p50Ms, cpuMsPerRequest: neighbourD1.cpuMsPerRequest };
      point.ratioToBaselineD1 = Number((point.rps / neighbourD1.rps).toFixed(3));
      point.netCpuMsPerRequestOverD1 = netCpu(neighbourD1);
    }
    points.push(point);
    log(
      `${scenario.id} × ${connections}: ${point.rps} req/s, p50 ${point.p50Ms} ms${neighbour ? `, baseline beside it ${neighbour.rps} req/s` : ''}${neighbourD1 ? `, with one D1 batch ${neighbourD1.rps} req/s` : ''}`,
    );
  }
  return { id: scenario.id, title: scenario.title, crud: scenario.crud ?? false, points };
}

async function main() {
  const env = environment();
  const state = mkdtempSync(join(tmpdir(), 'promptax-bench-'));
  const persistTo = join(state, 'promptax');
  log(`state in ${state}`);
  const stub = await startStubModel({ firstTokenMs: STUB_FIRST_TOKEN_MS });
  // One build for the whole run: it is what is served, and what the bundle target weighs.
  const bundle = await buildWorker(join(state, 'build'));
  log(`built: ${bundle.gzipKb} KB gzip`);
  const servers = {};
  const booting = [
    startBaseline({ persistTo: join(state, 'baseline') }).then((server) => (servers.baseline = server)),
    startPromptax({
      entry: bundle.entry,
      persistTo,
      vars: {
        OPENAI_BASE_URL: stub.baseUrl,
        OPENAI_API_KEY: 'bench',
        ...UNREFUSED,
      },
    }).then((server) => (servers.promptax = server)),
  ];
  try {
    // Keys are written while the servers boot: the ready check (no key) does not touch D1.
    const creators = plan.concurrencies.map((_, index) => `creator${index + 1}`);
    const issued = await issueKeys(['reader', 'writer', 'creator0', ...creators], persistTo);
    const keys = { reader: issued.reader, writer: issued.writer, creators: ['creator0', ...creators].map((name) => issued[name]) };
    await Promise.all(booting);
    log(`promptax on ${servers.promptax.port}, baseline on ${servers.baseline.port}`);

    const prepared = await prepareScenarios(servers.promptax, keys, Math.max(...plan.concurrencies));
    log('projects, plans and a live site are ready');

    const [baseline, baselineD1, ...scenarios] = loadScenarios(servers, keys, prepared);
    const measured = [await runScenario(baseline), await runScenario(baselineD1, baseline)];
    for (const scenario of scenarios) measured.push(await runScenario(scenario, baseline, baselineD1));

    log('streams');
    const streams = {
      offline: await offlineChatTtfb(servers.promptax.port, keys.writer, plan.streamSamples),
      model: await streamingOverhead(servers.promptax.port, keys.writer, stub, plan.streamSamples),
    };

    log('idea to live');
    const runs = [];
    for (let i = 0; i < plan.ideaRuns; i++) runs.push(await timeIdeaToLive(servers.promptax.port, keys.writer));
    const sorted = (values) => [...values].sort((a, b) => a - b);
    const ideaToLive = {
      runs,
      p50Ms: quantile(sorted(runs.map((run) => run.totalMs)), 0.5),
      maxMs: Math.max(...runs.map((run) => run.totalMs)),
      queuedToLiveP50Ms: quantile(sorted(runs.map((run) => run.phasesMs.queuedToLive)), 0.5),
    };

    log(`growth: ${plan.files} files, ${plan.messages} messages`);
    const growth = await measureGrowth(servers.promptax, keys.writer, { persistTo, files: plan.files, messages: plan.messages, rounds: plan.pageRounds });

    // Last, so that the growth data and every scenario before it are in the memory the soak starts from.
    log(`soak: ${plan.soak.total} requests at 50 connections, baseline then GET /api/projects/{id}`);
    const memory = {
      baseline: await soak(servers.baseline, { ...plan.soak, request: { method: 'GET', path: '/' } }),
      promptax: await soak(servers.promptax, { ...plan.soak, request: { method: 'GET', path: `/api/projects/${prepared.readerProject.id}`, headers: { authorization: `Bearer ${keys.reader}` } } }),
    };

    const results = {
      environment: { ...env, loadAverageAtEnd: loadavg().map((load) => Number(load.toFixed(2))), seconds: Math.round((Date.now() - started) / 1000) },
      scenarios: measured,
      streams,
      ideaToLive,
      growth,
      memory,
      bundle,
    };
    results.targets = targets(results);
    writeFileSync(join(benchDir, 'results.json'), JSON.stringify(results, null, 2) + '\n');
    console.log(`\nPromptax vs a baseline Worker on wrangler dev (${env.cores} cores, load ${env.loadAverageAtStart[0]} at start, ${results.environment.loadAverageAtEnd[0]} at end)\n`);
    console.log(loadTable(results));
    console.log('\n' + otherTables(results));
    console.log('\n' + bundleTable(results.bundle));
    console.log('\n' + targetTable(results.targets));
    console.log(`\nbench/results.json written in ${results.environment.seconds} s`);
  } finally {
    await Promise.allSettled(booting);
    await Promise.all(Object.values(servers).map((server) => server.stop()));
    await stub.close();
    closeConnections();
    if (!options.keep) rmSync(state, { recursive: true, force: true });
  }
}

/** `--profile`: only Promptax, from a readable build, one kind of request timed and then profiled. */
async function profile() {
  const state = mkdtempSync(join(tmpdir(), 'promptax-profile-'));
  const persistTo = join(state, 'promptax');
  const bundle = await buildWorker(join(state, 'build'), { minify: false });
  const { writer } = await issueKeys(['writer'], persistTo);
  const stub = needsStubModel(options.profile) ? await startStubModel({ firstTokenMs: STUB_FIRST_TOKEN_MS }) : null;
  const promptax = await startPromptax({ entry: bundle.entry, persistTo, vars: stub ? { ...UNREFUSED, OPENAI_BASE_URL: stub.baseUrl, OPENAI_API_KEY: 'bench' } : UNREFUSED });
  try {
    const out = join(benchDir, `${options.profile}.cpuprofile`);
    const result = await profileRequests(promptax, writer, {
      kind: options.profile,
      entry: bundle.entry,
      source: readFileSync(bundle.entry, 'utf8'),
      requests: Number(options.requests),
      out,
      stub,
    });
    console.log(JSON.stringify(result, null, 2));
    log(`profile written to ${out}`);
  } finally {
    await promptax.stop();
    await stub?.close();
    closeConnections();
    if (!options.keep) rmSync(state, { recursive: true, force: true });
  }
}

(options.profile ? profile() : main()).catch((error) => {
  console.error(error);
  process.exit(1);
});

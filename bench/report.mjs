// The printed table and the verdict on each of issue 7's targets, from the results of one run.

const fmt = (value, digits = 1) => (value === null || value === undefined ? '—' : Number(value).toFixed(digits));

/** Markdown rows: one per scenario and concurrency, with the ratio to the baseline at that concurrency. */
export function loadTable(results) {
  const lines = [
    '| scenario | conc. | req/s | p50 ms | p99 ms | baseline req/s beside it | × baseline | CPU ms/req (baseline; + one D1 batch) | non-2xx |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const scenario of results.scenarios) {
    for (const point of scenario.points) {
      lines.push(
        `| ${scenario.title} | ${point.connections} | ${fmt(point.rps, 0)} | ${fmt(point.p50Ms)} | ${fmt(point.p99Ms)} | ${fmt(point.baseline?.rps, 0)} | ${fmt(point.ratioToBaseline, 2)} | ${fmt(point.cpuMsPerRequest, 2)}${point.baseline ? ` (${fmt(point.baseline.cpuMsPerRequest, 2)}${point.baselineD1 ? `; ${fmt(point.baselineD1.cpuMsPerRequest, 2)}` : ''})` : ''} | ${point.failed + point.errors} |`,
      );
    }
  }
  return lines.join('\n');
}

/** Markdown of the other measurements: streams, idea to live, growth, memory, bundle. */
export function otherTables(results) {
  const { streams, ideaToLive, growth, bundle } = results;
  const lines = [
    '| measurement | p50 | p99 |',
    '| --- | ---: | ---: |',
    `| POST .../chat offline, stream: first byte (${streams.offline.samples} sequential) | ${fmt(streams.offline.firstByte.p50Ms)} ms | ${fmt(streams.offline.firstByte.p99Ms)} ms |`,
    `| POST .../chat offline, stream: first text | ${fmt(streams.offline.firstText.p50Ms)} ms | ${fmt(streams.offline.firstText.p99Ms)} ms |`,
    `| chat through a model whose first token takes ${streams.model.modelFirstTokenMs} ms: first text (${streams.model.samples} sequential) | ${fmt(streams.model.firstText.p50Ms)} ms | ${fmt(streams.model.firstText.p99Ms)} ms |`,
    `| … added over the model's own first token | ${fmt(streams.model.added.p50Ms)} ms | ${fmt(streams.model.added.p99Ms)} ms |`,
    `| … of which before the model is called / after its first token | ${fmt(streams.model.beforeModel.p50Ms)} / ${fmt(streams.model.afterModel.p50Ms)} ms | ${fmt(streams.model.beforeModel.p99Ms)} / ${fmt(streams.model.afterModel.p99Ms)} ms |`,
    `| idea to live, offline (${ideaToLive.runs.length} runs) | ${fmt(ideaToLive.p50Ms, 0)} ms | max ${fmt(ideaToLive.maxMs, 0)} ms |`,
    `| … of which from 202 queued to live (the queue's delivery and the build) | ${fmt(ideaToLive.queuedToLiveP50Ms, 0)} ms | |`,
  ];
  for (const [kind, label] of [
    ['files', 'GET .../files'],
    ['chat', 'GET .../chat'],
  ]) {
    const g = growth[kind];
    lines.push(
      `| ${label}: page of ${g.small} items | ${fmt(g.pages.small.p50Ms, 2)} ms | ${fmt(g.pages.small.p99Ms, 2)} ms |`,
      `| ${label}: of ${g.large}, first / deep page of 10 (× small) | ${fmt(g.pages.largeFirstLimit10.p50Ms, 2)} / ${fmt(g.pages.largeDeepLimit10.p50Ms, 2)} ms (${fmt(g.ratios.firstPageLimit10, 2)} / ${fmt(g.ratios.deepPageLimit10, 2)}) | |`,
      `| ${label}: of ${g.large}, first / deep page of 50 (× small) | ${fmt(g.pages.largeFirst.p50Ms, 2)} / ${fmt(g.pages.largeDeep.p50Ms, 2)} ms (${fmt(g.ratios.firstPage, 2)} / ${fmt(g.ratios.deepPage, 2)}) | |`,
    );
  }
  for (const [label, run] of [
    ['Promptax, GET /api/projects/{id}', results.memory.promptax],
    ['baseline Worker, GET /', results.memory.baseline],
  ]) {
    lines.push(
      `| runtime RSS, ${label} at 50 connections: at start / after ${run.first} / after ${run.total} requests (ratio) | ${fmt(run.rssMbAtStart, 0)} / ${fmt(run.rssMbAtFirst, 0)} / ${fmt(run.rssMbAtTotal, 0)} MB (${fmt(run.ratio, 2)}) | |`,
    );
  }
  lines.push(`| bundle (wrangler deploy --dry-run --minify) | ${fmt(bundle.kb, 0)} KB, ${fmt(bundle.gzipKb, 1)} KB gzip | |`);
  return lines.join('\n');
}

/** Markdown of the ten largest packages and source layers in the bundle, minified, as esbuild's metafile counts them. */
export function bundleTable(bundle) {
  return [
    `| largest in the bundle (${fmt(bundle.kb, 0)} KB minified) | KB minified | share |`,
    '| --- | ---: | ---: |',
    ...bundle.largest.map((entry) => `| ${entry.module} | ${fmt(entry.kb, 1)} | ${fmt(entry.share * 100, 1)} % |`),
  ].join('\n');
}

/** Each target of issue 7 with what was measured and whether it is met. */
export function targets(results) {
  const scenario = (id) => results.scenarios.find((entry) => entry.id === id);
  const projectRatios = scenario('project').points.map((point) => point.ratioToBaseline);
  const crud = results.scenarios.filter((entry) => entry.crud).flatMap((entry) => entry.points.map((point) => ({ id: entry.id, ...point })));
  const range = (field) => {
    const values = crud.map((point) => point[field]).filter((value) => value !== null && value !== undefined);
    return { min: Math.min(...values), max: Math.max(...values) };
  };
  const cpu = range('cpuMsPerRequest');
  const netCpu = range('netCpuMsPerRequest');
  const netCpuOverD1 = range('netCpuMsPerRequestOverD1');
  const { growth } = results;
  const growthRatios = [growth.files.ratios.firstPageLimit10, growth.files.ratios.deepPageLimit10, growth.chat.ratios.firstPageLimit10, growth.chat.ratios.deepPageLimit10];
  return [
    {
      target: 'GET /api/projects/{id} ≥ 0.6 × baseline req/s',
      measured: `${projectRatios.map((ratio) => fmt(ratio, 2)).join(' / ')} at ${scenario('project').points.map((point) => point.connections).join(' / ')} connections`,
      met: Math.min(...projectRatios) >= 0.6,
    },
    {
      target: 'CPU per authenticated CRUD request ≤ 1 ms',
      // Above the baseline with one D1 batch is attribution (the simulator's floor set apart), not the target.
      measured: `${fmt(cpu.min, 2)} to ${fmt(cpu.max, 2)} ms of workerd CPU; ${fmt(netCpu.min, 2)} to ${fmt(netCpu.max, 2)} ms above the baseline beside it; ${fmt(netCpuOverD1.min, 2)} to ${fmt(netCpuOverD1.max, 2)} ms above the baseline with one D1 batch`,
      met: cpu.max <= 1,
    },
    {
      target: 'added time to first byte of a stream ≤ 5 ms at p50',
      measured: `${fmt(results.streams.model.added.p50Ms, 1)} ms`,
      met: results.streams.model.added.p50Ms <= 5,
    },
    { target: 'idea to live, offline ≤ 2 s at p50', measured: `${fmt(results.ideaToLive.p50Ms, 0)} ms`, met: results.ideaToLive.p50Ms <= 2000 },
    { target: 'bundle ≤ 450 KB gzip', measured: `${fmt(results.bundle.gzipKb, 1)} KB`, met: results.bundle.gzipKb <= 450 },
    ...['chat', 'generate'].map((id) => {
      const cpus = scenario(id).points.map((point) => point.cpuMsPerRequest);
      return {
        target: `CPU per offline ${id === 'chat' ? 'chat turn' : 'generate step'} ≤ 5 ms`,
        measured: `${cpus.map((cpu) => fmt(cpu, 2)).join(' / ')} ms of workerd CPU at ${scenario(id).points.map((point) => point.connections).join(' / ')} connections`,
        met: Math.max(...cpus) <= 5,
      };
    }),
    {
      target: `runtime RSS after ${results.memory.promptax.total} requests ≤ 1.5 × after ${results.memory.promptax.first}`,
      measured: `${fmt(results.memory.promptax.ratio, 2)} (${fmt(results.memory.promptax.rssMbAtFirst, 0)} → ${fmt(results.memory.promptax.rssMbAtTotal, 0)} MB); the baseline Worker ${fmt(results.memory.baseline.ratio, 2)}`,
      met: results.memory.promptax.ratio <= 1.5,
    },
    {
      target: 'a page of a 10,000-item list ≤ 1.2 × a page of a 10-item list',
      measured: `files ${fmt(growth.files.ratios.firstPageLimit10, 2)} / ${fmt(growth.files.ratios.deepPageLimit10, 2)}, chat ${fmt(growth.chat.ratios.firstPageLimit10, 2)} / ${fmt(growth.chat.ratios.deepPageLimit10, 2)} (first / deep page of 10; chat of ${growth.chat.large})`,
      met: Math.max(...growthRatios) <= 1.2,
    },
  ];
}

/** Markdown of the targets. */
export function targetTable(list) {
  return ['| target | measured | met |', '| --- | --- | --- |', ...list.map((entry) => `| ${entry.target} | ${entry.measured} | ${entry.met ? 'yes' : 'no'} |`)].join('\n');
}

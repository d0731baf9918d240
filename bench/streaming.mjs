// Time to first byte of a chat stream, offline and through a model that takes a known time to its first token.
import { createProject } from './flows.mjs';
import { call } from './http.mjs';
import { quantile } from './load.mjs';

const TEXT_DELTA = '"type":"text-delta"';

/** Sends one streamed chat turn and notes when its first byte and its first text arrived (ms since sent). */
export async function streamedTurn(port, key, projectId, model) {
  let seen = '';
  let firstTextMs;
  const response = await call(port, 'POST', `/api/projects/${projectId}/chat`, {
    key,
    json: { content: 'What should I do next?', model },
    headers: { accept: 'text/event-stream' },
    onChunk: (chunk, ms) => {
      seen += chunk;
      if (firstTextMs === undefined && seen.includes(TEXT_DELTA)) firstTextMs = ms;
    },
  });
  if (response.status !== 200 || firstTextMs === undefined) {
    throw new Error(`chat with ${model}: ${response.status} without text: ${response.text.slice(0, 500)}`);
  }
  return { sentAt: response.startedAt, firstByteMs: response.firstByteMs, firstTextMs, totalMs: response.totalMs };
}

const summary = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return { p50Ms: Number(quantile(sorted, 0.5).toFixed(2)), p99Ms: Number(quantile(sorted, 0.99).toFixed(2)) };
};

/** `count` sequential offline chat turns, after 3 unmeasured ones: time to the stream's first byte and first text. */
export async function offlineChatTtfb(port, key, count) {
  const project = await createProject(port, key, { name: 'Offline stream', description: 'A shared checklist of chores' });
  for (let i = 0; i < 3; i++) await streamedTurn(port, key, project.id, 'offline');
  const turns = [];
  for (let i = 0; i < count; i++) turns.push(await streamedTurn(port, key, project.id, 'offline'));
  return {
    samples: count,
    firstByte: summary(turns.map((turn) => turn.firstByteMs)),
    firstText: summary(turns.map((turn) => turn.firstTextMs)),
  };
}

/**
 * `count` sequential chat turns through the stub model (after 3 unmeasured ones). The stub runs in
 * this process, so one clock times all of it: `added` is our time to the first text minus the
 * stub's own wait; `beforeModel` is from sending the request to the stub receiving its call,
 * `afterModel` from the stub's first token to ours.
 */
export async function streamingOverhead(port, key, stub, count) {
  const project = await createProject(port, key, { name: 'Model stream', description: 'A shared checklist of chores' });
  for (let i = 0; i < 3; i++) await streamedTurn(port, key, project.id, 'openai:stub');
  const samples = [];
  for (let i = 0; i < count; i++) {
    const before = stub.requests.length;
    const turn = await streamedTurn(port, key, project.id, 'openai:stub');
    const modelCalls = stub.requests.slice(before);
    if (modelCalls.length !== 1) throw new Error(`expected one model call per turn, saw ${modelCalls.length}`);
    const [model] = modelCalls;
    const modelWait = model.firstToken - model.arrived;
    samples.push({
      firstByteMs: turn.firstByteMs,
      firstTextMs: turn.firstTextMs,
      addedMs: turn.firstTextMs - modelWait,
      beforeModelMs: model.arrived - turn.sentAt,
      afterModelMs: turn.sentAt + turn.firstTextMs - model.firstToken,
    });
  }
  return {
    samples: count,
    modelFirstTokenMs: stub.firstTokenMs,
    firstByte: summary(samples.map((sample) => sample.firstByteMs)),
    firstText: summary(samples.map((sample) => sample.firstTextMs)),
    added: summary(samples.map((sample) => sample.addedMs)),
    beforeModel: summary(samples.map((sample) => sample.beforeModelMs)),
    afterModel: summary(samples.map((sample) => sample.afterModelMs)),
  };
}

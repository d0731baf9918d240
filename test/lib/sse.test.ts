// The polling event stream behind the progress endpoints: a first poll answered by its caller, heartbeats, its time limit, and stopping when the client leaves.
import { describe, expect, it } from 'vitest';
import { pollingEventStream } from '../../src/lib/sse';
import type { Poll } from '../../src/lib/sse';

const quiet = async (): Promise<Poll> => ({ events: [], done: false });

const readAll = (stream: ReadableStream<Uint8Array>) => new Response(stream).text();

describe('pollingEventStream', () => {
  it('sends each event as `event:` and JSON `data:`, then `end` when the poll says done', async () => {
    let polls = 0;
    const stream = pollingEventStream(async () => {
      polls += 1;
      return { events: [{ event: 'status', data: { n: polls } }], done: polls === 2 };
    }, { intervalMs: 1 });
    expect(await readAll(stream)).toBe('event: status\ndata: {"n":1}\n\nevent: status\ndata: {"n":2}\n\nevent: end\ndata: {"reason":"done"}\n\n');
  });

  it('starts with the first poll its caller already asked, then polls for the rest', async () => {
    let polls = 0;
    const first = { events: [{ event: 'status', data: { n: 0 } }], done: false };
    const stream = pollingEventStream(async () => {
      polls += 1;
      return { events: [{ event: 'status', data: { n: polls } }], done: true };
    }, { first, intervalMs: 1 });
    expect(await readAll(stream)).toBe('event: status\ndata: {"n":0}\n\nevent: status\ndata: {"n":1}\n\nevent: end\ndata: {"reason":"done"}\n\n');
    expect(polls).toBe(1);
  });

  it('sends a comment when nothing happened for a heartbeat, and ends with reason timeout after its longest time', async () => {
    const text = await readAll(pollingEventStream(quiet, { intervalMs: 5, heartbeatMs: 20, maxDurationMs: 100 }));
    expect(text).toMatch(/^(: heartbeat\n\n)+event: end\ndata: \{"reason":"timeout"\}\n\n$/);
  });

  it('stops polling when the client cancels the stream', async () => {
    let polls = 0;
    const stream = pollingEventStream(async () => {
      polls += 1;
      return { events: [{ event: 'tick', data: polls }], done: false };
    }, { intervalMs: 5 });
    const reader = stream.getReader();
    await reader.read();
    await reader.cancel();
    const stoppedAt = polls;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(polls).toBe(stoppedAt);
  });

  it('stops polling and closes when the request signal aborts', async () => {
    let polls = 0;
    const client = new AbortController();
    const stream = pollingEventStream(async () => {
      polls += 1;
      if (polls === 2) client.abort();
      return { events: [], done: false };
    }, { intervalMs: 5, signal: client.signal });
    expect(await readAll(stream)).toBe('');
    expect(polls).toBe(2);
  });
});

/** Server-sent events by polling: a stream that asks D1 for news at an interval until the work ends, the client leaves, or time runs out. */
import { z } from '@hono/zod-openapi';

/** How often a progress stream reads the database. Documented in the README. */
export const POLL_INTERVAL_MS = 500;
/** A comment line this often keeps proxies from closing a quiet stream. */
export const HEARTBEAT_MS = 15_000;
/** The longest a progress stream stays open; it then says `end` with reason `timeout`, and the client reconnects. */
export const MAX_STREAM_MS = 10 * 60_000;

/** One server-sent event: its name and its JSON data. */
export interface SseEvent {
  event: string;
  data: unknown;
}

/** What one poll found: the events to send, and whether the work has ended (the stream then closes). */
export interface Poll {
  events: SseEvent[];
  done: boolean;
}

export interface PollingStreamOptions {
  /** The first poll's answer, when the caller already asked it (beside its access check, in one round trip): the stream starts with it. */
  first?: Poll;
  /** Aborts when the client disconnects. */
  signal?: AbortSignal;
  intervalMs?: number;
  heartbeatMs?: number;
  maxDurationMs?: number;
}

/** The headers of an event stream that no cache or proxy holds back. */
export const SSE_HEADERS = { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache, no-transform' };

/** An event stream response, for the OpenAPI document. */
export function sseContent(description: string) {
  return { content: { 'text/event-stream': { schema: z.string().openapi({ description }) } }, description: 'A server-sent event stream' };
}

const encoder = new TextEncoder();
const encode = ({ event, data }: SseEvent) => encoder.encode(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);

/** Resolves after `ms`, or at once when the signal aborts. */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

/**
 * A stream of server-sent events from `poll`, called at once (or answered by `first`) and then
 * every `intervalMs`. It closes after a poll says `done` (with `event: end`, `data:
 * {"reason":"done"}`), or after `maxDurationMs` (reason `timeout`); it stops polling when the
 * client disconnects. Reading drives it: a poll runs only when the client has taken what came
 * before, so a slow client slows the polling rather than piling events up.
 *
 * @example return c.body(pollingEventStream(() => pollDeployment(db, id), { signal: c.req.raw.signal }), 200, SSE_HEADERS);
 */
export function pollingEventStream(poll: () => Promise<Poll>, options: PollingStreamOptions = {}): ReadableStream<Uint8Array> {
  const { intervalMs = POLL_INTERVAL_MS, heartbeatMs = HEARTBEAT_MS, maxDurationMs = MAX_STREAM_MS } = options;
  const stopped = new AbortController();
  options.signal?.addEventListener('abort', () => stopped.abort(), { once: true });
  const started = Date.now();
  let lastSent = started;
  let first = true;
  let answered = options.first;
  let cancelled = false;

  const end = (controller: ReadableStreamDefaultController<Uint8Array>, reason: 'done' | 'timeout') => {
    controller.enqueue(encode({ event: 'end', data: { reason } }));
    controller.close();
    stopped.abort();
  };

  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      // Loop until there is something to send, so each pull answers with at least one chunk.
      for (;;) {
        if (!first) await sleep(intervalMs, stopped.signal);
        first = false;
        // After `cancel` the stream is already closed; a disconnect seen through the signal closes it here.
        if (stopped.signal.aborted) return cancelled ? undefined : controller.close();
        if (Date.now() - started >= maxDurationMs) return end(controller, 'timeout');
        const { events, done } = answered ?? (await poll());
        answered = undefined;
        for (const event of events) controller.enqueue(encode(event));
        if (done) return end(controller, 'done');
        if (events.length > 0) {
          lastSent = Date.now();
          return;
        }
        if (Date.now() - lastSent >= heartbeatMs) {
          controller.enqueue(encoder.encode(': heartbeat\n\n'));
          lastSent = Date.now();
          return;
        }
      }
    },
    cancel() {
      cancelled = true;
      stopped.abort();
    },
  });
}

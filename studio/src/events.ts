// Follows one of the API's server-sent event streams (deployment status, test progress). The key
// goes in a header, which EventSource cannot send, so the stream is read with fetch and parsed by
// eventsource-parser.
import { EventSourceParserStream } from 'eventsource-parser/stream';
import type { Api } from './api';

/**
 * Calls `onEvent` with each event's name and JSON data until the server sends `end` or `signal`
 * aborts. Resolves with the end's reason (`done`, `timeout`), or `aborted`.
 *
 * @example await followEvents(api, `/api/projects/${id}/deployments/${d}/events`, (name, data) => ..., signal)
 */
export async function followEvents(api: Api, path: string, onEvent: (name: string, data: unknown) => void, signal: AbortSignal): Promise<string> {
  try {
    const response = await api.send(path, { signal });
    const events = response.body!.pipeThrough(new TextDecoderStream()).pipeThrough(new EventSourceParserStream());
    let reason = 'closed';
    // Read on after `end` until the server closes: leaving the loop early would cancel the request.
    for await (const event of events) {
      const data: unknown = JSON.parse(event.data);
      if (event.event === 'end') reason = (data as { reason: string }).reason;
      else onEvent(event.event ?? 'message', data);
    }
    return reason;
  } catch (error) {
    if (signal.aborted) return 'aborted';
    throw error;
  }
}

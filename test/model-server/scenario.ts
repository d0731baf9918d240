// The tests' side of the OpenAI-compatible stub server (server.mjs): script a scenario, point the
// app at it, read back what the app sent.
import { inject } from 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The stub model server's origin, `http://127.0.0.1:<port>`. */
    modelServer: string;
  }
}

/** One scripted answer: a reply (streamed when the request asks for a stream) or an HTTP error. */
export type StubReply =
  | {
      content: string;
      /** `null` sends no finish_reason at all; default `stop`. */
      finishReason?: 'stop' | 'length' | null;
      /** A stream that ends after its content, with no finish_reason, usage or [DONE]. */
      cut?: boolean;
      /** How long a stream waits before each piece (8 characters) of its content: a slow model. */
      delayMs?: number;
    }
  | { status: number; message: string; headers?: Record<string, string> };

export interface ScenarioOptions {
  replies?: StubReply[];
  /** Answered to every request once `replies` are used up. */
  fallback?: StubReply;
  /** `response_format` types the server answers 400 to. */
  refuse?: ('json_schema' | 'json_object')[];
  /** What GET /models lists, or the error it answers. */
  models?: string[] | { status: number; message: string };
}

/** A chat completion request as the server received it. */
export interface StubRequest {
  method: string;
  endpoint: string;
  authorization: string | null;
  body: {
    model: string;
    stream?: boolean;
    messages: { role: string; content: string }[];
    response_format?: { type: string; json_schema?: { schema: unknown; strict?: boolean } };
  } | null;
}

export interface Scenario {
  /** The `OPENAI_BASE_URL` that reaches this scenario. */
  baseUrl: string;
  /** Queues more replies after those scripted at the start. */
  reply(...replies: StubReply[]): Promise<void>;
  /** Every request the server received for this scenario, oldest first. */
  requests(): Promise<StubRequest[]>;
  /** The chat completion requests only. */
  completions(): Promise<StubRequest[]>;
}

/**
 * A new scenario on the stub server: its own base URL, replies and request log.
 *
 * @example const stub = await scenario({ replies: [{ content: 'Hi', finishReason: 'length' }] });
 */
export async function scenario(options: ScenarioOptions = {}): Promise<Scenario> {
  const origin = inject('modelServer');
  const created = await fetch(`${origin}/_scenarios`, { method: 'POST', body: JSON.stringify(options) });
  const { id } = await created.json<{ id: string }>();
  const requests = async () => (await fetch(`${origin}/_scenarios/${id}/requests`)).json<StubRequest[]>();
  return {
    baseUrl: `${origin}/${id}/v1`,
    async reply(...replies) {
      await fetch(`${origin}/_scenarios/${id}/replies`, { method: 'POST', body: JSON.stringify(replies) });
    },
    requests,
    completions: async () => (await requests()).filter((request) => request.endpoint === 'chat/completions'),
  };
}

/** The types every handler shares: the Worker's bindings and what middleware puts on the context. */
import type { Database } from './db/client';

/** Bindings from wrangler.toml (generated `Env`) plus the optional settings, which `wrangler types` cannot see. */
export type Bindings = Env & {
  /** Secret; when set, `openai:*` models are available. */
  OPENAI_API_KEY?: string;
  /** An OpenAI-compatible server's base URL, for example `http://127.0.0.1:11434/v1`. */
  OPENAI_BASE_URL?: string;
  /** The model used when a request names none. */
  DEFAULT_MODEL?: string;
};

/** Who is calling: resolved once per request from the API key. */
export interface Caller {
  user: { id: string; email: string; name: string };
  apiKey: { id: string; name: string; prefix: string };
  organisations: { id: string; name: string; role: 'owner' | 'member' }[];
}

export interface AppEnv {
  Bindings: Bindings;
  Variables: {
    requestId: string;
    db: Database;
    caller: Caller | null;
  };
}

/** The context of a route that requires a key: `caller` is set. */
export interface AuthedEnv extends AppEnv {
  Variables: AppEnv['Variables'] & { caller: Caller };
}

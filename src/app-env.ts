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
  /** Seconds one model call may run before it is cut off (default 120); raise it for slow local models. */
  MODEL_TIMEOUT_SECONDS?: string;
  /** How structured answers are asked for: `json_schema`, `json_object` or `text`; unset, automatic (json_schema, falling back). */
  MODEL_STRUCTURED_OUTPUT?: string;
  /** `true` in development only: webhooks may then use http and private, loopback or local hosts. */
  WEBHOOKS_ALLOW_INSECURE?: string;
  /** Requests one API key may make a minute (default 600). */
  RATE_LIMIT_PER_MINUTE?: string;
  /** Failed authentications one client address may make a minute before it gets 429s (default 20). */
  AUTH_FAILURES_PER_MINUTE?: string;
  /** Model tokens (input and output) each organisation may use a UTC day (default 1,000,000). */
  DAILY_TOKEN_BUDGET?: string;
  /** Comma-separated origins browsers may call the API from, e.g. `https://app.example.com`; none by default. */
  ALLOWED_ORIGINS?: string;
  /** Set by `npm run dev` only: the dev key it offers to the Studio on localhost (GET /studio/dev-key). */
  STUDIO_DEV_KEY?: string;
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
    /** The request's D1 session (src/db/session.ts): reads may go to a replica, at least as fresh as the client's bookmark. */
    d1: D1DatabaseSession;
    db: Database;
    caller: Caller | null;
    /** Set by a handler whose answer holds a secret (a new API key): idempotency then never stores its body. */
    holdsSecret?: boolean;
  };
}

/** The context of a route that requires a key: `caller` is set. */
export interface AuthedEnv extends AppEnv {
  Variables: AppEnv['Variables'] & { caller: Caller };
}

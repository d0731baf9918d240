/** Headers of every API response: `nosniff`, `no-store` where a key or an error is involved, and CORS for the origins `ALLOWED_ORIGINS` names. */
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../app-env';

const CORS_METHODS = 'GET, POST, PUT, DELETE';
const CORS_REQUEST_HEADERS = 'Authorization, Content-Type, Accept, Idempotency-Key, Last-Event-ID, X-D1-Bookmark';
const CORS_EXPOSED_HEADERS = 'Link, X-Request-Id, Retry-After, Idempotent-Replayed, WWW-Authenticate, X-D1-Bookmark';
/**
 * What a browser may do with an API answer rendered as a page: nothing. A raw file of a generated
 * app (GET .../files/index.html) is served as text/html, and must not run as the API's origin.
 */
const API_CSP = "default-src 'none'; frame-ancestors 'none'; sandbox";
/** How long a browser may keep a preflight's answer, in seconds. */
const CORS_MAX_AGE = '600';

// The setting is the same for every request of an isolate, so it is split once.
let parsedOrigins: { setting: string; origins: Set<string> } | undefined;

/** The exact origins `ALLOWED_ORIGINS` lists (comma-separated, e.g. `https://app.example.com`). */
function allowedOrigins(setting: string): Set<string> {
  if (parsedOrigins?.setting !== setting) {
    const origins = setting.split(',').map((origin) => origin.trim()).filter(Boolean);
    parsedOrigins = { setting, origins: new Set(origins) };
  }
  return parsedOrigins.origins;
}

/** `no-store`, keeping a `no-transform` the response asked for (event streams do, so proxies do not buffer them). */
function noStore(current: string | null): string {
  return current?.includes('no-transform') ? 'no-store, no-transform' : 'no-store';
}

/**
 * Answers a CORS preflight from an allowed origin with 204, and after every other request sets:
 * `X-Content-Type-Options: nosniff`; a Content-Security-Policy that runs nothing on `/api/*`
 * answers; `Cache-Control: no-store` when the request carried a valid key
 * or the answer is a problem (neither may sit in a shared cache); and, for an allowed origin,
 * `Access-Control-Allow-Origin` with the headers a browser client needs to read. Without
 * `ALLOWED_ORIGINS` no CORS header is ever sent, so browsers keep other origins out.
 */
export const apiHeaders: MiddlewareHandler<AppEnv> = async (c, next) => {
  const origin = c.req.header('Origin');
  const setting = c.env.ALLOWED_ORIGINS;
  const allowed = origin !== undefined && setting !== undefined && allowedOrigins(setting).has(origin);
  if (allowed && c.req.method === 'OPTIONS' && c.req.header('Access-Control-Request-Method')) {
    return c.body(null, 204, {
      'Access-Control-Allow-Origin': origin,
      'Access-Control-Allow-Methods': CORS_METHODS,
      'Access-Control-Allow-Headers': CORS_REQUEST_HEADERS,
      'Access-Control-Max-Age': CORS_MAX_AGE,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
      Vary: 'Origin',
    });
  }
  await next();
  let headers = c.res.headers;
  try {
    headers.set('X-Content-Type-Options', 'nosniff');
  } catch {
    // A response passed through from a binding (static assets) has immutable headers. Only such a
    // one is copied: a copy cost every other answer two Responses and their headers (~25 µs).
    c.res = new Response(c.res.body, c.res);
    headers = c.res.headers;
    headers.set('X-Content-Type-Options', 'nosniff');
  }
  if (c.req.path.startsWith('/api/')) headers.set('Content-Security-Policy', API_CSP);
  const problem = headers.get('Content-Type')?.startsWith('application/problem+json') ?? false;
  if ((c.get('caller') || problem) && !headers.get('Cache-Control')?.includes('no-store')) {
    headers.set('Cache-Control', noStore(headers.get('Cache-Control')));
  }
  if (setting) headers.append('Vary', 'Origin');
  if (allowed) {
    headers.set('Access-Control-Allow-Origin', origin);
    headers.set('Access-Control-Expose-Headers', CORS_EXPOSED_HEADERS);
  }
};

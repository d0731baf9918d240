/** What every app's worker.js over the DATA store shares: JSON answers, expected failures, and the fetch handler around its routes. */

/** An expected failure, answered as JSON `{ error }` with its status. */
export class HttpError extends Error {
  constructor(status, message, headers = {}) {
    super(message);
    this.status = status;
    this.headers = headers;
  }
}

/** A JSON response that is never cached, so a change shows on the next read. */
export function json(body, status = 200, headers = {}) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers },
  });
}

/** Runs a lib parser or validator, turning its message into a 400. */
export function check(parse) {
  try {
    return parse();
  } catch (error) {
    throw new HttpError(400, error.message);
  }
}

/** The request's JSON body; anything else is a 400. */
export async function readBody(request) {
  try {
    return await request.json();
  } catch {
    throw new HttpError(400, 'body must be valid JSON');
  }
}

/** The Worker around `route`: an HttpError is its JSON answer, anything else a 500 that shows no detail. */
export function serve(route) {
  return {
    async fetch(request, env) {
      try {
        return await route(request, env);
      } catch (error) {
        if (error instanceof HttpError) return json({ error: error.message }, error.status, error.headers);
        return json({ error: 'internal error' }, 500);
      }
    },
  };
}

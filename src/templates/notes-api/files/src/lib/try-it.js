/** The documentation page's request console: builds the request to send and formats the answer. */

const METHODS = ['GET', 'POST', 'PUT', 'DELETE'];
const WITH_BODY = ['POST', 'PUT'];

/** The url and init to send from the console: buildRequest('POST', '/api/notes', '{"title":"Hi"}') → { url, init } with a JSON body. */
export function buildRequest(method, path, bodyText) {
  if (!METHODS.includes(method)) throw new Error(`unsupported method: ${method}`);
  const url = path.trim();
  if (!url.startsWith('/api/')) throw new Error('path must start with /api/');
  const init = { method };
  if (WITH_BODY.includes(method)) {
    let body;
    try {
      body = JSON.parse(bodyText.trim() === '' ? '{}' : bodyText);
    } catch {
      throw new Error('body is not valid JSON');
    }
    init.headers = { 'content-type': 'application/json' };
    init.body = JSON.stringify(body);
  }
  return { url, init };
}

/** Status line and pretty-printed JSON (or raw text): formatResponse(204, 'No Content', '') === 'HTTP 204 No Content\n\n(no body)'. */
export function formatResponse(status, statusText, text) {
  const line = `HTTP ${status}${statusText ? ` ${statusText}` : ''}`;
  if (text === '') return `${line}\n\n(no body)`;
  try {
    return `${line}\n\n${JSON.stringify(JSON.parse(text), null, 2)}`;
  } catch {
    return `${line}\n\n${text}`;
  }
}

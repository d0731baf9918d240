// An OpenAI-compatible model on loopback that takes a fixed time to its first token: with it, the
// benchmark measures what Promptax adds to a stream's time to first byte over the model's own.
import { createServer } from 'node:http';
import { performance } from 'node:perf_hooks';

const TOKENS = ['Hello', ' from', ' the', ' stub', ' model', '.'];

/** One SSE event of a Chat Completions stream. */
const chunk = (delta, finishReason = null, extra = {}) =>
  `data: ${JSON.stringify({
    id: 'chatcmpl-bench',
    object: 'chat.completion.chunk',
    created: Math.floor(Date.now() / 1000),
    model: 'stub',
    choices: [{ index: 0, delta, finish_reason: finishReason }],
    ...extra,
  })}\n\n`;

/**
 * Starts the stub on a free loopback port. `POST /v1/chat/completions` with `stream: true` waits
 * `firstTokenMs`, then streams a short reply. `requests` records, per request, when it arrived
 * and when its first token was written (`performance.now()` of this process).
 *
 * @example const stub = await startStubModel({ firstTokenMs: 200 }); // OPENAI_BASE_URL=stub.baseUrl
 */
export function startStubModel({ firstTokenMs }) {
  const requests = [];
  const server = createServer((req, res) => {
    const arrived = performance.now();
    const body = [];
    req.on('data', (data) => body.push(data));
    req.on('end', () => {
      if (req.method !== 'POST' || !req.url?.endsWith('/chat/completions')) {
        res.writeHead(404).end();
        return;
      }
      const { stream } = JSON.parse(Buffer.concat(body).toString('utf8'));
      const record = { arrived, firstToken: undefined };
      requests.push(record);
      setTimeout(() => {
        record.firstToken = performance.now();
        if (!stream) {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(
            JSON.stringify({
              id: 'chatcmpl-bench',
              object: 'chat.completion',
              created: Math.floor(Date.now() / 1000),
              model: 'stub',
              choices: [{ index: 0, message: { role: 'assistant', content: TOKENS.join('') }, finish_reason: 'stop' }],
              usage: { prompt_tokens: 10, completion_tokens: TOKENS.length, total_tokens: 10 + TOKENS.length },
            }),
          );
          return;
        }
        res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
        res.write(chunk({ role: 'assistant', content: TOKENS[0] }));
        for (const token of TOKENS.slice(1)) res.write(chunk({ content: token }));
        res.write(chunk({}, 'stop'));
        res.write(chunk({}, null, { choices: [], usage: { prompt_tokens: 10, completion_tokens: TOKENS.length, total_tokens: 10 + TOKENS.length } }));
        res.end('data: [DONE]\n\n');
      }, firstTokenMs);
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      resolve({ baseUrl: `http://127.0.0.1:${port}/v1`, requests, firstTokenMs, close: () => new Promise((done) => {
        server.close(done);
        server.closeAllConnections();
      }) });
    });
  });
}

// The model engine's fix: a structured answer validated and retried like every model call, and at the wire, a model's
// candidate going through the same re-check as the offline rules' (rejected, sent back with why, then accepted).
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { MockLanguageModelV4 } from 'ai/test';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createApp } from '../../src/app';
import { createAiEngine } from '../../src/engine/ai';
import type { FixInput } from '../../src/engine/offline/fixers/types';
import type { GPREResult } from '../../src/features/self-heal/gpre';
import { chatCompletion, createProject, createUser } from '../helpers';

const usage = {
  inputTokens: { total: 10, noCache: 10, cacheRead: undefined, cacheWrite: undefined },
  outputTokens: { total: 20, text: 20, reasoning: undefined },
};

/** A mock model that answers each call with the next text of `answers` (the last one repeats), and keeps the prompts. */
function mockModel(answers: string[]) {
  const prompts: string[] = [];
  const model = new MockLanguageModelV4({
    doGenerate: async (options) => {
      prompts.push(JSON.stringify(options.prompt));
      const text = answers[Math.min(prompts.length - 1, answers.length - 1)]!;
      return { content: [{ type: 'text', text }], finishReason: { unified: 'stop', raw: undefined }, usage, warnings: [] };
    },
  });
  return { model, prompts };
}

const broken = 'export function add(a, b) {\n  return a + b;\n';
const fixed = 'export function add(a, b) {\n  return a + b;\n}\n';

const input: FixInput = {
  code: broken,
  language: 'javascript',
  path: 'src/lib/math.js',
  error: { message: 'Unexpected token', line: 3, column: 1 },
  files: [{ path: 'src/lib/other.js', content: 'export const other = 1;\n' }],
  attempts: [{ code: 'export function add(a, b) {\n  return a + b;\n)\n', reason: 'the error is still there: Unexpected token (line 3)' }],
};

describe('AI engine fix with MockLanguageModelV4', () => {
  it("returns the model's whole file as a candidate named by the model, asked with the code, the error and the rejected attempts", async () => {
    const { model, prompts } = mockModel([JSON.stringify({ code: fixed, explanation: 'Closed the function body.' })]);
    expect(await createAiEngine(model, 'openai:mock').fix(input)).toEqual({ code: fixed, explanation: 'Closed the function body.', rule: 'openai:mock' });
    expect(prompts).toHaveLength(1);
    for (const part of ['src/lib/math.js', 'Unexpected token', 'the error is still there', 'src/lib/other.js', 'return a + b;']) expect(prompts[0]).toContain(part);
  });

  it('sends back an answer that repeats the code unchanged, and keeps the second', async () => {
    const mock = mockModel([JSON.stringify({ code: broken, explanation: 'Nothing to do.' }), JSON.stringify({ code: fixed, explanation: 'Closed it.' })]);
    const candidate = await createAiEngine(mock.model, 'openai:mock').fix(input);
    expect(candidate?.code).toBe(fixed);
    expect(mock.prompts).toHaveLength(2);
    expect(mock.prompts[1]).toContain('the file unchanged');
  });

  it('has no candidate when the model says it cannot fix the error', async () => {
    const { model } = mockModel([JSON.stringify({ code: null, explanation: 'The error is not in this file.' })]);
    expect(await createAiEngine(model, 'openai:mock').fix(input)).toBeNull();
  });

  it('refuses two malformed answers with a 502', async () => {
    const mock = mockModel(['not json', '{"code": 1}']);
    const outcome = await createAiEngine(mock.model, 'openai:mock').fix(input).then(
      () => null,
      (error: unknown) => error,
    );
    expect(outcome).toMatchObject({ status: 502, slug: 'model-failed' });
    expect(mock.prompts).toHaveLength(2);
  });
});

describe('a model fix at the wire, through GPRE', () => {
  afterEach(() => vi.restoreAllMocks());

  it('rejects a candidate that does not parse, tells the model why, and keeps the verified second one', async () => {
    const user = await createUser();
    const project = await createProject(user);
    const answers = [
      { code: 'export function add(a, b) {\n  return a + b;\n)\n', explanation: 'Closed it with a parenthesis.' },
      { code: fixed, explanation: 'Closed the function body with a brace.' },
    ];
    const outbound = vi.spyOn(globalThis, 'fetch').mockImplementation(async () => chatCompletion(JSON.stringify(answers[Math.min(outbound.mock.calls.length - 1, 1)])));
    const configured = { ...env, OPENAI_API_KEY: 'sk-test-key', OPENAI_BASE_URL: 'https://llm.example.test/v1' };
    const ctx = createExecutionContext();
    const response = await createApp().fetch(
      new Request('http://localhost:8787/api/self-heal/fix', {
        method: 'POST',
        headers: { Authorization: `Bearer ${user.key}`, 'content-type': 'application/json' },
        body: JSON.stringify({ projectId: project.id, code: broken, path: 'src/lib/math.js', errors: [], model: 'openai:gpt-4.1-mini' }),
      }),
      configured,
      ctx,
    );
    await waitOnExecutionContext(ctx);

    expect(response.status).toBe(200);
    const [result] = await response.json<GPREResult[]>();
    expect(result).toMatchObject({ status: 'fixed', verified: true, attempts: 2, fixedCode: fixed });
    expect(result!.explanation).toContain('Closed the function body with a brace.');
    expect(outbound).toHaveBeenCalledTimes(2);
    const secondPrompt = String(outbound.mock.calls[1]![1]?.body);
    expect(secondPrompt).toContain('Rejected fix 1, because the error is still there');
  });
});

/** A language model that knows its answer in advance, so streamText drives the offline engine exactly as it drives a real model. */
import type { LanguageModel } from 'ai';

type LanguageModelV4 = Extract<LanguageModel, { specificationVersion: 'v4' }>;
type GenerateResult = Awaited<ReturnType<LanguageModelV4['doGenerate']>>;
type StreamResult = Awaited<ReturnType<LanguageModelV4['doStream']>>;
type StreamPart = StreamResult['stream'] extends ReadableStream<infer Part> ? Part : never;

/** The offline engine reads no tokens; it reports zero of each, as every offline record does. */
const NO_TOKENS: GenerateResult['usage'] = {
  inputTokens: { total: 0, noCache: 0, cacheRead: undefined, cacheWrite: undefined },
  outputTokens: { total: 0, text: 0, reasoning: undefined },
};

const STOP: GenerateResult['finishReason'] = { unified: 'stop', raw: undefined };

/**
 * The stream parts of a text the offline engine knows whole: one text part, its text in one delta.
 * Every chunk passes through a dozen streams on its way to the client (the AI SDK's, the
 * conversation's, the SSE relay, the Worker's), so cutting a known answer into words or lines
 * only made those streams most of a turn's CPU; the parts a client builds are the same.
 *
 * @example knownText('answer', 'Plan it.\nThen build.') // text-start, one text-delta, text-end
 */
export function knownText(id: string, text: string): StreamPart[] {
  return [{ type: 'text-start', id }, { type: 'text-delta', id, delta: text }, { type: 'text-end', id }];
}

/**
 * A LanguageModelV4 whose every call answers `answer`, whole: from `doGenerate`, and as one text
 * delta from `doStream`. The prompt it is given is ignored; the answer was computed from the facts.
 *
 * @example streamText({ model: new KnownAnswerModel('Hello there.'), prompt: 'hi' })
 */
export class KnownAnswerModel implements LanguageModelV4 {
  readonly specificationVersion = 'v4';
  readonly provider = 'promptax';
  readonly modelId = 'offline';
  readonly supportedUrls = {};

  constructor(private readonly answer: string) {}

  async doGenerate(): Promise<GenerateResult> {
    return { content: [{ type: 'text', text: this.answer }], finishReason: STOP, usage: NO_TOKENS, warnings: [] };
  }

  async doStream(): Promise<StreamResult> {
    const parts: StreamPart[] = [
      { type: 'stream-start', warnings: [] },
      ...knownText('answer', this.answer),
      { type: 'finish', finishReason: STOP, usage: NO_TOKENS },
    ];
    return {
      stream: new ReadableStream<StreamPart>({
        start(controller) {
          for (const part of parts) controller.enqueue(part);
          controller.close();
        },
      }),
    };
  }
}

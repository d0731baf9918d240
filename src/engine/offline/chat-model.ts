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
 * Splits a text into lines, each with its newline; joined again they are the text. The offline
 * engine knows its whole answer at once, so it streams a line a chunk: every chunk passes through
 * a dozen streams on its way to the client (the AI SDK's, the conversation's, the SSE relay), and a
 * word a chunk made those streams most of a turn's CPU.
 *
 * @example lineChunks('Plan it.\nThen build.') // ['Plan it.\n', 'Then build.']
 */
export function lineChunks(text: string): string[] {
  return text.split(/(?<=\n)/).filter((chunk) => chunk.length > 0);
}

/**
 * A LanguageModelV4 whose every call answers `answer`: whole from `doGenerate`, line by line
 * from `doStream`. The prompt it is given is ignored; the answer was computed from the facts.
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
      { type: 'text-start', id: 'answer' },
      ...lineChunks(this.answer).map((delta): StreamPart => ({ type: 'text-delta', id: 'answer', delta })),
      { type: 'text-end', id: 'answer' },
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

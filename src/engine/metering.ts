/** Model calls metered: a budget asked before each call, each call's tokens told after, as AI SDK middleware so every call of an engine is counted. */
import { wrapLanguageModel } from 'ai';
import type { LanguageModel, LanguageModelMiddleware } from 'ai';

/** Tokens of one model call. */
export interface MeteredUsage {
  model: string;
  inputTokens: number;
  outputTokens: number;
}

/** Who pays for an engine's model calls. */
export interface Meter {
  /** Throws (a 429 problem) when the payer may not make another call now. */
  check(): Promise<void>;
  /** Adds one call's tokens to the payer's usage. */
  record(usage: MeteredUsage): Promise<void>;
}

/** The token counts a provider reports, zero for a count it does not give. */
function tokensOf(usage: { inputTokens: { total: number | undefined }; outputTokens: { total: number | undefined } }) {
  return { inputTokens: usage.inputTokens.total ?? 0, outputTokens: usage.outputTokens.total ?? 0 };
}

/**
 * The language model with every call metered: `meter.check()` before it starts, and its usage
 * recorded when it ends (a stream's when its `finish` part passes), so retries are counted too.
 * `model` is the id the usage is recorded under (`openai:gpt-4.1-mini`).
 *
 * @example createAiEngine(meteredModel(provider.chat('gpt-4.1-mini'), 'openai:gpt-4.1-mini', meter), 'openai:gpt-4.1-mini')
 */
export function meteredModel(languageModel: Exclude<LanguageModel, string>, model: string, meter: Meter): LanguageModel {
  const middleware: LanguageModelMiddleware = {
    async wrapGenerate({ doGenerate }) {
      await meter.check();
      const result = await doGenerate();
      await meter.record({ model, ...tokensOf(result.usage) });
      return result;
    },
    async wrapStream({ doStream }) {
      await meter.check();
      const { stream, ...rest } = await doStream();
      let recorded: Promise<void> = Promise.resolve();
      const counted = stream.pipeThrough(
        new TransformStream({
          transform(part, controller) {
            if (part.type === 'finish') recorded = meter.record({ model, ...tokensOf(part.usage) });
            controller.enqueue(part);
          },
          // The stream ends only once its usage is stored, so a turn that finished has been charged.
          flush: () => recorded,
        }),
      );
      return { stream: counted, ...rest };
    },
  };
  return wrapLanguageModel({ model: languageModel, middleware });
}

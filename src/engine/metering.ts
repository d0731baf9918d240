/** Model calls metered: tokens reserved from a budget before each call, the call's real tokens charged after, as AI SDK middleware so every call of an engine is counted. */
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
  /**
   * Holds `tokens` of the payer's budget for one call and answers the reservation's id; throws (a
   * 429 problem) when the budget has no room left. One atomic write, so concurrent calls cannot
   * all take the same room.
   */
  reserve(tokens: number): Promise<string>;
  /** Charges one call's real tokens and frees its reservation. */
  settle(reservation: string, usage: MeteredUsage): Promise<void>;
  /** Frees the reservation of a call that failed or was abandoned, charging nothing. */
  release(reservation: string): Promise<void>;
}

/** Output tokens held for a call that sets no `maxOutputTokens`. */
export const DEFAULT_OUTPUT_RESERVATION = 4_096;

/**
 * Characters of prompt counted as one input token when reserving. Tokenizers average about 4
 * characters a token on English and code; 3 leaves room for denser text, so a reservation holds at
 * least what the call will cost, and N concurrent calls overshoot a budget by at most one call.
 */
const CHARS_PER_TOKEN = 3;

/** The parts of a call's options a reservation is sized from. */
interface CallSize {
  prompt: unknown;
  tools?: unknown;
  maxOutputTokens?: number | undefined;
}

/**
 * The tokens to hold for one call: its prompt and tools as the provider will see them, at
 * `CHARS_PER_TOKEN`, plus its output limit.
 *
 * @example callReservation({ prompt: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }], maxOutputTokens: 100 }) // 119
 */
export function callReservation(call: CallSize): number {
  const promptChars = JSON.stringify(call.prompt).length + (call.tools ? JSON.stringify(call.tools).length : 0);
  return Math.ceil(promptChars / CHARS_PER_TOKEN) + (call.maxOutputTokens ?? DEFAULT_OUTPUT_RESERVATION);
}

/** The token counts a provider reports, zero for a count it does not give. */
function tokensOf(usage: { inputTokens: { total: number | undefined }; outputTokens: { total: number | undefined } }) {
  return { inputTokens: usage.inputTokens.total ?? 0, outputTokens: usage.outputTokens.total ?? 0 };
}

/**
 * The language model with every call metered: tokens reserved (`meter.reserve`) before it starts,
 * its real usage charged when it ends (a stream's when its `finish` part passes), and the
 * reservation released when it fails, is cancelled or ends without usage. Retries are calls too.
 * `model` is the id the usage is recorded under (`openai:gpt-4.1-mini`).
 *
 * @example createAiEngine(meteredModel(provider.chat('gpt-4.1-mini'), 'openai:gpt-4.1-mini', meter), 'openai:gpt-4.1-mini')
 */
export function meteredModel(languageModel: Exclude<LanguageModel, string>, model: string, meter: Meter): LanguageModel {
  const middleware: LanguageModelMiddleware = {
    async wrapGenerate({ doGenerate, params }) {
      const reservation = await meter.reserve(callReservation(params));
      const result = await Promise.resolve(doGenerate()).catch(async (error: unknown) => {
        await meter.release(reservation);
        throw error;
      });
      await meter.settle(reservation, { model, ...tokensOf(result.usage) });
      return result;
    },
    async wrapStream({ doStream, params }) {
      const reservation = await meter.reserve(callReservation(params));
      const { stream, ...rest } = await Promise.resolve(doStream()).catch(async (error: unknown) => {
        await meter.release(reservation);
        throw error;
      });
      // Exactly one of settle or release runs, whichever way the stream ends: finished, failed or cancelled.
      let ended: Promise<void> | null = null;
      const end = (usage: MeteredUsage | null) => (ended ??= usage ? meter.settle(reservation, usage) : meter.release(reservation));
      const reader = stream.getReader();
      const counted = new ReadableStream<(typeof stream extends ReadableStream<infer Part> ? Part : never)>({
        async pull(controller) {
          try {
            const { done, value } = await reader.read();
            if (done) {
              // The stream ends only once its usage is stored, so a turn that finished has been charged.
              await end(null);
              controller.close();
              return;
            }
            // Awaited when the stream ends; caught here only so that a failure is not reported twice.
            if (value.type === 'finish') end({ model, ...tokensOf(value.usage) }).catch(() => undefined);
            controller.enqueue(value);
          } catch (error) {
            await end(null);
            controller.error(error);
          }
        },
        async cancel(reason) {
          await end(null);
          await reader.cancel(reason);
        },
      });
      return { stream: counted, ...rest };
    },
  };
  return wrapLanguageModel({ model: languageModel, middleware });
}

/**
 * The offline builder: a language model that plans its tool calls from the request instead of
 * predicting them, so a turn runs through the AI SDK's own tool loop (the same tools, the same
 * stream, the same stored parts) exactly as a model's turn does.
 */
import { isStepCount, streamText } from 'ai';
import type { LanguageModel } from 'ai';
import { BUILDER_MAX_STEPS, builderInstructions } from '../../chat';
import type { BuilderKit, ConversationInput, ReplyStream } from '../../types';
import { knownText } from '../chat-model';
import { parseRequest } from './intents';
import type { Intent } from './intents';
import { mayNameModels, nextMove } from './moves';
import type { Exchange } from './moves';

type LanguageModelV4 = Extract<LanguageModel, { specificationVersion: 'v4' }>;
type CallOptions = Parameters<LanguageModelV4['doStream']>[0];
type StreamResult = Awaited<ReturnType<LanguageModelV4['doStream']>>;
type StreamPart = StreamResult['stream'] extends ReadableStream<infer Part> ? Part : never;
type GenerateResult = Awaited<ReturnType<LanguageModelV4['doGenerate']>>;

const NO_TOKENS: GenerateResult['usage'] = {
  inputTokens: { total: 0, noCache: 0, cacheRead: undefined, cacheWrite: undefined },
  outputTokens: { total: 0, text: 0, reasoning: undefined },
};

/** The tool calls of this turn and what each answered, read back from the prompt the loop sends. */
function exchangesOf(prompt: CallOptions['prompt']): Exchange[] {
  const lastUser = prompt.map((message) => message.role).lastIndexOf('user');
  const exchanges = new Map<string, Exchange>();
  for (const message of prompt.slice(lastUser + 1)) {
    if (message.role === 'assistant') {
      for (const part of message.content) {
        if (part.type === 'tool-call') exchanges.set(part.toolCallId, { toolName: part.toolName, input: part.input as Record<string, unknown> });
      }
    } else if (message.role === 'tool') {
      for (const part of message.content) {
        const exchange = part.type === 'tool-result' ? exchanges.get(part.toolCallId) : undefined;
        if (!exchange || part.type !== 'tool-result') continue;
        const { output } = part;
        if (output.type === 'json') exchange.output = output.value;
        else if (output.type === 'text') exchange.output = output.value;
        else if (output.type === 'error-text') exchange.error = output.value;
        else if (output.type === 'error-json') exchange.error = JSON.stringify(output.value);
      }
    }
  }
  return [...exchanges.values()];
}

/** How many model calls of this turn came before this one. */
const stepsSoFar = (prompt: CallOptions['prompt']) => prompt.slice(prompt.map((message) => message.role).lastIndexOf('user') + 1).filter((message) => message.role === 'assistant').length;

/**
 * A LanguageModelV4 whose every call is the builder's next move for `intent`: tool calls while the
 * intent needs them, then its closing words, streamed whole. Zero tokens, as offline is.
 */
class OfflineBuilderModel implements LanguageModelV4 {
  readonly specificationVersion = 'v4';
  readonly provider = 'promptax';
  readonly modelId = 'offline';
  readonly supportedUrls = {};

  constructor(
    private readonly intent: Intent,
    private readonly input: ConversationInput,
    private readonly models: BuilderKit['models'],
  ) {}

  private parts(options: CallOptions, models: string[]): StreamPart[] {
    const step = stepsSoFar(options.prompt);
    const move = nextMove(this.intent, exchangesOf(options.prompt), this.input, models);
    if ('calls' in move) {
      return [
        ...move.calls.map((call, index): StreamPart => ({ type: 'tool-call', toolCallId: `offline-${step}-${index}`, toolName: call.toolName, input: JSON.stringify(call.input) })),
        { type: 'finish', finishReason: { unified: 'tool-calls', raw: undefined }, usage: NO_TOKENS },
      ];
    }
    return [
      ...knownText(`offline-${step}-text`, move.text),
      { type: 'finish', finishReason: { unified: 'stop', raw: undefined }, usage: NO_TOKENS },
    ];
  }

  async doGenerate(): Promise<GenerateResult> {
    throw new Error('The offline builder streams; it has no single answer to generate.');
  }

  async doStream(options: CallOptions): Promise<StreamResult> {
    // A question, an edit or a deploy never names other models: their list (a request to the model server) is not asked for.
    const models = mayNameModels(this.intent) ? await this.models() : [];
    const parts: StreamPart[] = [{ type: 'stream-start', warnings: [] }, ...this.parts(options, models)];
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

/**
 * An offline builder turn: the request's intent, carried out with the builder's tools through
 * `streamText`'s tool loop.
 *
 * @example offlineBuild({ facts, history: [], message: 'make it teal' }, { tools, models: async () => ['offline'] })
 */
export function offlineBuild(input: ConversationInput, builder: BuilderKit): ReplyStream {
  return streamText({
    model: new OfflineBuilderModel(parseRequest(input.message), input, builder.models),
    instructions: builderInstructions(input.facts),
    messages: [...input.history, { role: 'user', content: input.message }],
    tools: builder.tools,
    stopWhen: isStepCount(BUILDER_MAX_STEPS),
  }).stream;
}

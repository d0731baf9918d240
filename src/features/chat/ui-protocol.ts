/**
 * How the project chat and the consultant speak to clients: `{ content, model? }` or the AI SDK's
 * own chat request (what `DefaultChatTransport` posts for `useChat`), both read into one turn, and
 * the AI SDK UI message stream they answer with.
 */
import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { uiMessageStreamHeader } from '../../lib/api-document';
import { badRequest, unprocessable } from '../../lib/problems';

/** The longest message a user may send. */
export const MAX_MESSAGE_CHARS = 32_000;

/** A message's text: 1 to 32,000 characters, not all whitespace. */
export const messageContent = z
  .string()
  .min(1)
  .max(MAX_MESSAGE_CHARS)
  .refine((content) => content.trim().length > 0, { message: 'Write something: the message is blank' })
  .openapi({ example: 'What should I do next?' });

/** A message part as the AI SDK sends and stores it: `{ type: 'text', text }`, `{ type: 'step-start' }`, tool parts... */
export const UIPartSchema = z.looseObject({ type: z.string() }).openapi('UIPart', {
  description: 'An AI SDK UIMessage part, as streamed: `{ type: "text", text }`, `{ type: "step-start" }`, ...',
});

const UIMessageSchema = z.looseObject({
  id: z.string().min(1).max(255),
  role: z.enum(['system', 'user', 'assistant']),
  parts: z.array(UIPartSchema),
});

/**
 * `{ content, model? }`, the message as text; or the body `DefaultChatTransport` sends, of which
 * only the last message is read (the server keeps the history): its text is the question and its
 * `id` the stored message's id. One object rather than a union, so that a 400 names the field.
 */
export const ChatRequestSchema = z
  .object({
    content: messageContent.optional().openapi({ description: 'The question as text. Either this or `messages`.' }),
    model: z.string().optional().openapi({ description: 'A model id from GET /api/models; the default model otherwise.' }),
    messages: z
      .array(UIMessageSchema)
      .min(1)
      .optional()
      .openapi({ description: "The AI SDK's request: the conversation as the client has it, the last message the new question. Either this or `content`." }),
    id: z.string().max(255).optional().openapi({ description: "The AI SDK's request: the client's chat id (`useChat({ id })`); the path already names the conversation." }),
    trigger: z
      .enum(['submit-message', 'regenerate-message'])
      .optional()
      .openapi({ description: "The AI SDK's request: `regenerate-message` answers the last question again, replacing its answer." }),
    messageId: z.string().max(255).optional().openapi({ description: "The AI SDK's request, with `submit-message`: editing an earlier message, which is not supported (422)." }),
  })
  .superRefine((body, context) => {
    if ((body.content === undefined) === (body.messages === undefined)) {
      context.addIssue({ code: 'custom', path: ['content'], message: 'Send `content`, or the AI SDK request with `messages`: one of them' });
    }
  })
  .openapi('ChatRequest');
export type ChatRequest = z.infer<typeof ChatRequestSchema>;

/** A turn as the Worker reads it from either body. */
export interface TurnInput {
  content: string;
  model: string | undefined;
  messageId: string | undefined;
  regenerate: boolean;
  /** The AI SDK's request streams whatever it accepts; `{ content }` streams when it asks with `Accept: text/event-stream`. */
  stream: boolean;
}

/** Whether the client asked for the stream rather than JSON. */
export const wantsStream = (c: Context) => c.req.header('Accept')?.includes('text/event-stream') ?? false;

/**
 * Reads either body into a turn: the last message's text and id from the AI SDK's request, which
 * always streams, or `content` as sent.
 *
 * @example readTurn(c, { messages: [{ id: 'm1', role: 'user', parts: [{ type: 'text', text: 'Hi' }] }] }) // { content: 'Hi', messageId: 'm1', stream: true, ... }
 */
export function readTurn(c: Context, body: ChatRequest): TurnInput {
  if (!body.messages) return { content: body.content!, model: body.model, messageId: undefined, regenerate: false, stream: wantsStream(c) };
  const regenerate = body.trigger === 'regenerate-message';
  if (!regenerate && body.messageId !== undefined) {
    throw unprocessable('Editing an earlier message is not supported: send a new message, or regenerate the last answer.');
  }
  const index = body.messages.length - 1;
  const last = body.messages[index]!;
  if (regenerate) return { content: '', model: body.model, messageId: undefined, regenerate, stream: true };
  const pointer = `#/messages/${index}`;
  if (last.role !== 'user') throw badRequest('The last message must be the user\'s question.', [{ location: 'body', pointer: `${pointer}/role`, detail: 'Expected "user"' }]);
  const text = last.parts.flatMap((part) => (part.type === 'text' && typeof part.text === 'string' ? [part.text] : [])).join('\n');
  const content = messageContent.safeParse(text);
  if (!content.success) {
    throw badRequest('The question has no valid text.', [{ location: 'body', pointer: `${pointer}/parts`, detail: content.error.issues[0]?.message ?? 'Invalid text' }]);
  }
  return { content: content.data, model: body.model, messageId: last.id, regenerate, stream: true };
}

/** The AI SDK UI message stream, for the OpenAPI document. */
export const uiMessageStream = {
  'text/event-stream': {
    schema: z.string().openapi({
      description: 'The AI SDK UI message stream protocol (SSE, `x-vercel-ai-ui-message-stream: v1`): `useChat` and `readUIMessageStream` read it.',
    }),
  },
};

/** The OpenAPI 200 of a route answering a turn: `json` (unless only streamed) or the stream, with the stream's header. */
export function turnResponse(description: string, json?: z.ZodType) {
  return {
    content: json ? { 'application/json': { schema: json }, ...uiMessageStream } : uiMessageStream,
    headers: uiMessageStreamHeader,
    description,
  };
}

/**
 * A Durable Object's stream response, answered through the context so that the headers middleware
 * prepared (X-Request-Id) go with it.
 */
export const relayStream = (c: Context, response: Response) => c.body(response.body!, 200, Object.fromEntries(response.headers));

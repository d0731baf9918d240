/** Routes of /api/projects/{projectId}/chat: talk about the project (JSON or a stream), read the history, re-attach to a running turn. */
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { resolveModel } from '../../engine/models';
import { bearer, createRouter, jsonBody, jsonContent, problems, requireCaller, uuidParam } from '../../lib/openapi';
import { CheckReportSchema } from '../../lib/check-report';
import { pageOf, PageQuerySchema } from '../../lib/pagination';
import { getProject } from '../projects/service';
import { checkBudget } from '../usage/service';
import { assistantReply, chatOf, chatTurn, toChatMessage } from './service';

/** The longest message a user may send. */
export const MAX_MESSAGE_CHARS = 32_000;

/** How a message's turn ended (README: Chat and the consultant). */
export const turnStatus = z.enum(['complete', 'incomplete', 'error', 'aborted']).openapi({
  description:
    '`complete`: the model finished its answer. `incomplete`: it was cut off (at its output limit, or the stream ended with no finish reason); ' +
    'the text is what arrived. `error`: the model failed or answered nothing. `aborted`: a restart cut the turn short. Only complete turns enter later prompts.',
});

/** The tokens of a message's answer. */
export const messageUsage = z
  .object({ inputTokens: z.number().int(), outputTokens: z.number().int() })
  .nullable()
  .openapi({ description: 'Token counts of an answer as the model reported them (zero for `offline`); null for user messages and failed turns.' });

export const ChatMessageSchema = z
  .object({
    id: z.string().uuid(),
    projectId: z.string().uuid(),
    role: z.enum(['user', 'assistant']),
    content: z.string(),
    model: z.string().nullable().openapi({ description: 'The model that wrote the message, or that a user message was addressed to.' }),
    status: turnStatus,
    usage: messageUsage,
    parts: z.array(z.object({ type: z.string() }).passthrough()).openapi({
      description: 'The message as the AI SDK streamed it (`useChat` renders it unchanged): `text`, `step-start`, and `tool-<name>` parts with `toolCallId`, `state`, `input`, `output` or `errorText`.',
    }),
    versionId: z.string().uuid().nullable().openapi({ description: "The version the turn's changes became (its heal's, when one followed); null when it changed nothing." }),
    checks: CheckReportSchema.nullable().openapi({ description: 'The checks run on that version; null when the turn changed nothing.' }),
    createdAt: z.string(),
  })
  .openapi('ChatMessage');

/** A message's text: 1 to 32,000 characters, not all whitespace. */
export const messageContent = z
  .string()
  .min(1)
  .max(MAX_MESSAGE_CHARS)
  .refine((content) => content.trim().length > 0, { message: 'Write something: the message is blank' })
  .openapi({ example: 'What should I do next?' });

const SendChatSchema = z
  .object({
    content: messageContent,
    model: z.string().optional().openapi({ description: 'A model id from GET /api/models; the default model otherwise.' }),
  })
  .openapi('SendChatMessage');

/** The AI SDK UI message stream, for the OpenAPI document. */
export const uiMessageStream = {
  'text/event-stream': {
    schema: z.string().openapi({
      description: 'The AI SDK UI message stream protocol (SSE, `x-vercel-ai-ui-message-stream: v1`): `useChat` and `readUIMessageStream` read it.',
    }),
  },
};

/** Whether the client asked for the stream rather than JSON. */
export const wantsStream = (c: Context) => c.req.header('Accept')?.includes('text/event-stream') ?? false;

/**
 * A Durable Object's stream response, answered through the context so that the headers middleware
 * prepared (X-Request-Id) go with it.
 */
export const relayStream = (c: Context, response: Response) => c.body(response.body!, 200, Object.fromEntries(response.headers));

const params = z.object({ projectId: uuidParam('projectId') });
const authed = { tags: ['chat'], security: bearer, middleware: requireCaller };

const send = createRoute({
  ...authed,
  method: 'post',
  path: '/api/projects/{projectId}/chat',
  summary: "Ask the project's assistant; turns are answered one at a time, in the order they arrive",
  description:
    'The prompt carries the project, its latest plan with step statuses, its files, deployments and tests, and the most recent history that fits 24,000 characters. ' +
    'Answers JSON by default, the AI SDK UI message stream with `Accept: text/event-stream`. A client that disconnects does not stop the turn: its answer is stored.',
  request: { params, body: jsonBody(SendChatSchema) },
  responses: {
    200: { content: { 'application/json': { schema: ChatMessageSchema }, ...uiMessageStream }, description: "The assistant's message, or its stream" },
    ...problems(400, 401, 404, 413, 415, 422, 429, 502, 503),
  },
});

const history = createRoute({
  ...authed,
  method: 'get',
  path: '/api/projects/{projectId}/chat',
  summary: 'The conversation, oldest first',
  request: { params, query: PageQuerySchema },
  responses: { 200: jsonContent(z.array(ChatMessageSchema), 'A page of messages'), ...problems(400, 401, 404) },
});

const resume = createRoute({
  ...authed,
  method: 'get',
  path: '/api/projects/{projectId}/chat/stream',
  summary: 'Re-attach to the turn being answered: its stream replayed from the start',
  request: { params },
  responses: {
    200: { content: uiMessageStream, description: 'The running turn, from its first part' },
    204: { description: 'No turn is running' },
    ...problems(400, 401, 404),
  },
});

export const chatRoutes = createRouter()
  .openapi(send, async (c) => {
    const { projectId } = c.req.valid('param');
    const { content, model } = c.req.valid('json');
    const turn = await chatTurn(c.get('db'), c.get('caller'), projectId, { content, model: await resolveModel(c.env, model) });
    await checkBudget(c.get('db'), c.env, turn.model, turn.organisationId);
    const chat = chatOf(c.env.CHAT, projectId);
    if (wantsStream(c)) return relayStream(c, await chat.sendStreaming(turn));
    return c.json(toChatMessage(projectId, assistantReply(await chat.send(turn))), 200);
  })
  .openapi(history, async (c) => {
    const { projectId } = c.req.valid('param');
    const page = c.req.valid('query');
    await getProject(c.get('db'), c.get('caller'), projectId);
    const messages = await chatOf(c.env.CHAT, projectId).history(page);
    return c.json(pageOf(c, messages.map((message) => toChatMessage(projectId, message)), page.limit), 200);
  })
  .openapi(resume, async (c) => {
    const { projectId } = c.req.valid('param');
    await getProject(c.get('db'), c.get('caller'), projectId);
    const running = await chatOf(c.env.CHAT, projectId).resume();
    return running ? relayStream(c, running) : c.body(null, 204);
  });

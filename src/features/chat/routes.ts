/** Routes of /api/projects/{projectId}/chat: talk about the project (JSON or a stream), read the history, re-attach to a running turn. */
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AuthedEnv } from '../../app-env';
import { resolveModel } from '../../engine/models';
import { CheckReportSchema } from '../../lib/check-report';
import { bearer, createRouter, jsonBody, jsonContent, problems, requireCaller, timestamp, uuidParam } from '../../lib/openapi';
import { pageOf, PageQuerySchema } from '../../lib/pagination';
import { getProject } from '../projects/service';
import { assistantReply, chatOf, chatTurn, refusedTurn, toChatMessage } from './service';
import { ChatRequestSchema, readTurn, relayStream, turnResponse, UIPartSchema } from './ui-protocol';

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
    id: z.string().openapi({ description: 'A UUIDv7, or the id an AI SDK client gave its question.' }),
    projectId: z.string().uuid(),
    role: z.enum(['user', 'assistant']),
    content: z.string(),
    parts: z.array(UIPartSchema).openapi({ description: 'The message as an AI SDK `UIMessage` shows it, so a history loads into `useChat` unchanged.' }),
    model: z.string().nullable().openapi({ description: 'The model that wrote the message, or that a user message was addressed to.' }),
    status: turnStatus,
    usage: messageUsage,
    versionId: z.string().uuid().nullable().openapi({ description: "The version the turn's changes became (its heal's, when one followed); null when it changed nothing." }),
    checks: CheckReportSchema.nullable().openapi({ description: 'The checks run on that version; null when the turn changed nothing.' }),
    createdAt: timestamp,
  })
  .openapi('ChatMessage');

const params = z.object({ projectId: uuidParam('projectId') });
const streamParams = params.extend({
  chatId: z.string().max(255).openapi({ param: { name: 'chatId', in: 'path' }, description: "Any value: the AI SDK's resume URL carries the client's chat id." }),
});
const authed = { tags: ['chat'], security: bearer, middleware: requireCaller };

const send = createRoute({
  ...authed,
  method: 'post',
  operationId: 'sendChatMessage',
  path: '/api/projects/{projectId}/chat',
  summary: "Ask the project's assistant; turns are answered one at a time, in the order they arrive",
  description:
    'The prompt carries the project, its latest plan with step statuses, its files, deployments and tests, and the most recent history that fits 24,000 characters. ' +
    'Takes `{ content }`, answered as JSON by default and as the AI SDK UI message stream with `Accept: text/event-stream`; or the AI SDK\'s own request ' +
    '(`useChat` with `DefaultChatTransport`), always answered as the stream, where `trigger: "regenerate-message"` answers the last question again in place of its answer. ' +
    'A client that disconnects does not stop the turn: its answer is stored.',
  request: { params, body: jsonBody(ChatRequestSchema) },
  responses: {
    200: turnResponse("The assistant's message, or its stream", ChatMessageSchema),
    ...problems(400, 401, 404, 409, 413, 415, 422, 429, 502, 503),
  },
});

const history = createRoute({
  ...authed,
  method: 'get',
  operationId: 'listChatMessages',
  path: '/api/projects/{projectId}/chat',
  summary: 'The conversation, oldest first',
  request: { params, query: PageQuerySchema },
  responses: { 200: jsonContent(z.array(ChatMessageSchema), 'A page of messages'), ...problems(400, 401, 404) },
});

const resumeResponses = {
  200: turnResponse('The running turn, from its first part'),
  204: { description: 'No turn is running' },
  ...problems(400, 401, 404),
};

const resume = createRoute({
  ...authed,
  method: 'get',
  operationId: 'resumeChatStream',
  path: '/api/projects/{projectId}/chat/stream',
  summary: 'Re-attach to the turn being answered: its stream replayed from the start',
  request: { params },
  responses: resumeResponses,
});

const resumeForSdk = createRoute({
  ...authed,
  method: 'get',
  operationId: 'resumeChatStreamForSdk',
  path: '/api/projects/{projectId}/chat/{chatId}/stream',
  summary: 'The same, at the URL the AI SDK builds to resume (`useChat({ resume: true })`)',
  request: { params: streamParams },
  responses: resumeResponses,
});

/** The running turn's stream, or 204 when none runs. */
async function resumeTurn(c: Context<AuthedEnv>, projectId: string) {
  await getProject(c.get('db'), c.get('caller'), projectId);
  const running = await chatOf(c.env.CHAT, projectId).resume();
  return running ? relayStream(c, running) : c.body(null, 204);
}

export const chatRoutes = createRouter()
  .openapi(send, async (c) => {
    const { projectId } = c.req.valid('param');
    const input = readTurn(c, c.req.valid('json'));
    const turn = await chatTurn(c.get('db'), c.env, c.get('caller'), projectId, { ...input, model: await resolveModel(c.env, input.model) });
    const chat = chatOf(c.env.CHAT, projectId);
    const answer = input.stream ? await chat.sendStreaming(turn) : await chat.send(turn);
    if ('refusal' in answer) throw await refusedTurn(c.get('db'), c.env, turn, answer);
    if (answer instanceof Response) return relayStream(c, answer);
    return c.json(toChatMessage(projectId, assistantReply(answer)), 200);
  })
  .openapi(history, async (c) => {
    const { projectId } = c.req.valid('param');
    const page = c.req.valid('query');
    await getProject(c.get('db'), c.get('caller'), projectId);
    const messages = await chatOf(c.env.CHAT, projectId).history(page);
    return c.json(pageOf(c, messages.map((message) => toChatMessage(projectId, message)), page.limit), 200);
  })
  .openapi(resume, (c) => resumeTurn(c, c.req.valid('param').projectId))
  .openapi(resumeForSdk, (c) => resumeTurn(c, c.req.valid('param').projectId));

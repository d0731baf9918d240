/** Routes of /api/agency: open a consultation on a project, list and read them, and ask the consultant (JSON or a stream). */
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AuthedEnv } from '../../app-env';
import { resolveModel } from '../../engine/models';
import { bearer, createRouter, jsonBody, jsonContent, problems, requireCaller, timestamp, uuidParam } from '../../lib/openapi';
import { MAX_PAGE_SIZE, pageOf, PageQuerySchema } from '../../lib/pagination';
import { messageUsage, turnStatus } from '../chat/routes';
import { ChatRequestSchema, readTurn, relayStream, turnResponse, UIPartSchema } from '../chat/ui-protocol';
import { assistantReply, refusedTurn } from '../chat/service';
import { consultationTurn, createSession, getSession, listSessions, sessionOf, toAgencyMessage, toAgencySession } from './service';

const AgencySessionSchema = z
  .object({
    id: z.string().uuid(),
    projectId: z.string().uuid(),
    title: z.string(),
    status: z.enum(['active', 'closed']),
    messageCount: z.number().int(),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .openapi('AgencySession');

const AgencyMessageSchema = z
  .object({
    id: z.string().openapi({ description: 'A UUIDv7, or the id an AI SDK client gave its question.' }),
    sessionId: z.string().uuid(),
    role: z.enum(['user', 'assistant']),
    content: z.string(),
    parts: z.array(UIPartSchema).openapi({ description: 'The message as an AI SDK `UIMessage` shows it, so a history loads into `useChat` unchanged.' }),
    model: z.string().openapi({ description: 'The model that wrote the message, or that a user message was addressed to.' }),
    status: turnStatus,
    usage: messageUsage,
    context: z
      .object({
        project: z.object({ id: z.string().uuid(), name: z.string(), status: z.string() }),
        plans: z.number().int(),
        files: z.number().int(),
        deployments: z.number().int(),
        sources: z.array(z.string()).openapi({ description: 'The API resources the facts came from.' }),
      })
      .openapi({ description: 'What the consultant was told about the project for this turn.' }),
    createdAt: timestamp,
  })
  .openapi('AgencyMessage');

const AgencySessionWithMessagesSchema = AgencySessionSchema.extend({
  messages: z.array(AgencyMessageSchema).openapi({ description: `The latest ${MAX_PAGE_SIZE} messages, oldest first.` }),
}).openapi('AgencySessionWithMessages');

const CreateSessionSchema = z
  .object({
    projectId: z.string().uuid(),
    title: z.string().trim().min(1).max(120).optional().openapi({ description: 'Defaults to "Consultation on <project name>".' }),
  })
  .openapi('CreateAgencySession');

const sessionParams = z.object({ sessionId: uuidParam('sessionId') });
const streamParams = sessionParams.extend({
  chatId: z.string().max(255).openapi({ param: { name: 'chatId', in: 'path' }, description: "Any value: the AI SDK's resume URL carries the client's chat id." }),
});
const authed = { tags: ['agency'], security: bearer, middleware: requireCaller };

const create = createRoute({
  ...authed,
  method: 'post',
  operationId: 'createConsultation',
  path: '/api/agency',
  summary: 'Open a consultation with the AI consultant about a project',
  request: { body: jsonBody(CreateSessionSchema) },
  responses: { 201: jsonContent(AgencySessionSchema, 'The new session'), ...problems(400, 401, 404, 413, 415, 422) },
});

const list = createRoute({
  ...authed,
  method: 'get',
  operationId: 'listConsultations',
  path: '/api/agency',
  summary: "The consultations of the caller's organisations, newest first",
  request: { query: PageQuerySchema.extend({ projectId: z.string().uuid().optional() }) },
  responses: { 200: jsonContent(z.array(AgencySessionSchema), 'A page of sessions'), ...problems(400, 401) },
});

const read = createRoute({
  ...authed,
  method: 'get',
  operationId: 'getConsultation',
  path: '/api/agency/{sessionId}',
  summary: 'A consultation with its messages',
  request: { params: sessionParams },
  responses: { 200: jsonContent(AgencySessionWithMessagesSchema, 'The session'), ...problems(400, 401, 404) },
});

const send = createRoute({
  ...authed,
  method: 'post',
  operationId: 'sendConsultationMessage',
  path: '/api/agency/{sessionId}/message',
  summary: 'Ask the consultant: product advice (audience, scope, risks, launch) grounded in the project',
  description:
    'Takes `{ content }`, answered as JSON by default and as the AI SDK UI message stream with `Accept: text/event-stream`; or the AI SDK\'s own request ' +
    '(`useChat` with `DefaultChatTransport`), always answered as the stream, where `trigger: "regenerate-message"` answers the last question again in place of its answer. ' +
    'Turns are answered one at a time, in the order they arrive.',
  request: { params: sessionParams, body: jsonBody(ChatRequestSchema) },
  responses: {
    200: turnResponse("The consultant's message, or its stream", AgencyMessageSchema),
    ...problems(400, 401, 404, 409, 413, 415, 422, 429, 502, 503),
  },
});

const resumeResponses = {
  200: turnResponse('The running turn, from its first part'),
  204: { description: 'No turn is running' },
  ...problems(400, 401, 404),
};

const resume = createRoute({
  ...authed,
  method: 'get',
  operationId: 'resumeConsultationStream',
  path: '/api/agency/{sessionId}/stream',
  summary: 'Re-attach to the consultation turn being answered: its stream replayed from the start',
  request: { params: sessionParams },
  responses: resumeResponses,
});

const resumeForSdk = createRoute({
  ...authed,
  method: 'get',
  operationId: 'resumeConsultationStreamForSdk',
  path: '/api/agency/{sessionId}/message/{chatId}/stream',
  summary: 'The same, at the URL the AI SDK builds to resume (`useChat({ resume: true })` with `api: /api/agency/{sessionId}/message`)',
  request: { params: streamParams },
  responses: resumeResponses,
});

/** The running turn's stream, or 204 when none runs. */
async function resumeTurn(c: Context<AuthedEnv>, sessionId: string) {
  const session = await getSession(c.get('db'), c.get('caller'), sessionId);
  const running = await sessionOf(c.env.AGENCY, session.id).resume();
  return running ? relayStream(c, running) : c.body(null, 204);
}

export const agencyRoutes = createRouter()
  .openapi(create, async (c) => {
    const session = await createSession(c.get('db'), c.get('caller'), c.req.valid('json'));
    return c.json(toAgencySession(session), 201);
  })
  .openapi(list, async (c) => {
    const query = c.req.valid('query');
    const rows = await listSessions(c.get('db'), c.get('caller'), query);
    return c.json(pageOf(c, rows.map(toAgencySession), query.limit), 200);
  })
  .openapi(read, async (c) => {
    const session = await getSession(c.get('db'), c.get('caller'), c.req.valid('param').sessionId);
    const { count, messages } = await sessionOf(c.env.AGENCY, session.id).messages(MAX_PAGE_SIZE);
    // The object's own count: the index's lags behind a turn that a reset cut short until the object reopens.
    const read = { ...toAgencySession(session), messageCount: count };
    return c.json({ ...read, messages: messages.map((message) => toAgencyMessage(session.id, message)) }, 200);
  })
  .openapi(send, async (c) => {
    const { sessionId } = c.req.valid('param');
    const input = readTurn(c, c.req.valid('json'));
    const turn = await consultationTurn(c.get('db'), c.env, c.get('caller'), sessionId, { ...input, model: await resolveModel(c.env, input.model) });
    const session = sessionOf(c.env.AGENCY, sessionId);
    const answer = input.stream ? await session.sendStreaming(sessionId, turn) : await session.send(sessionId, turn);
    if ('refusal' in answer) throw await refusedTurn(c.get('db'), c.env, turn, answer);
    if (answer instanceof Response) return relayStream(c, answer);
    return c.json(toAgencyMessage(sessionId, assistantReply(answer)), 200);
  })
  .openapi(resume, (c) => resumeTurn(c, c.req.valid('param').sessionId))
  .openapi(resumeForSdk, (c) => resumeTurn(c, c.req.valid('param').sessionId));

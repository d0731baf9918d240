/** Agency consultations: indexed in D1 for listing and ownership, their messages in one AgencySession Durable Object each. */
import { and, desc, eq, inArray, lt } from 'drizzle-orm';
import type { Bindings, Caller } from '../../app-env';
import type { Database } from '../../db/client';
import { agencySessions, projects } from '../../db/schema';
import type { AgencySessionRow } from '../../db/schema';
import { HISTORY_BUDGET_CHARS } from '../../engine/chat';
import { DEFAULT_OUTPUT_RESERVATION } from '../../engine/metering';
import { OFFLINE_MODEL } from '../../engine/models';
import type { ProjectFacts } from '../../engine/types';
import { nowIso, uuidv7 } from '../../lib/ids';
import type { PageQuery } from '../../lib/pagination';
import { notFound } from '../../lib/problems';
import type { StoredMessage, TurnRequest } from '../chat/conversation';
import { readFacts, toFacts } from '../chat/facts';
import { getProject } from '../projects/service';
import { projectBudgetSpent, projectReservation } from '../usage/service';

/** What a consultation turn was told (DESIGN.md section 7), stored with its messages. */
export interface AgencyContext {
  project: { id: string; name: string; status: ProjectFacts['project']['status'] };
  plans: number;
  files: number;
  deployments: number;
  /** The API resources the facts came from. */
  sources: string[];
}

/** A consultation's Durable Object. */
export const sessionOf = (agency: Bindings['AGENCY'], sessionId: string) => agency.get(agency.idFromName(sessionId));

const organisationIds = (caller: Caller) => caller.organisations.map((organisation) => organisation.id);

/** The context a turn records: counts from the facts and the resources they came from. */
export function contextOf(facts: ProjectFacts): AgencyContext {
  const base = `/api/projects/${facts.project.id}`;
  return {
    project: { id: facts.project.id, name: facts.project.name, status: facts.project.status },
    plans: facts.plans,
    files: facts.fileCount,
    deployments: facts.deployments.total,
    sources: [
      base,
      ...(facts.plans > 0 ? [`${base}/plans`] : []),
      ...(facts.fileCount > 0 ? [`${base}/files`] : []),
      ...(facts.deployments.total > 0 ? [`${base}/deployments`] : []),
      ...(facts.tests.suites > 0 ? [`${base}/tests`] : []),
    ],
  };
}

/** A session as the API shows it (AgencySession). */
export function toAgencySession(row: AgencySessionRow) {
  return {
    id: row.id,
    projectId: row.projectId,
    title: row.title,
    status: row.status,
    messageCount: row.messageCount,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** A stored message as the API shows it (AgencyMessage). */
export function toAgencyMessage(sessionId: string, message: StoredMessage<AgencyContext>) {
  return {
    id: message.id,
    sessionId,
    role: message.role,
    content: message.content,
    parts: message.parts,
    model: message.model,
    status: message.status,
    usage: message.usage,
    context: message.context!,
    createdAt: message.createdAt,
  };
}

/**
 * Opens a consultation on one of the caller's projects; the title defaults to the project's name.
 *
 * @example const session = await createSession(db, caller, { projectId });
 */
export async function createSession(db: Database, caller: Caller, input: { projectId: string; title?: string | undefined }): Promise<AgencySessionRow> {
  const project = await getProject(db, caller, input.projectId);
  const now = nowIso();
  const row: AgencySessionRow = {
    id: uuidv7(),
    projectId: project.id,
    organisationId: project.organisationId,
    ownerId: caller.user.id,
    title: input.title ?? `Consultation on ${project.name}`,
    status: 'active',
    messageCount: 0,
    createdAt: now,
    updatedAt: now,
  };
  await db.insert(agencySessions).values(row);
  return row;
}

/** The sessions of the caller's organisations, newest first, optionally of one project; `limit + 1` rows for `pageOf`. */
export function listSessions(db: Database, caller: Caller, page: PageQuery & { projectId?: string | undefined }) {
  return db
    .select()
    .from(agencySessions)
    .where(
      and(
        inArray(agencySessions.organisationId, organisationIds(caller)),
        page.projectId ? eq(agencySessions.projectId, page.projectId) : undefined,
        page.cursor ? lt(agencySessions.id, page.cursor) : undefined,
      ),
    )
    .orderBy(desc(agencySessions.id))
    .limit(page.limit + 1);
}

/** The session, or a 404 when it does not exist or another organisation owns it. */
export async function getSession(db: Database, caller: Caller, sessionId: string): Promise<AgencySessionRow> {
  const [session] = await db
    .select()
    .from(agencySessions)
    .where(and(eq(agencySessions.id, sessionId), inArray(agencySessions.organisationId, organisationIds(caller))));
  if (!session) throw notFound('agency session');
  return session;
}

/**
 * Characters of a consultation's first prompt besides its history: the facts (200 file paths at
 * most) and the consultant's instructions.
 */
const CONSULT_PROMPT_EXTRA_CHARS = 12_000;

/**
 * Tokens reserved for a consultation turn's model call before the turn is queued: its prompt (at
 * most `HISTORY_BUDGET_CHARS` of history and the rest, at the metering's 3 characters a token) and
 * the output a call without a limit is held for.
 */
export const CONSULT_RESERVATION = Math.ceil((HISTORY_BUDGET_CHARS + CONSULT_PROMPT_EXTRA_CHARS) / 3) + DEFAULT_OUTPUT_RESERVATION;

/** The project of one of the caller's sessions, as a subquery: reads keyed by it see nothing of a session the caller may not see. */
const projectOfSession = (db: Database, caller: Caller, sessionId: string) =>
  db
    .select({ id: agencySessions.projectId })
    .from(agencySessions)
    .where(and(eq(agencySessions.id, sessionId), inArray(agencySessions.organisationId, organisationIds(caller))));

/**
 * A turn for a consultation: 404 unless the caller's organisations own the session, then the
 * facts of its project, the context they make, the organisation that pays and, for a model (not
 * `offline`), `CONSULT_RESERVATION` tokens reserved from its budget for the turn's call (a 429
 * when it has no room). All of it is one D1 round trip (`oneTrip`), every read keyed by the
 * session's project as a subquery, so the session's object calls the model without asking D1 first.
 *
 * @example const turn = await consultationTurn(db, env, caller, sessionId, { content: 'Who is it for?', model: 'offline' });
 */
export async function consultationTurn(
  db: Database,
  env: Pick<Bindings, 'DAILY_TOKEN_BUDGET'>,
  caller: Caller,
  sessionId: string,
  request: Pick<TurnRequest<AgencyContext>, 'content' | 'model' | 'messageId' | 'regenerate'>,
): Promise<TurnRequest<AgencyContext>> {
  const { content, model, messageId, regenerate } = request;
  const projectId = projectOfSession(db, caller, sessionId);
  const reservation = model === OFFLINE_MODEL ? null : uuidv7();
  const [[project], records, held] = await Promise.all([
    db.select().from(projects).where(eq(projects.id, projectId)),
    readFacts(db, projectId),
    reservation ? projectReservation(db, env, caller, projectId, CONSULT_RESERVATION, reservation) : null,
  ]);
  // A session's project is deleted with it, so no project means no session of the caller's.
  if (!project) throw notFound('agency session');
  if (held?.length === 0) throw await projectBudgetSpent(db, env, project.organisationId);
  const facts = toFacts(project, records);
  return { content, model, messageId, regenerate, organisationId: project.organisationId, facts, context: contextOf(facts), reservation };
}

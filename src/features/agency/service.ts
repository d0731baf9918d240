/** Agency consultations: indexed in D1 for listing and ownership, their messages in one AgencySession Durable Object each. */
import { and, desc, eq, inArray, lt } from 'drizzle-orm';
import type { Bindings, Caller } from '../../app-env';
import type { Database } from '../../db/client';
import { agencySessions } from '../../db/schema';
import type { AgencySessionRow } from '../../db/schema';
import type { ProjectFacts } from '../../engine/types';
import { nowIso, uuidv7 } from '../../lib/ids';
import type { PageQuery } from '../../lib/pagination';
import { notFound } from '../../lib/problems';
import type { StoredMessage, TurnRequest } from '../chat/conversation';
import { projectFacts } from '../chat/facts';
import { getProject } from '../projects/service';

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
 * A turn for a consultation: 404 unless the caller's organisations own the session, then the
 * facts of its project and the context they make.
 */
export async function consultationTurn(
  db: Database,
  caller: Caller,
  sessionId: string,
  request: Pick<TurnRequest<AgencyContext>, 'content' | 'model' | 'messageId' | 'regenerate'>,
): Promise<TurnRequest<AgencyContext>> {
  const session = await getSession(db, caller, sessionId);
  const project = await getProject(db, caller, session.projectId);
  const facts = await projectFacts(db, project);
  const { content, model, messageId, regenerate } = request;
  return { content, model, messageId, regenerate, organisationId: project.organisationId, facts, context: contextOf(facts) };
}

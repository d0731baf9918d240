/** The D1 tables, the only description of the database; drizzle-kit writes migrations/ from this file. */

import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import type { CheckReport } from '../lib/check-report';
import type { WebhookEventPattern } from '../lib/webhook-events';

/** A designed template as /api/tis/match showed it (DESIGN.md section 7, `Template`). */
export interface DesignedTemplate {
  id: string;
  name: string;
  category: string;
  description: string;
  features: string[];
  techStack: string[];
  files: string[];
}

const createdAt = () => text('created_at').notNull();

export const users = sqliteTable('users', {
  id: text('id').primaryKey(),
  email: text('email').notNull(),
  name: text('name').notNull(),
  createdAt: createdAt(),
}, (t) => [uniqueIndex('users_email_unique').on(t.email)]);

export const organisations = sqliteTable('organisations', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  createdAt: createdAt(),
});

export const memberships = sqliteTable('memberships', {
  organisationId: text('organisation_id').notNull().references(() => organisations.id, { onDelete: 'cascade' }),
  userId: text('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  role: text('role', { enum: ['owner', 'member'] }).notNull(),
  createdAt: createdAt(),
}, (t) => [primaryKey({ columns: [t.organisationId, t.userId] }), index('memberships_user_idx').on(t.userId)]);

export const apiKeys = sqliteTable('api_keys', {
  id: text('id').primaryKey(),
  userId: text('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  name: text('name').notNull(),
  /** The first characters of the secret, shown so a user can tell keys apart. */
  prefix: text('prefix').notNull(),
  /** Hex SHA-256 of the whole secret; the secret itself is never stored. */
  hash: text('hash').notNull(),
  createdAt: createdAt(),
  lastUsedAt: text('last_used_at'),
  revokedAt: text('revoked_at'),
}, (t) => [uniqueIndex('api_keys_hash_unique').on(t.hash), index('api_keys_user_idx').on(t.userId, t.id)]);

export const projects = sqliteTable('projects', {
  id: text('id').primaryKey(),
  organisationId: text('organisation_id').notNull().references(() => organisations.id, { onDelete: 'cascade' }),
  ownerId: text('owner_id').notNull().references(() => users.id),
  name: text('name').notNull(),
  description: text('description').notNull(),
  templateId: text('template_id'),
  status: text('status', { enum: ['draft', 'planned', 'generating', 'generated', 'deployed'] }).notNull().default('draft'),
  createdAt: createdAt(),
  updatedAt: text('updated_at').notNull(),
}, (t) => [index('projects_org_idx').on(t.organisationId, t.id)]);

/** Results of POSTs sent with an `Idempotency-Key`, replayed for 24 hours. */
export const idempotencyKeys = sqliteTable('idempotency_keys', {
  /** Who sent it: the user id, or `anon:<ip>` for unauthenticated routes. */
  scope: text('scope').notNull(),
  key: text('key').notNull(),
  /** SHA-256 of method, path and body: the same key with another request is a 422. */
  requestHash: text('request_hash').notNull(),
  /** Null while the first request is still running. */
  status: integer('status'),
  /** The answer to replay; null while running, and for an answer that held a secret (never stored). */
  body: text('body'),
  createdAt: createdAt(),
}, (t) => [primaryKey({ columns: [t.scope, t.key] }), index('idempotency_created_idx').on(t.createdAt)]);

export type ProjectRow = typeof projects.$inferSelect;
export type ApiKeyRow = typeof apiKeys.$inferSelect;

export const plans = sqliteTable('plans', {
  id: text('id').primaryKey(),
  projectId: text('project_id').notNull().references(() => projects.id, { onDelete: 'cascade' }),
  /** The template shown to the user: a catalog id, or the id of one TIS composed for this plan. */
  templateId: text('template_id').notNull(),
  /** The catalog template whose files the plan builds on. */
  baseTemplateId: text('base_template_id').notNull(),
  model: text('model').notNull(),
  features: text('features', { mode: 'json' }).$type<string[]>().notNull(),
  techStack: text('tech_stack', { mode: 'json' }).$type<string[]>().notNull(),
  status: text('status', { enum: ['ready', 'in_progress', 'completed'] }).notNull(),
  /** How well the catalog covers the idea: all of it, all but `missingFeatures`, or not its core. */
  fit: text('fit', { enum: ['exact', 'partial', 'none'] }).notNull().default('exact'),
  /** What the idea asks for that the template does not have; each is a specification step of the plan. */
  missingFeatures: text('missing_features', { mode: 'json' }).$type<string[]>().notNull().default([]),
  createdAt: createdAt(),
}, (t) => [index('plans_project_idx').on(t.projectId, t.id)]);

/**
 * Templates TIS designed for a user's idea (composed offline, or by a model) and answered from
 * /api/tis/match, so that POST .../plans with that id builds exactly that template.
 */
export const designedTemplates = sqliteTable('designed_templates', {
  userId: text('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  id: text('id').notNull(),
  /** The catalog template whose files it builds on. */
  baseTemplateId: text('base_template_id').notNull(),
  template: text('template', { mode: 'json' }).$type<DesignedTemplate>().notNull(),
  /** What the match said the catalog lacks for the idea, the idea's core first. */
  missingFeatures: text('missing_features', { mode: 'json' }).$type<string[]>().notNull(),
  createdAt: createdAt(),
}, (t) => [primaryKey({ columns: [t.userId, t.id] })]);

export const planSteps = sqliteTable('plan_steps', {
  id: text('id').primaryKey(),
  planId: text('plan_id').notNull().references(() => plans.id, { onDelete: 'cascade' }),
  projectId: text('project_id').notNull(),
  position: integer('position').notNull(),
  title: text('title').notNull(),
  description: text('description').notNull(),
  files: text('files', { mode: 'json' }).$type<string[]>().notNull(),
  /** Ids of the steps that must be done first. */
  dependsOn: text('depends_on', { mode: 'json' }).$type<string[]>().notNull(),
  features: text('features', { mode: 'json' }).$type<string[]>().notNull(),
  status: text('status', { enum: ['pending', 'generating', 'done', 'failed'] }).notNull(),
  /** The checks of the step's last generation, healing included; null before one ran. */
  checks: text('checks', { mode: 'json' }).$type<CheckReport>(),
  /** Why the last generation failed; a step that was done before it stays done. */
  lastError: text('last_error'),
  updatedAt: text('updated_at').notNull(),
}, (t) => [index('plan_steps_plan_idx').on(t.planId, t.position)]);

/** Every version of every file; contents live in R2 at `blobs/<sha256>`. */
export const fileVersions = sqliteTable('file_versions', {
  projectId: text('project_id').notNull(),
  path: text('path').notNull(),
  version: integer('version').notNull(),
  sha256: text('sha256').notNull(),
  size: integer('size').notNull(),
  language: text('language').notNull(),
  planId: text('plan_id'),
  stepId: text('step_id'),
  /** `offline`, `openai:<model>`, or `edit` for a hand edit. */
  source: text('source').notNull(),
  createdAt: createdAt(),
}, (t) => [primaryKey({ columns: [t.projectId, t.path, t.version] }), index('file_versions_sha_idx').on(t.sha256)]);

/** The current version of each of a project's files (a row of `file_versions`, copied for one-read listing). */
export const files = sqliteTable('files', {
  projectId: text('project_id').notNull(),
  path: text('path').notNull(),
  version: integer('version').notNull(),
  sha256: text('sha256').notNull(),
  size: integer('size').notNull(),
  language: text('language').notNull(),
  planId: text('plan_id'),
  stepId: text('step_id'),
  updatedAt: text('updated_at').notNull(),
}, (t) => [primaryKey({ columns: [t.projectId, t.path] }), index('files_step_idx').on(t.stepId)]);

/**
 * A project's file state after one change (a generated step, a hand edit, a chat turn, a heal, a
 * restore). Numbers count 1, 2, 3... per project, assigned inside the change's batch.
 */
export const versions = sqliteTable('versions', {
  id: text('id').primaryKey(),
  projectId: text('project_id').notNull(),
  number: integer('number').notNull(),
  source: text('source', { enum: ['generate', 'edit', 'chat', 'heal', 'restore'] }).notNull(),
  summary: text('summary').notNull(),
  /** The chat message whose turn made it. */
  messageId: text('message_id'),
  /** The model that wrote the files (`offline`, `openai:<model>`); null for a hand edit or a restore. */
  model: text('model'),
  checks: text('checks', { mode: 'json' }).$type<CheckReport>(),
  createdAt: createdAt(),
}, (t) => [uniqueIndex('versions_project_number_unique').on(t.projectId, t.number)]);

/** Every file of a version (path to blob): the full state, so a restore or a diff reads one version only. */
export const versionFiles = sqliteTable('version_files', {
  versionId: text('version_id').notNull().references(() => versions.id, { onDelete: 'cascade' }),
  path: text('path').notNull(),
  sha256: text('sha256').notNull(),
  size: integer('size').notNull(),
}, (t) => [primaryKey({ columns: [t.versionId, t.path] })]);

/** What a version changed from the one before it, written with it so that lists need no comparison. */
export const versionChanges = sqliteTable('version_changes', {
  versionId: text('version_id').notNull().references(() => versions.id, { onDelete: 'cascade' }),
  path: text('path').notNull(),
  change: text('change', { enum: ['added', 'modified', 'deleted'] }).notNull(),
}, (t) => [primaryKey({ columns: [t.versionId, t.path] })]);

export type VersionRow = typeof versions.$inferSelect;
export type PlanRow = typeof plans.$inferSelect;
export type PlanStepRow = typeof planSteps.$inferSelect;
export type FileRow = typeof files.$inferSelect;

export const deployments = sqliteTable('deployments', {
  id: text('id').primaryKey(),
  projectId: text('project_id').notNull(),
  environment: text('environment', { enum: ['preview', 'production'] }).notNull(),
  status: text('status', { enum: ['queued', 'building', 'live', 'failed', 'superseded'] }).notNull(),
  /** The deployment's own host label (`d-<12 hex>`): always this deployment's files. */
  label: text('label').notNull(),
  /** The project-and-environment host label (`p-<12 hex>-<environment>`): the newest live deployment. */
  siteLabel: text('site_label').notNull(),
  url: text('url'),
  /** The project environment's stable address (`p-…-<environment>`), set when it goes live. */
  siteUrl: text('site_url'),
  fileCount: integer('file_count').notNull().default(0),
  /** Whether the manifest has a worker.js serving /api/*. */
  hasWorker: integer('has_worker', { mode: 'boolean' }).notNull().default(false),
  /** The version whose files it published; null until it is built. */
  versionId: text('version_id'),
  error: text('error'),
  attempts: integer('attempts').notNull().default(0),
  /** How many times the sweeper re-enqueued it after it sat unfinished too long; bounded by the sweeper. */
  sweeps: integer('sweeps').notNull().default(0),
  createdAt: createdAt(),
  updatedAt: text('updated_at').notNull(),
}, (t) => [
  index('deployments_project_idx').on(t.projectId, t.id),
  uniqueIndex('deployments_label_unique').on(t.label),
  index('deployments_site_idx').on(t.siteLabel, t.status, t.id),
  index('deployments_status_idx').on(t.status, t.updatedAt),
]);

export const testSuites = sqliteTable('test_suites', {
  id: text('id').primaryKey(),
  projectId: text('project_id').notNull(),
  type: text('type', { enum: ['unit', 'integration', 'e2e'] }).notNull(),
  name: text('name').notNull(),
  /** What the suite tests: a module path, `worker.js`, or a deployment id. */
  target: text('target').notNull(),
  status: text('status', { enum: ['queued', 'generating', 'running', 'passed', 'failed', 'error'] }).notNull(),
  /** R2 key of the suite's test module. */
  codeKey: text('code_key'),
  model: text('model').notNull(),
  attempts: integer('attempts').notNull().default(0),
  /** How many times the sweeper re-enqueued it after it sat unfinished too long; bounded by the sweeper. */
  sweeps: integer('sweeps').notNull().default(0),
  createdAt: createdAt(),
  updatedAt: text('updated_at').notNull(),
}, (t) => [index('test_suites_project_idx').on(t.projectId, t.id), index('test_suites_status_idx').on(t.status, t.updatedAt)]);

export const testCases = sqliteTable('test_cases', {
  id: text('id').primaryKey(),
  suiteId: text('suite_id').notNull(),
  projectId: text('project_id').notNull(),
  position: integer('position').notNull(),
  name: text('name').notNull(),
  status: text('status', { enum: ['pending', 'passed', 'failed', 'error'] }).notNull(),
  durationMs: integer('duration_ms'),
  message: text('message'),
}, (t) => [index('test_cases_suite_idx').on(t.suiteId, t.position)]);

export type DeploymentRow = typeof deployments.$inferSelect;
export type TestSuiteRow = typeof testSuites.$inferSelect;
export type TestCaseRow = typeof testCases.$inferSelect;

/** The index of agency consultations; their messages live in each one's `AgencySession` Durable Object. */
export const agencySessions = sqliteTable('agency_sessions', {
  id: text('id').primaryKey(),
  projectId: text('project_id').notNull().references(() => projects.id, { onDelete: 'cascade' }),
  organisationId: text('organisation_id').notNull().references(() => organisations.id, { onDelete: 'cascade' }),
  ownerId: text('owner_id').notNull().references(() => users.id),
  title: text('title').notNull(),
  status: text('status', { enum: ['active', 'closed'] }).notNull().default('active'),
  /** Written by the session's Durable Object after each turn it stores. */
  messageCount: integer('message_count').notNull().default(0),
  createdAt: createdAt(),
  updatedAt: text('updated_at').notNull(),
}, (t) => [index('agency_sessions_org_idx').on(t.organisationId, t.id), index('agency_sessions_project_idx').on(t.projectId)]);

export type AgencySessionRow = typeof agencySessions.$inferSelect;

/**
 * What self-heal and the sweeper did: fixes asked for and their outcome, jobs recovered or failed.
 * Shown by `GET /api/self-heal/status` to members of `organisationId`; rows without one are the
 * platform's own and never shown.
 */
export const selfHealEvents = sqliteTable('self_heal_events', {
  id: text('id').primaryKey(),
  organisationId: text('organisation_id'),
  projectId: text('project_id'),
  /** Dotted, e.g. `fix.requested`, `fix.fixed`, `deployment.requeued`, `test_run.failed`. */
  type: text('type').notNull(),
  severity: text('severity', { enum: ['info', 'warning', 'error'] }).notNull(),
  message: text('message').notNull(),
  createdAt: createdAt(),
}, (t) => [index('self_heal_events_org_idx').on(t.organisationId, t.id), index('self_heal_events_type_idx').on(t.type, t.createdAt), index('self_heal_events_project_idx').on(t.projectId)]);

export type SelfHealEventRow = typeof selfHealEvents.$inferSelect;

/** Tracked product events, inserted in batches by the analytics queue consumer. */
export const analyticsEvents = sqliteTable('analytics_events', {
  /** The id the API gave the event when it was accepted: a redelivered batch inserts nothing twice. */
  id: text('id').primaryKey(),
  type: text('type').notNull(),
  /** JSON object, at most 8 KiB. */
  data: text('data').notNull(),
  /** Set when the track request carried a valid key. */
  userId: text('user_id'),
  organisationId: text('organisation_id'),
  projectId: text('project_id'),
  createdAt: createdAt(),
}, (t) => [index('analytics_events_org_idx').on(t.organisationId, t.createdAt), index('analytics_events_type_idx').on(t.type, t.createdAt), index('analytics_events_project_idx').on(t.projectId, t.createdAt)]);

export type AnalyticsEventRow = typeof analyticsEvents.$inferSelect;

/** Fixed-window request counters of `lib/rate-limit.ts`: one row a client and window, removed by the sweeper. */
export const rateLimits = sqliteTable('rate_limits', {
  /** The limiter's name and the client, e.g. `track:203.0.113.7`. */
  key: text('key').notNull(),
  /** Start of the window, in seconds since the epoch. */
  windowStart: integer('window_start').notNull(),
  count: integer('count').notNull(),
}, (t) => [primaryKey({ columns: [t.key, t.windowStart] }), index('rate_limits_window_idx').on(t.windowStart)]);

/** Where an organisation's status changes are POSTed, each delivery signed with the hook's secret. */
export const webhooks = sqliteTable('webhooks', {
  id: text('id').primaryKey(),
  organisationId: text('organisation_id').notNull().references(() => organisations.id, { onDelete: 'cascade' }),
  url: text('url').notNull(),
  /** What it is sent: `deployment.*`, `test_run.*` or exact event types such as `deployment.live`. */
  events: text('events', { mode: 'json' }).$type<WebhookEventPattern[]>().notNull(),
  description: text('description'),
  /** `whsec_…`, kept in clear: every delivery is signed with it, and a hash cannot sign. */
  secret: text('secret').notNull(),
  createdAt: createdAt(),
}, (t) => [index('webhooks_org_idx').on(t.organisationId, t.id)]);

/** One try at POSTing a delivery: when, the receiver's status code (null when none answered), how long, what went wrong. */
export interface DeliveryAttempt {
  at: string;
  statusCode: number | null;
  durationMs: number;
  error: string | null;
}

/** One event for one webhook, with each attempt at POSTing it. */
export const webhookDeliveries = sqliteTable('webhook_deliveries', {
  id: text('id').primaryKey(),
  webhookId: text('webhook_id').notNull().references(() => webhooks.id, { onDelete: 'cascade' }),
  /** The event's id, the same in every webhook's delivery of it. */
  eventId: text('event_id').notNull(),
  type: text('type').notNull(),
  /** The exact body POSTed, the same at every attempt. */
  payload: text('payload').notNull(),
  status: text('status', { enum: ['pending', 'succeeded', 'failed'] }).notNull(),
  attempts: text('attempts', { mode: 'json' }).$type<DeliveryAttempt[]>().notNull(),
  createdAt: createdAt(),
  updatedAt: text('updated_at').notNull(),
}, (t) => [index('webhook_deliveries_webhook_idx').on(t.webhookId, t.id)]);

export type WebhookRow = typeof webhooks.$inferSelect;
export type WebhookDeliveryRow = typeof webhookDeliveries.$inferSelect;

/** Model tokens an organisation used, by UTC day and model: what the daily budget and GET /api/usage read. */
export const modelUsage = sqliteTable('usage', {
  organisationId: text('organisation_id').notNull().references(() => organisations.id, { onDelete: 'cascade' }),
  /** The UTC day, `YYYY-MM-DD`. */
  day: text('day').notNull(),
  /** The model id as the API names it, e.g. `openai:gpt-4.1-mini`. */
  model: text('model').notNull(),
  inputTokens: integer('input_tokens').notNull(),
  outputTokens: integer('output_tokens').notNull(),
  /** Model calls, retries included. */
  calls: integer('calls').notNull(),
}, (t) => [primaryKey({ columns: [t.organisationId, t.day, t.model] })]);

/**
 * Tokens held for model calls in flight, so concurrent calls cannot all spend the same room in the
 * budget: reserved in one conditional INSERT before a call, deleted when its real usage is charged
 * (or it failed). A reservation whose call died with its process stops counting at `expiresAt`.
 */
export const tokenReservations = sqliteTable('token_reservations', {
  id: text('id').primaryKey(),
  organisationId: text('organisation_id').notNull().references(() => organisations.id, { onDelete: 'cascade' }),
  /** The UTC day whose budget it holds, `YYYY-MM-DD`. */
  day: text('day').notNull(),
  tokens: integer('tokens').notNull(),
  /** Milliseconds since the epoch after which it no longer holds budget (the sweeper deletes it). */
  expiresAt: integer('expires_at').notNull(),
}, (t) => [index('token_reservations_organisation_day_idx').on(t.organisationId, t.day)]);

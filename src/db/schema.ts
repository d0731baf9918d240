/** The D1 tables, the only description of the database; drizzle-kit writes migrations/ from this file. */

import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

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
  body: text('body'),
  createdAt: createdAt(),
}, (t) => [primaryKey({ columns: [t.scope, t.key] }), index('idempotency_created_idx').on(t.createdAt)]);

export type ProjectRow = typeof projects.$inferSelect;
export type ApiKeyRow = typeof apiKeys.$inferSelect;

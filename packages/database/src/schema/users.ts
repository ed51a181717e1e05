// Platform tables for people: users (global), their sessions and rotating refresh tokens.
import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  boolean,
  index,
  inet,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { createdAt, newId, updatedAt } from "./_columns";
import { tenants } from "./tenants";

export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().$defaultFn(newId),
    email: text("email").notNull(),
    passwordHash: text("password_hash").notNull(),
    name: text("name").notNull(),
    language: text("language").notNull().default("en"),
    emailVerifiedAt: timestamp("email_verified_at", { withTimezone: true }),
    /** Operators of the platform itself (queue stats, tenant admin); not a tenant role. */
    platformAdmin: boolean("platform_admin").notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  // One account per address whatever its case: `Ann@x.io` and `ann@x.io` are the same person.
  (t) => [uniqueIndex("users_email_lower_key").on(sql`lower(${t.email})`)],
);

/** A signed-in device. `currentTenantId` is the tenant the user lands in by default. */
export const sessions = pgTable(
  "sessions",
  {
    id: uuid("id").primaryKey().$defaultFn(newId),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    currentTenantId: uuid("current_tenant_id").references(() => tenants.id, {
      onDelete: "set null",
    }),
    userAgent: text("user_agent"),
    ip: inet("ip"),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index("sessions_user_idx").on(t.userId, t.createdAt.desc().nullsFirst())],
);

/**
 * Refresh tokens, stored only as a SHA-256 hash. Each use rotates: the old row gets
 * `rotatedAt` and the new one points back through `parentId`; presenting a rotated token again
 * is reuse, and revokes the whole session.
 */
export const refreshTokens = pgTable(
  "refresh_tokens",
  {
    id: uuid("id").primaryKey().$defaultFn(newId),
    sessionId: uuid("session_id")
      .notNull()
      .references(() => sessions.id, { onDelete: "cascade" }),
    tokenHash: text("token_hash").notNull(),
    parentId: uuid("parent_id").references((): AnyPgColumn => refreshTokens.id, {
      onDelete: "set null",
    }),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    rotatedAt: timestamp("rotated_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("refresh_tokens_hash_key").on(t.tokenHash),
    index("refresh_tokens_session_idx").on(t.sessionId),
  ],
);

export const userTokenPurpose = pgEnum("user_token_purpose", ["verify_email", "reset_password"]);

/**
 * One-time tokens mailed to a user (email verification, password reset), stored as a SHA-256
 * hash; `usedAt` makes each usable once.
 */
export const userTokens = pgTable(
  "user_tokens",
  {
    id: uuid("id").primaryKey().$defaultFn(newId),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    purpose: userTokenPurpose("purpose").notNull(),
    tokenHash: text("token_hash").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("user_tokens_hash_key").on(t.tokenHash),
    index("user_tokens_user_idx").on(t.userId, t.purpose),
  ],
);

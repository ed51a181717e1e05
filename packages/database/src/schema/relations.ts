// Relations for Drizzle's relational queries (`db.query.tickets.findMany({ with: … })`).
import { relations } from "drizzle-orm";
import { apiKeys } from "./api-keys";
import { customers } from "./customers";
import { invitations, userTenantRoles } from "./memberships";
import { notifications } from "./notifications";
import { tenants } from "./tenants";
import { messages, tickets } from "./tickets";
import { refreshTokens, sessions, users } from "./users";

export const tenantsRelations = relations(tenants, ({ many }) => ({
  members: many(userTenantRoles),
  invitations: many(invitations),
  apiKeys: many(apiKeys),
}));

export const usersRelations = relations(users, ({ many }) => ({
  memberships: many(userTenantRoles),
  sessions: many(sessions),
}));

export const sessionsRelations = relations(sessions, ({ one, many }) => ({
  user: one(users, { fields: [sessions.userId], references: [users.id] }),
  currentTenant: one(tenants, { fields: [sessions.currentTenantId], references: [tenants.id] }),
  refreshTokens: many(refreshTokens),
}));

export const refreshTokensRelations = relations(refreshTokens, ({ one }) => ({
  session: one(sessions, { fields: [refreshTokens.sessionId], references: [sessions.id] }),
}));

export const userTenantRolesRelations = relations(userTenantRoles, ({ one }) => ({
  user: one(users, { fields: [userTenantRoles.userId], references: [users.id] }),
  tenant: one(tenants, { fields: [userTenantRoles.tenantId], references: [tenants.id] }),
}));

export const invitationsRelations = relations(invitations, ({ one }) => ({
  tenant: one(tenants, { fields: [invitations.tenantId], references: [tenants.id] }),
  inviter: one(users, { fields: [invitations.invitedBy], references: [users.id] }),
}));

export const apiKeysRelations = relations(apiKeys, ({ one }) => ({
  tenant: one(tenants, { fields: [apiKeys.tenantId], references: [tenants.id] }),
}));

export const customersRelations = relations(customers, ({ many }) => ({
  tickets: many(tickets),
}));

export const ticketsRelations = relations(tickets, ({ one, many }) => ({
  customer: one(customers, {
    fields: [tickets.tenantId, tickets.customerId],
    references: [customers.tenantId, customers.id],
  }),
  assignee: one(users, { fields: [tickets.assigneeId], references: [users.id] }),
  messages: many(messages),
}));

export const messagesRelations = relations(messages, ({ one }) => ({
  ticket: one(tickets, {
    fields: [messages.tenantId, messages.ticketId],
    references: [tickets.tenantId, tickets.id],
  }),
  authorUser: one(users, { fields: [messages.authorUserId], references: [users.id] }),
}));

export const notificationsRelations = relations(notifications, ({ one }) => ({
  user: one(users, { fields: [notifications.userId], references: [users.id] }),
}));

// Platform table of organisations (tenants): identity, plan, status, domain and settings.
import { sql } from "drizzle-orm";
import {
  check,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { createdAt, newId, updatedAt } from "./_columns";

export const tenantStatus = pgEnum("tenant_status", ["active", "suspended", "trial"]);
export const tenantPlan = pgEnum("tenant_plan", ["free", "pro", "enterprise"]);
export const isolationTier = pgEnum("isolation_tier", ["pool", "silo"]);

/** Branding, feature flags and other tenant preferences (validated by the domain layer). */
export type TenantSettings = {
  branding?: { primaryColor?: string; logoUrl?: string; displayName?: string };
  features?: Record<string, boolean>;
  /** The public help centre (services/helpcentre/settings.ts validates and defaults it). */
  helpCentre?: {
    enabled?: boolean;
    /** A key of the services' SEARCH_CONFIGS (`en`, `de`, …): stems search, sets `<html lang>`. */
    language?: string;
    /** A plain-text banner over every page; absent when none. */
    notice?: string;
    inquiryTypes?: {
      id: string;
      name: string;
      description: string;
      priority: "low" | "normal" | "high" | "urgent";
      tags: string[];
      assigneeId: string | null;
    }[];
  };
  /** The email channel (services/email/settings.ts validates and defaults it). */
  email?: {
    /** Whether a new ticket by email is acknowledged to its sender (default true). */
    autoAcknowledge?: boolean;
    /** The From name on mail to customers (default: the tenant's display name). */
    senderName?: string;
    /** Plain text appended to every reply. */
    signature?: string;
    /** The tenant's own addresses forwarding to its support address, with defaults. */
    addresses?: { address: string; inquiryTypeId: string | null; assigneeId: string | null }[];
  };
  [key: string]: unknown;
};

export const tenants = pgTable(
  "tenants",
  {
    id: uuid("id").primaryKey().$defaultFn(newId),
    slug: text("slug").notNull(),
    name: text("name").notNull(),
    status: tenantStatus("status").notNull().default("active"),
    plan: tenantPlan("plan").notNull().default("free"),
    customDomain: text("custom_domain"),
    customDomainVerifiedAt: timestamp("custom_domain_verified_at", { withTimezone: true }),
    settings: jsonb("settings").$type<TenantSettings>().notNull().default({}),
    isolationTier: isolationTier("isolation_tier").notNull().default("pool"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("tenants_slug_key").on(t.slug),
    // The wall under the domain's slug rules (`@supportdesk/domain` checkSlug, which also knows
    // the reserved names): whatever writes a tenant, its slug is a DNS label.
    check(
      "tenants_slug_check",
      sql`${t.slug} ~ '^[a-z][a-z0-9-]{0,61}[a-z0-9]$' and substr(${t.slug}, 3, 2) <> '--'`,
    ),
    uniqueIndex("tenants_custom_domain_key").on(sql`lower(${t.customDomain})`),
  ],
);

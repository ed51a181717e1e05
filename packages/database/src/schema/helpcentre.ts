// Tenant-owned: what the public help centre writes — the links customers follow to their tickets,
// and the contact form's deflection counts.
import {
  date,
  foreignKey,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { createdAt, newId } from "./_columns";
import { tenantIdColumn, tenantIsolationPolicy } from "./_tenant";
import { tickets } from "./tickets";

/**
 * A link that opens one ticket's customer view (`/tickets/<token>`): every email to the customer
 * carries one. Only the token's SHA-256 is kept, so the table cannot open anything; agents revoke
 * a ticket's links together (`revoked_at`), and the next email mints a fresh one.
 */
export const ticketLinks = pgTable(
  "ticket_links",
  {
    tenantId: tenantIdColumn(),
    id: uuid("id").notNull().$defaultFn(newId),
    ticketId: uuid("ticket_id").notNull(),
    tokenHash: text("token_hash").notNull(),
    createdAt: createdAt(),
    revokedAt: timestamp("revoked_at", { withTimezone: true, precision: 3 }),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex("ticket_links_tenant_token_key").on(t.tenantId, t.tokenHash),
    index("ticket_links_tenant_ticket_idx").on(t.tenantId, t.ticketId),
    foreignKey({
      name: "ticket_links_ticket_fk",
      columns: [t.tenantId, t.ticketId],
      foreignColumns: [tickets.tenantId, tickets.id],
    }).onDelete("cascade"),
    tenantIsolationPolicy(),
  ],
);

/**
 * The contact form's deflection, per tenant and day (UTC): forms that showed suggested articles,
 * suggestions followed, and forms sent anyway after suggestions were shown.
 */
export const contactDeflection = pgTable(
  "contact_deflection",
  {
    tenantId: tenantIdColumn(),
    day: date("day", { mode: "string" }).notNull(),
    shown: integer("shown").notNull().default(0),
    clicked: integer("clicked").notNull().default(0),
    submitted: integer("submitted").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.day] }), tenantIsolationPolicy()],
);

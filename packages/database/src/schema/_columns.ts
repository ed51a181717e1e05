// Column helpers shared by platform and tenant tables (no table imports, so no import cycles).
import { customType, timestamp } from "drizzle-orm/pg-core";

/** Random, time-ordered ids (UUIDv7) so inserts land at the end of indexes. */
export const newId = (): string => Bun.randomUUIDv7();

/**
 * Millisecond precision, like JavaScript's Date: a value read, sent to a client and sent back
 * (say, in a pagination cursor) compares equal to the stored one.
 */
export const createdAt = () =>
  timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow();

export const updatedAt = () =>
  timestamp("updated_at", { withTimezone: true, precision: 3 })
    .notNull()
    .defaultNow()
    .$onUpdate(() => new Date());

/** PostgreSQL's `tsvector`, only ever written by the database (a generated column). */
export const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

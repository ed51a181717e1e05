// Test support for SLAs: a tenant (teams' desk) with a calendar and policies written straight to
// the tables, and tickets changed at chosen instants, each change followed by the SLA hook in
// its transaction — as `recordTicketEvent` runs it, with the test's clock instead of the wall's.
import {
  businessHours,
  type Database,
  eq,
  messages,
  nextNumber,
  slaClocks,
  slaPolicies,
  tickets,
} from "@supportdesk/database";
import type { BusinessWeek, Holiday, SlaTargets, TicketPriority } from "@supportdesk/domain";
import { desk } from "../teams-test-kit";
import { slaAfterTicketEvent } from "./hooks";

/** Mon–Fri 09:00–17:00. */
export const NINE_TO_FIVE: BusinessWeek = Object.fromEntries(
  ["mon", "tue", "wed", "thu", "fri"].map((day) => [day, [{ start: "09:00", end: "17:00" }]]),
);

type Opened = {
  priority?: TicketPriority;
  channel?: "agent" | "helpcentre" | "email";
  /** Who wrote the first message (default: the customer). */
  firstAuthor?: "customer" | "agent";
  tags?: string[];
  teamId?: string | null;
  assigneeId?: string | null;
};

export async function slaDesk(db: Database) {
  const d = await desk(db, "SLA");
  const tenantId = d.tenant.id;
  const inTenant = <T>(fn: Parameters<typeof db.withTenant<T>>[1]) => db.withTenant(tenantId, fn);

  /** Changes the ticket at `now`, then runs the hook for `event` in the same transaction. */
  const change = (
    ticketId: string,
    now: Date,
    event: {
      kind: "created" | "updated" | "message";
      messageId?: string;
      changes?: Record<string, unknown>;
    },
    write: (tx: Parameters<Parameters<typeof db.withTenant>[1]>[0]) => Promise<void>,
  ) =>
    inTenant(async (tx) => {
      await write(tx);
      await slaAfterTicketEvent(tx, tenantId, { ticketId, actorUserId: null, ...event }, now);
    });

  return {
    ...d,
    tenantId,
    async calendar(weekly = NINE_TO_FIVE, holidays: Holiday[] = [], timezone = "Europe/London") {
      const [row] = await inTenant((tx) =>
        tx
          .insert(businessHours)
          .values({ name: `Hours ${crypto.randomUUID().slice(0, 8)}`, timezone, weekly, holidays })
          .returning({ id: businessHours.id }),
      );
      if (!row) throw new Error("calendar insert returned nothing");
      return row.id;
    },
    async policy(targets: SlaTargets, values: Partial<typeof slaPolicies.$inferInsert> = {}) {
      const [row] = await inTenant((tx) =>
        tx
          .insert(slaPolicies)
          .values({ name: `Policy ${crypto.randomUUID().slice(0, 8)}`, targets, ...values })
          .returning({ id: slaPolicies.id }),
      );
      if (!row) throw new Error("policy insert returned nothing");
      return row.id;
    },
    /** Opens a ticket at `now` with its first message (the customer's unless said otherwise). */
    async open(now: Date, opened: Opened = {}) {
      const id = crypto.randomUUID();
      await change(id, now, { kind: "created" }, async (tx) => {
        await tx.insert(tickets).values({
          id,
          number: await nextNumber(tx, "ticket"),
          subject: "Help",
          priority: opened.priority ?? "normal",
          channel: opened.channel ?? "agent",
          tags: opened.tags ?? [],
          teamId: opened.teamId ?? null,
          assigneeId: opened.assigneeId ?? null,
          createdAt: now,
        });
        await tx.insert(messages).values({
          ticketId: id,
          authorType: opened.firstAuthor ?? "customer",
          body: "First",
          createdAt: now,
        });
      });
      return id;
    },
    /**
     * A message at `now`: an agent's public reply makes an open ticket pending (as tickets.addMessage
     * does), a customer's opens it again (as the help centre does); a note changes nothing.
     */
    async message(ticketId: string, now: Date, author: "agent" | "customer", internal = false) {
      const messageId = crypto.randomUUID();
      await change(ticketId, now, { kind: "message", messageId }, async (tx) => {
        await tx.insert(messages).values({
          id: messageId,
          ticketId,
          authorType: author,
          isInternal: internal,
          body: "Words",
          createdAt: now,
        });
        const [row] = await tx
          .select({ status: tickets.status })
          .from(tickets)
          .where(eq(tickets.id, ticketId));
        const status =
          author === "customer"
            ? "open"
            : !internal && row?.status === "open"
              ? "pending"
              : row?.status;
        await tx.update(tickets).set({ status }).where(eq(tickets.id, ticketId));
      });
    },
    /** Sets ticket columns at `now` (an "updated" event naming them). */
    update(ticketId: string, now: Date, set: Partial<typeof tickets.$inferInsert>) {
      return change(ticketId, now, { kind: "updated", changes: set }, async (tx) => {
        await tx.update(tickets).set(set).where(eq(tickets.id, ticketId));
      });
    },
    /** The ticket's clocks, oldest first. */
    clocks(ticketId: string) {
      return inTenant((tx) =>
        tx
          .select()
          .from(slaClocks)
          .where(eq(slaClocks.ticketId, ticketId))
          .orderBy(slaClocks.startedAt, slaClocks.createdAt),
      );
    },
    /** The ticket's copied SLA columns. */
    async ticket(ticketId: string) {
      const [row] = await inTenant((tx) =>
        tx
          .select({
            slaDueAt: tickets.slaDueAt,
            slaTarget: tickets.slaTarget,
            slaPaused: tickets.slaPaused,
          })
          .from(tickets)
          .where(eq(tickets.id, ticketId)),
      );
      if (!row) throw new Error("no such ticket");
      return row;
    },
  };
}

/** An instant given as London wall-clock time ("2026-03-27 16:30"), whatever the offset. */
export function london(local: string): Date {
  const [day, time] = local.split(" ");
  for (const offset of ["+00:00", "+01:00"]) {
    const at = new Date(`${day}T${time}:00${offset}`);
    const shown = at.toLocaleString("sv-SE", { timeZone: "Europe/London" }).slice(0, 16);
    if (shown === `${day} ${time}`) return at;
  }
  throw new Error(`${local} does not exist in London`);
}

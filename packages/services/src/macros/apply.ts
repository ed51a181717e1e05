// Applying a canned reply to a ticket: its body with the placeholders filled for that ticket and
// the acting agent, and — when the reply goes out — its actions on the ticket (through
// `updateTicket`, so changing status and tags needs ticket.update and assigning ticket.assign).
import {
  and,
  customers,
  eq,
  isUuid,
  macros,
  sql,
  tenants,
  tickets,
  users,
} from "@supportdesk/database";
import type { MacroActions } from "@supportdesk/domain";
import { audit } from "../audit";
import { authorize, type TenantScope } from "../context";
import { AppError, notFound } from "../errors";
import { type TicketUpdate, updateTicket } from "../tickets";
import { firstName, type MacroValues, renderMacro } from "./render";
import { findMacro, readActions } from "./rules";

/** What the placeholders become on one ticket for the acting agent, and the ticket's tags. */
async function placeholdersFor(scope: TenantScope, ticketId: string) {
  if (!isUuid(ticketId)) throw notFound("Ticket");
  const agentId = scope.actor.userId;
  // One round trip: the ticket, its customer, the agent's and the organisation's names.
  const [row] = await scope.tx
    .select({
      number: tickets.number,
      subject: tickets.subject,
      tags: tickets.tags,
      customerName: customers.name,
      customerEmail: customers.email,
      agentName: agentId
        ? sql<string | null>`(select ${users.name} from ${users} where ${users.id} = ${agentId})`
        : sql<null>`null`,
      tenantName: sql<
        string | null
      >`(select ${tenants.name} from ${tenants} where ${tenants.id} = ${scope.tenantId})`,
    })
    .from(tickets)
    .leftJoin(
      customers,
      and(eq(customers.tenantId, tickets.tenantId), eq(customers.id, tickets.customerId)),
    )
    .where(eq(tickets.id, ticketId));
  if (!row) throw notFound("Ticket");
  const values: MacroValues = {
    "customer.name": row.customerName,
    "customer.firstName": firstName(row.customerName),
    "customer.email": row.customerEmail,
    "ticket.number": row.number,
    "ticket.subject": row.subject,
    "agent.name": row.agentName,
    "agent.firstName": firstName(row.agentName),
    "tenant.name": row.tenantName,
  };
  return { values, tags: row.tags };
}

/** The ticket changes a canned reply's actions make (tags are added to the ticket's own). */
export function ticketChanges(
  actions: MacroActions,
  ticketTags: readonly string[],
  actingUserId: string | null,
): TicketUpdate {
  const changes: TicketUpdate = {};
  if (actions.status) changes.status = actions.status;
  if (actions.priority) changes.priority = actions.priority;
  const added = (actions.addTags ?? []).filter((tag) => !ticketTags.includes(tag));
  if (added.length > 0) changes.tags = [...ticketTags, ...added];
  if (actions.assignee !== undefined) {
    if (actions.assignee === "me" && !actingUserId) {
      throw new AppError(
        "BAD_REQUEST",
        "This canned reply assigns the ticket to whoever applies it, and an API key is no one.",
        { field: "applyActions" },
      );
    }
    changes.assigneeId = actions.assignee === "me" ? actingUserId : actions.assignee;
  }
  if (actions.teamId !== undefined) changes.teamId = actions.teamId;
  return changes;
}

/**
 * Renders a canned reply for a ticket: `{ body, actions }`, changing nothing. With `applyActions`
 * (when the reply has been sent) its actions are applied to the ticket as well and its use is
 * counted; `ticket` is then the ticket as it is now.
 */
export async function applyMacro(
  scope: TenantScope,
  input: { macroId: string; ticketId: string; applyActions?: boolean | undefined },
) {
  authorize(scope, "ticket.reply");
  const macro = await findMacro(scope, input.macroId);
  const { values, tags } = await placeholdersFor(scope, input.ticketId);
  const actions = readActions(macro.actions);
  const rendered = {
    macroId: macro.id,
    name: macro.name,
    shared: macro.ownerUserId === null,
    body: renderMacro(macro.body, values),
    actions,
  };
  if (!input.applyActions) return { ...rendered, applied: false, ticket: null };
  const changes = ticketChanges(actions, tags, scope.actor.userId);
  const ticket = await updateTicket(scope, { id: input.ticketId, ...changes });
  await scope.tx
    .update(macros)
    .set({ usageCount: sql`${macros.usageCount} + 1` })
    .where(eq(macros.id, macro.id));
  await audit(
    scope,
    "macro.apply",
    { type: "macro", id: macro.id },
    { ticketId: input.ticketId, changes: Object.keys(changes) },
  );
  return { ...rendered, applied: true, ticket };
}

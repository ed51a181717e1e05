// Merging a customer into another: the source's tickets and the messages they wrote move to the
// target, which keeps its name and address; the source row is deleted, so one customer remains.
import { customers, eq, inArray, messages, type TenantDb, tickets } from "@supportdesk/database";
import { audit } from "./audit";
import { authorize, type TenantScope } from "./context";
import { AppError, notFound } from "./errors";

const columns = {
  id: customers.id,
  email: customers.email,
  name: customers.name,
  company: customers.company,
};

/** Both customers, row-locked in id order; NOT_FOUND for either unknown or another tenant's. */
async function lockPair(tx: TenantDb, sourceId: string, targetId: string) {
  const rows = await tx
    .select(columns)
    .from(customers)
    .where(inArray(customers.id, [sourceId, targetId]))
    .orderBy(customers.id)
    .for("update");
  const source = rows.find((r) => r.id === sourceId);
  const target = rows.find((r) => r.id === targetId);
  if (!source || !target) throw notFound("Customer");
  return { source, target };
}

/**
 * Merges customer `sourceId` into `targetId`: every ticket of the source and every message the
 * source wrote become the target's; the target keeps its name and email (and takes the source's
 * company when it has none); the source is deleted. Mail that later comes from the source's
 * address finds no customer by it and makes a new one, as for any new address; the source's
 * address is kept in the audit row.
 *
 * @example
 * await mergeCustomers(scope, { sourceId: duplicate.id, targetId: kept.id });
 */
export async function mergeCustomers(
  scope: TenantScope,
  input: { sourceId: string; targetId: string },
) {
  authorize(scope, "customer.merge");
  const { tx } = scope;
  if (input.sourceId === input.targetId) {
    throw new AppError(
      "BAD_REQUEST",
      "targetId must be another customer: a customer cannot be merged into itself.",
      { field: "targetId" },
    );
  }
  const { source, target } = await lockPair(tx, input.sourceId, input.targetId);
  const movedTickets = await tx
    .update(tickets)
    .set({ customerId: target.id, updatedAt: new Date() })
    .where(eq(tickets.customerId, source.id))
    .returning({ id: tickets.id });
  const movedMessages = await tx
    .update(messages)
    .set({ authorCustomerId: target.id })
    .where(eq(messages.authorCustomerId, source.id))
    .returning({ id: messages.id });
  const [kept] = await tx
    .update(customers)
    .set({ company: target.company ?? source.company, updatedAt: new Date() })
    .where(eq(customers.id, target.id))
    .returning(columns);
  if (!kept) throw notFound("Customer");
  await tx.delete(customers).where(eq(customers.id, source.id));
  const moved = { tickets: movedTickets.length, messages: movedMessages.length };
  await audit(
    scope,
    "customer.merge",
    { type: "customer", id: target.id },
    { sourceId: source.id, sourceEmail: source.email, sourceName: source.name, moved },
  );
  return { ...kept, moved };
}

// Customers of a tenant: the people who write in.
import {
  and,
  customers,
  desc,
  eq,
  ilike,
  or,
  sql,
  type TenantDb,
  tickets,
} from "@supportdesk/database";
import { audit } from "./audit";
import { authorize, type TenantScope } from "./context";
import { AppError, notFound } from "./errors";
import { decodeCursor, toPage } from "./pagination";

const customerColumns = {
  id: customers.id,
  email: customers.email,
  name: customers.name,
  company: customers.company,
  /** When mail to the address last bounced, and why; null while it does not. */
  bouncingAt: customers.bouncingAt,
  bounceReason: customers.bounceReason,
  createdAt: customers.createdAt,
};

/** A page of customers, newest first, optionally matching `q` in name, email or company. */
export async function listCustomers(
  scope: TenantScope,
  input: { cursor?: string | undefined; perPage: number; q?: string | undefined },
) {
  authorize(scope, "customer.read");
  const after = input.cursor ? decodeCursor(input.cursor) : undefined;
  const pattern = input.q ? `%${input.q.replace(/[\\%_]/g, "\\$&")}%` : undefined;
  const rows = await scope.tx
    .select(customerColumns)
    .from(customers)
    .where(
      and(
        after
          ? sql`(${customers.createdAt}, ${customers.id}) < (${after.createdAt}::timestamptz, ${after.id}::uuid)`
          : undefined,
        pattern
          ? or(
              ilike(customers.name, pattern),
              ilike(customers.email, pattern),
              ilike(customers.company, pattern),
            )
          : undefined,
      ),
    )
    .orderBy(desc(customers.createdAt), desc(customers.id))
    .limit(input.perPage + 1);
  return toPage(rows, input.perPage, scope.tenantId, input.cursor);
}

/** Adds a customer; an email already known to this tenant is a CONFLICT. */
export async function createCustomer(
  scope: TenantScope,
  input: { email: string; name: string; company?: string | undefined },
) {
  authorize(scope, "customer.write");
  const [row] = await scope.tx
    .insert(customers)
    .values({
      email: input.email.trim(),
      name: input.name.trim(),
      company: input.company?.trim() || null,
    })
    .onConflictDoNothing()
    .returning(customerColumns);
  if (!row)
    throw new AppError("CONFLICT", "A customer with that email exists.", { field: "email" });
  await audit(scope, "customer.create", { type: "customer", id: row.id });
  return row;
}

/** A customer with their latest tickets. */
export async function getCustomer(scope: TenantScope, input: { id: string }) {
  authorize(scope, "customer.read");
  const [row] = await scope.tx
    .select(customerColumns)
    .from(customers)
    .where(eq(customers.id, input.id));
  if (!row) throw notFound("Customer");
  const recent = await scope.tx
    .select({
      id: tickets.id,
      number: tickets.number,
      subject: tickets.subject,
      status: tickets.status,
      createdAt: tickets.createdAt,
    })
    .from(tickets)
    .where(eq(tickets.customerId, input.id))
    .orderBy(desc(tickets.createdAt))
    .limit(20);
  return { ...row, tickets: recent };
}

/**
 * The customer with this email (any case), created with `name` when the tenant has none: how the
 * contact form and inbound email know who wrote. No permission: the caller is that door.
 */
export async function customerByEmail(tx: TenantDb, email: string, name: string): Promise<string> {
  const find = async () => {
    const [row] = await tx
      .select({ id: customers.id })
      .from(customers)
      .where(eq(customers.emailLower, email.toLowerCase()));
    return row?.id;
  };
  const known = await find();
  if (known) return known;
  const [created] = await tx
    .insert(customers)
    .values({ email, name })
    .onConflictDoNothing()
    .returning({ id: customers.id });
  // A concurrent submission with the same address won the insert: use its customer.
  const id = created?.id ?? (await find());
  if (!id) throw new Error("customer neither inserted nor found");
  return id;
}

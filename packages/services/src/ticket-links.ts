// The links customers follow to their own ticket (`/tickets/<token>` in the help centre). Every
// email to the customer mints one in the transaction that queues the email; only the token's hash
// is stored, and an agent revokes all of a ticket's links at once.
import { generateOpaqueToken, hashToken } from "@supportdesk/auth-utils";
import { and, eq, isNull, sql, type TenantDb, ticketLinks } from "@supportdesk/database";
import { audit } from "./audit";
import { authorize, type TenantScope } from "./context";
import { findTicket } from "./ticket-list";

/** A link token's shape: what `generateOpaqueToken` makes (43 base64url characters). */
export const LINK_TOKEN = /^[A-Za-z0-9_-]{43}$/;

/** Mints a link to `ticketId` and returns its token (give it to the email job, sealed). */
export async function mintTicketLink(tx: TenantDb, ticketId: string): Promise<string> {
  const token = generateOpaqueToken();
  await tx.insert(ticketLinks).values({ ticketId, tokenHash: hashToken(token) });
  return token;
}

/**
 * The ticket a link opens in the transaction's tenant, or undefined when the token is malformed,
 * unknown, revoked, or another tenant's (row-level security hides those rows).
 */
export async function ticketOfLink(tx: TenantDb, token: string): Promise<string | undefined> {
  if (!LINK_TOKEN.test(token)) return undefined;
  const [row] = await tx
    .select({ ticketId: ticketLinks.ticketId })
    .from(ticketLinks)
    .where(and(eq(ticketLinks.tokenHash, hashToken(token)), isNull(ticketLinks.revokedAt)));
  return row?.ticketId;
}

/**
 * Revokes every link to a ticket sent so far (agents, when a link went astray): they open nothing
 * any more, and the next email to the customer carries a fresh one. Returns how many were live.
 */
export async function revokeTicketLinks(
  scope: TenantScope,
  input: { ticketId: string },
): Promise<{ revoked: number }> {
  authorize(scope, "ticket.update");
  await findTicket(scope, input.ticketId);
  const rows = await scope.tx
    .update(ticketLinks)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(ticketLinks.ticketId, input.ticketId), isNull(ticketLinks.revokedAt)))
    .returning({ id: ticketLinks.id });
  await audit(
    scope,
    "ticket.links.revoke",
    { type: "ticket", id: input.ticketId },
    { revoked: rows.length },
  );
  return { revoked: rows.length };
}

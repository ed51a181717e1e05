// A ticket's CCs: the people copied on its replies, replaced as a whole list.
import { eq, ticketCcs } from "@supportdesk/database";
import { audit } from "./audit";
import { authorize, type TenantScope } from "./context";
import { findTicket } from "./ticket-list";

/** Replaces the people copied on a ticket's replies (addresses lower-cased, at most 50). */
export async function updateCcs(
  scope: TenantScope,
  input: { ticketId: string; ccs: { email: string; name?: string | undefined }[] },
) {
  authorize(scope, "ticket.update");
  await findTicket(scope, input.ticketId);
  const unique = [
    ...new Map(
      input.ccs.map((c) => [c.email.trim().toLowerCase(), (c.name ?? "").trim()] as const),
    ),
  ].slice(0, 50);
  await scope.tx.delete(ticketCcs).where(eq(ticketCcs.ticketId, input.ticketId));
  if (unique.length > 0) {
    await scope.tx
      .insert(ticketCcs)
      .values(unique.map(([email, name]) => ({ ticketId: input.ticketId, email, name })));
  }
  await audit(
    scope,
    "ticket.ccs.update",
    { type: "ticket", id: input.ticketId },
    { count: unique.length },
  );
  return unique.map(([email, name]) => ({ email, name }));
}

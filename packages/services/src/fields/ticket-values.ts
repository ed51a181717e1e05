// Custom field values on a ticket: setting and clearing them (merged into `tickets.custom_fields`),
// and what the help centre's contact form asks and accepts.
import { asc, eq, isNull, sql, type TenantDb, ticketFields, tickets } from "@supportdesk/database";
import type { TicketFieldValue } from "@supportdesk/domain";
import { audit } from "../audit";
import { authorize, type TenantScope } from "../context";
import { notFound } from "../errors";
import { recordTicketEvent } from "../ticket-events";
import { findTicket } from "../ticket-list";
import { fieldColumns } from "./definitions";
import { validateFieldValues } from "./values";

/** The fields values may be given for: every one not archived. */
async function activeFields(tx: TenantDb) {
  return tx.select(fieldColumns).from(ticketFields).where(isNull(ticketFields.archivedAt));
}

/**
 * Sets and clears custom field values on a ticket (permission `ticket.update`): `values` maps
 * field ids to a value, or null to clear; fields not named keep theirs. Each value is checked
 * against its field (see `validateFieldValues`). Records an audit row and a ticket event with
 * `changes: { customFields }` (the new values, null for cleared) when anything changed.
 *
 * @example
 * await setValues(scope, { ticketId, values: { [planId]: "Pro", [renewalId]: null } });
 */
export async function setValues(
  scope: TenantScope,
  input: { ticketId: string; values: Record<string, unknown> },
) {
  authorize(scope, "ticket.update");
  // The ticket first: another tenant's ticket is NOT_FOUND before its values are even looked at.
  const before = await findTicket(scope, input.ticketId);
  const checked = validateFieldValues(await activeFields(scope.tx), input.values);
  const stored = before.customFields as Record<string, unknown>;
  const changed = Object.fromEntries(
    Object.entries(checked).filter(([id, value]) =>
      value === null ? id in stored : JSON.stringify(stored[id]) !== JSON.stringify(value),
    ),
  );
  const result = (customFields: Record<string, unknown>, updatedAt: Date) => ({
    id: before.id,
    customFields,
    updatedAt,
  });
  if (Object.keys(changed).length === 0) return result(stored, before.updatedAt);
  const set: Record<string, TicketFieldValue> = {};
  const cleared: string[] = [];
  for (const [id, value] of Object.entries(changed)) {
    if (value === null) cleared.push(id);
    else set[id] = value;
  }
  // Merged in the statement (not read-modify-write), so two agents editing different fields of
  // one ticket at once both keep their change.
  const [after] = await scope.tx
    .update(tickets)
    .set({
      customFields: sql`(${tickets.customFields} || ${JSON.stringify(set)}::jsonb)${sql.join(
        cleared.map((id) => sql` - ${id}::text`),
      )}`,
      updatedAt: new Date(),
    })
    .where(eq(tickets.id, before.id))
    .returning({ customFields: tickets.customFields, updatedAt: tickets.updatedAt });
  if (!after) throw notFound("Ticket");
  const changes = { customFields: changed };
  await audit(scope, "ticket.update", { type: "ticket", id: before.id }, { changes });
  await recordTicketEvent(
    scope.tx,
    scope.tenantId,
    {
      ticketId: before.id,
      kind: "updated",
      actorUserId: scope.actor.userId,
      changes,
    },
    scope.automation,
  );
  return result(after.customFields, after.updatedAt);
}

/**
 * The fields the help centre's contact form asks (active, `onContactForm`), in order: what the
 * public form renders. Takes the tenant-bound handle, since a visitor has no scope.
 */
export async function contactFormFields(tx: TenantDb) {
  return tx
    .select({
      id: ticketFields.id,
      label: ticketFields.label,
      description: ticketFields.description,
      type: ticketFields.type,
      options: ticketFields.options,
      required: ticketFields.required,
    })
    .from(ticketFields)
    .where(sql`${ticketFields.archivedAt} is null and ${ticketFields.onContactForm}`)
    .orderBy(asc(ticketFields.position), asc(ticketFields.label));
}

/**
 * A contact form's answers checked against the fields it asks: every required one answered, none
 * but those asked. Returns the values to store on the new ticket (cleared answers left out).
 */
export async function checkContactFormValues(
  tx: TenantDb,
  values: Record<string, unknown>,
): Promise<Record<string, TicketFieldValue>> {
  const checked = validateFieldValues(await contactFormFields(tx), values, { complete: true });
  return Object.fromEntries(
    Object.entries(checked).filter(
      (entry): entry is [string, TicketFieldValue] => entry[1] !== null,
    ),
  );
}

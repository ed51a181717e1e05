// Custom field definitions: listed for agents, created, edited, archived and restored by those
// holding field.manage. A field's type is fixed once it exists; its choices may change.
import { and, asc, eq, isNull, ne, sql, ticketFields } from "@supportdesk/database";
import type { TicketFieldType } from "@supportdesk/domain";
import { audit } from "../audit";
import { authorize, type TenantScope } from "../context";
import { AppError, notFound } from "../errors";

/** The columns a field definition is answered with. */
export const fieldColumns = {
  id: ticketFields.id,
  label: ticketFields.label,
  description: ticketFields.description,
  type: ticketFields.type,
  options: ticketFields.options,
  required: ticketFields.required,
  onContactForm: ticketFields.onContactForm,
  position: ticketFields.position,
  archivedAt: ticketFields.archivedAt,
  createdAt: ticketFields.createdAt,
  updatedAt: ticketFields.updatedAt,
};

/** Limits of a definition (the zod inputs and the settings form say the same). */
export const DEFINITION_LIMITS = {
  label: 80,
  description: 500,
  options: 100,
  option: 100,
} as const;

const hasOptions = (type: TicketFieldType) => type === "select" || type === "multiselect";

/** The tenant's field definitions in their order (archived ones only when asked). */
export async function listFields(
  scope: TenantScope,
  input: { includeArchived?: boolean | undefined } = {},
) {
  authorize(scope, "ticket.read");
  return scope.tx
    .select(fieldColumns)
    .from(ticketFields)
    .where(input.includeArchived ? undefined : isNull(ticketFields.archivedAt))
    .orderBy(asc(ticketFields.position), asc(ticketFields.label));
}

function checkLabel(label: string): string {
  const trimmed = label.trim();
  if (!trimmed || trimmed.length > DEFINITION_LIMITS.label) {
    throw new AppError("BAD_REQUEST", `label must be 1 to ${DEFINITION_LIMITS.label} characters.`, {
      field: "label",
    });
  }
  return trimmed;
}

function checkDescription(description: string): string {
  const trimmed = description.trim();
  if (trimmed.length > DEFINITION_LIMITS.description) {
    throw new AppError(
      "BAD_REQUEST",
      `description must be at most ${DEFINITION_LIMITS.description} characters.`,
      { field: "description" },
    );
  }
  return trimmed;
}

/** A select's choices: 1–100 distinct, non-empty, trimmed; every other type has none. */
function checkOptions(type: TicketFieldType, options: readonly string[]): string[] {
  const refuse = (message: string) =>
    new AppError("BAD_REQUEST", `options ${message}`, { field: "options" });
  if (!hasOptions(type)) {
    if (options.length > 0) throw refuse(`are only for select and multi-select fields.`);
    return [];
  }
  const trimmed = options.map((o) => o.trim());
  if (trimmed.length === 0) throw refuse("must list at least one choice.");
  if (trimmed.length > DEFINITION_LIMITS.options) {
    throw refuse(`may list at most ${DEFINITION_LIMITS.options} choices.`);
  }
  if (trimmed.some((o) => o === "")) throw refuse("may not hold an empty choice.");
  const long = trimmed.find((o) => o.length > DEFINITION_LIMITS.option);
  if (long) {
    throw refuse(
      `must each be at most ${DEFINITION_LIMITS.option} characters ("${long.slice(0, 20)}…").`,
    );
  }
  const twice = trimmed.find((o, i) => trimmed.indexOf(o) !== i);
  if (twice) throw refuse(`list "${twice}" twice.`);
  return trimmed;
}

/** Labels are unique per tenant, whatever their case (archived fields keep theirs). */
async function assertLabelFree(scope: TenantScope, label: string, exceptId?: string) {
  const [taken] = await scope.tx
    .select({ id: ticketFields.id, archivedAt: ticketFields.archivedAt })
    .from(ticketFields)
    .where(
      and(
        sql`lower(${ticketFields.label}) = lower(${label})`,
        exceptId ? ne(ticketFields.id, exceptId) : undefined,
      ),
    );
  if (taken) throw labelTaken(label, Boolean(taken.archivedAt));
}

const labelTaken = (label: string, archived: boolean) =>
  new AppError(
    "CONFLICT",
    archived
      ? `An archived field is labelled "${label}": restore it, or choose another label.`
      : `A field labelled "${label}" already exists; choose another label.`,
    { field: "label" },
  );

/** Two saves racing past the check meet the unique constraint: the same CONFLICT. */
function uniqueLabel(label: string) {
  return (error: unknown): never => {
    const code =
      (error as { code?: string; cause?: { code?: string } }).cause?.code ??
      (error as { code?: string }).code;
    if (code === "23505") throw labelTaken(label, false);
    throw error;
  };
}

export type FieldInput = {
  label: string;
  description?: string | undefined;
  type: TicketFieldType;
  options?: string[] | undefined;
  required?: boolean | undefined;
  onContactForm?: boolean | undefined;
};

/** Defines a field (permission `field.manage`), placed after the others. */
export async function createField(scope: TenantScope, input: FieldInput) {
  authorize(scope, "field.manage");
  const label = checkLabel(input.label);
  const description = checkDescription(input.description ?? "");
  const options = checkOptions(input.type, input.options ?? []);
  await assertLabelFree(scope, label);
  const [last] = await scope.tx
    .select({ position: sql<number>`coalesce(max(${ticketFields.position}), -1)::int` })
    .from(ticketFields);
  const [row] = await scope.tx
    .insert(ticketFields)
    .values({
      label,
      description,
      type: input.type,
      options,
      required: input.required ?? false,
      onContactForm: input.onContactForm ?? false,
      position: (last?.position ?? -1) + 1,
    })
    .returning(fieldColumns)
    .catch(uniqueLabel(label));
  if (!row) throw new Error("field insert returned nothing");
  await audit(scope, "field.create", { type: "field", id: row.id }, { label, type: row.type });
  return row;
}

export type FieldUpdate = Partial<FieldInput> & { id: string; position?: number | undefined };

/**
 * Edits a field. Its type cannot change (values already stored would stop making sense); choices
 * may be added, renamed or removed: tickets keep a removed choice's value, shown as such.
 */
export async function updateField(scope: TenantScope, input: FieldUpdate) {
  authorize(scope, "field.manage");
  const [current] = await scope.tx
    .select(fieldColumns)
    .from(ticketFields)
    .where(eq(ticketFields.id, input.id))
    .for("update");
  if (!current) throw notFound("Field");
  if (input.type !== undefined && input.type !== current.type) {
    throw new AppError(
      "BAD_REQUEST",
      "type cannot change once a field exists; create a new field (and archive this one) instead.",
      { field: "type" },
    );
  }
  const label = input.label !== undefined ? checkLabel(input.label) : undefined;
  if (label !== undefined && label !== current.label) await assertLabelFree(scope, label, input.id);
  const set = {
    ...(label !== undefined ? { label } : {}),
    ...(input.description !== undefined
      ? { description: checkDescription(input.description) }
      : {}),
    ...(input.options !== undefined ? { options: checkOptions(current.type, input.options) } : {}),
    ...(input.required !== undefined ? { required: input.required } : {}),
    ...(input.onContactForm !== undefined ? { onContactForm: input.onContactForm } : {}),
    ...(input.position !== undefined ? { position: input.position } : {}),
  };
  const [row] = await scope.tx
    .update(ticketFields)
    .set({ ...set, updatedAt: new Date() })
    .where(eq(ticketFields.id, input.id))
    .returning(fieldColumns)
    .catch(uniqueLabel(label ?? current.label));
  if (!row) throw notFound("Field");
  await audit(scope, "field.update", { type: "field", id: row.id }, { changes: set });
  return row;
}

/** Archives (or restores) a field: no longer shown or asked, its values kept on the tickets. */
async function setArchived(scope: TenantScope, id: string, archived: boolean) {
  authorize(scope, "field.manage");
  const [row] = await scope.tx
    .update(ticketFields)
    .set({
      archivedAt: archived ? sql`coalesce(${ticketFields.archivedAt}, now())` : null,
      updatedAt: new Date(),
    })
    .where(eq(ticketFields.id, id))
    .returning(fieldColumns);
  if (!row) throw notFound("Field");
  await audit(
    scope,
    archived ? "field.archive" : "field.restore",
    { type: "field", id },
    {
      label: row.label,
    },
  );
  return row;
}

export const archiveField = (scope: TenantScope, input: { id: string }) =>
  setArchived(scope, input.id, true);

export const restoreField = (scope: TenantScope, input: { id: string }) =>
  setArchived(scope, input.id, false);

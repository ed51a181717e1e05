// Business-hours calendars: listing, creating, editing and deleting them (permission
// `sla.manage`), one default per tenant, and loading the calendar a due time counts in.
import {
  and,
  asc,
  businessHours,
  desc,
  eq,
  ne,
  slaPolicies,
  type TenantDb,
} from "@supportdesk/database";
import type { BusinessInterval, BusinessWeek, Holiday } from "@supportdesk/domain";
import { audit } from "../audit";
import { authorize, type TenantScope } from "../context";
import { AppError, notFound } from "../errors";
import type { Calendar } from "./calendar";
import { checkHolidays, checkName, checkTimezone, checkWeekly } from "./validate";

export type BusinessHoursInput = {
  name: string;
  timezone: string;
  weekly: Partial<Record<string, BusinessInterval[] | undefined>>;
  holidays?: Holiday[] | undefined;
  isDefault?: boolean | undefined;
};

/** A calendar with what names it: what `loadCalendar` returns. */
export type LoadedCalendar = Calendar & { id: string; name: string };

const columns = {
  id: businessHours.id,
  name: businessHours.name,
  timezone: businessHours.timezone,
  weekly: businessHours.weekly,
  holidays: businessHours.holidays,
  isDefault: businessHours.isDefault,
  createdAt: businessHours.createdAt,
  updatedAt: businessHours.updatedAt,
};

type Row = { weekly: Record<string, BusinessInterval[]> } & Record<string, unknown>;
const shape = <T extends Row>(row: T) => ({ ...row, weekly: row.weekly as BusinessWeek });

/** Maps unique violations to a CONFLICT on the field they are about; rethrows anything else. */
function conflict(error: unknown): never {
  const pg =
    (error as { cause?: Record<string, unknown> }).cause ?? (error as Record<string, unknown>);
  if (pg.code === "23505") {
    if (String(pg.constraint_name ?? "").includes("default")) {
      throw new AppError("CONFLICT", "Another calendar became the default meanwhile; try again.", {
        field: "isDefault",
      });
    }
    throw new AppError("CONFLICT", "A calendar with that name already exists.", { field: "name" });
  }
  throw error;
}

/** Lists the tenant's calendars, the default first, then by name. */
export async function listBusinessHours(scope: TenantScope) {
  authorize(scope, "sla.manage");
  const rows = await scope.tx
    .select(columns)
    .from(businessHours)
    .orderBy(desc(businessHours.isDefault), asc(businessHours.name));
  return rows.map(shape);
}

/** Clears the default flag of every calendar but `keep` (in the caller's transaction). */
async function undefaultOthers(tx: TenantDb, keep: string | null) {
  await tx
    .update(businessHours)
    .set({ isDefault: false, updatedAt: new Date() })
    .where(and(eq(businessHours.isDefault, true), keep ? ne(businessHours.id, keep) : undefined));
}

/** Creates a calendar; `isDefault` makes it the tenant's default (and no other). */
export async function createBusinessHours(scope: TenantScope, input: BusinessHoursInput) {
  authorize(scope, "sla.manage");
  const values = {
    name: checkName(input.name),
    timezone: checkTimezone(input.timezone),
    weekly: checkWeekly(input.weekly) as Record<string, BusinessInterval[]>,
    holidays: checkHolidays(input.holidays ?? []),
    isDefault: input.isDefault ?? false,
  };
  if (values.isDefault) await undefaultOthers(scope.tx, null);
  const [row] = await scope.tx
    .insert(businessHours)
    .values(values)
    .returning(columns)
    .catch(conflict);
  if (!row) throw new Error("business hours insert returned nothing");
  await audit(
    scope,
    "business_hours.create",
    { type: "business_hours", id: row.id },
    { name: row.name, timezone: row.timezone, isDefault: row.isDefault },
  );
  return shape(row);
}

/**
 * Edits a calendar; fields left out stay. `isDefault: true` makes it the default (the others
 * lose it in the same transaction); `false` leaves the tenant with no default.
 */
export async function updateBusinessHours(
  scope: TenantScope,
  input: Partial<BusinessHoursInput> & { id: string },
) {
  authorize(scope, "sla.manage");
  const changes = {
    ...(input.name !== undefined ? { name: checkName(input.name) } : {}),
    ...(input.timezone !== undefined ? { timezone: checkTimezone(input.timezone) } : {}),
    ...(input.weekly !== undefined
      ? { weekly: checkWeekly(input.weekly) as Record<string, BusinessInterval[]> }
      : {}),
    ...(input.holidays !== undefined ? { holidays: checkHolidays(input.holidays) } : {}),
    ...(input.isDefault !== undefined ? { isDefault: input.isDefault } : {}),
  };
  const [existing] = await scope.tx
    .select({ id: businessHours.id })
    .from(businessHours)
    .where(eq(businessHours.id, input.id))
    .for("update");
  if (!existing) throw notFound("Business hours");
  if (input.isDefault) await undefaultOthers(scope.tx, existing.id);
  const [row] = await scope.tx
    .update(businessHours)
    .set({ ...changes, updatedAt: new Date() })
    .where(eq(businessHours.id, existing.id))
    .returning(columns)
    .catch(conflict);
  if (!row) throw notFound("Business hours");
  await audit(
    scope,
    "business_hours.update",
    { type: "business_hours", id: row.id },
    { fields: Object.keys(input).filter((k) => k !== "id"), isDefault: row.isDefault },
  );
  return shape(row);
}

/** Deletes a calendar no SLA policy counts in; one in use is a CONFLICT naming the policy. */
export async function deleteBusinessHours(scope: TenantScope, input: { id: string }) {
  authorize(scope, "sla.manage");
  const [row] = await scope.tx
    .select({ id: businessHours.id, name: businessHours.name })
    .from(businessHours)
    .where(eq(businessHours.id, input.id))
    .for("update");
  if (!row) throw notFound("Business hours");
  const [policy] = await scope.tx
    .select({ name: slaPolicies.name })
    .from(slaPolicies)
    .where(eq(slaPolicies.businessHoursId, row.id))
    .orderBy(asc(slaPolicies.name))
    .limit(1);
  if (policy) {
    throw new AppError(
      "CONFLICT",
      `The SLA policy "${policy.name}" counts in these hours: give it other hours first.`,
      { field: "id" },
    );
  }
  await scope.tx.delete(businessHours).where(eq(businessHours.id, row.id));
  await audit(
    scope,
    "business_hours.delete",
    { type: "business_hours", id: row.id },
    {
      name: row.name,
    },
  );
  return { ok: true as const };
}

const calendarColumns = {
  timezone: businessHours.timezone,
  weekly: businessHours.weekly,
  holidays: businessHours.holidays,
};

/**
 * The calendar a due time counts in: the one named by `id`, else the tenant's default, else null
 * (24/7). No permission check: SLA and automation code call it inside their own transaction.
 *
 * @example
 * const calendar = await loadCalendar(tx, policy.businessHoursId);
 * const dueAt = addBusinessSeconds(calendar, now, minutes * 60);
 */
export async function loadCalendar(
  tx: TenantDb,
  id: string | null,
): Promise<LoadedCalendar | null> {
  const pick = { id: businessHours.id, name: businessHours.name, ...calendarColumns };
  if (id) {
    const [named] = await tx.select(pick).from(businessHours).where(eq(businessHours.id, id));
    if (named) return toCalendar(named);
  }
  const [fallback] = await tx
    .select(pick)
    .from(businessHours)
    .where(eq(businessHours.isDefault, true));
  return fallback ? toCalendar(fallback) : null;
}

function toCalendar(row: {
  id: string;
  name: string;
  timezone: string;
  weekly: Record<string, BusinessInterval[]>;
  holidays: Holiday[];
}): LoadedCalendar {
  return { ...row, weekly: row.weekly as BusinessWeek };
}

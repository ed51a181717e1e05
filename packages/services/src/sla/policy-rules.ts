// What an SLA policy may hold: its targets (minutes per priority and metric), a calendar and
// teams of the tenant, a unique name. Each refusal is a BAD_REQUEST (or CONFLICT) naming the field.
import { businessHours, eq, inArray, type TenantDb, teams } from "@supportdesk/database";
import {
  SLA_METRICS,
  type SlaTargets,
  TICKET_PRIORITIES,
  type TicketPriority,
} from "@supportdesk/domain";
import { AppError } from "../errors";

/** A target is 1 minute to a year (525,600 minutes). */
export const TARGET_MINUTES_MAX = 525_600;

const bad = (field: string, message: string) => new AppError("BAD_REQUEST", message, { field });

/** Targets with only known priorities and metrics, each a whole number of minutes in range. */
export function checkTargets(targets: unknown): SlaTargets {
  if (!targets || typeof targets !== "object" || Array.isArray(targets)) {
    throw bad("targets", "targets must map priorities to their targets.");
  }
  const out: SlaTargets = {};
  for (const [priority, metrics] of Object.entries(targets)) {
    if (!(TICKET_PRIORITIES as readonly string[]).includes(priority)) {
      throw bad(
        "targets",
        `targets.${priority} is not a priority (${TICKET_PRIORITIES.join(", ")}).`,
      );
    }
    if (!metrics || typeof metrics !== "object") {
      throw bad("targets", `targets.${priority} must map metrics to targets.`);
    }
    const kept: NonNullable<SlaTargets[TicketPriority]> = {};
    for (const [metric, target] of Object.entries(metrics as Record<string, unknown>)) {
      if (!(SLA_METRICS as readonly string[]).includes(metric)) {
        throw bad(
          "targets",
          `targets.${priority}.${metric} is not a metric (${SLA_METRICS.join(", ")}).`,
        );
      }
      const { minutes, businessHours: business } = (target ?? {}) as Record<string, unknown>;
      if (
        typeof minutes !== "number" ||
        !Number.isInteger(minutes) ||
        minutes < 1 ||
        minutes > TARGET_MINUTES_MAX
      ) {
        throw bad(
          "targets",
          `targets.${priority}.${metric}.minutes must be a whole number from 1 to ${TARGET_MINUTES_MAX}.`,
        );
      }
      kept[metric as keyof typeof kept] = { minutes, businessHours: business === true };
    }
    if (Object.keys(kept).length > 0) out[priority as TicketPriority] = kept;
  }
  if (Object.keys(out).length === 0) {
    throw bad("targets", "targets must set at least one target.");
  }
  return out;
}

export function checkName(name: string): string {
  const trimmed = name.trim();
  if (trimmed.length < 1 || trimmed.length > 80) {
    throw bad("name", "name must be 1 to 80 characters.");
  }
  return trimmed;
}

export function checkWarnMinutes(minutes: number | undefined) {
  if (minutes !== undefined && (!Number.isInteger(minutes) || minutes < 0 || minutes > 10_080)) {
    throw bad("warnMinutes", "warnMinutes must be a whole number from 0 to 10080 (a week).");
  }
}

/** The calendar must be one of the tenant's (null: the tenant's default). */
export async function checkCalendar(tx: TenantDb, id: string | null | undefined) {
  if (!id) return;
  const [row] = await tx
    .select({ id: businessHours.id })
    .from(businessHours)
    .where(eq(businessHours.id, id));
  if (!row)
    throw bad(
      "businessHoursId",
      "businessHoursId is not a business-hours calendar of this tenant.",
    );
}

/** The teams, deduplicated, each a team of the tenant. */
export async function checkTeams(tx: TenantDb, ids: string[] | undefined) {
  if (!ids) return undefined;
  const wanted = [...new Set(ids)];
  if (wanted.length === 0) return wanted;
  const found = await tx.select({ id: teams.id }).from(teams).where(inArray(teams.id, wanted));
  if (found.length !== wanted.length) throw bad("teamIds", "teamIds must be teams of this tenant.");
  return wanted;
}

/** Tags and inquiry types, trimmed and deduplicated. */
export const cleanList = (values: string[] | undefined) =>
  values === undefined ? undefined : [...new Set(values.map((v) => v.trim()).filter(Boolean))];

/** Maps the unique-name violation to a CONFLICT on `name`. */
export function nameTaken(error: unknown): never {
  const code =
    (error as { code?: string; cause?: { code?: string } }).cause?.code ??
    (error as { code?: string }).code;
  if (code === "23505") {
    throw new AppError("CONFLICT", "An SLA policy with that name already exists.", {
      field: "name",
    });
  }
  throw error;
}

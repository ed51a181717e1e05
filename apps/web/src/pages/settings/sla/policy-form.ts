// The SLA policy form's state and its conversions: a policy ↔ the form (a priority × metric grid
// of amounts in minutes or hours, each in business or calendar time), and the checks before saving.
import type { SlaMetric, SlaTargets, TicketPriority } from "@supportdesk/domain";
import type { RouterInputs, RouterOutputs } from "@supportdesk/trpc";

export type Policy = RouterOutputs["sla"]["policies"]["list"][number];
export type PolicyInput = RouterInputs["sla"]["policies"]["create"];

export const GRID_PRIORITIES: readonly TicketPriority[] = ["urgent", "high", "normal", "low"];
export const GRID_METRICS: readonly SlaMetric[] = ["first_response", "next_response", "resolution"];
export const METRIC_LABELS: Record<SlaMetric, string> = {
  first_response: "First response",
  next_response: "Next response",
  resolution: "Resolution",
};
const MAX_MINUTES = 525_600;

/** One cell: an amount ("" = not measured), its unit, business or calendar time. */
export type Cell = { amount: string; unit: "minutes" | "hours"; business: boolean };
export type FormState = {
  name: string;
  description: string;
  enabled: boolean;
  businessHoursId: string;
  teamIds: string[];
  tags: string;
  warnMinutes: string;
  grid: Record<string, Cell>;
};
export type FormErrors = Record<string, string>;

/** A policy's targets, typed as the domain's (the server sends `SlaTargets`). */
export const targetsOf = (policy: Pick<Policy, "targets">) => policy.targets as SlaTargets;

export const cellKey = (priority: TicketPriority, metric: SlaMetric) => `${priority}.${metric}`;

function cellOf(minutes: number | undefined, business: boolean | undefined): Cell {
  if (!minutes) return { amount: "", unit: "hours", business: true };
  return minutes % 60 === 0
    ? { amount: String(minutes / 60), unit: "hours", business: business ?? true }
    : { amount: String(minutes), unit: "minutes", business: business ?? true };
}

/** The form for `policy` (or a new one). */
export function formFor(policy?: Policy): FormState {
  const grid: Record<string, Cell> = {};
  for (const priority of GRID_PRIORITIES) {
    for (const metric of GRID_METRICS) {
      const target = policy ? targetsOf(policy)[priority]?.[metric] : undefined;
      grid[cellKey(priority, metric)] = cellOf(target?.minutes, target?.businessHours);
    }
  }
  return {
    name: policy?.name ?? "",
    description: policy?.description ?? "",
    enabled: policy?.enabled ?? true,
    businessHoursId: policy?.businessHoursId ?? "",
    teamIds: policy?.teamIds ?? [],
    tags: policy?.tags.join(", ") ?? "",
    warnMinutes: String(policy?.warnMinutes ?? 30),
    grid,
  };
}

/** The input to save, or the errors per field ("name", "targets", "warnMinutes", "grid.<cell>"). */
export function toInput(
  state: FormState,
): { ok: true; input: PolicyInput } | { ok: false; errors: FormErrors } {
  const errors: FormErrors = {};
  const name = state.name.trim();
  if (!name) errors.name = "Give the policy a name.";
  const warn = Number(state.warnMinutes);
  if (!Number.isInteger(warn) || warn < 0 || warn > 10_080) {
    errors.warnMinutes = "Warn between 0 and 10080 minutes (a week) before.";
  }
  const targets: SlaTargets = {};
  for (const priority of GRID_PRIORITIES) {
    for (const metric of GRID_METRICS) {
      const key = cellKey(priority, metric);
      const cell = state.grid[key];
      if (!cell || cell.amount.trim() === "") continue;
      const amount = Number(cell.amount);
      const minutes = cell.unit === "hours" ? Math.round(amount * 60) : amount;
      if (!Number.isInteger(minutes) || minutes < 1 || minutes > MAX_MINUTES) {
        errors[`grid.${key}`] = "From 1 minute to a year (whole minutes).";
        continue;
      }
      targets[priority] = {
        ...targets[priority],
        [metric]: { minutes, businessHours: cell.business },
      };
    }
  }
  if (
    Object.keys(targets).length === 0 &&
    !Object.keys(errors).some((k) => k.startsWith("grid."))
  ) {
    errors.targets = "Set at least one target.";
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const tags = [
    ...new Set(
      state.tags
        .split(",")
        .map((tag) => tag.trim().toLowerCase())
        .filter(Boolean),
    ),
  ];
  return {
    ok: true,
    input: {
      name,
      description: state.description.trim(),
      enabled: state.enabled,
      businessHoursId: state.businessHoursId || null,
      teamIds: state.teamIds,
      tags,
      warnMinutes: warn,
      targets,
    },
  };
}

/** "1 h", "90 min", "2 d" — a target in words for the list. */
export function duration(minutes: number): string {
  if (minutes % 1440 === 0) return `${minutes / 1440} d`;
  if (minutes % 60 === 0) return `${minutes / 60} h`;
  return `${minutes} min`;
}

// Settings → Teams' form state: from a team to the fields, checked, to the input the server takes;
// the words for assignment rules.
import type { AssignmentMode } from "@supportdesk/domain";
import type { RouterInputs, RouterOutputs } from "@supportdesk/trpc";

export type Team = RouterOutputs["teams"]["list"][number];
export type TeamCreate = RouterInputs["teams"]["create"];

/** How each assignment rule is named and explained. */
export const MODES: Record<AssignmentMode, { label: string; hint: string }> = {
  manual: { label: "Manual", hint: "Tickets wait in the team until someone assigns them." },
  round_robin: {
    label: "Round-robin",
    hint: "Each new ticket goes to the next online member with room, in turn.",
  },
  least_loaded: {
    label: "Least loaded",
    hint: "Each new ticket goes to the online member with the fewest open tickets.",
  },
};

export type TeamFormState = {
  name: string;
  description: string;
  assignment: AssignmentMode;
  /** As typed (validated on save). */
  capacity: string;
  memberIds: string[];
};

/** The form for `team`, or an empty one (manual, 10 open tickets each). */
export function formFor(team?: Team): TeamFormState {
  return {
    name: team?.name ?? "",
    description: team?.description ?? "",
    assignment: team?.assignment ?? "manual",
    capacity: String(team?.capacity ?? 10),
    memberIds: team?.members.map((m) => m.userId) ?? [],
  };
}

/** Adds or removes a member, keeping the order they were chosen in. */
export function withMember(ids: readonly string[], userId: string, on: boolean): string[] {
  const without = ids.filter((id) => id !== userId);
  return on ? [...without, userId] : without;
}

export type FormErrors = { name?: string; capacity?: string };

/** The input to save, or what to fix first (the server checks again). */
export function toInput(
  state: TeamFormState,
): { ok: true; input: TeamCreate } | { ok: false; errors: FormErrors } {
  const errors: FormErrors = {};
  const name = state.name.trim();
  if (!name) errors.name = "Give the team a name.";
  else if (name.length > 80) errors.name = "Keep the name to 80 characters.";
  const capacity = Number(state.capacity.trim());
  if (!/^\d+$/.test(state.capacity.trim()) || capacity < 1 || capacity > 1000) {
    errors.capacity = "Capacity is a whole number from 1 to 1000.";
  }
  if (errors.name || errors.capacity) return { ok: false, errors };
  return {
    ok: true,
    input: {
      name,
      description: state.description.trim(),
      assignment: state.assignment,
      capacity,
      memberIds: state.memberIds,
    },
  };
}

/** "2 of 5 open" — a member's load against the team's capacity. */
export function loadLabel(load: number, capacity: number): string {
  return `${load} of ${capacity} open`;
}

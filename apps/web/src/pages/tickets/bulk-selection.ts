// The inbox's ticket selection for bulk actions, as pure functions of the state: a click toggles
// one row, a shift-click sets the range from the last row clicked, the header checkbox takes the
// loaded rows, and "all matching" stands for every ticket the filter matches (loaded or not);
// the toolbar's choices as the change a bulk call sends; and what a bulk job's progress says.
import type { RouterInputs, RouterOutputs } from "@supportdesk/trpc";
import type { Priority, Status } from "./shared";

type Changes = RouterInputs["tickets"]["bulkUpdate"]["changes"];
type Progress = RouterOutputs["tickets"]["bulkProgress"];

/** The most ids one bulk call may name (the server's limit); more must be "all matching". */
export const MAX_BULK_IDS = 500;

export type Selection = {
  /** The rows ticked (by ticket id). */
  ids: ReadonlySet<string>;
  /** The row a shift-click's range starts from: the last one clicked. */
  anchor: string | null;
  /** Every ticket the inbox's filter matches, loaded or not. */
  allMatching: boolean;
};

export const NO_SELECTION: Selection = { ids: new Set(), anchor: null, allMatching: false };

/**
 * A row's checkbox clicked. Without shift it flips that row. With shift (and an anchor still in
 * the list) every row from the anchor to this one, both included, takes the state this row is
 * getting. Either way this row becomes the anchor, and "all matching" no longer holds.
 */
export function clickRow(
  selection: Selection,
  order: readonly string[],
  id: string,
  shift: boolean,
): Selection {
  const ids = new Set(selection.ids);
  const selecting = !ids.has(id);
  const from = selection.anchor ? order.indexOf(selection.anchor) : -1;
  const to = order.indexOf(id);
  if (shift && from !== -1 && to !== -1) {
    const [start, end] = from <= to ? [from, to] : [to, from];
    for (const rowId of order.slice(start, end + 1)) {
      if (selecting) ids.add(rowId);
      else ids.delete(rowId);
    }
  } else if (selecting) {
    ids.add(id);
  } else {
    ids.delete(id);
  }
  return { ids, anchor: id, allMatching: false };
}

/** The header checkbox: every loaded row if not all are ticked, else none. */
export function toggleLoaded(selection: Selection, order: readonly string[]): Selection {
  if (headerState(selection, order) === "all") return NO_SELECTION;
  return { ids: new Set(order), anchor: selection.anchor, allMatching: false };
}

/** "Select all N matching this filter": the loaded rows ticked, and the rest meant too. */
export function selectAllMatching(selection: Selection, order: readonly string[]): Selection {
  return { ids: new Set(order), anchor: selection.anchor, allMatching: true };
}

/** The header checkbox's look: none, some (indeterminate) or all of the loaded rows ticked. */
export function headerState(
  selection: Selection,
  order: readonly string[],
): "none" | "some" | "all" {
  if (selection.allMatching && order.length > 0) return "all";
  const ticked = order.filter((id) => selection.ids.has(id)).length;
  if (ticked === 0) return "none";
  return ticked === order.length ? "all" : "some";
}

/** How many tickets the selection stands for (all matching: the filter's count, if known). */
export function selectedCount(selection: Selection, matching: number | undefined): number {
  return selection.allMatching ? (matching ?? selection.ids.size) : selection.ids.size;
}

/**
 * What a bulk call names: the ticked ids, or the filter for "all matching"; more than
 * MAX_BULK_IDS ticked one by one is refused with what to do instead.
 */
export function bulkTarget<F>(
  selection: Selection,
  filter: F,
): { ids: string[] } | { filter: F } | { error: string } {
  if (selection.allMatching) return { filter };
  if (selection.ids.size === 0) return { error: "Select some tickets first." };
  if (selection.ids.size > MAX_BULK_IDS) {
    return {
      error: `Select at most ${MAX_BULK_IDS} tickets one by one, or select all tickets matching the filter.`,
    };
  }
  return { ids: [...selection.ids] };
}

/** What a finished bulk change says: how many changed, were already so, or were skipped. */
export function describeResult(result: {
  updated: number;
  unchanged: number;
  skipped?: readonly unknown[];
  skippedCount?: number;
}): string {
  const tickets = (n: number) => `${n} ${n === 1 ? "ticket" : "tickets"}`;
  const skipped = result.skippedCount ?? result.skipped?.length ?? 0;
  const parts = [`Updated ${tickets(result.updated)}`];
  if (result.unchanged > 0) parts.push(`${tickets(result.unchanged)} already as asked`);
  if (skipped > 0) parts.push(`${tickets(skipped)} skipped`);
  return `${parts.join("; ")}.`;
}

/** Whether a bulk job is still to finish: waiting for the worker, or being worked through. */
export function jobActive(state: Progress["state"] | undefined): boolean {
  return state === "queued" || state === "running";
}

/** What a bulk job that is no longer active says: its outcome, why it stopped, or that it is gone. */
export function describeJobEnd(progress: Pick<Progress, "state" | "job">): string {
  const { state, job } = progress;
  if (state === "done" && job) return describeResult(job);
  if (state === "failed" && job) {
    const reason = job.reason ? ` ${job.reason}` : "";
    return `The change stopped after ${job.processed} of ${job.total} tickets.${reason} ${describeResult(job)}`;
  }
  return "The change’s progress is no longer available; the list shows where it got to.";
}

/** The assignee choice that changes nothing, and the one that unassigns. */
export const NO_ASSIGNEE_CHANGE = "";
export const UNASSIGN = "none";

/** The form's choices as the change to send ("" everywhere: nothing to change). */
export function changesOf(form: {
  status: Status | "";
  priority: Priority | "";
  assignee: string;
  /** NO_ASSIGNEE_CHANGE, UNASSIGN (no team) or a team id; optional for callers without teams. */
  team?: string;
  addTag: string;
  removeTag: string;
}): Changes {
  const changes: Changes = {};
  if (form.status) changes.status = form.status;
  if (form.priority) changes.priority = form.priority;
  if (form.assignee !== NO_ASSIGNEE_CHANGE) {
    changes.assigneeId = form.assignee === UNASSIGN ? null : form.assignee;
  }
  if (form.team !== undefined && form.team !== NO_ASSIGNEE_CHANGE) {
    changes.teamId = form.team === UNASSIGN ? null : form.team;
  }
  const add = form.addTag.trim().toLowerCase();
  const remove = form.removeTag.trim().toLowerCase();
  if (add) changes.addTags = [add];
  if (remove) changes.removeTags = [remove];
  return changes;
}

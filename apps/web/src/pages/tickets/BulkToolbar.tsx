// The bulk toolbar over the inbox list once tickets are selected: status, priority, assignee, a
// tag to add or remove, Apply. A few tickets change at once; "all matching" (or many) runs as a
// job whose progress is shown; a few may be merged into one. The outcome is announced
// (aria-live) and the inbox refetched.
import type { RouterInputs } from "@supportdesk/trpc";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useEffect, useState } from "react";
import { errorMessage, useTRPC } from "../../lib/trpc";
import { useCan } from "../../lib/use-can";
import { Button, Field, SelectField } from "../../ui";
import { BulkMerge, type MergeCandidate } from "./BulkMerge";
import {
  changesOf,
  describeJobEnd,
  describeResult,
  jobActive,
  NO_ASSIGNEE_CHANGE,
  UNASSIGN,
} from "./bulk-selection";
import {
  invalidateTicketQueries,
  label,
  PRIORITIES,
  type Priority,
  STATUSES,
  type Status,
} from "./shared";
import "./bulk.css";

type BulkInput = RouterInputs["tickets"]["bulkUpdate"];

export function BulkToolbar({
  count,
  target,
  agents,
  mergeable,
  offerAllMatching,
  onSelectAllMatching,
  onClear,
}: {
  /** How many tickets the selection stands for (undefined: all matching, not counted). */
  count: number | undefined;
  target: { ids: string[] } | { filter: NonNullable<BulkInput["filter"]> } | { error: string };
  agents: { userId: string; name: string }[];
  /** The selected tickets that may be merged into one of them (none: no merge offered). */
  mergeable: MergeCandidate[];
  /** Offer "select all matching" (every loaded row is ticked and more exist). */
  offerAllMatching: string | null;
  onSelectAllMatching: () => void;
  onClear: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const canAssign = useCan("ticket.assign");
  const canMerge = useCan("ticket.merge");
  const [status, setStatus] = useState<Status | "">("");
  const [priority, setPriority] = useState<Priority | "">("");
  const [assignee, setAssignee] = useState(NO_ASSIGNEE_CHANGE);
  const [team, setTeam] = useState(NO_ASSIGNEE_CHANGE);
  const teams = useQuery(
    trpc.teams.list.queryOptions(undefined, { staleTime: 60_000, enabled: canAssign }),
  );
  const [addTag, setAddTag] = useState("");
  const [removeTag, setRemoveTag] = useState("");
  const [announcement, setAnnouncement] = useState("");
  const [jobId, setJobId] = useState<string | null>(null);
  const changes = changesOf({ status, priority, assignee, team, addTag, removeTag });
  const nothing = Object.keys(changes).length === 0;

  const finish = (message: string) => {
    setAnnouncement(message);
    setStatus("");
    setPriority("");
    setAssignee(NO_ASSIGNEE_CHANGE);
    setTeam(NO_ASSIGNEE_CHANGE);
    setAddTag("");
    setRemoveTag("");
    onClear();
    void invalidateTicketQueries(queryClient);
    void queryClient.invalidateQueries({ queryKey: trpc.views.counts.pathKey() });
  };

  const apply = useMutation(
    trpc.tickets.bulkUpdate.mutationOptions({
      onSuccess: (result) => {
        if ("jobId" in result) {
          setJobId(result.jobId);
          setAnnouncement(`Working on ${result.total} tickets…`);
        } else {
          finish(describeResult(result));
        }
      },
    }),
  );
  const progress = useQuery({
    ...trpc.tickets.bulkProgress.queryOptions({ jobId: jobId ?? "" }),
    enabled: jobId !== null,
    // Queued until the worker takes it, then running: polled until it is done or failed.
    refetchInterval: (query) => (jobActive(query.state.data?.state) ? 1_000 : false),
  });
  const job = progress.data?.job ?? null;
  const state = progress.data?.state;
  // `finish` is recreated each render; the job's end is what this reacts to, once.
  // biome-ignore lint/correctness/useExhaustiveDependencies: run once per finished job
  useEffect(() => {
    if (!jobId || !state || jobActive(state)) return;
    setJobId(null);
    finish(describeJobEnd({ state, job }));
  }, [jobId, state]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if ("error" in target) {
      setAnnouncement(target.error);
      return;
    }
    apply.mutate({ ...target, changes });
  };
  const running = jobId !== null;
  const selected = count === undefined ? "All matching tickets selected" : `${count} selected`;

  return (
    <div className="bulk-area">
      {count !== 0 || running ? (
        <form className="bulk-toolbar card" aria-label="Bulk actions" onSubmit={submit}>
          <div className="bulk-summary">
            <strong>{selected}</strong>
            {offerAllMatching ? (
              <button type="button" className="link" onClick={onSelectAllMatching}>
                {offerAllMatching}
              </button>
            ) : null}
            <button type="button" className="link" onClick={onClear}>
              Clear selection
            </button>
          </div>
          <SelectField
            label="Set status"
            value={status}
            onChange={(e) => setStatus(e.target.value as Status | "")}
          >
            <option value="">No change</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {label(s)}
              </option>
            ))}
          </SelectField>
          <SelectField
            label="Set priority"
            value={priority}
            onChange={(e) => setPriority(e.target.value as Priority | "")}
          >
            <option value="">No change</option>
            {PRIORITIES.map((p) => (
              <option key={p} value={p}>
                {label(p)}
              </option>
            ))}
          </SelectField>
          {canAssign ? (
            <SelectField
              label="Assign to"
              value={assignee}
              onChange={(e) => setAssignee(e.target.value)}
            >
              <option value={NO_ASSIGNEE_CHANGE}>No change</option>
              <option value={UNASSIGN}>Unassigned</option>
              {agents.map((m) => (
                <option key={m.userId} value={m.userId}>
                  {m.name}
                </option>
              ))}
            </SelectField>
          ) : null}
          {canAssign && teams.data?.length ? (
            <SelectField label="Set team" value={team} onChange={(e) => setTeam(e.target.value)}>
              <option value={NO_ASSIGNEE_CHANGE}>No change</option>
              <option value={UNASSIGN}>No team</option>
              {teams.data.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                </option>
              ))}
            </SelectField>
          ) : null}
          <Field
            label="Add tag"
            value={addTag}
            maxLength={40}
            onChange={(e) => setAddTag(e.target.value)}
          />
          <Field
            label="Remove tag"
            value={removeTag}
            maxLength={40}
            onChange={(e) => setRemoveTag(e.target.value)}
          />
          <Button type="submit" busy={apply.isPending || running} disabled={nothing}>
            Apply
          </Button>
        </form>
      ) : null}
      {canMerge && !running && mergeable.length >= 2 ? (
        <BulkMerge tickets={mergeable} onDone={finish} />
      ) : null}
      {running ? (
        <progress
          className="bulk-progress"
          aria-label="Bulk change progress"
          max={job?.total ?? 1}
          value={job?.processed ?? 0}
        />
      ) : null}
      <p className="bulk-status" role="status" aria-live="polite">
        {apply.error ? errorMessage(apply.error) : announcement}
        {running && state === "queued" ? " Waiting to start…" : ""}
        {running && state === "running" && job ? ` ${job.processed} of ${job.total} done.` : ""}
      </p>
    </div>
  );
}

// The header's availability control for those who work tickets: Online, Away, Offline, or
// Automatic (online while a tab is visible), showing the effective state; and the presence
// heartbeat this tab sends while visible.
import type { AgentAvailability } from "@supportdesk/domain";
import type { RouterOutputs } from "@supportdesk/trpc";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useId, useRef } from "react";
import { errorMessage, useTRPC } from "../lib/trpc";
import { useCan } from "../lib/use-can";
import { useCurrentTenant } from "../lib/use-session";
import { AVAILABILITY_LABELS, HEARTBEAT_MS, startHeartbeat } from "./presence";
import "./availability.css";

type Mine = RouterOutputs["teams"]["myAvailability"];

export function Availability() {
  const tenant = useCurrentTenant();
  const works = useCan("ticket.reply");
  // Only people who can be assigned tickets have an availability.
  if (!tenant || !works) return null;
  return <AvailabilityControl key={tenant.id} />;
}

/** What "Automatic" would be now: the web app's presence. */
const automatic = (mine: Mine): AgentAvailability => (mine.present ? "online" : "offline");

function AvailabilityControl() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const selectId = useId();
  const mine = useQuery(
    trpc.teams.myAvailability.queryOptions(undefined, { refetchInterval: HEARTBEAT_MS }),
  );
  const store = (data: Mine) =>
    queryClient.setQueryData(trpc.teams.myAvailability.queryKey(), data);
  const beat = useMutation(trpc.teams.heartbeat.mutationOptions({ onSuccess: store }));
  const set = useMutation(trpc.teams.setAvailability.mutationOptions({ onSuccess: store }));
  // The heartbeat runs for the component's life; it calls the latest mutate.
  const mutateBeat = useRef(beat.mutate);
  mutateBeat.current = beat.mutate;
  useEffect(() => startHeartbeat(() => mutateBeat.current()), []);

  const status = mine.data?.status ?? "offline";
  return (
    <div className="availability">
      <span className={`presence-dot presence-${status}`} aria-hidden="true" />
      <label htmlFor={selectId} className="visually-hidden">
        Your availability
      </label>
      <select
        id={selectId}
        value={mine.data?.manual ?? "auto"}
        disabled={!mine.data}
        title={set.error ? `Not saved: ${errorMessage(set.error)}` : undefined}
        aria-invalid={set.error ? true : undefined}
        onChange={(event) => {
          const value = event.target.value;
          set.mutate({ status: value === "auto" ? null : (value as AgentAvailability) });
        }}
      >
        <option value="auto">
          Automatic{mine.data ? ` (${AVAILABILITY_LABELS[automatic(mine.data)]})` : ""}
        </option>
        {(["online", "away", "offline"] as const).map((value) => (
          <option key={value} value={value}>
            {AVAILABILITY_LABELS[value]}
          </option>
        ))}
      </select>
    </div>
  );
}

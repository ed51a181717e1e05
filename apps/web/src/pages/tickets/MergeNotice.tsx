// The notices around a merge: on a merged ticket, "Merged into #N" (a link) while the page moves
// on to the target by itself; on the target, a note naming the ticket the link was for.
import { useQuery } from "@tanstack/react-query";
import { useEffect } from "react";
import { Link, useLocation, useNavigate, useParams } from "react-router";
import { useTRPC } from "../../lib/trpc";
import { type MergedFromState, mergedFromOf } from "./merge";
import "./merge.css";

/** A merged ticket: says where it went and goes there (replacing this page in the history). */
export function MergedRedirect({ number, targetId }: { number: number; targetId: string }) {
  const trpc = useTRPC();
  const navigate = useNavigate();
  const { slug } = useParams();
  const target = useQuery(trpc.tickets.get.queryOptions({ id: targetId }));
  const to = `/t/${slug}/tickets/${targetId}`;
  useEffect(() => {
    const state: MergedFromState = { mergedFrom: number };
    navigate(to, { replace: true, state });
  }, [navigate, to, number]);
  return (
    <p className="merge-banner" role="status">
      Merged into{" "}
      <Link to={to} replace state={{ mergedFrom: number } satisfies MergedFromState}>
        {target.data ? `#${target.data.number}` : "another ticket"}
      </Link>
      . Opening it…
    </p>
  );
}

/** On the target, after a redirect or a merge: which ticket now lives here. */
export function MergedFromNote() {
  const from = mergedFromOf(useLocation().state);
  if (from === null) return null;
  return (
    <p className="merge-banner" role="status">
      #{from} was merged into this ticket.
    </p>
  );
}

// The run log: every time a rule was evaluated — rule, ticket, matched, actions taken, error, time.
import { useInfiniteQuery } from "@tanstack/react-query";
import { errorMessage, useTRPC } from "../../../lib/trpc";
import { Button, EmptyState, ErrorState, Spinner } from "../../../ui";
import { When } from "../shared";
import type { Run } from "./rule-form";

function actionsOf(run: Run): string {
  const taken = run.actions as { description?: string; result?: string }[];
  if (taken.length === 0) return "—";
  return taken
    .map((a) =>
      a.result && a.result !== "done" ? `${a.description} (${a.result})` : a.description,
    )
    .join("; ");
}

export function RunLog() {
  const trpc = useTRPC();
  const runs = useInfiniteQuery(
    trpc.automations.runs.infiniteQueryOptions(
      { perPage: 50 },
      { getNextPageParam: (page) => page.pagination.next_cursor ?? undefined },
    ),
  );
  if (runs.isPending) return <Spinner label="Loading the run log" />;
  if (runs.isError)
    return <ErrorState message={errorMessage(runs.error)} onRetry={() => runs.refetch()} />;
  const rows = runs.data.pages.flatMap((page) => page.data);
  if (rows.length === 0) {
    return (
      <EmptyState title="No runs yet">
        Rules are logged here each time they are evaluated.
      </EmptyState>
    );
  }
  return (
    <div className="sd-table-card">
      <table className="sd-table auto-table">
        <caption className="visually-hidden">Automation runs, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Rule</th>
            <th scope="col">Ticket</th>
            <th scope="col">Matched</th>
            <th scope="col">Actions</th>
            <th scope="col">Error</th>
            <th scope="col">Time</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((run) => (
            <tr key={run.id}>
              <td>{run.ruleName}</td>
              <td>{run.ticketNumber ? `#${run.ticketNumber}` : "—"}</td>
              <td>{run.matched ? "Yes" : "No"}</td>
              <td>{actionsOf(run)}</td>
              <td>{run.error ?? "—"}</td>
              <td>
                <When value={run.createdAt} withTime />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {runs.hasNextPage ? (
        <Button
          type="button"
          variant="secondary"
          busy={runs.isFetchingNextPage}
          onClick={() => runs.fetchNextPage()}
        >
          Show older runs
        </Button>
      ) : null}
    </div>
  );
}

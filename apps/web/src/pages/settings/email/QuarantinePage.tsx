// Settings → Received mail: what arrived at the support address, newest first, quarantined mail by
// default (the filter is in the URL: `?status=all`). Any message's original downloads; quarantined
// ones can be retried (filed again) or discarded. A page at a time ("Load more").
import { useInfiniteQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link, useParams, useSearchParams } from "react-router";
import { errorMessage, useTRPC, useTRPCClient } from "../../../lib/trpc";
import { Button, EmptyState, ErrorState, SelectField, Spinner } from "../../../ui";
import { InlineError, PageHeader } from "../shared";
import {
  DEFAULT_FILTER,
  filterName,
  filterOf,
  STATUS_FILTERS,
  type StatusFilter,
  statusInput,
} from "./form";
import { InboundRow } from "./InboundRow";

const PAGE = 25;

export function QuarantinePage() {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const { slug } = useParams();
  const [params, setParams] = useSearchParams();
  const filter = filterOf(params.get("status"));
  /** What the last retry or discard did (the row itself may leave the list). */
  const [done, setDone] = useState("");
  // `email.inbound.list` pages with `before` (not tRPC's `cursor`), so pages are fetched by hand
  // under the procedure's key: invalidating `email.inbound.list` reaches them.
  const mail = useInfiniteQuery({
    queryKey: [...trpc.email.inbound.list.pathKey(), { type: "infinite", filter, limit: PAGE }],
    queryFn: ({ pageParam }) =>
      client.email.inbound.list.query({
        limit: PAGE,
        ...statusInput(filter),
        ...(pageParam ? { before: pageParam } : {}),
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  const choose = (next: StatusFilter) => {
    setDone("");
    setParams(next === DEFAULT_FILTER ? {} : { status: next }, { replace: true });
  };
  const changed = (message: string) => {
    setDone(message);
    return queryClient.invalidateQueries({ queryKey: trpc.email.inbound.list.pathKey() });
  };
  const rows = mail.data?.pages.flatMap((page) => page.data) ?? [];
  return (
    <>
      <PageHeader title="Received mail">
        Every email that arrived at your{" "}
        <Link to={`/t/${slug}/settings/email`}>support address</Link>, newest first. Mail that could
        not be filed on a ticket is quarantined here: retry it once the problem is fixed, or discard
        it. The original of any message can be downloaded.
      </PageHeader>
      <div className="sd-row">
        <SelectField
          label="Show"
          value={filter}
          onChange={(event) => choose(event.target.value as StatusFilter)}
        >
          {STATUS_FILTERS.map((f) => (
            <option key={f} value={f}>
              {filterName(f)}
            </option>
          ))}
        </SelectField>
        <span role="status" className="sd-saved sd-mail-done">
          {done}
        </span>
      </div>
      {mail.isPending ? (
        <Spinner label="Loading received mail" />
      ) : mail.isError ? (
        <ErrorState message={errorMessage(mail.error)} onRetry={() => mail.refetch()} />
      ) : rows.length === 0 ? (
        <Empty filter={filter} />
      ) : (
        <>
          <div className="card sd-table-card">
            <table className="sd-table sd-mail-table">
              <caption className="visually-hidden">Received mail: {filterName(filter)}</caption>
              <thead>
                <tr>
                  <th scope="col">From</th>
                  <th scope="col">Subject</th>
                  <th scope="col">Received</th>
                  <th scope="col">Status</th>
                  <th scope="col">Reason</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <InboundRow key={row.id} email={row} onChanged={changed} />
                ))}
              </tbody>
            </table>
          </div>
          <div className="sd-load-more">
            {mail.hasNextPage ? (
              <Button
                type="button"
                variant="secondary"
                busy={mail.isFetchingNextPage}
                onClick={() => mail.fetchNextPage()}
              >
                Load more
              </Button>
            ) : (
              <span className="sd-muted">That's everything.</span>
            )}
            {mail.isFetchNextPageError ? (
              <InlineError message="Could not load more mail. Try again." />
            ) : null}
          </div>
        </>
      )}
    </>
  );
}

function Empty({ filter }: { filter: StatusFilter }) {
  if (filter === "quarantined") {
    return (
      <EmptyState title="Nothing in quarantine">
        Mail that cannot be filed on a ticket waits here for you to retry or discard it.
      </EmptyState>
    );
  }
  if (filter === "all") {
    return (
      <EmptyState title="No mail received yet">
        Emails to your support address show here once they arrive.
      </EmptyState>
    );
  }
  return <EmptyState title={`No mail with the status “${filterName(filter)}”`} />;
}

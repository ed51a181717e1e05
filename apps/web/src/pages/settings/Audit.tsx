// Audit log: the organisation's trail of changes, newest first, a page at a time.
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { errorMessage, useTRPC, useTRPCClient } from "../../lib/trpc";
import { Button, EmptyState, ErrorState, Spinner } from "../../ui";
import { Ago, InlineError, PageHeader } from "./shared";

const PAGE = 50;

/** A short label for an id: its end (ids are UUIDv7, whose first digits are only a timestamp). */
const shortId = (id: string) => id.slice(-8);

export function AuditPage() {
  const trpc = useTRPC();
  const members = useQuery(trpc.tenants.members.list.queryOptions());
  const client = useTRPCClient();
  // `audit.list` pages with `before` (not tRPC's `cursor`), so the pages are fetched by hand
  // under the procedure's key (invalidating `audit` still reaches them).
  const audit = useInfiniteQuery({
    queryKey: [...trpc.audit.list.pathKey(), { type: "infinite", limit: PAGE }],
    queryFn: ({ pageParam }) =>
      client.audit.list.query({ limit: PAGE, ...(pageParam ? { before: pageParam } : {}) }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  const names = new Map(members.data?.map((m) => [m.userId, m.name]) ?? []);
  const actorOf = (row: { actorUserId: string | null; actorApiKeyId: string | null }) =>
    row.actorUserId
      ? (names.get(row.actorUserId) ?? `Former member (${shortId(row.actorUserId)})`)
      : row.actorApiKeyId
        ? `API key ${shortId(row.actorApiKeyId)}`
        : "System";
  const rows = audit.data?.pages.flatMap((page) => page.data) ?? [];
  return (
    <>
      <PageHeader title="Audit log">
        Every change made in this organisation, newest first.
      </PageHeader>
      {audit.isPending ? (
        <Spinner label="Loading the audit log" />
      ) : audit.isError ? (
        <ErrorState message={errorMessage(audit.error)} onRetry={() => audit.refetch()} />
      ) : rows.length === 0 ? (
        <EmptyState title="Nothing recorded yet">
          Changes to settings, members and tickets appear here.
        </EmptyState>
      ) : (
        <>
          <div className="card sd-table-card">
            <table className="sd-table">
              <caption className="visually-hidden">Audit log</caption>
              <thead>
                <tr>
                  <th scope="col">Action</th>
                  <th scope="col">Actor</th>
                  <th scope="col">Target</th>
                  <th scope="col">When</th>
                  <th scope="col">IP</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.id}>
                    <th scope="row" data-label="Action">
                      <code className="sd-action">{row.action}</code>
                    </th>
                    <td data-label="Actor">{actorOf(row)}</td>
                    <td data-label="Target">
                      {row.targetType ? (
                        <>
                          {row.targetType}
                          {row.targetId ? (
                            <span className="sd-muted" title={row.targetId}>
                              {" "}
                              {names.get(row.targetId) ?? shortId(row.targetId)}
                            </span>
                          ) : null}
                        </>
                      ) : (
                        <span className="sd-muted">—</span>
                      )}
                    </td>
                    <td data-label="When">
                      <Ago value={row.createdAt} />
                    </td>
                    <td data-label="IP">
                      {row.ip ? <code>{row.ip}</code> : <span className="sd-muted">—</span>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="sd-load-more">
            {audit.hasNextPage ? (
              <Button
                type="button"
                variant="secondary"
                busy={audit.isFetchingNextPage}
                onClick={() => audit.fetchNextPage()}
              >
                Load more
              </Button>
            ) : (
              <span className="sd-muted">That's everything.</span>
            )}
            {audit.isFetchNextPageError ? (
              <InlineError message="Could not load more entries. Try again." />
            ) : null}
          </div>
        </>
      )}
    </>
  );
}

// The inbox's saved views: the shared ones and the agent's own, each with a live count; clicking
// one puts its filters and sort in the URL; "Save view" keeps the current ones; rename and delete
// on the views the agent may change. Counts refresh on ticket events (coalesced).
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { Link } from "react-router";
import { errorMessage, useTRPC } from "../../lib/trpc";
import { useCan } from "../../lib/use-can";
import { useCurrentTenant } from "../../lib/use-session";
import { Button } from "../../ui";
import { subscribeRealtime } from "../settings/notifications/realtime";
import type { InboxFilters } from "./filters";
import { DeleteViewDialog, ViewDialog } from "./ViewDialog";
import { activeViewId, countLabel, paramsOfView, type SavedView } from "./views";
import "./views.css";

/** Ticket events can come many a second: at most one recount per this many ms. */
const COUNTS_REFRESH_MS = 3_000;

/** Recounts the views when a ticket of this tenant changes (or the socket reconnects). */
function useLiveCounts() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const tenantId = useCurrentTenant()?.id;
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => {
    const recount = () => {
      if (timer.current !== undefined) return;
      timer.current = setTimeout(() => {
        timer.current = undefined;
        void queryClient.invalidateQueries({ queryKey: trpc.views.counts.pathKey() });
      }, COUNTS_REFRESH_MS);
    };
    const unsubscribe = subscribeRealtime((event) => {
      if (event.type === "reconnected") recount();
      else if (event.tenantId === tenantId && event.type !== "notification.created") recount();
    });
    return () => {
      unsubscribe();
      clearTimeout(timer.current);
      timer.current = undefined;
    };
  }, [queryClient, trpc, tenantId]);
}

type Editing = { kind: "save" } | { kind: "rename" | "delete"; view: SavedView } | null;

export function ViewsSidebar({ filters }: { filters: InboxFilters }) {
  const trpc = useTRPC();
  const canManage = useCan("view.manage");
  const views = useQuery(trpc.views.list.queryOptions(undefined, { staleTime: 60_000 }));
  const counts = useQuery(trpc.views.counts.queryOptions(undefined, { refetchInterval: 60_000 }));
  useLiveCounts();
  const [editing, setEditing] = useState<Editing>(null);
  const close = () => setEditing(null);
  const list = views.data ?? [];
  const active = activeViewId(list, filters);
  const editable = (view: SavedView) => !view.shared || canManage;

  return (
    <nav className="views-sidebar card" aria-labelledby="views-heading">
      <div className="views-head">
        <h2 id="views-heading">Views</h2>
        <Button
          type="button"
          variant="secondary"
          className="views-save"
          onClick={() => setEditing({ kind: "save" })}
        >
          Save view
        </Button>
      </div>
      {views.isPending ? (
        <p className="muted small">Loading views…</p>
      ) : views.isError ? (
        <p className="error small" role="alert">
          {errorMessage(views.error)}{" "}
          <button type="button" className="link" onClick={() => void views.refetch()}>
            Try again
          </button>
        </p>
      ) : list.length === 0 ? (
        <p className="muted small">
          No saved views yet. Filter the inbox, then choose Save view to come back to it in one
          click.
        </p>
      ) : (
        <ul className="views-list">
          {list.map((view) => {
            const count = countLabel(counts.data?.[view.id]);
            return (
              <li key={view.id} className={`view-item${view.id === active ? " is-active" : ""}`}>
                <Link
                  to={{ search: paramsOfView(view).toString() }}
                  className="view-link"
                  aria-current={view.id === active ? "page" : undefined}
                >
                  <span className="view-name">{view.name}</span>
                  {view.shared ? null : <span className="visually-hidden"> (yours)</span>}
                  {count ? (
                    <span className="view-count">
                      {count}
                      <span className="visually-hidden"> tickets</span>
                    </span>
                  ) : null}
                </Link>
                {editable(view) ? (
                  <span className="view-actions">
                    <button
                      type="button"
                      className="view-action"
                      aria-label={`Rename view ${view.name}`}
                      title="Rename"
                      onClick={() => setEditing({ kind: "rename", view })}
                    >
                      ✎
                    </button>
                    <button
                      type="button"
                      className="view-action"
                      aria-label={`Delete view ${view.name}`}
                      title="Delete"
                      onClick={() => setEditing({ kind: "delete", view })}
                    >
                      ×
                    </button>
                  </span>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
      {editing?.kind === "save" ? <ViewDialog filters={filters} onClose={close} /> : null}
      {editing?.kind === "rename" ? (
        <ViewDialog view={editing.view} filters={filters} onClose={close} />
      ) : null}
      {editing?.kind === "delete" ? <DeleteViewDialog view={editing.view} onClose={close} /> : null}
    </nav>
  );
}

// The header bell: unread count, a dropdown of the latest notifications, live updates and toasts
// from the tab's WebSocket (only the tab's own tenant — its URL — changes what it shows).
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useId, useRef, useState } from "react";
import { Link, useParams } from "react-router";
import { errorMessage, useTRPC } from "../../../lib/trpc";
import { useCurrentTenant } from "../../../lib/use-session";
import { BellIcon, NotificationLink } from "./NotificationLink";
import { subscribeRealtime } from "./realtime";
import { describe, type NotificationItem, ticketHref } from "./shared";
import "./notifications.css";

/** The longest a ticket screen shows stale data after a live event (events within it share one refetch). */
const TICKET_REFRESH_MS = 1_000;

const DROPDOWN_SIZE = 8;
const TOAST_MS = 6000;

type Toast = { id: string; title: string; detail: string; href: string };

export function NotificationsBell() {
  const tenant = useCurrentTenant();
  // Notifications belong to a signed-in member of this tenant; nothing to show otherwise.
  if (!tenant) return null;
  return <Bell tenantId={tenant.id} />;
}

function Bell({ tenantId }: { tenantId: string }) {
  const { slug } = useParams();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [toasts, setToasts] = useState<Toast[]>([]);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const panelRef = useRef<HTMLElement>(null);
  const panelId = useId();

  const unread = useQuery(trpc.notifications.unreadCount.queryOptions());
  const latest = useQuery({
    ...trpc.notifications.list.queryOptions({ perPage: DROPDOWN_SIZE, unreadOnly: false }),
    enabled: open,
  });
  const setCount = useCallback(
    (count: number) =>
      queryClient.setQueryData(trpc.notifications.unreadCount.queryKey(), (old) =>
        old ? { ...old, count } : { count, tenant_id: tenantId },
      ),
    [queryClient, trpc, tenantId],
  );
  const refreshLists = useCallback(
    () => queryClient.invalidateQueries({ queryKey: trpc.notifications.list.pathKey() }),
    [queryClient, trpc],
  );
  const markRead = useMutation(
    trpc.notifications.markRead.mutationOptions({
      onSuccess: (data) => {
        setCount(data.count);
        return refreshLists();
      },
    }),
  );
  const markAll = useMutation(
    trpc.notifications.markAllRead.mutationOptions({
      onSuccess: () => {
        setCount(0);
        return refreshLists();
      },
    }),
  );

  // Query keys do not name the tenant (the URL does): switching tenants must not show the last
  // tenant's settings or inbox, so those caches start over.
  const previousSlug = useRef(slug);
  useEffect(() => {
    if (previousSlug.current === slug) return;
    previousSlug.current = slug;
    setOpen(false);
    setToasts([]);
    for (const key of [
      trpc.notifications.pathKey(),
      trpc.tenants.pathKey(),
      trpc.invitations.pathKey(),
      trpc.apiKeys.pathKey(),
      trpc.roles.pathKey(),
      trpc.audit.pathKey(),
    ]) {
      void queryClient.resetQueries({ queryKey: key });
    }
  }, [slug, queryClient, trpc]);

  // Ticket events can come many a second in a busy tenant, and an inbox scrolled far down holds
  // many pages: coalesce them into at most one refetch per TICKET_REFRESH_MS.
  const ticketRefresh = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(ticketRefresh.current), []);
  const refreshTickets = useCallback(() => {
    if (ticketRefresh.current !== undefined) return;
    ticketRefresh.current = setTimeout(() => {
      ticketRefresh.current = undefined;
      void queryClient.invalidateQueries({ queryKey: trpc.tickets.pathKey() });
    }, TICKET_REFRESH_MS);
  }, [queryClient, trpc]);

  // Live: the tab's one socket.
  useEffect(
    () =>
      subscribeRealtime((event) => {
        if (event.type === "reconnected") {
          // Events are not replayed: catch up on what may have been missed.
          void queryClient.invalidateQueries({ queryKey: trpc.notifications.pathKey() });
          void queryClient.invalidateQueries({ queryKey: trpc.tickets.pathKey() });
          return;
        }
        if (event.tenantId !== tenantId) return;
        if (event.type === "notification.created") {
          const payload = event.payload as {
            notification?: NotificationItem;
            unreadCount?: number;
          };
          if (typeof payload.unreadCount === "number") setCount(payload.unreadCount);
          void refreshLists();
          if (payload.notification) {
            const { title, detail } = describe(payload.notification);
            const toast = {
              id: payload.notification.id,
              title,
              detail,
              href: ticketHref(slug, payload.notification),
            };
            setToasts((list) => [...list.filter((t) => t.id !== toast.id), toast].slice(-3));
            setTimeout(() => setToasts((list) => list.filter((t) => t.id !== toast.id)), TOAST_MS);
          }
          return;
        }
        // ticket.created / ticket.updated / message.created: the ticket screens refetch.
        refreshTickets();
      }),
    [tenantId, slug, queryClient, trpc, setCount, refreshLists, refreshTickets],
  );

  // Close on Escape (focus back to the bell) and on a click elsewhere.
  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "Escape") {
        setOpen(false);
        buttonRef.current?.focus();
      }
    };
    const onPointer = (event: PointerEvent) => {
      const target = event.target as Node;
      if (!panelRef.current?.contains(target) && !buttonRef.current?.contains(target)) {
        setOpen(false);
      }
    };
    document.addEventListener("keydown", onKey);
    document.addEventListener("pointerdown", onPointer);
    return () => {
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("pointerdown", onPointer);
    };
  }, [open]);

  const count = unread.data?.count ?? 0;
  const label = count > 0 ? `Notifications, ${count} unread` : "Notifications";
  const items = latest.data?.data ?? [];

  return (
    <div className="sd-bell">
      <button
        ref={buttonRef}
        type="button"
        className="sd-bell-button"
        aria-label={label}
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((o) => !o)}
      >
        <BellIcon />
        {count > 0 ? (
          <span className="sd-bell-count" aria-hidden="true">
            {count > 99 ? "99+" : count}
          </span>
        ) : null}
      </button>
      <section
        ref={panelRef}
        id={panelId}
        className="sd-bell-panel card"
        hidden={!open}
        aria-label="Latest notifications"
      >
        <div className="sd-bell-head">
          <strong>Notifications</strong>
          <button
            type="button"
            className="link"
            disabled={count === 0 || markAll.isPending}
            onClick={() => markAll.mutate()}
          >
            Mark all read
          </button>
        </div>
        {markAll.error ? (
          <div className="sd-inline-error" role="alert">
            {errorMessage(markAll.error)}
          </div>
        ) : null}
        {!open ? null : latest.isPending ? (
          <div className="sd-bell-state" role="status">
            <span className="spinner" aria-hidden="true" /> Loading…
          </div>
        ) : latest.isError ? (
          <div className="sd-bell-state sd-inline-error" role="alert">
            {errorMessage(latest.error)}{" "}
            <button type="button" className="link" onClick={() => latest.refetch()}>
              Try again
            </button>
          </div>
        ) : items.length === 0 ? (
          <div className="sd-bell-state">
            <strong>You're all caught up</strong>
            <span>Replies and assignments on your tickets show up here.</span>
          </div>
        ) : (
          <ul className="sd-notification-list">
            {items.map((item) => (
              <NotificationLink
                key={item.id}
                item={item}
                href={ticketHref(slug, item)}
                onOpen={() => {
                  if (!item.readAt) markRead.mutate({ ids: [item.id] });
                  setOpen(false);
                }}
              />
            ))}
          </ul>
        )}
        <div className="sd-bell-foot">
          <Link to={`/t/${slug}/notifications`} onClick={() => setOpen(false)}>
            All notifications and preferences
          </Link>
        </div>
      </section>
      <div className="sd-toasts" role="status" aria-live="polite" aria-atomic="false">
        {toasts.map((toast) => (
          <div key={toast.id} className="sd-toast">
            <Link
              to={toast.href}
              onClick={() => setToasts((l) => l.filter((t) => t.id !== toast.id))}
            >
              <strong>{toast.title}</strong>
              {toast.detail ? <span>{toast.detail}</span> : null}
            </Link>
            <button
              type="button"
              className="sd-toast-close"
              aria-label="Dismiss"
              onClick={() => setToasts((l) => l.filter((t) => t.id !== toast.id))}
            >
              ×
            </button>
          </div>
        ))}
      </div>
    </div>
  );
}

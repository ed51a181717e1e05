// /t/:slug/notifications: the whole inbox (paged) and what the user wants to be told, and how.
import type { RouterOutputs } from "@supportdesk/trpc";
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useParams } from "react-router";
import { errorMessage, useTRPC } from "../../../lib/trpc";
import { Button, EmptyState, ErrorState, Spinner } from "../../../ui";
import { InlineError, PageHeader } from "../shared";
import { NotificationLink } from "./NotificationLink";
import { TYPE_LABEL, ticketHref } from "./shared";
import "./notifications.css";

const PER_PAGE = 25;

export function NotificationsPage() {
  return (
    <div className="sd-notifications-page">
      <Inbox />
      <Preferences />
    </div>
  );
}

function Inbox() {
  const { slug } = useParams();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const list = useInfiniteQuery(
    trpc.notifications.list.infiniteQueryOptions(
      { perPage: PER_PAGE, unreadOnly },
      { getNextPageParam: (page) => page.pagination.next_cursor ?? undefined },
    ),
  );
  const unread = useQuery(trpc.notifications.unreadCount.queryOptions());
  const afterChange = (count: number) => {
    queryClient.setQueryData(trpc.notifications.unreadCount.queryKey(), (old) =>
      old ? { ...old, count } : old,
    );
    return queryClient.invalidateQueries({ queryKey: trpc.notifications.list.pathKey() });
  };
  const markRead = useMutation(
    trpc.notifications.markRead.mutationOptions({ onSuccess: (data) => afterChange(data.count) }),
  );
  const markAll = useMutation(
    trpc.notifications.markAllRead.mutationOptions({ onSuccess: () => afterChange(0) }),
  );
  const items = list.data?.pages.flatMap((page) => page.data) ?? [];
  const count = unread.data?.count ?? 0;
  return (
    <section aria-labelledby="sd-inbox-title">
      <div className="sd-page-header sd-row">
        <div>
          <h1 id="sd-inbox-title">Notifications</h1>
          <div className="sd-page-intro">{count > 0 ? `${count} unread` : "Nothing unread."}</div>
        </div>
        <div className="sd-row-actions">
          <label className="sd-check">
            <input
              type="checkbox"
              checked={unreadOnly}
              onChange={(event) => setUnreadOnly(event.target.checked)}
            />
            Unread only
          </label>
          <Button
            type="button"
            variant="secondary"
            busy={markAll.isPending}
            disabled={count === 0}
            onClick={() => markAll.mutate()}
          >
            Mark all read
          </Button>
        </div>
      </div>
      <InlineError message={markAll.error ? errorMessage(markAll.error) : null} />
      {list.isPending ? (
        <Spinner label="Loading notifications" />
      ) : list.isError ? (
        <ErrorState message={errorMessage(list.error)} onRetry={() => list.refetch()} />
      ) : items.length === 0 ? (
        <EmptyState title={unreadOnly ? "No unread notifications" : "No notifications yet"}>
          New tickets, replies and assignments that concern you show up here.
        </EmptyState>
      ) : (
        <>
          <ul className="card sd-notification-list sd-notification-page-list">
            {items.map((item) => (
              <NotificationLink
                key={item.id}
                item={item}
                href={ticketHref(slug, item)}
                onOpen={() => {
                  if (!item.readAt) markRead.mutate({ ids: [item.id] });
                }}
              />
            ))}
          </ul>
          <div className="sd-load-more">
            {list.hasNextPage ? (
              <Button
                type="button"
                variant="secondary"
                busy={list.isFetchingNextPage}
                onClick={() => list.fetchNextPage()}
              >
                Load more
              </Button>
            ) : null}
            {list.isFetchNextPageError ? (
              <InlineError message="Could not load more notifications. Try again." />
            ) : null}
          </div>
        </>
      )}
    </section>
  );
}

type Preference = RouterOutputs["notifications"]["preferences"]["get"]["data"][number];

function Preferences() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const prefs = useQuery(trpc.notifications.preferences.get.queryOptions());
  const [saved, setSaved] = useState<string | null>(null);
  const update = useMutation(
    trpc.notifications.preferences.update.mutationOptions({
      onMutate: async ({ preferences }) => {
        setSaved(null);
        // Optimistic: the box changes at once; put back on failure.
        const key = trpc.notifications.preferences.get.queryKey();
        await queryClient.cancelQueries({ queryKey: key });
        const before = queryClient.getQueryData(key);
        queryClient.setQueryData(key, (old) =>
          old
            ? {
                ...old,
                data: old.data.map((p) => {
                  const next = preferences.find((n) => n.eventType === p.eventType);
                  return next ? { ...p, ...next, isDefault: false } : p;
                }),
              }
            : old,
        );
        return { before };
      },
      onError: (_error, _input, context) => {
        if (context?.before) {
          queryClient.setQueryData(trpc.notifications.preferences.get.queryKey(), context.before);
        }
      },
      onSuccess: () => setSaved("Saved."),
      onSettled: () =>
        queryClient.invalidateQueries({ queryKey: trpc.notifications.preferences.pathKey() }),
    }),
  );
  const change = (pref: Preference, channel: "inApp" | "email", value: boolean) =>
    update.mutate({
      preferences: [
        {
          eventType: pref.eventType,
          inApp: channel === "inApp" ? value : pref.inApp,
          email: channel === "email" ? value : pref.email,
        },
      ],
    });
  return (
    <section aria-label="Notification preferences" className="sd-prefs">
      <PageHeader title="Preferences">
        Choose how you hear about each kind of event in this organisation.
      </PageHeader>
      {prefs.isPending ? (
        <Spinner label="Loading preferences" />
      ) : prefs.isError ? (
        <ErrorState message={errorMessage(prefs.error)} onRetry={() => prefs.refetch()} />
      ) : (
        <div className="card sd-table-card">
          <table className="sd-table sd-prefs-table">
            <caption className="visually-hidden">Notification preferences</caption>
            <thead>
              <tr>
                <th scope="col">Event</th>
                <th scope="col" className="sd-center">
                  In app
                </th>
                <th scope="col" className="sd-center">
                  Email
                </th>
              </tr>
            </thead>
            <tbody>
              {(prefs.data.data as Preference[]).map((pref) => {
                const name = TYPE_LABEL[pref.eventType] ?? pref.eventType;
                return (
                  <tr key={pref.eventType}>
                    <th scope="row" id={`sd-pref-${pref.eventType}`}>
                      <span className="sd-pref-name">{name}</span>
                      <span className="sd-muted sd-small-text">{pref.description}</span>
                    </th>
                    <td className="sd-center" data-label="In app">
                      <input
                        type="checkbox"
                        aria-label="In app"
                        aria-describedby={`sd-pref-${pref.eventType}`}
                        checked={pref.inApp}
                        onChange={(event) => change(pref, "inApp", event.target.checked)}
                      />
                    </td>
                    <td className="sd-center" data-label="Email">
                      <input
                        type="checkbox"
                        aria-label="Email"
                        aria-describedby={`sd-pref-${pref.eventType}`}
                        checked={pref.email}
                        onChange={(event) => change(pref, "email", event.target.checked)}
                      />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <div className="sd-actions">
        <InlineError message={update.error ? errorMessage(update.error) : null} />
        <span role="status" className="sd-saved">
          {saved ?? ""}
        </span>
      </div>
    </section>
  );
}

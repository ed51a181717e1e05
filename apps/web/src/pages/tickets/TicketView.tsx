// One ticket: its header, the thread with the composer, and its properties beside them.
import { useQuery } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { Link, useParams } from "react-router";
import { errorMessage, useTRPC } from "../../lib/trpc";
import { useCurrentTenant } from "../../lib/use-session";
import { EmptyState, ErrorState, Spinner } from "../../ui";
import { TicketPresence } from "./PresenceBar";
import { isNotFound, PriorityLabel, StatusBadge, Time } from "./shared";
import { ComposerForRole, Message } from "./Thread";
import { TicketActions } from "./TicketActions";
import { Properties } from "./TicketProperties";
import { TicketShortcuts } from "./TicketShortcuts";

export function TicketPage() {
  const { slug, id = "" } = useParams();
  const trpc = useTRPC();
  const tenant = useCurrentTenant();
  const ticket = useQuery(trpc.tickets.get.queryOptions({ id }));
  const threadEnd = useRef<HTMLDivElement>(null);
  const count = ticket.data?.messages.length ?? 0;

  useEffect(() => {
    if (ticket.data) document.title = `#${ticket.data.number} ${ticket.data.subject} · SupportDesk`;
  }, [ticket.data]);
  // After a new message arrives (not on first load), bring the end of the thread into view.
  const seen = useRef(0);
  useEffect(() => {
    if (seen.current && count > seen.current)
      threadEnd.current?.scrollIntoView({ block: "nearest" });
    seen.current = count;
  }, [count]);

  const back = (
    <Link to={`/t/${slug}/tickets`} className="back-link">
      ← All tickets
    </Link>
  );
  if (ticket.isPending) return <Spinner label="Loading ticket" />;
  if (ticket.isError) {
    if (isNotFound(ticket.error)) {
      return (
        <EmptyState title={`This ticket does not exist in ${tenant?.name ?? slug}`}>
          <p>It may have been deleted, or the link points to another organisation.</p>
          <Link to={`/t/${slug}/tickets`}>Back to tickets</Link>
        </EmptyState>
      );
    }
    return (
      <>
        {back}
        <ErrorState message={errorMessage(ticket.error)} onRetry={() => void ticket.refetch()} />
      </>
    );
  }
  const t = ticket.data;
  return (
    <article className="ticket-view" aria-labelledby="ticket-title">
      {back}
      <header className="ticket-header">
        <h1 id="ticket-title">
          <span className="muted">#{t.number}</span> {t.subject}
        </h1>
        <TicketPresence ticketId={t.id} />
        <div className="ticket-meta">
          <StatusBadge status={t.status} />
          <PriorityLabel priority={t.priority} />
          <span className="muted small">
            Opened <Time value={t.createdAt} /> · updated <Time value={t.updatedAt} />
          </span>
          <TicketActions ticket={t} />
        </div>
        <TicketShortcuts ticket={t} />
      </header>
      <div className="ticket-layout">
        <section className="thread" aria-label="Conversation">
          {t.messages.length ? (
            <ol className="msgs">
              {t.messages.map((m) => (
                <Message key={m.id} message={m} />
              ))}
            </ol>
          ) : (
            <EmptyState title="No messages yet" />
          )}
          <div ref={threadEnd} />
          <ComposerForRole ticketId={t.id} />
        </section>
        <Properties ticket={t} />
      </div>
    </article>
  );
}

// One ticket: its properties (status, priority, assignee, tags), the thread, and the composer.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, type KeyboardEvent, useEffect, useId, useRef, useState } from "react";
import { Link, useParams } from "react-router";
import { errorMessage, useTRPC } from "../../lib/trpc";
import { useCan, useCurrentTenant } from "../../lib/use-session";
import { Button, EmptyState, ErrorState, SelectField, Spinner } from "../../ui";
import {
  absoluteTime,
  isNotFound,
  label,
  PRIORITIES,
  PriorityLabel,
  STATUSES,
  StatusBadge,
  type ThreadMessage,
  type TicketDetail,
  Time,
} from "./shared";

type Changes = {
  status?: (typeof STATUSES)[number];
  priority?: (typeof PRIORITIES)[number];
  assigneeId?: string | null;
  tags?: string[];
};

function useUpdateTicket(id: string) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const key = trpc.tickets.get.queryKey({ id });
  return useMutation(
    trpc.tickets.update.mutationOptions({
      // Optimistic: show the change at once, roll back if the server refuses.
      onMutate: async (input) => {
        await queryClient.cancelQueries({ queryKey: key });
        const previous = queryClient.getQueryData(key);
        if (previous) {
          const { id: _id, ...changes } = input;
          queryClient.setQueryData(key, {
            ...previous,
            ...Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)),
          });
        }
        return { previous };
      },
      onError: (_error, _input, context) => {
        if (context?.previous) queryClient.setQueryData(key, context.previous);
      },
      onSettled: () =>
        Promise.all([
          queryClient.invalidateQueries({ queryKey: key }),
          queryClient.invalidateQueries({ queryKey: trpc.tickets.list.pathKey() }),
        ]),
    }),
  );
}

function TagEditor({
  tags,
  onChange,
  disabled,
}: {
  tags: string[];
  onChange: (tags: string[]) => void;
  disabled: boolean;
}) {
  const id = useId();
  const [text, setText] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const add = (event: FormEvent) => {
    event.preventDefault();
    const tag = text.trim().toLowerCase();
    if (!tag) return;
    if (!/^[a-z0-9][a-z0-9 _-]*$/.test(tag) || tag.length > 40) {
      setProblem("Tags may hold letters, digits, spaces, - and _ (up to 40).");
      return;
    }
    setProblem(null);
    setText("");
    if (!tags.includes(tag)) onChange([...tags, tag]);
  };
  return (
    <div className="field">
      <span className="field-label">Tags</span>
      {tags.length ? (
        <ul className="tag-list" aria-label="Tags">
          {tags.map((tag) => (
            <li key={tag} className="tag">
              {tag}
              <button
                type="button"
                aria-label={`Remove tag ${tag}`}
                disabled={disabled}
                onClick={() => onChange(tags.filter((t) => t !== tag))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <span className="muted">No tags</span>
      )}
      <form className="tag-add" onSubmit={add}>
        <label htmlFor={id} className="visually-hidden">
          Add tag
        </label>
        <input
          id={id}
          placeholder="Add a tag"
          value={text}
          maxLength={40}
          aria-invalid={problem ? true : undefined}
          onChange={(event) => setText(event.target.value)}
        />
        <Button type="submit" variant="secondary" disabled={disabled || !text.trim()}>
          Add
        </Button>
      </form>
      {problem ? (
        <div className="error" role="alert">
          {problem}
        </div>
      ) : null}
    </div>
  );
}

function Properties({ ticket }: { ticket: TicketDetail }) {
  const trpc = useTRPC();
  const canWrite = useCan("member");
  const members = useQuery(
    trpc.tenants.members.list.queryOptions(undefined, { staleTime: 60_000 }),
  );
  const agents = (members.data ?? []).filter((m) => m.role !== "viewer");
  const assignee = members.data?.find((m) => m.userId === ticket.assigneeId);
  const customer = useQuery({
    ...trpc.customers.get.queryOptions({ id: ticket.customerId ?? "" }),
    enabled: Boolean(ticket.customerId),
  });
  const update = useUpdateTicket(ticket.id);
  const { slug } = useParams();
  const change = (changes: Changes) => update.mutate({ id: ticket.id, ...changes });

  const customerBlock = (
    <div className="prop">
      <span className="field-label">Customer</span>
      {ticket.customerId ? (
        customer.data ? (
          <span>
            <Link to={`/t/${slug}/customers/${customer.data.id}`}>{customer.data.name}</Link>
            <br />
            <span className="muted small">{customer.data.email}</span>
          </span>
        ) : (
          <span className="muted">…</span>
        )
      ) : (
        <span className="muted">None</span>
      )}
    </div>
  );

  if (!canWrite) {
    // Viewers: read-only values, and why there is nothing to change.
    return (
      <aside className="ticket-props card" aria-label="Ticket properties">
        <p className="hint readonly-note">
          You have view-only access, so this ticket can't be changed here.
        </p>
        <dl>
          <dt>Status</dt>
          <dd>
            <StatusBadge status={ticket.status} />
          </dd>
          <dt>Priority</dt>
          <dd>
            <PriorityLabel priority={ticket.priority} />
          </dd>
          <dt>Assignee</dt>
          <dd>{assignee?.name ?? (ticket.assigneeId ? "…" : "Unassigned")}</dd>
          <dt>Tags</dt>
          <dd>
            {ticket.tags.length ? ticket.tags.join(", ") : <span className="muted">None</span>}
          </dd>
        </dl>
        {customerBlock}
      </aside>
    );
  }

  return (
    <aside className="ticket-props card" aria-label="Ticket properties">
      <SelectField
        label="Status"
        value={ticket.status}
        onChange={(event) => change({ status: event.target.value as Changes["status"] })}
      >
        {STATUSES.map((s) => (
          <option key={s} value={s}>
            {label(s)}
          </option>
        ))}
      </SelectField>
      <SelectField
        label="Priority"
        value={ticket.priority}
        onChange={(event) => change({ priority: event.target.value as Changes["priority"] })}
      >
        {PRIORITIES.map((p) => (
          <option key={p} value={p}>
            {label(p)}
          </option>
        ))}
      </SelectField>
      <SelectField
        label="Assignee"
        value={ticket.assigneeId ?? ""}
        onChange={(event) => change({ assigneeId: event.target.value || null })}
        disabled={members.isPending}
      >
        <option value="">Unassigned</option>
        {agents.map((m) => (
          <option key={m.userId} value={m.userId}>
            {m.name}
          </option>
        ))}
        {ticket.assigneeId && !agents.some((m) => m.userId === ticket.assigneeId) ? (
          <option value={ticket.assigneeId}>{assignee?.name ?? "Former member"}</option>
        ) : null}
      </SelectField>
      <TagEditor tags={ticket.tags} disabled={false} onChange={(tags) => change({ tags })} />
      {customerBlock}
      <div aria-live="polite" className="save-state">
        {update.isPending ? (
          <span className="muted">Saving…</span>
        ) : update.isError ? (
          <span className="error">Not saved: {errorMessage(update.error)}</span>
        ) : update.isSuccess ? (
          <span className="muted">Saved</span>
        ) : null}
      </div>
    </aside>
  );
}

function Message({ message }: { message: ThreadMessage }) {
  const kind =
    message.authorType === "system" ? "system" : message.isInternal ? "note" : message.authorType;
  if (kind === "system") {
    return (
      <li className="msg msg-system">
        <span>{message.body}</span> · <Time value={message.createdAt} />
      </li>
    );
  }
  return (
    <li className={`msg msg-${kind}`}>
      <header className="msg-head">
        <span className="avatar" aria-hidden="true">
          {(message.authorName ?? "?").charAt(0).toUpperCase()}
        </span>
        <strong>{message.authorName ?? (kind === "customer" ? "Customer" : "Agent")}</strong>
        {kind === "note" ? (
          <span className="note-label">Internal note</span>
        ) : (
          <span className="muted small">{kind === "customer" ? "Customer" : "Agent"}</span>
        )}
        <span className="muted small msg-time" title={absoluteTime(message.createdAt)}>
          <Time value={message.createdAt} />
        </span>
      </header>
      <div className="msg-body">{message.body}</div>
    </li>
  );
}

function Composer({ ticketId }: { ticketId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const id = useId();
  const [body, setBody] = useState("");
  const [internal, setInternal] = useState(false);
  const send = useMutation(
    trpc.tickets.addMessage.mutationOptions({
      onSuccess: async () => {
        setBody("");
        await Promise.all([
          queryClient.invalidateQueries({ queryKey: trpc.tickets.get.queryKey({ id: ticketId }) }),
          queryClient.invalidateQueries({ queryKey: trpc.tickets.list.pathKey() }),
        ]);
      },
    }),
  );
  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    if (!body.trim() || send.isPending) return;
    send.mutate({ ticketId, body, internal });
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      submit();
    }
  };
  return (
    <form className={`composer card${internal ? " composer-note" : ""}`} onSubmit={submit}>
      <label htmlFor={id} className="field-label">
        Reply
      </label>
      <textarea
        id={id}
        rows={5}
        value={body}
        placeholder={internal ? "Only your team sees notes" : "Write to the customer"}
        aria-describedby={`${id}-hint`}
        onChange={(event) => setBody(event.target.value)}
        onKeyDown={onKeyDown}
      />
      <div className="composer-bar">
        <label className="checkbox">
          <input
            type="checkbox"
            checked={internal}
            onChange={(event) => setInternal(event.target.checked)}
          />
          Internal note
        </label>
        <span id={`${id}-hint`} className="hint">
          Ctrl/⌘ + Enter to send
        </span>
        <Button type="submit" busy={send.isPending} disabled={!body.trim()}>
          {internal ? "Add note" : "Send reply"}
        </Button>
      </div>
      {send.isError ? (
        <div className="error" role="alert">
          {errorMessage(send.error)}
        </div>
      ) : null}
    </form>
  );
}

export function TicketPage() {
  const { slug, id = "" } = useParams();
  const trpc = useTRPC();
  const tenant = useCurrentTenant();
  const canWrite = useCan("member");
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
        <div className="ticket-meta">
          <StatusBadge status={t.status} />
          <PriorityLabel priority={t.priority} />
          <span className="muted small">
            Opened <Time value={t.createdAt} /> · updated <Time value={t.updatedAt} />
          </span>
        </div>
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
          {canWrite ? <Composer ticketId={t.id} /> : null}
        </section>
        <Properties ticket={t} />
      </div>
    </article>
  );
}

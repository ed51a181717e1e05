// A ticket's properties beside its thread: status, priority and tags (`ticket.update`), the
// assignee (`ticket.assign`), the customer (warned of when their address bounces), who is copied on
// replies (`ticket.update` edits), the channel and the customer's links. What the role may not
// change is shown, not offered.
import type { RouterInputs } from "@supportdesk/trpc";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { Link, useParams } from "react-router";
import { assignableMembers, useRoles } from "../../lib/roles";
import { errorMessage, useTRPC } from "../../lib/trpc";
import { useCan } from "../../lib/use-can";
import { SelectField } from "../../ui";
import { BounceNote } from "./BounceNote";
import { CcEditor } from "./CcEditor";
import { CsatRating } from "./CsatRating";
import { ChannelProp, CustomerLinks } from "./CustomerLinks";
import { CustomFields } from "./CustomFields";
import { SlaBadge } from "./SlaBadge";
import {
  label,
  PRIORITIES,
  type Priority,
  PriorityLabel,
  STATUSES,
  type Status,
  StatusBadge,
  type TicketDetail,
} from "./shared";
import { TagEditor } from "./TagEditor";
import { TeamProp } from "./TeamProp";

type Changes = Omit<RouterInputs["tickets"]["update"], "id">;

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

/** A property the user may see but not change. */
function Prop({ name, children }: { name: string; children: ReactNode }) {
  return (
    <div className="prop">
      <span className="field-label">{name}</span>
      <span>{children}</span>
    </div>
  );
}

function CustomerProp({ customerId }: { customerId: string | null }) {
  const trpc = useTRPC();
  const { slug } = useParams();
  const customer = useQuery({
    ...trpc.customers.get.queryOptions({ id: customerId ?? "" }),
    enabled: Boolean(customerId),
  });
  if (!customerId) return <Prop name="Customer">None</Prop>;
  return (
    <Prop name="Customer">
      {customer.data ? (
        <>
          <Link to={`/t/${slug}/customers/${customer.data.id}`}>{customer.data.name}</Link>
          <br />
          <span className="muted small">{customer.data.email}</span>
          <BounceNote customerId={customerId} />
        </>
      ) : (
        <span className="muted">…</span>
      )}
    </Prop>
  );
}

export function Properties({ ticket }: { ticket: TicketDetail }) {
  const trpc = useTRPC();
  const canUpdate = useCan("ticket.update");
  const canAssign = useCan("ticket.assign");
  const members = useQuery(
    trpc.tenants.members.list.queryOptions(undefined, { staleTime: 60_000 }),
  );
  const roles = useRoles();
  const agents = assignableMembers(members.data ?? [], roles.data);
  const assignee = members.data?.find((m) => m.userId === ticket.assigneeId);
  const update = useUpdateTicket(ticket.id);
  const change = (changes: Changes) => update.mutate({ id: ticket.id, ...changes });

  return (
    <aside className="ticket-props card" aria-label="Ticket properties">
      {canUpdate || canAssign ? null : (
        <p className="hint readonly-note">
          You have view-only access, so this ticket can't be changed here.
        </p>
      )}
      {canUpdate ? (
        <>
          <SelectField
            label="Status"
            value={ticket.status}
            onChange={(event) => change({ status: event.target.value as Status })}
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
            onChange={(event) => change({ priority: event.target.value as Priority })}
          >
            {PRIORITIES.map((p) => (
              <option key={p} value={p}>
                {label(p)}
              </option>
            ))}
          </SelectField>
        </>
      ) : (
        <>
          <Prop name="Status">
            <StatusBadge status={ticket.status} />
          </Prop>
          <Prop name="Priority">
            <PriorityLabel priority={ticket.priority} />
          </Prop>
        </>
      )}
      {canAssign ? (
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
      ) : (
        <Prop name="Assignee">{assignee?.name ?? (ticket.assigneeId ? "…" : "Unassigned")}</Prop>
      )}
      {canUpdate ? (
        <TagEditor tags={ticket.tags} disabled={false} onChange={(tags) => change({ tags })} />
      ) : (
        <Prop name="Tags">
          {ticket.tags.length ? ticket.tags.join(", ") : <span className="muted">None</span>}
        </Prop>
      )}
      <SlaBadge ticket={ticket} />
      <TeamProp ticket={ticket} />
      <CustomFields ticket={ticket} />
      <CustomerProp customerId={ticket.customerId} />
      <CcEditor ticketId={ticket.id} ccs={ticket.ccs} />
      <ChannelProp channel={ticket.channel} />
      <CsatRating ticket={ticket} />
      {ticket.customerId ? <CustomerLinks ticketId={ticket.id} /> : null}
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

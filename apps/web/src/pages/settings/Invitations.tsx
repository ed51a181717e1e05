// Invitations: invite by email with a role; resend or revoke pending ones.
import type { RouterOutputs } from "@supportdesk/trpc";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { errorMessage, useTRPC } from "../../lib/trpc";
import { Badge, Button, EmptyState, ErrorState, Field, SelectField, Spinner } from "../../ui";
import { RoleOptions, useGrantableRoles } from "./role-options";
import { Ago, ConfirmButton, InlineError, messageFor, PageHeader, When } from "./shared";

type Invitation = RouterOutputs["invitations"]["list"][number];

const STATUS_TONE: Record<string, string> = {
  pending: "pending",
  accepted: "resolved",
  expired: "closed",
  revoked: "urgent",
};

export function InvitationsPage() {
  const trpc = useTRPC();
  const list = useQuery(trpc.invitations.list.queryOptions());
  return (
    <>
      <PageHeader title="Invitations">
        Invite people by email. The link in the invitation is valid for 7 days.
      </PageHeader>
      <InviteForm />
      <h3 className="sd-subheading">Sent invitations</h3>
      {list.isPending ? (
        <Spinner label="Loading invitations" />
      ) : list.isError ? (
        <ErrorState message={errorMessage(list.error)} onRetry={() => list.refetch()} />
      ) : list.data.length === 0 ? (
        <EmptyState title="No invitations yet">
          Invite a colleague above; they will show up here until they accept.
        </EmptyState>
      ) : (
        <div className="card sd-table-card">
          <table className="sd-table">
            <caption className="visually-hidden">Sent invitations</caption>
            <thead>
              <tr>
                <th scope="col">Email</th>
                <th scope="col">Role</th>
                <th scope="col">Status</th>
                <th scope="col">Expires</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.data.map((invitation) => (
                <InvitationRow key={invitation.id} invitation={invitation} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

function InviteForm() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { grantable } = useGrantableRoles();
  const [email, setEmail] = useState("");
  const [role, setRole] = useState("member");
  const [sent, setSent] = useState<string | null>(null);
  const create = useMutation(
    trpc.invitations.create.mutationOptions({
      onSuccess: (_data, input) => {
        setSent(input.email);
        setEmail("");
        return queryClient.invalidateQueries({ queryKey: trpc.invitations.list.queryKey() });
      },
    }),
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSent(null);
    create.mutate({ email: email.trim(), role });
  };
  const emailError = messageFor(create.error, "email");
  const roleError = messageFor(create.error, "role");
  return (
    <form className="card sd-form sd-inline-form" onSubmit={submit} noValidate>
      <div className="sd-grow">
        <Field
          label="Email"
          type="email"
          autoComplete="off"
          placeholder="name@example.com"
          required
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          error={emailError}
        />
      </div>
      <SelectField
        label="Role"
        value={role}
        onChange={(event) => setRole(event.target.value)}
        error={roleError}
      >
        <RoleOptions roles={grantable} />
      </SelectField>
      <div className="sd-form-end">
        <Button type="submit" busy={create.isPending} disabled={!email.trim()}>
          Send invitation
        </Button>
      </div>
      <div className="sd-form-feedback">
        {create.error && !emailError && !roleError ? (
          <InlineError message={errorMessage(create.error)} />
        ) : null}
        <span role="status" className="sd-saved">
          {sent ? `Invitation sent to ${sent}.` : ""}
        </span>
      </div>
    </form>
  );
}

function InvitationRow({ invitation }: { invitation: Invitation }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);
  const refresh = () =>
    queryClient.invalidateQueries({ queryKey: trpc.invitations.list.queryKey() });
  const resend = useMutation(
    trpc.invitations.resend.mutationOptions({
      onMutate: () => setNote(null),
      onSuccess: () => {
        setNote({ ok: true, text: `Sent again to ${invitation.email}.` });
        return refresh();
      },
      onError: (e) => setNote({ ok: false, text: errorMessage(e) }),
    }),
  );
  const revoke = useMutation(
    trpc.invitations.revoke.mutationOptions({
      onMutate: () => setNote(null),
      onSuccess: refresh,
      onError: (e) => setNote({ ok: false, text: errorMessage(e) }),
    }),
  );
  const open = invitation.status === "pending" || invitation.status === "expired";
  return (
    <>
      <tr>
        <th scope="row" data-label="Email">
          {invitation.email}
          <div className="sd-muted sd-small-text">
            Sent <Ago value={invitation.createdAt} />
          </div>
        </th>
        <td data-label="Role">{invitation.roleName}</td>
        <td data-label="Status">
          <Badge tone={STATUS_TONE[invitation.status] ?? "neutral"}>{invitation.status}</Badge>
        </td>
        <td data-label="Expires">
          {invitation.status === "pending" ? <When value={invitation.expiresAt} /> : "—"}
        </td>
        <td className="sd-row-actions">
          {open ? (
            <Button
              type="button"
              variant="secondary"
              className="btn btn-secondary sd-small"
              busy={resend.isPending}
              aria-label={`Resend invitation to ${invitation.email}`}
              onClick={() => resend.mutate({ id: invitation.id })}
            >
              Resend
            </Button>
          ) : null}
          {invitation.status === "pending" ? (
            <ConfirmButton
              label="Revoke"
              aria-label={`Revoke invitation to ${invitation.email}`}
              question="Revoke this invitation?"
              confirmLabel="Revoke"
              variant="ghost"
              busy={revoke.isPending}
              onConfirm={() => revoke.mutate({ id: invitation.id })}
            />
          ) : null}
        </td>
      </tr>
      {note ? (
        <tr className="sd-row-error">
          <td colSpan={5}>
            {note.ok ? (
              <span role="status" className="sd-saved">
                {note.text}
              </span>
            ) : (
              <InlineError message={note.text} />
            )}
          </td>
        </tr>
      ) : null}
    </>
  );
}

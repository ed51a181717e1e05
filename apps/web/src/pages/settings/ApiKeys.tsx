// API keys: create one (its secret shown once), list them, revoke.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { errorMessage, useTRPC } from "../../lib/trpc";
import { Badge, Button, EmptyState, ErrorState, Field, SelectField, Spinner } from "../../ui";
import {
  Ago,
  ConfirmButton,
  InlineError,
  messageFor,
  PageHeader,
  ROLE_LABEL,
  When,
} from "./shared";

type KeyRole = "admin" | "member" | "viewer";

export function ApiKeysPage() {
  const trpc = useTRPC();
  const list = useQuery(trpc.apiKeys.list.queryOptions());
  const [created, setCreated] = useState<{ name: string; key: string } | null>(null);
  return (
    <>
      <PageHeader title="API keys">
        Keys let integrations call the SupportDesk API on behalf of this organisation.
      </PageHeader>
      {created ? (
        <NewKey name={created.name} secret={created.key} onDone={() => setCreated(null)} />
      ) : (
        <CreateKeyForm onCreated={setCreated} />
      )}
      <h3 className="sd-subheading">Keys</h3>
      {list.isPending ? (
        <Spinner label="Loading API keys" />
      ) : list.isError ? (
        <ErrorState message={errorMessage(list.error)} onRetry={() => list.refetch()} />
      ) : list.data.length === 0 ? (
        <EmptyState title="No API keys yet">
          Create one above for your first integration.
        </EmptyState>
      ) : (
        <div className="card sd-table-card">
          <table className="sd-table">
            <caption className="visually-hidden">API keys</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Prefix</th>
                <th scope="col">Role</th>
                <th scope="col">Last used</th>
                <th scope="col">Expires</th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.data.map((key) => (
                <KeyRow key={key.id} apiKey={key} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

function CreateKeyForm({
  onCreated,
}: {
  onCreated: (created: { name: string; key: string }) => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [name, setName] = useState("");
  const [role, setRole] = useState<KeyRole>("member");
  const [expires, setExpires] = useState("");
  const create = useMutation(
    trpc.apiKeys.create.mutationOptions({
      onSuccess: (data) => {
        onCreated({ name: data.name, key: data.key });
        return queryClient.invalidateQueries({ queryKey: trpc.apiKeys.list.queryKey() });
      },
    }),
  );
  const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate({
      name: name.trim(),
      role,
      // The end of the chosen day, local time.
      ...(expires ? { expiresAt: new Date(`${expires}T23:59:59`) } : {}),
    });
  };
  const nameError = messageFor(create.error, "name");
  const roleError = messageFor(create.error, "role");
  const expiresError = messageFor(create.error, "expiresAt");
  return (
    <form className="card sd-form sd-inline-form" onSubmit={submit} noValidate>
      <div className="sd-grow">
        <Field
          label="Name"
          placeholder="e.g. CRM sync"
          value={name}
          maxLength={100}
          required
          onChange={(event) => setName(event.target.value)}
          error={nameError}
        />
      </div>
      <SelectField
        label="Role"
        value={role}
        onChange={(event) => setRole(event.target.value as KeyRole)}
        error={roleError}
      >
        <option value="admin">Admin</option>
        <option value="member">Member</option>
        <option value="viewer">Viewer</option>
      </SelectField>
      <Field
        label="Expires (optional)"
        type="date"
        min={tomorrow}
        value={expires}
        onChange={(event) => setExpires(event.target.value)}
        error={expiresError}
      />
      <div className="sd-form-end">
        <Button type="submit" busy={create.isPending} disabled={!name.trim()}>
          Create key
        </Button>
      </div>
      {create.error && !nameError && !roleError && !expiresError ? (
        <div className="sd-form-feedback">
          <InlineError message={errorMessage(create.error)} />
        </div>
      ) : null}
    </form>
  );
}

function NewKey({ name, secret, onDone }: { name: string; secret: string; onDone: () => void }) {
  const [copied, setCopied] = useState<"yes" | "no" | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied("yes");
    } catch {
      setCopied("no");
    }
  };
  return (
    <section className="card sd-new-key" aria-labelledby="sd-new-key-title">
      <h3 id="sd-new-key-title">Key “{name}” created</h3>
      <p className="sd-warning" role="alert">
        Copy this key now — you won't see it again. Store it somewhere safe, like a secrets manager.
      </p>
      <div className="sd-secret">
        <input
          aria-label="New API key"
          readOnly
          value={secret}
          onFocus={(event) => event.currentTarget.select()}
          spellCheck={false}
        />
        <Button type="button" variant="secondary" onClick={copy}>
          Copy
        </Button>
      </div>
      <span role="status" className="sd-saved">
        {copied === "yes"
          ? "Copied to the clipboard."
          : copied === "no"
            ? "Could not copy; select the key and copy it yourself."
            : ""}
      </span>
      <div className="sd-actions">
        <Button type="button" onClick={onDone}>
          I've saved it
        </Button>
      </div>
    </section>
  );
}

type ApiKey = {
  id: string;
  name: string;
  prefix: string;
  role: KeyRole | "owner";
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
};

function KeyRow({ apiKey }: { apiKey: ApiKey }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const revoke = useMutation(
    trpc.apiKeys.revoke.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.apiKeys.list.queryKey() }),
    }),
  );
  const expired = apiKey.expiresAt ? new Date(apiKey.expiresAt).getTime() <= Date.now() : false;
  return (
    <>
      <tr className={apiKey.revokedAt ? "sd-row-dim" : undefined}>
        <th scope="row" data-label="Name">
          {apiKey.name}
        </th>
        <td data-label="Prefix">
          <code>sdk_{apiKey.prefix}_…</code>
        </td>
        <td data-label="Role">{ROLE_LABEL[apiKey.role]}</td>
        <td data-label="Last used">
          {apiKey.lastUsedAt ? (
            <Ago value={apiKey.lastUsedAt} />
          ) : (
            <span className="sd-muted">Never</span>
          )}
        </td>
        <td data-label="Expires">
          <When value={apiKey.expiresAt} empty="Never" />
        </td>
        <td data-label="Status">
          {apiKey.revokedAt ? (
            <Badge tone="urgent">
              Revoked <When value={apiKey.revokedAt} />
            </Badge>
          ) : expired ? (
            <Badge tone="closed">Expired</Badge>
          ) : (
            <Badge tone="resolved">Active</Badge>
          )}
        </td>
        <td className="sd-row-actions">
          {apiKey.revokedAt ? null : (
            <ConfirmButton
              label="Revoke"
              aria-label={`Revoke ${apiKey.name}`}
              question="Revoke this key? Integrations using it stop working at once."
              confirmLabel="Revoke"
              variant="ghost"
              busy={revoke.isPending}
              onConfirm={() => revoke.mutate({ id: apiKey.id })}
            />
          )}
        </td>
      </tr>
      {revoke.error ? (
        <tr className="sd-row-error">
          <td colSpan={7}>
            <InlineError message={errorMessage(revoke.error)} />
          </td>
        </tr>
      ) : null}
    </>
  );
}

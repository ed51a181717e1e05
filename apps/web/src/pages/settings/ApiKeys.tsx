// API keys: create one (its secret shown once), list them, revoke.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { errorMessage, useTRPC } from "../../lib/trpc";
import { Button, EmptyState, ErrorState, Field, SelectField, Spinner } from "../../ui";
import { KeyRow } from "./ApiKeyRow";
import { NewKey } from "./NewApiKey";
import { RoleOptions, useGrantableRoles } from "./role-options";
import { InlineError, messageFor, PageHeader } from "./shared";

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
                <th scope="col">Created by</th>
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
  const { grantable } = useGrantableRoles({ keys: true });
  const [role, setRole] = useState("member");
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
        onChange={(event) => setRole(event.target.value)}
        error={roleError}
      >
        <RoleOptions roles={grantable} />
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

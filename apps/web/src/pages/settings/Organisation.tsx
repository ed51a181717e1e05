// Organisation: name and branding (admins); delete (owners, typing the slug to confirm).
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useNavigate } from "react-router";
import { getSession, setTenants } from "../../lib/session";
import { errorMessage, useTRPC } from "../../lib/trpc";
import { useCan } from "../../lib/use-can";
import { useSavedFlag } from "../../lib/use-saved-flag";
import { Button, ErrorState, Field, Spinner } from "../../ui";
import { InlineError, messageFor, PageHeader } from "./shared";

const FIELDS = ["name", "displayName", "primaryColor", "logoUrl"];

type Form = { name: string; displayName: string; primaryColor: string; logoUrl: string };

export function OrganisationPage() {
  const trpc = useTRPC();
  const current = useQuery(trpc.tenants.current.queryOptions());
  if (current.isPending) return <Spinner label="Loading organisation" />;
  if (current.isError) {
    return <ErrorState message={errorMessage(current.error)} onRetry={() => current.refetch()} />;
  }
  const branding: { displayName?: string; primaryColor?: string; logoUrl?: string } =
    current.data.settings.branding ?? {};
  return (
    <>
      <PageHeader title="Organisation">
        How your organisation appears to your team and your customers.
      </PageHeader>
      <OrganisationForm
        key={current.data.id}
        initial={{
          name: current.data.name,
          displayName: branding.displayName ?? "",
          primaryColor: branding.primaryColor ?? "#3b5bdb",
          logoUrl: branding.logoUrl ?? "",
        }}
      />
      <DangerZone slug={current.data.slug} name={current.data.name} />
    </>
  );
}

function OrganisationForm({ initial }: { initial: Form }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [form, setForm] = useState(initial);
  const [saved, setSaved] = useSavedFlag();
  const [nameMissing, setNameMissing] = useState(false);
  const update = useMutation(
    trpc.tenants.update.mutationOptions({
      onSuccess: (tenant) => {
        queryClient.setQueryData(trpc.tenants.current.queryKey(), tenant);
        const session = getSession();
        if (session) {
          setTenants(
            session.tenants.map((t) => (t.id === tenant.id ? { ...t, name: tenant.name } : t)),
          );
        }
        setSaved(true);
      },
    }),
  );
  const fieldError = (name: string) => messageFor(update.error, name);
  const set = (key: keyof Form) => (event: { target: { value: string } }) => {
    setSaved(false);
    setForm((f) => ({ ...f, [key]: event.target.value }));
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    // Said here at once, without a round trip (the server says "name: is required" too).
    setNameMissing(!form.name.trim());
    if (!form.name.trim()) return;
    update.mutate({
      name: form.name,
      branding: {
        // Emptied fields are cleared (null), back to the platform's defaults.
        displayName: form.displayName.trim() || null,
        primaryColor: form.primaryColor,
        logoUrl: form.logoUrl.trim() || null,
      },
    });
  };
  return (
    <form className="card sd-form" onSubmit={submit} noValidate>
      <Field
        label="Name"
        value={form.name}
        onChange={set("name")}
        required
        maxLength={100}
        error={nameMissing ? "Enter the organisation's name." : fieldError("name")}
      />
      <Field
        label="Display name"
        hint="Shown to customers in emails and the help centre. Leave empty to use the name."
        value={form.displayName}
        onChange={set("displayName")}
        maxLength={100}
        error={fieldError("displayName")}
      />
      <div className="sd-color-row">
        <Field
          label="Primary colour"
          type="color"
          value={form.primaryColor}
          onChange={set("primaryColor")}
          error={fieldError("primaryColor")}
        />
        <code className="sd-color-value" aria-hidden="true">
          {form.primaryColor}
        </code>
      </div>
      <div className="sd-logo-row">
        <Field
          label="Logo URL"
          type="url"
          placeholder="https://example.com/logo.png"
          hint="An https:// address of a square image."
          value={form.logoUrl}
          onChange={set("logoUrl")}
          error={fieldError("logoUrl")}
        />
        {form.logoUrl.startsWith("https://") ? (
          <img className="sd-logo-preview" src={form.logoUrl} alt="Logo preview" />
        ) : null}
      </div>
      {update.error && !FIELDS.some((f) => fieldError(f)) ? (
        <InlineError message={errorMessage(update.error)} />
      ) : null}
      <div className="sd-actions">
        <Button type="submit" busy={update.isPending}>
          Save changes
        </Button>
        <span role="status" className="sd-saved">
          {saved ? "Saved." : ""}
        </span>
      </div>
    </form>
  );
}

function DangerZone({ slug, name }: { slug: string; name: string }) {
  const canDelete = useCan("tenant.delete");
  const trpc = useTRPC();
  const navigate = useNavigate();
  const [confirmSlug, setConfirmSlug] = useState("");
  const remove = useMutation(
    trpc.tenants.delete.mutationOptions({
      onSuccess: () => {
        const session = getSession();
        if (session) setTenants(session.tenants.filter((t) => t.slug !== slug));
        navigate("/");
      },
    }),
  );
  if (!canDelete) return null;
  return (
    <section className="card sd-danger" aria-labelledby="sd-danger-title">
      <h3 id="sd-danger-title">Danger zone</h3>
      <p>
        Deleting <strong>{name}</strong> removes its tickets, customers, members and settings for
        good. This cannot be undone.
      </p>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          remove.mutate({ confirmSlug });
        }}
      >
        <Field
          label={`Type “${slug}” to confirm`}
          value={confirmSlug}
          onChange={(event) => setConfirmSlug(event.target.value)}
          autoComplete="off"
          spellCheck={false}
          error={remove.error ? errorMessage(remove.error) : null}
        />
        <Button
          type="submit"
          variant="danger"
          busy={remove.isPending}
          disabled={confirmSlug.trim().toLowerCase() !== slug}
        >
          Delete organisation
        </Button>
      </form>
    </section>
  );
}

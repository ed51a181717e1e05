// Settings → Help centre: on/off, language, notice banner and the contact form's inquiry types,
// with a link to the public help centre. Server errors show beside the field they name.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { assignableMembers, useRoles } from "../../../lib/roles";
import { errorMessage, useTRPC } from "../../../lib/trpc";
import { useSavedFlag } from "../../../lib/use-saved-flag";
import { Button, ErrorState, SelectField, Spinner, TextAreaField } from "../../../ui";
import { hasFieldError, InlineError, messageFor, PageHeader } from "../shared";
import { type Form, formOf, languageName, MAX_NOTICE, type Settings, toUpdate } from "./form";
import { InquiryTypes } from "./InquiryTypes";

export function HelpCentrePage() {
  const trpc = useTRPC();
  const settings = useQuery(trpc.helpCentre.settings.get.queryOptions());
  if (settings.isPending) return <Spinner label="Loading help centre settings" />;
  if (settings.isError) {
    return <ErrorState message={errorMessage(settings.error)} onRetry={() => settings.refetch()} />;
  }
  const publicUrl = settings.data.publicPath;
  return (
    <>
      <PageHeader title="Help centre">
        Your public help centre at{" "}
        <a href={publicUrl} target="_blank" rel="noreferrer">
          {publicUrl}
        </a>{" "}
        (opens in a new tab): published articles, search and the contact form.
      </PageHeader>
      <Deflection figures={settings.data.deflection} />
      <HelpCentreForm settings={settings.data} />
    </>
  );
}

/** How the contact form's article suggestions did lately: shown, opened, sent anyway. */
function Deflection({ figures }: { figures: Settings["deflection"] }) {
  const rows = [
    ["Contact forms that suggested articles", figures.shown],
    ["Suggested articles opened", figures.clicked],
    ["Requests sent anyway after suggestions", figures.submitted],
  ] as const;
  return (
    <section className="card sd-hc-deflection" aria-labelledby="hc-deflection">
      <h2 id="hc-deflection">Contact form, last {figures.days} days</h2>
      <dl className="sd-figures">
        {rows.map(([name, value]) => (
          <div key={name}>
            <dt>{name}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

function HelpCentreForm({ settings }: { settings: Settings }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [form, setForm] = useState<Form>(() => formOf(settings));
  const [saved, setSaved] = useSavedFlag();
  const members = useQuery(
    trpc.tenants.members.list.queryOptions(undefined, { staleTime: 60_000 }),
  );
  const roles = useRoles();
  const agents = assignableMembers(members.data ?? [], roles.data);
  const update = useMutation(
    trpc.helpCentre.settings.update.mutationOptions({
      onSuccess: (next) => {
        queryClient.setQueryData(trpc.helpCentre.settings.get.queryKey(), next);
        // New rows now have the server's ids: take them, so the next save keeps them.
        setForm(formOf(next));
        setSaved(true);
      },
    }),
  );
  const change = (next: Form) => {
    setSaved(false);
    setForm(next);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    update.mutate(toUpdate(form));
  };
  const fieldError = (name: string) => messageFor(update.error, name);
  return (
    <form className="card sd-form sd-hc-form" onSubmit={submit} noValidate>
      <label className="sd-check">
        <input
          type="checkbox"
          checked={form.enabled}
          onChange={(event) => change({ ...form, enabled: event.target.checked })}
        />
        Help centre is on
        <span className="sd-small-text sd-muted">
          When off, its pages answer “not found” to everyone.
        </span>
      </label>
      <SelectField
        label="Language"
        hint="The language of your articles: search matches word forms in it."
        value={form.language}
        onChange={(event) => change({ ...form, language: event.target.value })}
        error={fieldError("language")}
      >
        {settings.languages.map((code) => (
          <option key={code} value={code}>
            {languageName(code)}
          </option>
        ))}
      </SelectField>
      <TextAreaField
        label="Notice"
        hint={`An optional banner on every page, in plain text on one line (at most ${MAX_NOTICE} characters). Leave empty for none.`}
        value={form.notice}
        maxLength={MAX_NOTICE}
        rows={2}
        onChange={(event) => change({ ...form, notice: event.target.value.replace(/\n/g, " ") })}
        error={fieldError("notice")}
      />
      <InquiryTypes form={form} onChange={change} agents={agents} error={update.error} />
      {update.error && !hasFieldError(update.error) && !fieldErrorsOf(update.error) ? (
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

/** Whether zod named fields (each shown beside its own control). */
function fieldErrorsOf(error: unknown): boolean {
  const data = (error as { data?: { fieldErrors?: Record<string, string> | null } } | null)?.data;
  return Object.keys(data?.fieldErrors ?? {}).length > 0;
}

// Settings → Satisfaction: surveys on or off, the delay after a resolve, the question and comment
// prompt (with a preview of the email), which inquiry types are surveyed, and the answers so far:
// recent ratings and the average by agent (the latter for those who may read reports).
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { errorMessage, useTRPC } from "../../../lib/trpc";
import { useSavedFlag } from "../../../lib/use-saved-flag";
import { Button, ErrorState, Field, Spinner, TextAreaField } from "../../../ui";
import { hasFieldError, InlineError, messageFor, PageHeader } from "../shared";
import { EmailPreview } from "./EmailPreview";
import {
  delayInWords,
  type Form,
  formOf,
  MAX_DELAY_MINUTES,
  MAX_TEXT,
  type Settings,
  setSurveyed,
  toUpdate,
} from "./form";
import { AverageByAgent, RecentRatings } from "./Ratings";
import "./csat.css";

export function CsatPage() {
  const trpc = useTRPC();
  const settings = useQuery(trpc.csat.settings.get.queryOptions());
  if (settings.isPending) return <Spinner label="Loading survey settings" />;
  if (settings.isError) {
    return <ErrorState message={errorMessage(settings.error)} onRetry={() => settings.refetch()} />;
  }
  return (
    <>
      <PageHeader title="Satisfaction">
        When a ticket is resolved, its customer can be emailed a one-question survey: a rating from
        1 to 5 in one click, and an optional comment on your help centre.
      </PageHeader>
      <CsatForm settings={settings.data} />
      <RecentRatings />
      <AverageByAgent />
    </>
  );
}

function CsatForm({ settings }: { settings: Settings }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [form, setForm] = useState<Form>(() => formOf(settings));
  const [saved, setSaved] = useSavedFlag();
  const update = useMutation(
    trpc.csat.settings.update.mutationOptions({
      onSuccess: (next) => {
        queryClient.setQueryData(trpc.csat.settings.get.queryKey(), next);
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
  const delay = Number(form.delayMinutes);
  const typeError = fieldError("disabledInquiryTypeIds");
  return (
    <form className="card sd-form sd-csat-form" onSubmit={submit} noValidate>
      <label className="sd-check">
        <input
          type="checkbox"
          checked={form.enabled}
          onChange={(event) => change({ ...form, enabled: event.target.checked })}
        />
        Send a survey when a ticket is resolved
        <span className="sd-small-text sd-muted">
          Only tickets with a customer; at most one survey per ticket.
        </span>
      </label>
      <Field
        label="Delay (minutes)"
        hint={`From 0 to ${MAX_DELAY_MINUTES} (a week)${delayInWords(delay) ? `: the survey goes ${delayInWords(delay)}` : ""}. A ticket reopened meanwhile gets no survey.`}
        type="number"
        inputMode="numeric"
        min={0}
        max={MAX_DELAY_MINUTES}
        value={form.delayMinutes}
        onChange={(event) => change({ ...form, delayMinutes: event.target.value })}
        error={fieldError("delayMinutes")}
      />
      <TextAreaField
        label="Question"
        hint={`The email's heading and the survey page's title (at most ${MAX_TEXT} characters).`}
        value={form.question}
        maxLength={MAX_TEXT}
        rows={2}
        onChange={(event) => change({ ...form, question: event.target.value.replace(/\n/g, " ") })}
        error={fieldError("question")}
      />
      <TextAreaField
        label="Comment prompt"
        hint="The label of the optional comment box on the survey page."
        value={form.commentPrompt}
        maxLength={MAX_TEXT}
        rows={2}
        onChange={(event) =>
          change({ ...form, commentPrompt: event.target.value.replace(/\n/g, " ") })
        }
        error={fieldError("commentPrompt")}
      />
      <fieldset className="sd-csat-types">
        <legend>Inquiry types surveyed</legend>
        {settings.inquiryTypes.length === 0 ? (
          <p className="sd-small-text sd-muted">
            Your help centre has no inquiry types: every resolved ticket is surveyed.
          </p>
        ) : (
          settings.inquiryTypes.map((type) => (
            <label key={type.id} className="sd-check">
              <input
                type="checkbox"
                checked={!form.leftOut.includes(type.id)}
                onChange={(event) => change(setSurveyed(form, type.id, event.target.checked))}
              />
              {type.name}
            </label>
          ))
        )}
        {typeError ? <InlineError message={typeError} /> : null}
      </fieldset>
      <EmailPreview question={form.question} labels={settings.ratingLabels} />
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

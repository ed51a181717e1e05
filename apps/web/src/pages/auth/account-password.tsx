// The account page's password change: the current password, a new one; other sessions end.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTRPC } from "../../lib/trpc";
import { Button, Field } from "../../ui";
import { Section } from "./account-parts";
import { type FieldErrors, Notice, serverErrors, useFocusFirstError } from "./shared";

export function ChangePassword() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const { formRef, formErrorRef, bump } = useFocusFirstError();
  const change = useMutation(
    trpc.auth.changePassword.mutationOptions({
      onSuccess: () => {
        setCurrent("");
        setNext("");
        void queryClient.invalidateQueries({ queryKey: trpc.auth.sessions.queryKey() });
      },
      onError: (error) => {
        const { fields, form } = serverErrors(error, {
          currentPassword: "Current password",
          newPassword: "New password",
        });
        setErrors(fields);
        setFormError(form);
        bump();
      },
    }),
  );
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found: FieldErrors = {
      currentPassword: current ? undefined : "Enter your current password.",
      newPassword: next.length >= 8 ? undefined : "Use at least 8 characters.",
    };
    setErrors(found);
    setFormError(null);
    change.reset();
    if (Object.values(found).some(Boolean)) {
      bump();
      return;
    }
    change.mutate({ currentPassword: current, newPassword: next });
  };
  return (
    <Section title="Change password">
      <form ref={formRef} onSubmit={onSubmit} noValidate className="account-form">
        {formError ? (
          <Notice tone="error" focusRef={formErrorRef}>
            {formError}
          </Notice>
        ) : null}
        {change.isSuccess ? (
          <Notice tone="success">
            Password changed. You stay signed in here; your other devices were signed out.
          </Notice>
        ) : null}
        <Field
          label="Current password"
          name="currentPassword"
          type="password"
          autoComplete="current-password"
          value={current}
          onChange={(event) => setCurrent(event.target.value)}
          error={errors.currentPassword}
        />
        <Field
          label="New password"
          name="newPassword"
          type="password"
          autoComplete="new-password"
          hint="At least 8 characters. Your other sessions will end."
          value={next}
          onChange={(event) => setNext(event.target.value)}
          error={errors.newPassword}
        />
        <Button type="submit" busy={change.isPending}>
          Change password
        </Button>
      </form>
    </Section>
  );
}

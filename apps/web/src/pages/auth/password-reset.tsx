// `/forgot-password` (always the same answer, so it tells nobody who has an account) and
// `/reset-password?token=…` (a new password; every session ends).
import { useMutation, useQuery } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Link, useSearchParams } from "react-router";
import { clearSession } from "../../lib/session";
import { useTRPC } from "../../lib/trpc";
import { Button, Field, Spinner } from "../../ui";
import {
  AuthPage,
  type FieldErrors,
  Notice,
  serverErrors,
  useFocusFirstError,
  validEmail,
} from "./shared";

export function ForgotPasswordPage() {
  const trpc = useTRPC();
  const [email, setEmail] = useState("");
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const { formRef, formErrorRef, bump } = useFocusFirstError();
  const request = useMutation(
    trpc.auth.requestPasswordReset.mutationOptions({
      onError: (error) => {
        const { fields, form } = serverErrors(error, { email: "Email" });
        setErrors(fields);
        setFormError(form);
        bump();
      },
    }),
  );

  if (request.isSuccess) {
    return (
      <AuthPage
        title="Check your email"
        intro={
          <p>
            If <strong>{email.trim()}</strong> has an account, a reset link is on its way. It works
            for one hour. Nothing arrived? Check your spam folder, or try again in a few minutes.
          </p>
        }
        footer={<Link to="/login">Back to sign in</Link>}
      >
        <div className="auth-actions">
          <Button variant="secondary" onClick={() => request.reset()}>
            Use another email
          </Button>
        </div>
      </AuthPage>
    );
  }

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setFormError(null);
    if (!validEmail(email)) {
      setErrors({ email: "Enter the email address you signed up with." });
      bump();
      return;
    }
    setErrors({});
    request.mutate({ email: email.trim() });
  };

  return (
    <AuthPage
      title="Reset your password"
      intro="Enter your account's email and we'll send you a link to choose a new password."
      footer={
        <>
          Remembered it? <Link to="/login">Sign in</Link>
        </>
      }
    >
      <form ref={formRef} onSubmit={onSubmit} noValidate>
        {formError ? (
          <Notice tone="error" focusRef={formErrorRef}>
            {formError}
          </Notice>
        ) : null}
        <Field
          label="Email"
          name="email"
          type="email"
          value={email}
          autoComplete="email"
          onChange={(event) => setEmail(event.target.value)}
          error={errors.email}
        />
        <Button type="submit" busy={request.isPending} className="btn-block">
          Send reset link
        </Button>
      </form>
    </AuthPage>
  );
}

export function ResetPasswordPage() {
  const trpc = useTRPC();
  const [params] = useSearchParams();
  const token = params.get("token") ?? "";
  const [password, setPassword] = useState("");
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [linkDead, setLinkDead] = useState(false);
  const { formRef, formErrorRef, bump } = useFocusFirstError();
  // Ask first whether the link still works (asking does not spend it), so a used or expired
  // link says so before anyone types a new password.
  const check = useQuery(
    trpc.auth.checkResetToken.queryOptions(
      { token },
      { enabled: token.length >= 20, retry: 1, staleTime: Number.POSITIVE_INFINITY },
    ),
  );
  const reset = useMutation(
    trpc.auth.resetPassword.mutationOptions({
      // Every session ended, this tab's too.
      onSuccess: () => clearSession(),
      onError: (error) => {
        if (error.data?.field === "token") {
          setLinkDead(true);
          return;
        }
        const { fields, form } = serverErrors(error, { password: "New password" });
        setErrors(fields);
        setFormError(form);
        bump();
      },
    }),
  );

  if (reset.isSuccess) {
    return (
      <AuthPage
        title="Password changed — sign in again"
        intro={
          <p>
            Your new password is set. For your security we signed you out everywhere, on every
            device.
          </p>
        }
      >
        <div className="auth-actions">
          <Link to="/login" className="btn btn-primary">
            Sign in
          </Link>
        </div>
      </AuthPage>
    );
  }

  if (token.length >= 20 && check.isPending) return <Spinner label="Checking your link" />;

  if (token.length < 20 || linkDead || check.data?.valid === false) {
    return (
      <AuthPage
        title="This link didn't work"
        intro={
          <p>
            {token.length < 20
              ? "This reset link is incomplete. Open the link from the email again, or ask for a new one."
              : "This reset link has expired or was already used. Reset links work once, for one hour."}
          </p>
        }
        footer={<Link to="/login">Back to sign in</Link>}
      >
        <div className="auth-actions">
          <Link to="/forgot-password" className="btn btn-primary">
            Request a new link
          </Link>
        </div>
      </AuthPage>
    );
  }

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setFormError(null);
    if (password.length < 8) {
      setErrors({ password: "Use at least 8 characters." });
      bump();
      return;
    }
    setErrors({});
    reset.mutate({ token, password });
  };

  return (
    <AuthPage title="Choose a new password" intro="You'll be signed out on all your devices.">
      <form ref={formRef} onSubmit={onSubmit} noValidate>
        {formError ? (
          <Notice tone="error" focusRef={formErrorRef}>
            {formError}
          </Notice>
        ) : null}
        <Field
          label="New password"
          name="password"
          type="password"
          value={password}
          autoComplete="new-password"
          hint="At least 8 characters."
          onChange={(event) => setPassword(event.target.value)}
          error={errors.password}
        />
        <Button type="submit" busy={reset.isPending} className="btn-block">
          Set new password
        </Button>
      </form>
    </AuthPage>
  );
}

// `/login`: email and password; then back to `?next=` (a path on this site) or home.
import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import { setSignedIn } from "../../lib/session";
import { useTRPC } from "../../lib/trpc";
import { Button, Field } from "../../ui";
import {
  AuthPage,
  type FieldErrors,
  Notice,
  safeNext,
  serverErrors,
  signedIn,
  useFocusFirstError,
  validEmail,
} from "./shared";

const LABELS = { email: "Email", password: "Password" };

export function LoginPage() {
  const trpc = useTRPC();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get("next"));
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const { formRef, formErrorRef, bump } = useFocusFirstError();

  const login = useMutation(
    trpc.auth.login.mutationOptions({
      onSuccess: (answer) => {
        setSignedIn(signedIn(answer));
        navigate(next ?? "/", { replace: true });
      },
      onError: (error) => {
        const { fields, form } = serverErrors(error, LABELS);
        setErrors(fields);
        setFormError(form);
        bump();
      },
    }),
  );

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found: FieldErrors = {};
    if (!validEmail(email)) found.email = "Enter the email address you signed up with.";
    if (!password) found.password = "Enter your password.";
    setErrors(found);
    setFormError(null);
    if (Object.values(found).some(Boolean)) {
      bump();
      return;
    }
    login.mutate({ email: email.trim(), password, tokenDelivery: "cookie" });
  };

  const signupHref = next ? `/signup?next=${encodeURIComponent(next)}` : "/signup";
  return (
    <AuthPage
      title="Sign in"
      intro={
        next?.startsWith("/invite/")
          ? "Sign in to accept your invitation."
          : "Welcome back. Sign in to your support desk."
      }
      footer={
        <>
          New to SupportDesk? <Link to={signupHref}>Create an account</Link>
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
        <Field
          label="Password"
          name="password"
          type="password"
          value={password}
          autoComplete="current-password"
          onChange={(event) => setPassword(event.target.value)}
          error={errors.password}
        />
        <div className="auth-row-end">
          <Link to="/forgot-password">Forgot your password?</Link>
        </div>
        <Button type="submit" busy={login.isPending} className="btn-block">
          Sign in
        </Button>
      </form>
    </AuthPage>
  );
}

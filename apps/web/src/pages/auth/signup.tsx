// `/signup`: a new account and (unless joining by invitation) its organisation; then "check your
// email": the emailed link verifies the address and signs the person in.
import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Link, useSearchParams } from "react-router";
import { useTRPC } from "../../lib/trpc";
import { Button, Field } from "../../ui";
import { rememberAfterVerify } from "./after-verify";
import {
  AuthPage,
  type FieldErrors,
  Notice,
  SlugField,
  safeNext,
  serverErrors,
  slugify,
  slugProblem,
  useFocusFirstError,
  useSlugCheck,
  validEmail,
} from "./shared";

const LABELS = {
  tenantName: "Organisation name",
  tenantSlug: "Subdomain",
  name: "Your name",
  email: "Email",
  password: "Password",
};

export function SignupPage() {
  const trpc = useTRPC();
  const [params] = useSearchParams();
  const next = safeNext(params.get("next"));
  const joiningByInvite = next?.startsWith("/invite/") ?? false;

  const [tenantName, setTenantName] = useState("");
  const [slug, setSlug] = useState("");
  const [slugEdited, setSlugEdited] = useState(false);
  const [name, setName] = useState("");
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const { formRef, formErrorRef, bump } = useFocusFirstError();
  const slugCheck = useSlugCheck(joiningByInvite ? "" : slug);

  const register = useMutation(
    trpc.auth.register.mutationOptions({
      // The link in the email continues to the invitation this sign-up was for, if any.
      onSuccess: () => rememberAfterVerify(next),
      onError: (error) => {
        const { fields, form } = serverErrors(error, LABELS);
        setErrors(fields);
        setFormError(form);
        bump();
      },
    }),
  );

  const loginHref = next ? `/login?next=${encodeURIComponent(next)}` : "/login";
  if (register.isSuccess) {
    return (
      <CheckYourEmail email={email.trim()} loginHref={loginHref} onStartOver={register.reset} />
    );
  }

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found: FieldErrors = {};
    if (!joiningByInvite) {
      if (!tenantName.trim()) found.tenantName = "Enter your organisation's name.";
      found.tenantSlug = slugProblem(slug, slugCheck);
    }
    if (!name.trim()) found.name = "Enter your name.";
    if (!validEmail(email)) found.email = "Enter an email address like you@example.com.";
    if (password.length < 8) found.password = "Use at least 8 characters.";
    setErrors(found);
    setFormError(null);
    if (Object.values(found).some(Boolean)) {
      bump();
      return;
    }
    register.mutate({
      email: email.trim(),
      password,
      name: name.trim(),
      ...(joiningByInvite
        ? {}
        : { tenantName: tenantName.trim(), tenantSlug: slug.trim().toLowerCase() }),
    });
  };

  return (
    <AuthPage
      title={joiningByInvite ? "Create your account" : "Start with SupportDesk"}
      intro={
        joiningByInvite
          ? "Create an account to accept your invitation. Use the email address the invitation was sent to."
          : "Create your account and your team's support desk. It takes a minute."
      }
      footer={
        <>
          Already have an account? <Link to={loginHref}>Sign in</Link>
        </>
      }
    >
      <form ref={formRef} onSubmit={onSubmit} noValidate>
        {formError ? (
          <Notice tone="error" focusRef={formErrorRef}>
            {formError}
          </Notice>
        ) : null}
        {joiningByInvite ? null : (
          <fieldset className="auth-fieldset">
            <legend>Your organisation</legend>
            <Field
              label="Organisation name"
              name="tenantName"
              value={tenantName}
              autoComplete="organization"
              maxLength={100}
              onChange={(event) => {
                setTenantName(event.target.value);
                if (!slugEdited) setSlug(slugify(event.target.value));
              }}
              error={errors.tenantName}
            />
            <SlugField
              name="tenantSlug"
              value={slug}
              onChange={(value) => {
                setSlug(value);
                setSlugEdited(value !== "");
              }}
              check={slugCheck}
              error={errors.tenantSlug}
            />
          </fieldset>
        )}
        <fieldset className="auth-fieldset">
          <legend>You</legend>
          <Field
            label="Your name"
            name="name"
            value={name}
            autoComplete="name"
            maxLength={100}
            onChange={(event) => setName(event.target.value)}
            error={errors.name}
          />
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
            autoComplete="new-password"
            hint="At least 8 characters."
            onChange={(event) => setPassword(event.target.value)}
            error={errors.password}
          />
        </fieldset>
        <Button type="submit" busy={register.isPending} className="btn-block">
          Create account
        </Button>
      </form>
    </AuthPage>
  );
}

/**
 * After sign-up: the link is on its way. The page says the same whether the address was new or
 * already had an account (that owner's email says how to sign in instead), so it reveals nothing.
 */
function CheckYourEmail({
  email,
  loginHref,
  onStartOver,
}: {
  email: string;
  loginHref: string;
  onStartOver: () => void;
}) {
  return (
    <AuthPage
      title="Check your email"
      intro={
        <>
          <p>
            We sent a link to <strong>{email}</strong>. Open it to confirm your address: it signs
            you in and takes you to SupportDesk. It works once, within 48 hours.
          </p>
          <p>
            Already have an account with this address? Then the email tells you how to sign in
            instead.
          </p>
        </>
      }
      footer={
        <>
          Nothing after a few minutes? Check your spam folder, or{" "}
          <Link to={loginHref}>sign in</Link> with your password and send a new link from your
          account.
        </>
      }
    >
      <div className="auth-actions">
        <Button variant="secondary" onClick={onStartOver}>
          Use another address
        </Button>
      </div>
    </AuthPage>
  );
}

// `/account`: the signed-in user's profile (name, email), password and sessions.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Link } from "react-router";
import { setUser } from "../../lib/session";
import { useTRPC } from "../../lib/trpc";
import { useSession } from "../../lib/use-session";
import { Badge, Button, Field } from "../../ui";
import { Section, SignOutLink, useHomeHref } from "./account-parts";
import { ChangePassword } from "./account-password";
import { Sessions } from "./account-sessions";
import { Notice, serverErrors, useDocumentTitle } from "./shared";

export function AccountPage() {
  const session = useSession();
  const home = useHomeHref();
  useDocumentTitle("Your account");
  if (!session) return null;
  return (
    <div className="account-page">
      <header className="topbar">
        <Link to={home} className="brand">
          SupportDesk
        </Link>
        <div className="topbar-end">
          <Link to={home}>Back to your inbox</Link>
          <SignOutLink />
        </div>
      </header>
      <main className="account-main">
        <h1>Your account</h1>
        <Profile />
        <ChangePassword />
        <Sessions />
      </main>
    </div>
  );
}

function Profile() {
  const session = useSession();
  const trpc = useTRPC();
  const resend = useMutation(trpc.auth.requestEmailVerification.mutationOptions());
  if (!session) return null;
  const { user } = session;
  return (
    <Section title="Profile">
      <EditName current={user.name} />
      <dl className="account-facts">
        <dt>Email</dt>
        <dd>
          {user.email}{" "}
          {user.emailVerified ? (
            <Badge tone="resolved">Verified</Badge>
          ) : (
            <Badge tone="pending">Not verified</Badge>
          )}
        </dd>
      </dl>
      {user.emailVerified ? null : (
        <>
          <p className="auth-muted">
            Open the link we emailed you to verify your address; you need it to accept invitations.
          </p>
          {resend.isSuccess ? <Notice tone="success">A new link is on its way.</Notice> : null}
          {resend.isError ? (
            <Notice tone="error">Couldn't send the email: {resend.error.message}</Notice>
          ) : null}
          <Button variant="secondary" busy={resend.isPending} onClick={() => resend.mutate()}>
            Resend email
          </Button>
        </>
      )}
    </Section>
  );
}

/** The name teammates and customers see on replies, in every organisation. */
function EditName({ current }: { current: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [name, setName] = useState(current);
  const [error, setError] = useState<string | undefined>();
  const save = useMutation(
    trpc.auth.updateProfile.mutationOptions({
      onSuccess: (user) => {
        setUser({ name: user.name });
        setName(user.name);
        // Member lists and threads show the name: fetch them again.
        void queryClient.invalidateQueries();
      },
      onError: (failure) =>
        setError(serverErrors(failure, { name: "Name" }).fields.name ?? failure.message),
    }),
  );
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    save.reset();
    const trimmed = name.trim();
    if (!trimmed) {
      setError("Enter your name.");
      return;
    }
    setError(undefined);
    save.mutate({ name: trimmed });
  };
  return (
    <form onSubmit={onSubmit} noValidate className="account-form">
      {save.isSuccess ? <Notice tone="success">Saved.</Notice> : null}
      <Field
        label="Name"
        name="name"
        autoComplete="name"
        maxLength={100}
        hint="Shown to your teammates and on your replies to customers."
        value={name}
        onChange={(event) => setName(event.target.value)}
        error={error}
      />
      <Button
        type="submit"
        variant="secondary"
        busy={save.isPending}
        disabled={name.trim() === current}
      >
        Save name
      </Button>
    </form>
  );
}

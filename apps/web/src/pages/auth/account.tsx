// Signed-in pages outside a tenant: `/organisations/new` and `/account` (password, sessions).
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, type ReactNode, useState } from "react";
import { Link, useNavigate } from "react-router";
import { clearSession, setTenants, setUser } from "../../lib/session";
import { useTRPC } from "../../lib/trpc";
import { useSession } from "../../lib/use-session";
import { Badge, Button, EmptyState, ErrorState, Field, Spinner } from "../../ui";
import {
  AuthPage,
  asMemberships,
  type FieldErrors,
  Notice,
  SlugField,
  serverErrors,
  slugify,
  slugProblem,
  useDocumentTitle,
  useFocusFirstError,
  useSlugCheck,
} from "./shared";

/** Where "back" goes from these pages: the default tenant, else home. */
function useHomeHref(): string {
  const session = useSession();
  const tenant =
    session?.tenants.find((t) => t.id === session.defaultTenantId) ?? session?.tenants[0];
  return tenant ? `/t/${tenant.slug}/tickets` : "/organisations/new";
}

function SignOutLink() {
  const trpc = useTRPC();
  const navigate = useNavigate();
  const logout = useMutation(
    trpc.auth.logout.mutationOptions({
      onSettled: () => {
        clearSession();
        navigate("/login");
      },
    }),
  );
  return (
    <button type="button" className="link" onClick={() => logout.mutate()}>
      Sign out
    </button>
  );
}

export function NewOrganisationPage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const session = useSession();
  const [name, setName] = useState("");
  const [slug, setSlug] = useState("");
  const [slugEdited, setSlugEdited] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const { formRef, formErrorRef, bump } = useFocusFirstError();
  const slugCheck = useSlugCheck(slug);
  const create = useMutation(
    trpc.tenants.create.mutationOptions({
      onSuccess: async (tenant) => {
        const me = await queryClient
          .fetchQuery({ ...trpc.auth.me.queryOptions(), staleTime: 0 })
          .catch(() => null);
        setTenants(
          me
            ? asMemberships(me.tenants)
            : [...(session?.tenants ?? []), { ...tenant, role: "owner" }],
        );
        navigate(`/t/${tenant.slug}/tickets`);
      },
      onError: (error) => {
        const { fields, form } = serverErrors(error, {
          name: "Organisation name",
          slug: "Subdomain",
        });
        setErrors(fields);
        setFormError(form);
        bump();
      },
    }),
  );
  const hasTenants = (session?.tenants.length ?? 0) > 0;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found: FieldErrors = {
      name: name.trim() ? undefined : "Enter your organisation's name.",
      slug: slugProblem(slug, slugCheck),
    };
    setErrors(found);
    setFormError(null);
    if (Object.values(found).some(Boolean)) {
      bump();
      return;
    }
    create.mutate({ name: name.trim(), slug: slug.trim().toLowerCase() });
  };

  return (
    <AuthPage
      title="Create an organisation"
      intro={
        hasTenants ? (
          "A separate support desk with its own team, tickets and customers."
        ) : (
          <p>
            You're not part of an organisation yet. Create one for your team — or, to join an
            existing one, ask one of its admins to invite <strong>{session?.user.email}</strong>.
          </p>
        )
      }
      footer={
        hasTenants ? (
          <Link to="/">Back to your organisations</Link>
        ) : (
          <>
            Signed in as {session?.user.email}. <SignOutLink />
          </>
        )
      }
    >
      <form ref={formRef} onSubmit={onSubmit} noValidate>
        {formError ? (
          <Notice tone="error" focusRef={formErrorRef}>
            {formError}
          </Notice>
        ) : null}
        <Field
          label="Organisation name"
          name="name"
          value={name}
          maxLength={100}
          autoComplete="organization"
          onChange={(event) => {
            setName(event.target.value);
            if (!slugEdited) setSlug(slugify(event.target.value));
          }}
          error={errors.name}
        />
        <SlugField
          name="slug"
          value={slug}
          onChange={(value) => {
            setSlug(value);
            setSlugEdited(value !== "");
          }}
          check={slugCheck}
          error={errors.slug}
        />
        <Button type="submit" busy={create.isPending} className="btn-block">
          Create organisation
        </Button>
      </form>
    </AuthPage>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  const id = `section-${title.toLowerCase().replace(/\W+/g, "-")}`;
  return (
    <section className="card account-section" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

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

function ChangePassword() {
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

/** "Chrome on macOS" from a user agent string (enough to recognise a device). */
function describeAgent(agent: string | null): string {
  if (!agent) return "Unknown device";
  const browser = /Edg\//.test(agent)
    ? "Edge"
    : /Firefox\//.test(agent)
      ? "Firefox"
      : /Chrom(e|ium)\//.test(agent)
        ? "Chrome"
        : /Safari\//.test(agent)
          ? "Safari"
          : null;
  const os = /Windows/.test(agent)
    ? "Windows"
    : /iPhone|iPad/.test(agent)
      ? "iOS"
      : /Mac OS X/.test(agent)
        ? "macOS"
        : /Android/.test(agent)
          ? "Android"
          : /Linux/.test(agent)
            ? "Linux"
            : null;
  if (browser && os) return `${browser} on ${os}`;
  return browser ?? os ?? agent.slice(0, 60);
}

const when = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

function Sessions() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const sessions = useQuery(trpc.auth.sessions.queryOptions());
  const revoke = useMutation(
    trpc.auth.revokeSession.mutationOptions({
      onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.auth.sessions.queryKey() }),
    }),
  );
  const logoutAll = useMutation(
    trpc.auth.logoutAll.mutationOptions({
      onSuccess: () => {
        clearSession();
        navigate("/login");
      },
    }),
  );
  let body: ReactNode;
  if (sessions.isPending) body = <Spinner label="Loading your sessions" />;
  else if (sessions.isError)
    body = (
      <ErrorState
        message={`Couldn't load your sessions: ${sessions.error.message}`}
        onRetry={() => void sessions.refetch()}
      />
    );
  else {
    const others = sessions.data.filter((s) => !s.current);
    body = (
      <>
        <ul className="session-list">
          {sessions.data.map((s) => (
            <li key={s.id} className="session-row">
              <div className="session-info">
                <div className="session-device">
                  <span title={s.userAgent ?? undefined}>{describeAgent(s.userAgent)}</span>
                  {s.current ? <Badge tone="role">This device</Badge> : null}
                </div>
                <div className="auth-muted">
                  {s.ip ?? "Unknown IP"} · last seen {when.format(new Date(s.lastSeenAt))}
                </div>
              </div>
              {s.current ? null : (
                <Button
                  variant="secondary"
                  busy={revoke.isPending && revoke.variables?.sessionId === s.id}
                  onClick={() => revoke.mutate({ sessionId: s.id })}
                  aria-label={`Sign out ${describeAgent(s.userAgent)}, last seen ${when.format(new Date(s.lastSeenAt))}`}
                >
                  Sign out
                </Button>
              )}
            </li>
          ))}
        </ul>
        {others.length === 0 ? (
          <EmptyState title="No other sessions">You're only signed in on this device.</EmptyState>
        ) : null}
      </>
    );
  }
  return (
    <Section title="Where you're signed in">
      {revoke.isError ? (
        <Notice tone="error">Couldn't sign out that session: {revoke.error.message}</Notice>
      ) : null}
      {body}
      <div className="account-danger">
        <div>
          <strong>Sign out everywhere</strong>
          <p className="auth-muted">Ends every session, including this one.</p>
        </div>
        {logoutAll.isError ? (
          <Notice tone="error">Couldn't sign out: {logoutAll.error.message}</Notice>
        ) : null}
        <Button variant="danger" busy={logoutAll.isPending} onClick={() => logoutAll.mutate()}>
          Sign out everywhere
        </Button>
      </div>
    </Section>
  );
}

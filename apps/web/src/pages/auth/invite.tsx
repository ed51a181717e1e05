// `/invite/:token`: who invited you where, and (signed in) accepting it. Works signed out.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useNavigate, useParams } from "react-router";
import { setTenants } from "../../lib/session";
import { useTRPC } from "../../lib/trpc";
import { Button, ErrorState, Spinner } from "../../ui";
import { AuthPage, asMemberships, Notice, useOptionalSession } from "./shared";

const STATUS_TEXT = {
  expired: "This invitation has expired. Ask whoever invited you to send a new one.",
  revoked:
    "This invitation was withdrawn. Ask an admin of the organisation if you should still join.",
  accepted: "This invitation was already accepted.",
} as const;

export function InvitePage() {
  const { token = "" } = useParams();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const { session, checked } = useOptionalSession();
  const preview = useQuery({
    ...trpc.invitations.preview.queryOptions({ token }),
    enabled: token.length >= 20,
  });
  const resend = useMutation(trpc.auth.requestEmailVerification.mutationOptions());
  const accept = useMutation(
    trpc.invitations.accept.mutationOptions({
      onSuccess: async (joined) => {
        const me = await queryClient
          .fetchQuery({ ...trpc.auth.me.queryOptions(), staleTime: 0 })
          .catch(() => null);
        if (me) setTenants(asMemberships(me.tenants));
        navigate(`/t/${joined.slug}/tickets`);
      },
    }),
  );

  if (token.length < 20 || preview.error?.data?.code === "NOT_FOUND") {
    return (
      <AuthPage
        title="Invitation not found"
        intro={
          <p>
            This invitation link is not valid. If you were sent the invitation again, only the
            newest email's link works; otherwise check that you opened the whole link, or ask
            whoever invited you to send it again.
          </p>
        }
        footer={<Link to="/">Go to SupportDesk</Link>}
      />
    );
  }
  if (preview.isError) {
    return (
      <AuthPage title="Invitation">
        <ErrorState
          message={`We couldn't load this invitation: ${preview.error.message}`}
          onRetry={() => void preview.refetch()}
        />
      </AuthPage>
    );
  }
  if (!preview.data || !checked) {
    return (
      <AuthPage title="Invitation">
        <Spinner label="Loading your invitation" />
      </AuthPage>
    );
  }

  const invite = preview.data;
  const here = `/invite/${encodeURIComponent(token)}`;
  const isMember = session?.tenants.some((t) => t.slug === invite.tenantSlug) ?? false;
  const otherEmail =
    session && session.user.email.toLowerCase() !== invite.email.toLowerCase()
      ? session.user.email
      : null;

  return (
    <AuthPage
      title={
        invite.status === "pending"
          ? `Join ${invite.tenantName}`
          : "This invitation is no longer valid"
      }
      intro={
        <p>
          {invite.inviterName} invited you to join <strong>{invite.tenantName}</strong> as{" "}
          <strong>{invite.role}</strong>. The invitation is for <strong>{invite.email}</strong>.
        </p>
      }
    >
      {invite.status !== "pending" ? (
        <>
          <Notice tone="warn">{STATUS_TEXT[invite.status]}</Notice>
          <div className="auth-actions">
            {isMember ? (
              <Link to={`/t/${invite.tenantSlug}/tickets`} className="btn btn-primary">
                Open {invite.tenantName}
              </Link>
            ) : (
              <Link to={session ? "/" : "/login"} className="btn btn-secondary">
                {session ? "Go to your organisations" : "Sign in"}
              </Link>
            )}
          </div>
        </>
      ) : isMember ? (
        <>
          <Notice tone="info">You're already a member of {invite.tenantName}.</Notice>
          <div className="auth-actions">
            <Link to={`/t/${invite.tenantSlug}/tickets`} className="btn btn-primary">
              Open {invite.tenantName}
            </Link>
          </div>
        </>
      ) : !session ? (
        <>
          <p className="auth-muted">
            Sign in with {invite.email}, or create an account with that address. You'll come back
            here to accept.
          </p>
          <div className="auth-actions">
            <Link to={`/login?next=${encodeURIComponent(here)}`} className="btn btn-primary">
              Sign in
            </Link>
            <Link to={`/signup?next=${encodeURIComponent(here)}`} className="btn btn-secondary">
              Create an account
            </Link>
          </div>
        </>
      ) : (
        <>
          {otherEmail ? (
            <Notice tone="warn">
              You're signed in as <strong>{otherEmail}</strong>, but this invitation is for{" "}
              <strong>{invite.email}</strong>. Sign out and sign in with that address to accept.
            </Notice>
          ) : null}
          {!session.user.emailVerified ? (
            <Notice tone="warn">
              Verify your email address before accepting: open the link we sent to{" "}
              <strong>{session.user.email}</strong>, then come back to this page.
            </Notice>
          ) : null}
          {resend.isSuccess ? <Notice tone="success">A new link is on its way.</Notice> : null}
          {resend.isError ? (
            <Notice tone="error">Couldn't send the email: {resend.error.message}</Notice>
          ) : null}
          {accept.isError ? <Notice tone="error">{accept.error.message}</Notice> : null}
          <div className="auth-actions">
            <Button busy={accept.isPending} onClick={() => accept.mutate({ token })}>
              Accept invitation
            </Button>
            {!session.user.emailVerified ? (
              <Button variant="secondary" busy={resend.isPending} onClick={() => resend.mutate()}>
                Resend email
              </Button>
            ) : null}
          </div>
        </>
      )}
    </AuthPage>
  );
}

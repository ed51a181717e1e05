// The account page's sessions: where the user is signed in, signing one out, or all of them.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { useNavigate } from "react-router";
import { clearSession } from "../../lib/session";
import { useTRPC } from "../../lib/trpc";
import { Badge, Button, EmptyState, ErrorState, Spinner } from "../../ui";
import { Section } from "./account-parts";
import { Notice } from "./shared";

/** "Chrome on macOS" from a user agent string (enough to recognise a device). */
export function describeAgent(agent: string | null): string {
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

export function Sessions() {
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

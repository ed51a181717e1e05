// `/verify-email?token=…`: spends the link's token once, which verifies the address and signs its
// owner in (the end of sign-up), then says so — or how to get a new link.
import { useMutation } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { Link, useSearchParams } from "react-router";
import { setSignedIn } from "../../lib/session";
import { useTRPC } from "../../lib/trpc";
import { Button, Spinner } from "../../ui";
import { homePath, takeAfterVerify } from "./after-verify";
import { AuthPage, Notice, signedIn, useOptionalSession } from "./shared";

export function VerifyEmailPage() {
  const trpc = useTRPC();
  const [params] = useSearchParams();
  const token = params.get("token") ?? "";
  const started = useRef(false);
  const [continueTo, setContinueTo] = useState<{ path: string; label: string } | null>(null);
  const verify = useMutation(
    trpc.auth.verifyEmail.mutationOptions({
      onSuccess: (answer) => {
        setSignedIn(signedIn(answer));
        const next = takeAfterVerify();
        setContinueTo(
          next?.startsWith("/invite/")
            ? { path: next, label: "Continue to your invitation" }
            : { path: next ?? homePath(answer), label: "Continue to SupportDesk" },
        );
      },
    }),
  );
  const { mutate } = verify;
  useEffect(() => {
    if (started.current || token.length < 20) return;
    started.current = true;
    mutate({ token, tokenDelivery: "cookie" });
  }, [token, mutate]);

  if (token.length < 20) return <LinkProblem reason="This link is incomplete." />;
  if (verify.isError) {
    const expired = verify.error.data?.code === "BAD_REQUEST";
    return (
      <LinkProblem
        reason={
          expired
            ? "This verification link has expired or was already used."
            : `We couldn't verify your email: ${verify.error.message}`
        }
        onRetry={expired ? undefined : () => verify.mutate({ token, tokenDelivery: "cookie" })}
      />
    );
  }
  if (verify.isSuccess) {
    return (
      <AuthPage
        title="Email verified"
        intro={
          <p>
            Thanks — <strong>{verify.data.user.email}</strong> is confirmed and you're signed in.
          </p>
        }
      >
        <div className="auth-actions">
          <Link to={continueTo?.path ?? "/"} className="btn btn-primary">
            {continueTo?.label ?? "Continue to SupportDesk"}
          </Link>
        </div>
      </AuthPage>
    );
  }
  return (
    <AuthPage title="Verifying your email">
      <Spinner label="Checking your link" />
    </AuthPage>
  );
}

/** The link did not work: signed in, send a new one here; signed out, sign in first. */
function LinkProblem({ reason, onRetry }: { reason: string; onRetry?: (() => void) | undefined }) {
  const trpc = useTRPC();
  const { session, checked } = useOptionalSession();
  const resend = useMutation(trpc.auth.requestEmailVerification.mutationOptions());
  return (
    <AuthPage
      title="This link didn't work"
      intro={
        <p>
          {reason} Verification links work once, for 48 hours. Ask for a new one and use the most
          recent email.
        </p>
      }
    >
      {resend.isSuccess ? (
        <Notice tone="success">
          A new link is on its way to <strong>{session?.user.email}</strong>.
        </Notice>
      ) : null}
      {resend.isError ? (
        <Notice tone="error">Couldn't send the email: {resend.error.message}</Notice>
      ) : null}
      <div className="auth-actions">
        {onRetry ? (
          <Button variant="secondary" onClick={onRetry}>
            Try again
          </Button>
        ) : null}
        {!checked ? (
          <Spinner label="Checking whether you're signed in" />
        ) : session?.user.emailVerified ? (
          <Link to="/" className="btn btn-primary">
            Your email is already verified — continue
          </Link>
        ) : session ? (
          <Button busy={resend.isPending} onClick={() => resend.mutate()}>
            Resend email
          </Button>
        ) : (
          <Link to={`/login?next=${encodeURIComponent("/account")}`} className="btn btn-primary">
            Sign in to get a new link
          </Link>
        )}
      </div>
    </AuthPage>
  );
}

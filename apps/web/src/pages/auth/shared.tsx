// Pieces the auth pages share: the centred card layout, server-error mapping, focus on the first
// error, the `?next=` guard, the subdomain field with its live availability check.
import { useQuery } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import { type ReactNode, type RefObject, useEffect, useRef, useState } from "react";
import { Link } from "react-router";
import { restoreSession, type Session, type TenantMembership } from "../../lib/session";
import { errorField, errorMessage, useTRPC } from "../../lib/trpc";
import { useDebounced } from "../../lib/use-debounced";
import { useSession } from "../../lib/use-session";
import { Field } from "../../ui";
import "./auth.css";

export const PLATFORM_DOMAIN =
  (import.meta.env.VITE_PLATFORM_DOMAIN as string | undefined) ?? "supportdesk.localhost";

/** The centred narrow column with one card: every signed-out page looks like this. */
export function AuthPage({
  title,
  intro,
  children,
  footer,
}: {
  title: ReactNode;
  intro?: ReactNode;
  children?: ReactNode;
  footer?: ReactNode;
}) {
  useDocumentTitle(typeof title === "string" ? title : undefined);
  return (
    <main className="auth-page">
      <div className="auth-column">
        <Link to="/" className="auth-brand">
          <span className="auth-logo" aria-hidden="true">
            S
          </span>
          SupportDesk
        </Link>
        <section className="card auth-card">
          <h1>{title}</h1>
          {intro ? <div className="auth-intro">{intro}</div> : null}
          {children}
        </section>
        {footer ? <div className="auth-footer">{footer}</div> : null}
      </div>
    </main>
  );
}

export function useDocumentTitle(title: string | undefined) {
  useEffect(() => {
    if (title) document.title = `${title} · SupportDesk`;
  }, [title]);
}

/** A message above a form or inside a card (role=alert for errors, status for good news). */
export function Notice({
  tone,
  children,
  focusRef,
}: {
  tone: "error" | "success" | "info" | "warn";
  children: ReactNode;
  focusRef?: RefObject<HTMLDivElement | null>;
}) {
  return (
    <div
      ref={focusRef}
      tabIndex={focusRef ? -1 : undefined}
      className={`auth-notice auth-notice-${tone}`}
      role={tone === "error" ? "alert" : "status"}
    >
      {children}
    </div>
  );
}

export type FieldErrors = Record<string, string | undefined>;

function sentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

/**
 * Splits what a mutation threw into messages next to fields (the ones this form has, by the
 * server's input names) and one for the whole form.
 */
export function serverErrors(
  error: unknown,
  labels: Record<string, string>,
): { fields: FieldErrors; form: string | null } {
  const fields: FieldErrors = {};
  const zodFields =
    error instanceof TRPCClientError
      ? ((error.data as { fieldErrors?: Record<string, string> | null } | undefined)?.fieldErrors ??
        null)
      : null;
  if (zodFields) {
    for (const [key, message] of Object.entries(zodFields)) {
      const label = labels[key];
      if (label) fields[key] = sentence(`${label} ${message}`);
    }
    if (Object.keys(fields).length > 0) return { fields, form: null };
  }
  const field = errorField(error);
  const message = sentence(errorMessage(error));
  if (field && labels[field]) return { fields: { [field]: message }, form: null };
  return { fields, form: message };
}

/**
 * After a failed submit, moves focus to the first invalid field (or the form's error message) so
 * keyboard and screen-reader users land on what to fix. Call `bump()` on every failed submit.
 */
export function useFocusFirstError() {
  const formRef = useRef<HTMLFormElement>(null);
  const formErrorRef = useRef<HTMLDivElement>(null);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (attempt === 0) return;
    const invalid = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
    (invalid ?? formErrorRef.current)?.focus();
  }, [attempt]);
  return { formRef, formErrorRef, bump: () => setAttempt((n) => n + 1) };
}

export function validEmail(value: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value.trim());
}

/**
 * `?next=` only when it is a path on this site (never `//evil.example` or a full URL). Control
 * characters are refused too: URL parsing drops tabs and newlines, so `/\t/evil.example` would
 * become `//evil.example`.
 */
export function safeNext(next: string | null | undefined): string | null {
  if (!next?.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return null;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
  if (/[\u0000-\u001f\u007f]/.test(next)) return null;
  return next;
}

/**
 * On a public page: the session if this tab has one, else one restored from the refresh cookie.
 * `checked` turns true once we know.
 */
export function useOptionalSession(): { session: Session | null; checked: boolean } {
  const session = useSession();
  const [checked, setChecked] = useState(session !== null);
  useEffect(() => {
    if (session) return;
    let live = true;
    void restoreSession().then(() => live && setChecked(true));
    return () => {
      live = false;
    };
  }, [session]);
  return { session, checked: checked || session !== null };
}

/** A subdomain suggested from an organisation name: the server's own rule, shared. */
export { slugify } from "@supportdesk/domain";

export type SlugCheck =
  | { state: "idle" }
  | { state: "checking" }
  | { state: "available" }
  | { state: "unavailable"; reason: string }
  | { state: "error" };

/** Asks the server whether a subdomain is free, ~300 ms after the typing stops. */
export function useSlugCheck(slug: string): SlugCheck {
  const trpc = useTRPC();
  const value = slug.trim().toLowerCase();
  const debounced = useDebounced(value, 300);
  const query = useQuery({
    ...trpc.tenants.checkSlug.queryOptions({ slug: debounced }),
    enabled: debounced.length > 0,
    staleTime: 5_000,
  });
  if (!value) return { state: "idle" };
  if (debounced !== value || query.isFetching) return { state: "checking" };
  if (query.isError) return { state: "error" };
  if (!query.data) return { state: "checking" };
  return query.data.available
    ? { state: "available" }
    : { state: "unavailable", reason: query.data.reason ?? "That subdomain is not available." };
}

/** The "Subdomain" field with its live availability line (announced politely). */
export function SlugField({
  value,
  onChange,
  check,
  error,
  name,
}: {
  value: string;
  onChange: (value: string) => void;
  check: SlugCheck;
  error: string | undefined;
  name: string;
}) {
  const slug = value.trim().toLowerCase();
  let status: ReactNode = `Your help centre's address: ${slug || "your-team"}.${PLATFORM_DOMAIN}`;
  let tone = "muted";
  if (check.state === "checking") {
    status = (
      <>
        <span className="spinner" aria-hidden="true" /> Checking {slug}.{PLATFORM_DOMAIN}…
      </>
    );
  } else if (check.state === "available") {
    status = `${slug}.${PLATFORM_DOMAIN} is available`;
    tone = "ok";
  } else if (check.state === "unavailable") {
    status = check.reason;
    tone = "bad";
  } else if (check.state === "error") {
    status = "Couldn't check availability right now; we'll check again when you submit.";
  }
  return (
    <Field
      label="Subdomain"
      name={name}
      value={value}
      onChange={(event) => onChange(event.target.value)}
      autoComplete="off"
      autoCapitalize="none"
      spellCheck={false}
      maxLength={63}
      error={error}
      hint={
        <span className={`slug-status slug-status-${tone}`} aria-live="polite">
          {status}
        </span>
      }
    />
  );
}

/** The reason a subdomain can't be used, known before submitting (or null). */
export function slugProblem(slug: string, check: SlugCheck): string | undefined {
  if (!slug.trim()) return "Choose a subdomain.";
  if (check.state === "unavailable") return check.reason;
  return undefined;
}

/** Tenants as `auth.me` answers them, typed for the session store. */
export function asMemberships(tenants: { id: string; name: string; slug: string; role: string }[]) {
  return tenants as TenantMembership[];
}

/** What login or a verification link answers, with tenant roles typed for the session store. */
export function signedIn<
  T extends { tenants: { id: string; name: string; slug: string; role: string }[] },
>(answer: T) {
  return { ...answer, tenants: asMemberships(answer.tenants) };
}

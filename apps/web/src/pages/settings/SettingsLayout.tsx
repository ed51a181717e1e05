// The settings frame: a side nav showing only what the role may use, the screen beside it.
import { useMutation } from "@tanstack/react-query";
import { Navigate, NavLink, Outlet, useNavigate, useParams } from "react-router";
import { getSession, setTenants } from "../../lib/session";
import { errorMessage, useTRPC } from "../../lib/trpc";
import { useCan, useCurrentTenant } from "../../lib/use-session";
import { EmptyState } from "../../ui";
import { ConfirmButton, InlineError } from "./shared";

export function SettingsLayout() {
  const { slug } = useParams();
  const isAdmin = useCan("admin");
  const tenant = useCurrentTenant();
  const base = `/t/${slug}/settings`;
  const links = [
    ...(isAdmin ? [{ to: `${base}/organisation`, label: "Organisation" }] : []),
    { to: `${base}/members`, label: "Members" },
    ...(isAdmin
      ? [
          { to: `${base}/invitations`, label: "Invitations" },
          { to: `${base}/api-keys`, label: "API keys" },
          { to: `${base}/audit`, label: "Audit log" },
        ]
      : []),
    { to: `/t/${slug}/notifications`, label: "Notifications" },
  ];
  return (
    <div className="sd-settings">
      <aside className="sd-settings-aside">
        <h1 className="sd-settings-title">
          {isAdmin ? "Settings" : "Team"}
          {tenant ? <span className="sd-settings-tenant">{tenant.name}</span> : null}
        </h1>
        <nav aria-label="Settings" className="sd-settings-nav">
          {links.map((link) => (
            <NavLink key={link.to} to={link.to}>
              {link.label}
            </NavLink>
          ))}
        </nav>
        <LeaveOrganisation />
      </aside>
      <section className="sd-settings-main">
        <Outlet />
      </section>
    </div>
  );
}

/** Anyone may leave; the server explains when they cannot (the last owner). */
function LeaveOrganisation() {
  const trpc = useTRPC();
  const navigate = useNavigate();
  const tenant = useCurrentTenant();
  const leave = useMutation(
    trpc.tenants.leave.mutationOptions({
      onSuccess: () => {
        const session = getSession();
        if (session) setTenants(session.tenants.filter((t) => t.id !== tenant?.id));
        navigate("/");
      },
    }),
  );
  return (
    <div className="sd-leave">
      <ConfirmButton
        label="Leave organisation"
        question={`Leave ${tenant?.name ?? "this organisation"}?`}
        confirmLabel="Leave"
        variant="ghost"
        busy={leave.isPending}
        onConfirm={() => leave.mutate()}
      />
      <InlineError message={leave.error ? errorMessage(leave.error) : null} />
    </div>
  );
}

/** `settings` itself: organisation first for admins, members for everyone else. */
export function SettingsIndex() {
  const isAdmin = useCan("admin");
  return <Navigate to={isAdmin ? "organisation" : "members"} replace />;
}

/** Admin-only screens say so instead of failing on the server's FORBIDDEN. */
export function AdminOnly({ children }: { children: React.ReactNode }) {
  const isAdmin = useCan("admin");
  if (!isAdmin) {
    return (
      <EmptyState title="Only admins can see this">
        Ask an admin or owner of this organisation if you need a change here.
      </EmptyState>
    );
  }
  return <>{children}</>;
}

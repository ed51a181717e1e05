// The settings frame: a side nav showing only what the role may use, the screen beside it.
import type { Permission } from "@supportdesk/domain";
import { useMutation } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { Navigate, NavLink, Outlet, useNavigate, useParams } from "react-router";
import { getSession, setTenants } from "../../lib/session";
import { errorMessage, useTRPC } from "../../lib/trpc";
import { ADMINISTRATION, useCanAny, usePermissions } from "../../lib/use-can";
import { useCurrentTenant } from "../../lib/use-session";
import { EmptyState, Spinner } from "../../ui";
import { ConfirmButton, InlineError } from "./shared";

/** The settings screens, each with the permission that opens it (the route guards the same). */
export const SETTINGS_SCREENS = [
  { path: "organisation", label: "Organisation", permission: "settings.update" },
  { path: "members", label: "Members", permission: "member.read" },
  { path: "roles", label: "Roles", permission: "member.read" },
  { path: "teams", label: "Teams", permission: "member.read" },
  { path: "invitations", label: "Invitations", permission: "member.invite" },
  { path: "api-keys", label: "API keys", permission: "apiKey.manage" },
  { path: "help-centre", label: "Help centre", permission: "helpcentre.manage" },
  { path: "email", label: "Email", permission: "email.manage" },
  { path: "received-mail", label: "Received mail", permission: "email.manage" },
  { path: "canned-replies", label: "Canned replies", permission: "ticket.reply" },
  { path: "fields", label: "Ticket fields", permission: "field.manage" },
  { path: "business-hours", label: "Business hours", permission: "sla.manage" },
  { path: "sla", label: "SLA policies", permission: "sla.manage" },
  { path: "automations", label: "Automations", permission: "automation.manage" },
  { path: "csat", label: "Satisfaction", permission: "csat.manage" },
  { path: "audit", label: "Audit log", permission: "audit.read" },
] as const satisfies readonly { path: string; label: string; permission: Permission }[];

export type SettingsScreen = (typeof SETTINGS_SCREENS)[number]["path"];

/** The screens the user may open, in the nav's order (none while the permissions load). */
function useScreens() {
  const held = usePermissions();
  return SETTINGS_SCREENS.filter((screen) => held?.has(screen.permission));
}

export function SettingsLayout() {
  const { slug } = useParams();
  const administers = useCanAny(ADMINISTRATION);
  const tenant = useCurrentTenant();
  const base = `/t/${slug}/settings`;
  const links = [
    ...useScreens().map((screen) => ({ to: `${base}/${screen.path}`, label: screen.label })),
    { to: `/t/${slug}/notifications`, label: "Notifications" },
  ];
  return (
    <div className="sd-settings">
      <aside className="sd-settings-aside">
        <h1 className="sd-settings-title">
          {administers ? "Settings" : "Team"}
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

/** `settings` itself: the first screen the user may open (organisation for admins). */
export function SettingsIndex() {
  const { slug } = useParams();
  const held = usePermissions();
  const screens = useScreens();
  if (!held) return <Spinner label="Loading" />;
  return <Navigate to={screens[0]?.path ?? `/t/${slug}/notifications`} replace />;
}

/** A screen for those with `permission`; others are told why instead of meeting FORBIDDEN. */
export function RequirePermission({
  permission,
  children,
}: {
  permission: Permission;
  children: ReactNode;
}) {
  const held = usePermissions();
  if (!held) return <Spinner label="Loading" />;
  if (!held.has(permission)) {
    return (
      <EmptyState title="Your role does not give access to this">
        Ask an admin or owner of this organisation if you need a change here.
      </EmptyState>
    );
  }
  return <>{children}</>;
}

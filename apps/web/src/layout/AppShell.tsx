// The signed-in frame: header with the tenant switcher, navigation, account menu; the page below.
import { useMutation } from "@tanstack/react-query";
import { type ReactNode, useEffect, useId } from "react";
import { Link, NavLink, Outlet, useLocation, useNavigate, useParams } from "react-router";
import { clearSession } from "../lib/session";
import { useTRPC } from "../lib/trpc";
import { ADMINISTRATION, useCan, useCanAny, useMyRoleName } from "../lib/use-can";
import { useCurrentTenant, useSession } from "../lib/use-session";
import { HeaderSearch } from "../pages/search/HeaderSearch";
import { Badge, EmptyState } from "../ui";
import { ShortcutsHelp } from "./ShortcutsHelp";

/** Slots other parts fill (the notifications bell lives in the settings/notifications area). */
export const shellSlots: { headerEnd: (() => ReactNode)[] } = { headerEnd: [] };

function TenantSwitcher() {
  const session = useSession();
  const current = useCurrentTenant();
  // Custom roles' names are the tenant's own: known for the tenant open here, not the others.
  const currentRoleName = useMyRoleName();
  const navigate = useNavigate();
  const location = useLocation();
  const trpc = useTRPC();
  const remember = useMutation(trpc.tenants.switch.mutationOptions());
  const selectId = useId();
  if (!session) return null;
  return (
    // A label beside (not around) the select: wrapped, the select's value joins its name.
    <div className="switcher">
      <label htmlFor={selectId} className="visually-hidden">
        Organisation
      </label>
      <select
        id={selectId}
        value={current?.slug ?? ""}
        onChange={(event) => {
          const next = session.tenants.find((t) => t.slug === event.target.value);
          if (!next) return;
          // Keep the section (tickets, settings…) when switching; the server remembers the default.
          const section = location.pathname.split("/")[3] ?? "tickets";
          navigate(
            `/t/${next.slug}/${["tickets", "customers", "kb", "settings"].includes(section) ? section : "tickets"}`,
          );
          remember.mutate({ tenantId: next.id });
        }}
      >
        {session.tenants.map((t) => (
          <option key={t.id} value={t.slug}>
            {t.name} — {t.id === current?.id ? (currentRoleName ?? t.roleName) : t.roleName}
          </option>
        ))}
      </select>
    </div>
  );
}

function AccountMenu() {
  const session = useSession();
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
    <div className="account">
      <Link to="/account">{session?.user.name}</Link>
      <button type="button" className="link" onClick={() => logout.mutate()}>
        Sign out
      </button>
    </div>
  );
}

/** The frame around every `/t/:slug/…` page. */
export function AppShell() {
  const { slug } = useParams();
  const tenant = useCurrentTenant();
  const session = useSession();
  const administers = useCanAny(ADMINISTRATION);
  const seesCustomers = useCan("customer.read");
  const seesKb = useCan("kb.read");
  const seesReports = useCan("report.read");
  const roleName = useMyRoleName();
  useEffect(() => {
    document.title = tenant ? `${tenant.name} · SupportDesk` : "SupportDesk";
  }, [tenant]);
  if (session && !tenant) {
    return (
      <main className="page narrow">
        <EmptyState title="You are not a member of this organisation">
          <p>
            “{slug}” does not exist, or you have not been invited to it.{" "}
            <Link to="/">Go to your organisations</Link>.
          </p>
        </EmptyState>
      </main>
    );
  }
  return (
    <div className="shell">
      <header className="topbar">
        <Link to={`/t/${slug}/tickets`} className="brand">
          SupportDesk
        </Link>
        <TenantSwitcher />
        {roleName ? <Badge tone="role">{roleName}</Badge> : null}
        <nav aria-label="Sections" className="sections">
          <NavLink to={`/t/${slug}/tickets`}>Tickets</NavLink>
          {seesCustomers ? <NavLink to={`/t/${slug}/customers`}>Customers</NavLink> : null}
          {seesKb ? <NavLink to={`/t/${slug}/kb`}>Knowledge base</NavLink> : null}
          {seesReports ? <NavLink to={`/t/${slug}/reports`}>Reports</NavLink> : null}
          <NavLink to={`/t/${slug}/settings`}>{administers ? "Settings" : "Team"}</NavLink>
        </nav>
        <HeaderSearch />
        <div className="topbar-end">
          {shellSlots.headerEnd.map((Slot, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: slots are registered once, in order
            <Slot key={i} />
          ))}
          <AccountMenu />
        </div>
      </header>
      <main className="page">
        <Outlet />
      </main>
      <ShortcutsHelp />
    </div>
  );
}

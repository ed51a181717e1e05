// The gate in front of signed-in pages: restores the session from the refresh cookie, or sends
// the person to sign in (and back afterwards).
import { useEffect, useState } from "react";
import { Navigate, Outlet, useLocation } from "react-router";
import { restoreSession } from "../../lib/session";
import { useSession } from "../../lib/use-session";
import { Spinner } from "../../ui";

export function RequireSession() {
  const session = useSession();
  const location = useLocation();
  const [checked, setChecked] = useState(session !== null);
  useEffect(() => {
    if (session) return;
    let live = true;
    void restoreSession().then(() => live && setChecked(true));
    return () => {
      live = false;
    };
  }, [session]);
  if (session) return <Outlet />;
  if (!checked) return <Spinner label="Signing you in" />;
  const next = `${location.pathname}${location.search}`;
  return <Navigate to={`/login?next=${encodeURIComponent(next)}`} replace />;
}

/** `/`: the user's default tenant, or the page to create a first one. */
export function Home() {
  const session = useSession();
  if (!session) return null;
  const target =
    session.tenants.find((t) => t.id === session.defaultTenantId) ?? session.tenants[0];
  return <Navigate to={target ? `/t/${target.slug}/tickets` : "/organisations/new"} replace />;
}

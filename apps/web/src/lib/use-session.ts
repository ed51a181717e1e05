// React access to the tab's session and the tenant named by the URL.
import { useSyncExternalStore } from "react";
import { useParams } from "react-router";
import { getSession, subscribe, type TenantMembership } from "./session";

export function useSession() {
  // The same store on "the server": the app renders only in the browser, and unit tests that
  // render pages to markup see the session they set.
  return useSyncExternalStore(subscribe, getSession, getSession);
}

/** The membership of the tenant in the URL (`/t/:slug`), if the user has it. */
export function useCurrentTenant(): TenantMembership | undefined {
  const { slug } = useParams();
  const session = useSession();
  return session?.tenants.find((t) => t.slug === slug);
}

// React access to the tab's session and the tenant named by the URL.
import { useSyncExternalStore } from "react";
import { useParams } from "react-router";
import { getSession, subscribe, type TenantMembership } from "./session";

export function useSession() {
  return useSyncExternalStore(subscribe, getSession, () => null);
}

/** The membership of the tenant in the URL (`/t/:slug`), if the user has it. */
export function useCurrentTenant(): TenantMembership | undefined {
  const { slug } = useParams();
  const session = useSession();
  return session?.tenants.find((t) => t.slug === slug);
}

type Role = TenantMembership["role"];
const RANK: Record<Role, number> = { viewer: 0, member: 1, admin: 2, owner: 3 };

/** Whether `role` is `needed` or above (viewer < member < admin < owner). */
export function roleAtLeast(role: Role, needed: Role): boolean {
  return RANK[role] >= RANK[needed];
}

/** Whether the current role may do what needs `role` (the server enforces it regardless). */
export function useCan(role: Role): boolean {
  const tenant = useCurrentTenant();
  return tenant ? roleAtLeast(tenant.role, role) : false;
}

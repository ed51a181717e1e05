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

const RANK = { viewer: 0, member: 1, admin: 2, owner: 3 } as const;

/** Whether the current role may do what needs `role` (the server enforces it regardless). */
export function useCan(role: keyof typeof RANK): boolean {
  const tenant = useCurrentTenant();
  return tenant ? RANK[tenant.role] >= RANK[role] : false;
}

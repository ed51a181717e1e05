// `useCan(permission)`: whether the signed-in user may do something in the URL's tenant, by the
// permission table the server checks (it refuses regardless; the web hides what it would refuse).
import { isBuiltInRole, type Permission, ROLE_PERMISSIONS } from "@supportdesk/domain";
import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { useTRPC } from "./trpc";
import { useCurrentTenant } from "./use-session";

/** The caller's own grant as `tenants.current` answers it. */
type Grant = { id: string; permissions: readonly Permission[] };

const NOTHING: ReadonlySet<Permission> = new Set();

/**
 * What the user may do in `tenant`: the server's answer once it is in for this very tenant (query
 * keys do not name the tenant, so an answer for the last one is ignored); before that a built-in
 * role's bundle from the table; null while a custom role's permissions are not known yet.
 *
 * @example
 * permissionsOf({ id: "t1", role: "member" }, undefined)?.has("ticket.reply"); // true
 */
export function permissionsOf(
  tenant: { id: string; role: string } | undefined,
  current: Grant | undefined,
): ReadonlySet<Permission> | null {
  if (!tenant) return NOTHING;
  if (current?.id === tenant.id) return new Set(current.permissions);
  return isBuiltInRole(tenant.role) ? ROLE_PERMISSIONS[tenant.role] : null;
}

/** The caller's grant in the URL's tenant (`tenants.current`, cached and shared by every caller). */
function useCurrentGrant() {
  const trpc = useTRPC();
  const tenant = useCurrentTenant();
  const current = useQuery({ ...trpc.tenants.current.queryOptions(), enabled: Boolean(tenant) });
  return { tenant, current: current.data };
}

/** Every permission the user holds here, or null while it is not known yet (a custom role loading). */
export function usePermissions(): ReadonlySet<Permission> | null {
  const { tenant, current } = useCurrentGrant();
  return useMemo(() => permissionsOf(tenant, current), [tenant, current]);
}

/** Whether the user may do `permission` here; false until known. */
export function useCan(permission: Permission): boolean {
  return usePermissions()?.has(permission) ?? false;
}

/** Whether the user may do any of `permissions` here; false until known. */
export function useCanAny(permissions: readonly Permission[]): boolean {
  const held = usePermissions();
  return held ? permissions.some((p) => held.has(p)) : false;
}

/** The name of the user's role here, for people ("Admin", a custom role's name). */
export function useMyRoleName(): string | undefined {
  const { tenant, current } = useCurrentGrant();
  if (!tenant) return undefined;
  return current?.id === tenant.id ? current.roleName : tenant.roleName;
}

/** What makes the settings area more than the team list: any of these is administration. */
export const ADMINISTRATION: readonly Permission[] = [
  "settings.update",
  "member.invite",
  "member.role.change",
  "member.remove",
  "role.manage",
  "apiKey.manage",
  "email.manage",
  "audit.read",
];

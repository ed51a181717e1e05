// The tenant's roles (built-in and custom, from `roles.list`): which one a ref names, what it may
// do, and which ones the user may hand out.
import {
  BUILT_IN_ROLE_INFO,
  isBuiltInRole,
  type Permission,
  ROLE_PERMISSIONS,
} from "@supportdesk/domain";
import type { RouterOutputs } from "@supportdesk/trpc";
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "./trpc";

export type Role = RouterOutputs["roles"]["list"][number];

/** The tenant's roles; `enabled: false` for people who may not see the team (`member.read`). */
export function useRoles(enabled = true) {
  const trpc = useTRPC();
  return useQuery({ ...trpc.roles.list.queryOptions(undefined, { staleTime: 60_000 }), enabled });
}

/** What a role ref may do: the table for a built-in role, the list for a custom one (or nothing yet). */
export function rolePermissions(
  ref: string,
  roles: readonly Role[] | undefined,
): ReadonlySet<Permission> {
  if (isBuiltInRole(ref)) return ROLE_PERMISSIONS[ref];
  return new Set(roles?.find((r) => r.id === ref)?.permissions ?? []);
}

/** A role ref's name for people; "Custom role" while the list is not in. */
export function roleName(ref: string, roles: readonly Role[] | undefined): string {
  if (isBuiltInRole(ref)) return BUILT_IN_ROLE_INFO[ref].name;
  return roles?.find((r) => r.id === ref)?.name ?? "Custom role";
}

/**
 * The roles someone holding `mine` may give (to a member, an invitee, a key): those with no
 * permission they lack — the server refuses the rest. That leaves the owner role to owners.
 */
export function grantableRoles(
  roles: readonly Role[],
  mine: ReadonlySet<Permission> | null,
): Role[] {
  if (!mine) return [];
  return roles.filter((role) => role.permissions.every((p) => mine.has(p)));
}

/** Members who can be assigned tickets: their role can reply to customers (as the server asks). */
export function assignableMembers<M extends { role: string }>(
  members: readonly M[],
  roles: readonly Role[] | undefined,
): M[] {
  return members.filter((m) => rolePermissions(m.role, roles).has("ticket.reply"));
}

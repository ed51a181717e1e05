// The permission table arranged for people: grouped as the table groups them, worded by its labels.
import {
  GRANTABLE_PERMISSIONS,
  PERMISSION_KEYS,
  PERMISSIONS,
  type Permission,
} from "@supportdesk/domain";

export type PermissionGroup = {
  group: string;
  permissions: { key: Permission; label: string }[];
};

/**
 * `keys` grouped by the table's groups; groups and keys in the table's order, empty groups left
 * out. By default the permissions a custom role may hold (never the owner's own).
 *
 * @example
 * groupPermissions(["ticket.reply", "audit.read"]);
 * // [{ group: "Tickets", permissions: [{ key: "ticket.reply", label: "Reply to customers" }] },
 * //  { group: "Organisation", permissions: [{ key: "audit.read", label: "Read the audit log" }] }]
 */
export function groupPermissions(
  keys: Iterable<Permission> = GRANTABLE_PERMISSIONS,
): PermissionGroup[] {
  const wanted = new Set(keys);
  const groups = new Map<string, PermissionGroup>();
  for (const key of PERMISSION_KEYS) {
    if (!wanted.has(key)) continue;
    const { group, label } = PERMISSIONS[key];
    let entry = groups.get(group);
    if (!entry) {
      entry = { group, permissions: [] };
      groups.set(group, entry);
    }
    entry.permissions.push({ key, label });
  }
  return [...groups.values()];
}

/** `selected` with `key` turned on or off, once, in the table's order (as the server keeps it). */
export function withPermission(
  selected: readonly Permission[],
  key: Permission,
  on: boolean,
): Permission[] {
  const next = new Set(selected);
  if (on) next.add(key);
  else next.delete(key);
  return PERMISSION_KEYS.filter((p) => next.has(p));
}

// Role selects (a member's role, an invitation's, an API key's): built-in roles, then the tenant's
// custom roles, offering only those the user may hand out.
import {
  BUILT_IN_ROLE_INFO,
  BUILT_IN_ROLES,
  PERMISSION_KEYS,
  ROLE_PERMISSIONS,
} from "@supportdesk/domain";
import { grantableRoles, type Role, useRoles } from "../../lib/roles";
import { usePermissions } from "../../lib/use-can";

/** The built-in roles as `roles.list` shows them, for the moment before it answers. */
const BUILT_IN: Role[] = BUILT_IN_ROLES.map((role) => ({
  id: role,
  builtIn: true,
  name: BUILT_IN_ROLE_INFO[role].name,
  description: BUILT_IN_ROLE_INFO[role].description,
  permissions: PERMISSION_KEYS.filter((p) => ROLE_PERMISSIONS[role].has(p)),
  memberCount: 0,
}));

/** The roles the user may give here (`keys`: for an API key, which can never be an owner). */
export function useGrantableRoles(options: { keys?: boolean } = {}) {
  const mine = usePermissions();
  const roles = useRoles();
  const all = roles.data ?? BUILT_IN;
  const grantable = grantableRoles(all, mine).filter((r) => !(options.keys && r.id === "owner"));
  return { all, grantable };
}

/**
 * The `<option>`s of a role select. `current` is what the select holds now: when the user may
 * not give it (a more powerful role), it is still shown, disabled, so the select does not lie.
 */
export function RoleOptions({
  roles,
  current,
}: {
  roles: readonly Role[];
  current?: { ref: string; name: string };
}) {
  const builtIn = roles.filter((r) => r.builtIn);
  const custom = roles.filter((r) => !r.builtIn);
  const missing = current && !roles.some((r) => r.id === current.ref) ? current : null;
  return (
    <>
      {missing ? (
        <option value={missing.ref} disabled>
          {missing.name}
        </option>
      ) : null}
      <optgroup label="Built-in roles">
        {builtIn.map((role) => (
          <option key={role.id} value={role.id}>
            {role.name}
          </option>
        ))}
      </optgroup>
      {custom.length > 0 ? (
        <optgroup label="Custom roles">
          {custom.map((role) => (
            <option key={role.id} value={role.id}>
              {role.name}
            </option>
          ))}
        </optgroup>
      ) : null}
    </>
  );
}

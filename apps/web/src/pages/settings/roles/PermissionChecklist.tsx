// A role's permissions as checkboxes, one fieldset per group of the table. Permissions the user
// does not hold are shown but cannot be ticked: nobody hands out more power than they have.
import type { Permission } from "@supportdesk/domain";
import { groupPermissions } from "./permission-groups";

export function PermissionChecklist({
  selected,
  held,
  onChange,
  disabled = false,
}: {
  selected: readonly Permission[];
  /** What the user holds; null while unknown (nothing can be ticked yet). */
  held: ReadonlySet<Permission> | null;
  onChange: (key: Permission, on: boolean) => void;
  disabled?: boolean;
}) {
  return (
    <div className="sd-perm-groups">
      {groupPermissions().map(({ group, permissions }) => (
        <fieldset key={group} className="sd-perm-group">
          <legend>{group}</legend>
          {permissions.map(({ key, label }) => {
            const grantable = held?.has(key) ?? false;
            return (
              <label key={key} className="sd-check">
                <input
                  type="checkbox"
                  name="permissions"
                  value={key}
                  checked={selected.includes(key)}
                  disabled={disabled || !grantable}
                  onChange={(event) => onChange(key, event.target.checked)}
                />
                {label}
                {grantable ? null : <span className="sd-muted"> (you don't hold this)</span>}
              </label>
            );
          })}
        </fieldset>
      ))}
    </div>
  );
}

/** A role's permissions read-only: per group, what it may do. */
export function PermissionSummary({ permissions }: { permissions: readonly Permission[] }) {
  const groups = groupPermissions(permissions);
  if (groups.length === 0)
    return <p className="sd-muted">No permissions: this role can do nothing.</p>;
  return (
    <dl className="sd-perm-summary">
      {groups.map(({ group, permissions: held }) => (
        <div key={group}>
          <dt>{group}</dt>
          <dd>
            <ul>
              {held.map(({ key, label }) => (
                <li key={key}>{label}</li>
              ))}
            </ul>
          </dd>
        </div>
      ))}
    </dl>
  );
}

import { describe, expect, test } from "bun:test";
import {
  GRANTABLE_PERMISSIONS,
  OWNER_ONLY_PERMISSIONS,
  PERMISSION_KEYS,
  PERMISSIONS,
} from "@supportdesk/domain";
import { groupPermissions, withPermission } from "./permission-groups";

describe("groupPermissions", () => {
  test("by default: every permission a custom role may hold, once, under its table group", () => {
    const groups = groupPermissions();
    const keys = groups.flatMap((g) => g.permissions.map((p) => p.key));
    expect(keys).toEqual([...GRANTABLE_PERMISSIONS]);
    for (const { group, permissions } of groups) {
      for (const { key, label } of permissions) {
        expect({ group, label }).toEqual({ ...PERMISSIONS[key] });
      }
    }
  });

  test("the owner's own powers are never offered", () => {
    const keys = groupPermissions().flatMap((g) => g.permissions.map((p) => p.key));
    for (const ownerOnly of OWNER_ONLY_PERMISSIONS) expect(keys).not.toContain(ownerOnly);
  });

  test("groups in the table's order, each named once", () => {
    const tableOrder = [...new Set(PERMISSION_KEYS.map((k) => PERMISSIONS[k].group))];
    const names = groupPermissions(PERMISSION_KEYS).map((g) => g.group);
    expect(names).toEqual(tableOrder);
    expect(names).toEqual([
      "Tickets",
      "Customers",
      "Knowledge base",
      "Team",
      "Organisation",
      "Service levels",
    ]);
  });

  test("a subset: only its groups, keys in table order whatever order they came in", () => {
    expect(groupPermissions(["audit.read", "ticket.update", "ticket.read"])).toEqual([
      {
        group: "Tickets",
        permissions: [
          { key: "ticket.read", label: PERMISSIONS["ticket.read"].label },
          { key: "ticket.update", label: PERMISSIONS["ticket.update"].label },
        ],
      },
      {
        group: "Organisation",
        permissions: [{ key: "audit.read", label: PERMISSIONS["audit.read"].label }],
      },
    ]);
    expect(groupPermissions([])).toEqual([]);
  });
});

describe("withPermission", () => {
  test("turning on adds once, in table order; turning off removes", () => {
    const on = withPermission(["audit.read"], "ticket.read", true);
    expect(on).toEqual(["ticket.read", "audit.read"]);
    expect(withPermission(on, "ticket.read", true)).toEqual(on);
    expect(withPermission(on, "audit.read", false)).toEqual(["ticket.read"]);
    expect(withPermission([], "audit.read", false)).toEqual([]);
  });
});

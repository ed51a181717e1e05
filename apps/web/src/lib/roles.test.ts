import { describe, expect, test } from "bun:test";
import { type Permission, ROLE_PERMISSIONS } from "@supportdesk/domain";
import { assignableMembers, grantableRoles, type Role, roleName, rolePermissions } from "./roles";

const TRIAGE = "00000000-0000-4000-8000-0000000000aa";
const WRITER = "00000000-0000-4000-8000-0000000000bb";

function role(id: string, name: string, permissions: Permission[], builtIn = false): Role {
  return { id, builtIn, name, description: "", permissions, memberCount: 0 };
}
const builtIn = (id: "owner" | "admin" | "member" | "viewer", name: string) =>
  role(id, name, [...ROLE_PERMISSIONS[id]], true);

const ROLES: Role[] = [
  builtIn("owner", "Owner"),
  builtIn("admin", "Admin"),
  builtIn("member", "Member"),
  builtIn("viewer", "Viewer"),
  role(TRIAGE, "Triage", ["ticket.read", "ticket.update"]),
  role(WRITER, "Writer", ["ticket.read", "ticket.reply", "audit.read"]),
];

describe("grantableRoles", () => {
  const ids = (roles: Role[]) => roles.map((r) => r.id);

  test("an owner may give every role, the owner's included", () => {
    expect(ids(grantableRoles(ROLES, ROLE_PERMISSIONS.owner))).toEqual(ids(ROLES));
  });

  test("an admin may give every role but owner", () => {
    expect(ids(grantableRoles(ROLES, ROLE_PERMISSIONS.admin))).toEqual(
      ids(ROLES).filter((id) => id !== "owner"),
    );
  });

  test("a custom role with less power offers only roles within its own", () => {
    const mine = new Set<Permission>([
      "ticket.read",
      "ticket.note.read",
      "ticket.update",
      "customer.read",
      "member.read",
      "kb.read",
    ]);
    expect(ids(grantableRoles(ROLES, mine))).toEqual(["viewer", TRIAGE]);
  });

  test("nothing while the user's own permissions are unknown", () => {
    expect(grantableRoles(ROLES, null)).toEqual([]);
  });
});

describe("rolePermissions and roleName", () => {
  test("built-in roles come from the table, custom ones from the list", () => {
    expect(rolePermissions("member", undefined)).toBe(ROLE_PERMISSIONS.member);
    expect([...rolePermissions(TRIAGE, ROLES)]).toEqual(["ticket.read", "ticket.update"]);
    expect(roleName("viewer", undefined)).toBe("Viewer");
    expect(roleName(TRIAGE, ROLES)).toBe("Triage");
  });

  test("a custom role not in the list (yet): no permissions, a generic name", () => {
    expect(rolePermissions(TRIAGE, undefined).size).toBe(0);
    expect(roleName(TRIAGE, [])).toBe("Custom role");
  });
});

describe("assignableMembers", () => {
  const members = [
    { userId: "a", role: "owner" },
    { userId: "b", role: "viewer" },
    { userId: "c", role: TRIAGE },
    { userId: "d", role: WRITER },
    { userId: "e", role: "member" },
  ];

  test("those whose role can reply to customers, as the server decides", () => {
    expect(assignableMembers(members, ROLES).map((m) => m.userId)).toEqual(["a", "d", "e"]);
  });

  test("custom-role holders wait for the role list; built-in ones do not", () => {
    expect(assignableMembers(members, undefined).map((m) => m.userId)).toEqual(["a", "e"]);
  });
});

// The permission table: built-in roles nest, the owner alone holds the owner's powers.
import { describe, expect, test } from "bun:test";
import {
  BUILT_IN_ROLES,
  can,
  GRANTABLE_PERMISSIONS,
  isPermission,
  missingPermissions,
  OWNER_ONLY_PERMISSIONS,
  PERMISSION_KEYS,
  PERMISSIONS,
  ROLE_PERMISSIONS,
} from "./permissions";

describe("the permission table", () => {
  test("each built-in role holds every power of the roles below it, and more", () => {
    for (let i = 0; i + 1 < BUILT_IN_ROLES.length; i++) {
      const higher = ROLE_PERMISSIONS[BUILT_IN_ROLES[i] ?? "owner"];
      const lower = ROLE_PERMISSIONS[BUILT_IN_ROLES[i + 1] ?? "viewer"];
      expect([...lower].filter((p) => !higher.has(p))).toEqual([]);
      expect(higher.size).toBeGreaterThan(lower.size);
    }
  });

  test("the owner holds everything; the owner's powers are nobody else's", () => {
    expect([...ROLE_PERMISSIONS.owner].sort()).toEqual([...PERMISSION_KEYS].sort());
    for (const role of BUILT_IN_ROLES.filter((r) => r !== "owner")) {
      expect([...OWNER_ONLY_PERMISSIONS].filter((p) => ROLE_PERMISSIONS[role].has(p))).toEqual([]);
    }
    expect(GRANTABLE_PERMISSIONS.filter((p) => OWNER_ONLY_PERMISSIONS.has(p))).toEqual([]);
    expect(GRANTABLE_PERMISSIONS.length + OWNER_ONLY_PERMISSIONS.size).toBe(PERMISSION_KEYS.length);
  });

  test("a viewer reads and changes nothing", () => {
    const viewer = { permissions: ROLE_PERMISSIONS.viewer };
    expect([...viewer.permissions].every((p) => p.endsWith(".read"))).toBe(true);
    expect(can(viewer, "ticket.read")).toBe(true);
    expect(can(viewer, "ticket.reply")).toBe(false);
  });

  test("every permission says what it allows, under a group", () => {
    for (const key of PERMISSION_KEYS) {
      expect(PERMISSIONS[key].label.length).toBeGreaterThan(5);
      expect(PERMISSIONS[key].group.length).toBeGreaterThan(2);
      expect(key).toMatch(/^[a-z][a-zA-Z]*(\.[a-z][a-zA-Z]*)+$/);
    }
    expect(isPermission("ticket.read")).toBe(true);
    expect(isPermission("toString")).toBe(false);
    expect(isPermission("tickets.fly")).toBe(false);
  });

  test("missingPermissions names what a holder lacks of a wanted set", () => {
    const member = { permissions: ROLE_PERMISSIONS.member };
    expect(missingPermissions(member, ["ticket.read", "audit.read", "tenant.delete"])).toEqual([
      "audit.read",
      "tenant.delete",
    ]);
    expect(missingPermissions(member, ROLE_PERMISSIONS.viewer)).toEqual([]);
  });
});

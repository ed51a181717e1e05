import { expect, test } from "bun:test";
import type { TenantMembership } from "./session";
import { roleAtLeast } from "./use-session";

type Role = TenantMembership["role"];
const ORDER: Role[] = ["viewer", "member", "admin", "owner"];

test("every role against every requirement: allowed exactly when it ranks as high", () => {
  const table = Object.fromEntries(
    ORDER.map((role) => [role, ORDER.filter((needed) => roleAtLeast(role, needed))]),
  );
  expect(table).toEqual({
    viewer: ["viewer"],
    member: ["viewer", "member"],
    admin: ["viewer", "member", "admin"],
    owner: ["viewer", "member", "admin", "owner"],
  });
});

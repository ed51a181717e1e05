import { describe, expect, test } from "bun:test";
import { renderToStaticMarkup } from "react-dom/server";
import type { Role } from "../../lib/roles";
import { RoleOptions } from "./role-options";

const role = (id: string, name: string, builtIn: boolean): Role => ({
  id,
  builtIn,
  name,
  description: "",
  permissions: [],
  memberCount: 0,
});
const TRIAGE = "00000000-0000-4000-8000-0000000000aa";
const ROLES = [
  role("member", "Member", true),
  role("viewer", "Viewer", true),
  role(TRIAGE, "Triage", false),
];

describe("RoleOptions", () => {
  test("built-in roles, then custom roles, each in its own group, valued by role ref", () => {
    const html = renderToStaticMarkup(<RoleOptions roles={ROLES} />);
    expect(html).toBe(
      `<optgroup label="Built-in roles"><option value="member">Member</option><option value="viewer">Viewer</option></optgroup><optgroup label="Custom roles"><option value="${TRIAGE}">Triage</option></optgroup>`,
    );
  });

  test("no custom roles: no empty group", () => {
    expect(renderToStaticMarkup(<RoleOptions roles={ROLES.slice(0, 2)} />)).not.toContain(
      "Custom roles",
    );
  });

  test("a current role the user may not give is shown, disabled, so the select tells the truth", () => {
    const html = renderToStaticMarkup(
      <RoleOptions roles={ROLES} current={{ ref: "admin", name: "Admin" }} />,
    );
    expect(html).toStartWith('<option value="admin" disabled="">Admin</option>');
    const given = renderToStaticMarkup(
      <RoleOptions roles={ROLES} current={{ ref: TRIAGE, name: "Triage" }} />,
    );
    expect(given.match(/Triage/g)).toHaveLength(1);
  });
});

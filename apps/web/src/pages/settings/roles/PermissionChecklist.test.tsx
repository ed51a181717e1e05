import { describe, expect, test } from "bun:test";
import { GRANTABLE_PERMISSIONS, type Permission, ROLE_PERMISSIONS } from "@supportdesk/domain";
import { renderToStaticMarkup } from "react-dom/server";
import { PermissionChecklist, PermissionSummary } from "./PermissionChecklist";

/** The checkboxes in the markup: [value, checked, disabled]. */
function boxes(html: string) {
  return [...html.matchAll(/<input([^>]*)>/g)].map(([, attrs = ""]) => [
    /value="([^"]+)"/.exec(attrs)?.[1],
    attrs.includes("checked"),
    attrs.includes("disabled"),
  ]);
}

const render = (selected: Permission[], held: ReadonlySet<Permission> | null) =>
  renderToStaticMarkup(<PermissionChecklist selected={selected} held={held} onChange={() => {}} />);

describe("PermissionChecklist", () => {
  test("a fieldset per group, legends in table order, one box per grantable permission", () => {
    const html = render([], ROLE_PERMISSIONS.admin);
    expect([...html.matchAll(/<legend>([^<]+)<\/legend>/g)].map((m) => m[1])).toEqual([
      "Tickets",
      "Customers",
      "Knowledge base",
      "Team",
      "Organisation",
      "Service levels",
    ]);
    expect(boxes(html).map(([value]) => value)).toEqual([...GRANTABLE_PERMISSIONS]);
    expect(html).toContain("Change status, priority and tags");
    expect(html).not.toContain("tenant.delete");
  });

  test("ticks what the role holds", () => {
    const html = render(["ticket.read", "ticket.update"], ROLE_PERMISSIONS.admin);
    const ticked = boxes(html)
      .filter(([, checked]) => checked)
      .map(([value]) => value);
    expect(ticked).toEqual(["ticket.read", "ticket.update"]);
  });

  test("what the user does not hold cannot be ticked, and says why", () => {
    const html = render([], ROLE_PERMISSIONS.member);
    const locked = boxes(html)
      .filter(([, , disabled]) => disabled)
      .map(([value]) => value);
    expect(locked).toEqual(GRANTABLE_PERMISSIONS.filter((p) => !ROLE_PERMISSIONS.member.has(p)));
    expect(html).toContain("(you don&#x27;t hold this)");
  });

  test("nothing can be ticked while the user's permissions are unknown", () => {
    expect(boxes(render([], null)).every(([, , disabled]) => disabled)).toBe(true);
  });
});

describe("PermissionSummary", () => {
  test("a role's permissions, grouped, in words", () => {
    const html = renderToStaticMarkup(
      <PermissionSummary permissions={["audit.read", "ticket.read"]} />,
    );
    expect(html).toBe(
      '<dl class="sd-perm-summary"><div><dt>Tickets</dt><dd><ul><li>See tickets and their conversations</li></ul></dd></div><div><dt>Organisation</dt><dd><ul><li>Read the audit log</li></ul></dd></div></dl>',
    );
  });

  test("none: says the role can do nothing", () => {
    expect(renderToStaticMarkup(<PermissionSummary permissions={[]} />)).toContain(
      "this role can do nothing",
    );
  });
});

// Custom roles end to end: defining them, giving them to members and keys, changing them (next
// request), deleting them, and never handing out more power than the giver holds.
import { afterAll, describe, expect, test } from "bun:test";
import { eq, userTenantRoles } from "@supportdesk/database";
import { callerFor, codeOf, createTeam, createTestDeps } from "../testing";

const deps = await createTestDeps();
afterAll(() => deps.close());

const errorOf = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error("expected an error");
    },
    (error: { code?: string; message?: string }) => ({ code: error.code, message: error.message }),
  );

describe("defining roles", () => {
  test("an admin creates a role; the list shows built-in and custom roles with their holders", async () => {
    const { owner } = await createTeam(deps, "Roles Co");
    const triage = await owner.here.roles.create({
      name: " Triage ",
      description: "Sorts the queue",
      permissions: ["ticket.update", "ticket.read", "ticket.read"],
    });
    expect(triage).toMatchObject({ name: "Triage", permissions: ["ticket.read", "ticket.update"] });
    const list = await owner.here.roles.list();
    expect(list.map((r) => r.id)).toEqual(["owner", "admin", "member", "viewer", triage.id]);
    expect(list[0]).toMatchObject({ builtIn: true, name: "Owner", memberCount: 1 });
    expect(list[4]).toMatchObject({
      builtIn: false,
      description: "Sorts the queue",
      memberCount: 0,
    });
    expect(list[1]?.permissions).not.toContain("tenant.delete");
  });

  test("names are unique per tenant and never a built-in role's; owner powers and unknown keys are refused", async () => {
    const { owner } = await createTeam(deps, "Names Co");
    await owner.here.roles.create({ name: "Leads", permissions: [] });
    expect(
      await errorOf(owner.here.roles.create({ name: "leads", permissions: [] })),
    ).toMatchObject({ code: "CONFLICT" });
    expect(
      await errorOf(owner.here.roles.create({ name: "Admin", permissions: [] })),
    ).toMatchObject({ code: "CONFLICT" });
    const ownerOnly = await errorOf(
      owner.here.roles.create({ name: "Heir", permissions: ["tenant.transfer"] }),
    );
    expect(ownerOnly).toMatchObject({ code: "BAD_REQUEST" });
    expect(ownerOnly.message).toContain("tenant.transfer");
    const unknown = await errorOf(
      owner.here.roles.create({ name: "Odd", permissions: ["tickets.fly"] }),
    );
    expect(unknown).toMatchObject({ code: "BAD_REQUEST" });
    expect(unknown.message).toContain("tickets.fly");
    // Another tenant may use the same name.
    const other = await createTeam(deps, "Other Names Co");
    await other.owner.here.roles.create({ name: "Leads", permissions: [] });
  });
});

describe("holding a custom role", () => {
  test("a member gets exactly the role's permissions, and an edit applies on the next request", async () => {
    const { owner, join } = await createTeam(deps, "Holders Co");
    const agent = await join("member");
    const ticket = await owner.here.tickets.create({ subject: "Printer", body: "on fire" });
    const reader = await owner.here.roles.create({ name: "Reader", permissions: ["ticket.read"] });
    await owner.here.tenants.members.updateRole({ userId: agent.userId, role: reader.id });
    const members = await owner.here.tenants.members.list();
    expect(members.find((m) => m.userId === agent.userId)).toMatchObject({
      role: reader.id,
      roleName: "Reader",
    });
    expect((await agent.here.tickets.get({ id: ticket.id })).subject).toBe("Printer");
    expect(await codeOf(agent.here.tickets.update({ id: ticket.id, status: "pending" }))).toBe(
      "FORBIDDEN",
    );
    expect(await agent.here.tenants.current()).toMatchObject({
      role: reader.id,
      permissions: ["ticket.read"],
    });

    await owner.here.roles.update({ id: reader.id, permissions: ["ticket.read", "ticket.update"] });
    expect(await agent.here.tickets.update({ id: ticket.id, status: "pending" })).toMatchObject({
      status: "pending",
    });
    // The login answer names the custom role too.
    const mine = await agent.caller.tenants.listMine();
    expect(mine.find((t) => t.slug)?.role).toBe(reader.id);
  });

  test("a role in use cannot be deleted until its holders have another role", async () => {
    const { owner, join } = await createTeam(deps, "Delete Co");
    const agent = await join("member");
    const role = await owner.here.roles.create({ name: "Temp", permissions: ["ticket.read"] });
    await owner.here.tenants.members.updateRole({ userId: agent.userId, role: role.id });
    await owner.here.apiKeys.create({ name: "Temp key", role: role.id });
    const refused = await errorOf(owner.here.roles.delete({ id: role.id }));
    expect(refused.code).toBe("PRECONDITION_FAILED");
    expect(refused.message).toBe(
      `"Temp" is still held by 1 member, 1 API key: give them another role first.`,
    );
    await owner.here.tenants.members.updateRole({ userId: agent.userId, role: "member" });
    const [key] = await owner.here.apiKeys.list();
    await owner.here.apiKeys.revoke({ id: key?.id ?? "" });
    expect(await owner.here.roles.delete({ id: role.id })).toEqual({ ok: true });
    expect(await codeOf(owner.here.roles.delete({ id: role.id }))).toBe("NOT_FOUND");
    // The revoked key that named it fell back to viewer.
    expect((await owner.here.apiKeys.list())[0]).toMatchObject({ role: "viewer" });
  });

  test("a role of another tenant cannot be given (it is not a role here)", async () => {
    const a = await createTeam(deps, "Role A Co");
    const b = await createTeam(deps, "Role B Co");
    const bRole = await b.owner.here.roles.create({ name: "B only", permissions: [] });
    const agent = await a.join("member");
    const error = await errorOf(
      a.owner.here.tenants.members.updateRole({ userId: agent.userId, role: bRole.id }),
    );
    expect(error.code).toBe("BAD_REQUEST");
    expect(await codeOf(a.owner.here.roles.update({ id: bRole.id, name: "Stolen" }))).toBe(
      "NOT_FOUND",
    );
  });
});

describe("nobody grants more power than they hold", () => {
  test("an admin-like custom role cannot make admins, or roles beyond its own powers", async () => {
    const { owner, join, tenant } = await createTeam(deps, "Escalation Co");
    const manager = await owner.here.roles.create({
      name: "People manager",
      permissions: [
        "member.read",
        "member.role.change",
        "role.manage",
        "ticket.read",
        "ticket.note.read",
        "customer.read",
        "kb.read",
      ],
    });
    const lead = await join("member");
    const agent = await join("viewer");
    await deps.db.platform
      .update(userTenantRoles)
      .set({ role: "custom", customRoleId: manager.id })
      .where(eq(userTenantRoles.userId, lead.userId));
    const asLead = lead.as(tenant.slug);
    expect(
      await codeOf(asLead.tenants.members.updateRole({ userId: agent.userId, role: "admin" })),
    ).toBe("FORBIDDEN");
    expect(
      await codeOf(asLead.roles.create({ name: "Sneaky", permissions: ["apiKey.manage"] })),
    ).toBe("FORBIDDEN");
    const within = await asLead.roles.create({ name: "Reader", permissions: ["ticket.read"] });
    await asLead.tenants.members.updateRole({ userId: agent.userId, role: within.id });
    // Nor act on someone more powerful: an admin is out of its reach.
    const boss = await join("admin");
    const demote = await errorOf(
      asLead.tenants.members.updateRole({ userId: boss.userId, role: within.id }),
    );
    expect(demote.code).toBe("FORBIDDEN");
    expect(demote.message).toContain("holds permissions you don't");
    // Nor widen its own role.
    expect(
      await codeOf(
        asLead.roles.update({ id: manager.id, permissions: ["member.read", "apiKey.manage"] }),
      ),
    ).toBe("FORBIDDEN");
  });

  test("an API key cannot mint a stronger key or invite a stronger member; keys show their creator", async () => {
    const { owner } = await createTeam(deps, "Key Co");
    const minter = await owner.here.roles.create({
      name: "Minter",
      permissions: ["apiKey.manage", "member.invite", "ticket.read"],
    });
    const reader = await owner.here.roles.create({ name: "Reader", permissions: ["ticket.read"] });
    const parent = await owner.here.apiKeys.create({ name: "Parent", role: minter.id });
    expect(parent).toMatchObject({ roleName: "Minter", createdBy: { type: "user" } });
    const asKey = callerFor(deps, { authorization: `Bearer ${parent.key}` });
    expect(await codeOf(asKey.apiKeys.create({ name: "Bigger", role: "member" }))).toBe(
      "FORBIDDEN",
    );
    expect(
      await codeOf(asKey.invitations.create({ email: "big@example.test", role: "member" })),
    ).toBe("FORBIDDEN");
    const child = await asKey.apiKeys.create({ name: "Child", role: reader.id });
    expect(child.createdBy).toEqual({ type: "apiKey", id: parent.id, name: "Parent" });
    expect(
      await asKey.invitations.create({ email: "r@example.test", role: reader.id }),
    ).toMatchObject({ roleName: "Reader" });
    const revoked = await owner.here.apiKeys.revoke({ id: parent.id });
    expect(revoked.createdKeys).toEqual([{ id: child.id, name: "Child", prefix: child.prefix }]);
    // The child still works until it is revoked too.
    const asChild = callerFor(deps, { authorization: `Bearer ${child.key}` });
    expect(await codeOf(asChild.tickets.list())).toBe("ok");
    expect(await codeOf(asKey.tickets.list())).toBe("UNAUTHORIZED");
  });
});

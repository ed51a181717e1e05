// Tenants, members and ownership rules through createCaller; role changes bite on the next request.
import { afterAll, describe, expect, test } from "bun:test";
import { userTenantRoles } from "@supportdesk/database";
import { lastJobFor } from "../test-outbox";
import { callerFor, codeOf, createTeam, createTestDeps, signUp } from "../testing";

const deps = await createTestDeps();
afterAll(() => deps.close());

/** A tenant with an owner, and helpers to add people to it directly. */
const team = () => createTeam(deps, "Team Co");

describe("tenants", () => {
  test("checkSlug explains rules and availability", async () => {
    const { tenant } = await team();
    const anon = callerFor(deps);
    expect(await anon.tenants.checkSlug({ slug: tenant.slug })).toEqual({
      available: false,
      reason: "That subdomain is taken.",
    });
    expect((await anon.tenants.checkSlug({ slug: "www" })).reason).toContain("reserved");
    expect((await anon.tenants.checkSlug({ slug: "a_b" })).reason).toContain(
      "lowercase letters, digits and hyphens",
    );
    expect(
      await anon.tenants.checkSlug({ slug: `free-${crypto.randomUUID().slice(0, 8)}` }),
    ).toEqual({ available: true, reason: null });
  });

  test("a user creates a second tenant, lists both, switches, and the switch is remembered", async () => {
    const { owner } = await team();
    const second = await owner.caller.tenants.create({
      name: "Second Co",
      slug: `second-${crypto.randomUUID().slice(0, 8)}`,
    });
    expect((await owner.caller.tenants.listMine()).map((t) => t.id).sort()).toEqual(
      [owner.tenant?.id, second.id].sort() as string[],
    );
    expect((await owner.caller.tenants.current()).id).toBe(owner.tenant?.id ?? "");
    await owner.caller.tenants.switch({ tenantId: second.id });
    expect((await owner.caller.tenants.current()).id).toBe(second.id);
    expect((await owner.caller.auth.me()).currentTenantId).toBe(second.id);
  });

  test("the platform's own hosts (app., api.) name no tenant: the session's default applies", async () => {
    const { owner } = await team();
    for (const host of ["app.supportdesk.test", "api.supportdesk.test:443", "localhost:3000"]) {
      const caller = callerFor(deps, {
        authorization: `Bearer ${owner.accessToken}`,
        tenantHints: { host },
      });
      expect((await caller.tenants.current()).id).toBe(owner.tenant?.id ?? "");
    }
    const byHost = callerFor(deps, {
      authorization: `Bearer ${owner.accessToken}`,
      tenantHints: { host: `${owner.tenant?.slug}.supportdesk.test` },
    });
    expect((await byHost.tenants.current()).id).toBe(owner.tenant?.id ?? "");
  });

  test("a PLATFORM_DOMAIN with a port still resolves tenants by subdomain", async () => {
    const withPort = await createTestDeps({ platformDomain: "supportdesk.test:3000" });
    try {
      // Signed up through these deps: each deps object signs with its own key.
      const owner = await signUp(withPort, { tenantName: "Port Co" });
      const other = await signUp(withPort, { tenantName: "Other Port Co" });
      const at = (host: string) =>
        callerFor(withPort, {
          authorization: `Bearer ${owner.accessToken}`,
          tenantHints: { host },
        });
      const current = (host: string) => at(host).tenants.current();
      expect(await codeOf(current(`${other.tenant?.slug}.supportdesk.test:3000`))).toBe(
        "NOT_FOUND",
      );
      expect((await current(`${owner.tenant?.slug}.supportdesk.test:3000`)).id).toBe(
        owner.tenant?.id ?? "",
      );
    } finally {
      await withPort.close();
    }
  });

  test("an API key naming an unknown tenant, by path or header, is NOT_FOUND, whatever the host", async () => {
    const { owner } = await team();
    const { key } = await owner.here.apiKeys.create({ name: "k", role: "viewer" });
    for (const tenantHints of [
      { pathSlug: "no-such-tenant-xyz", host: "api.supportdesk.test" },
      { headerId: crypto.randomUUID(), host: "localhost:3000" },
    ]) {
      expect(
        await codeOf(
          callerFor(deps, { authorization: `Bearer ${key}`, tenantHints }).tickets.list(),
        ),
      ).toBe("NOT_FOUND");
    }
    expect(
      await codeOf(
        callerFor(deps, {
          authorization: `Bearer ${key}`,
          tenantHints: { host: "api.supportdesk.test" },
        }).tickets.list(),
      ),
    ).toBe("ok");
  });

  test("switching to a tenant one does not belong to is NOT_FOUND, same as an unknown one", async () => {
    const { owner } = await team();
    const other = await team();
    const theirs = await owner.caller.tenants.switch({ tenantId: other.tenant.id }).catch((e) => e);
    const unknown = await owner.caller.tenants
      .switch({ tenantId: crypto.randomUUID() })
      .catch((e) => e);
    expect([theirs.code, theirs.message]).toEqual(["NOT_FOUND", unknown.message]);
  });

  test("admins update name and branding; members cannot", async () => {
    const { owner, join } = await team();
    const admin = await join("admin");
    const member = await join("member");
    const updated = await admin.here.tenants.update({
      name: "Renamed",
      branding: { primaryColor: "#112233" },
    });
    expect(updated).toMatchObject({
      name: "Renamed",
      settings: { branding: { primaryColor: "#112233" } },
    });
    expect((await owner.here.tenants.current()).name).toBe("Renamed");
    expect(await codeOf(member.here.tenants.update({ name: "Nope" }))).toBe("FORBIDDEN");
  });

  test("branding: a field left out is kept, null clears it; an empty name is refused by name", async () => {
    const { owner } = await team();
    await owner.here.tenants.update({
      branding: { logoUrl: "https://cdn.example.com/logo.png", primaryColor: "#112233" },
    });
    await owner.here.tenants.update({ branding: { displayName: "Acme Help" } });
    expect((await owner.here.tenants.current()).settings.branding).toEqual({
      logoUrl: "https://cdn.example.com/logo.png",
      primaryColor: "#112233",
      displayName: "Acme Help",
    });
    await owner.here.tenants.update({ branding: { logoUrl: null } });
    expect((await owner.here.tenants.current()).settings.branding).toEqual({
      primaryColor: "#112233",
      displayName: "Acme Help",
    });
    const empty = await owner.here.tenants.update({ name: "  " }).catch((e) => e);
    expect(empty.code).toBe("BAD_REQUEST");
    // (createCaller: the raw issue; over HTTP the formatter makes it "name: is required")
    expect(empty.cause?.issues?.[0]).toMatchObject({ path: ["name"], message: "is required" });
  });

  test("only an owner deletes, typing the slug to confirm; the tenant is then gone for everyone", async () => {
    const { owner, tenant, join } = await team();
    const admin = await join("admin");
    expect(await codeOf(admin.here.tenants.delete({ confirmSlug: tenant.slug }))).toBe("FORBIDDEN");
    expect(await codeOf(owner.here.tenants.delete({ confirmSlug: "wrong-slug" }))).toBe(
      "BAD_REQUEST",
    );
    await owner.here.tenants.delete({ confirmSlug: tenant.slug });
    expect(await codeOf(admin.here.tickets.list())).toBe("NOT_FOUND");
    expect(await owner.caller.tenants.listMine()).toEqual([]);
  });
});

describe("members and ownership", () => {
  test("a demoted member loses write access on the very next request; a removed one loses all access", async () => {
    const { owner, join } = await team();
    const agent = await join("member");
    expect(await codeOf(agent.here.tickets.create({ subject: "Before", body: "x" }))).toBe("ok");
    await owner.here.tenants.members.updateRole({ userId: agent.userId, role: "viewer" });
    expect(await codeOf(agent.here.tickets.create({ subject: "After", body: "x" }))).toBe(
      "FORBIDDEN",
    );
    expect(await codeOf(agent.here.tickets.list())).toBe("ok");
    await owner.here.tenants.members.remove({ userId: agent.userId });
    expect(await codeOf(agent.here.tickets.list())).toBe("NOT_FOUND");
  });

  test("only owners make owners or touch owners; admins manage the rest", async () => {
    const { owner, join } = await team();
    const admin = await join("admin");
    const member = await join("member");
    expect(
      await codeOf(admin.here.tenants.members.updateRole({ userId: member.userId, role: "owner" })),
    ).toBe("FORBIDDEN");
    expect(
      await codeOf(admin.here.tenants.members.updateRole({ userId: owner.userId, role: "admin" })),
    ).toBe("FORBIDDEN");
    expect(await codeOf(admin.here.tenants.members.remove({ userId: owner.userId }))).toBe(
      "FORBIDDEN",
    );
    expect(
      await codeOf(admin.here.tenants.members.updateRole({ userId: member.userId, role: "admin" })),
    ).toBe("ok");
    expect(await codeOf(member.here.tenants.members.remove({ userId: admin.userId }))).toBe("ok");
  });

  test("the last owner can neither be demoted, removed, nor leave; after a transfer they can", async () => {
    const { owner, join } = await team();
    const member = await join("member");
    expect(
      await codeOf(owner.here.tenants.members.updateRole({ userId: owner.userId, role: "admin" })),
    ).toBe("PRECONDITION_FAILED");
    expect(await codeOf(owner.here.tenants.leave())).toBe("PRECONDITION_FAILED");
    expect(await codeOf(member.here.tenants.transferOwnership({ userId: member.userId }))).toBe(
      "FORBIDDEN",
    );
    await owner.here.tenants.transferOwnership({ userId: member.userId });
    const roles = Object.fromEntries(
      (await member.here.tenants.members.list()).map((m) => [m.userId, m.role]),
    );
    expect(roles).toEqual({ [owner.userId]: "admin", [member.userId]: "owner" });
    expect(await codeOf(owner.here.tenants.leave())).toBe("ok");
    expect(await codeOf(owner.here.tickets.list())).toBe("NOT_FOUND");
  });

  test("two owners demoting each other at once cannot leave the tenant ownerless", async () => {
    const { owner, join } = await team();
    const second = await join("owner");
    const results = await Promise.all([
      codeOf(owner.here.tenants.members.updateRole({ userId: second.userId, role: "admin" })),
      codeOf(second.here.tenants.members.updateRole({ userId: owner.userId, role: "admin" })),
    ]);
    // The loser is refused either as no longer an owner (FORBIDDEN) or as the last owner.
    expect(results.filter((r) => r === "ok").length).toBe(1);
    expect(results.filter((r) => r !== "ok")[0]).toMatch(/^(FORBIDDEN|PRECONDITION_FAILED)$/);
    const owners = (
      await owner.here.tenants.members.list().catch(() => second.here.tenants.members.list())
    ).filter((m) => m.role === "owner");
    expect(owners.length).toBe(1);
  });

  test("members.list shows names, emails and roles, never password hashes", async () => {
    const { owner, join } = await team();
    await join("viewer");
    const list = await owner.here.tenants.members.list();
    expect(list.length).toBe(2);
    expect(JSON.stringify(list)).not.toContain("argon2");
    expect(Object.keys(list[0] ?? {}).sort()).toEqual([
      "email",
      "joinedAt",
      "name",
      "role",
      "roleName",
      "userId",
    ]);
  });
});

describe("invitations", () => {
  /** signUp opens the verification link, as a person does: the address is verified. */
  const verified = (email?: string) => signUp(deps, email ? { email } : {});

  test("create records the email in the outbox (same transaction); the invitee previews and accepts", async () => {
    const { owner, tenant } = await team();
    const invitee = await verified();
    const invitation = await owner.here.invitations.create({
      email: invitee.email,
      role: "member",
    });
    expect(invitation).toMatchObject({ status: "pending", role: "member" });
    const job = await lastJobFor(deps, "email.invitation", invitee.email);
    expect(job).toMatchObject({ tenantId: tenant.id, invitationId: invitation.id, role: "member" });
    const preview = await callerFor(deps).invitations.preview({ token: job?.token ?? "" });
    expect(preview).toMatchObject({ tenantName: "Team Co", role: "member", status: "pending" });
    const joined = await invitee.caller.invitations.accept({ token: job?.token ?? "" });
    expect(joined).toMatchObject({ id: tenant.id, role: "member" });
    expect(await codeOf(invitee.as(tenant.slug).tickets.list())).toBe("ok");
    expect((await owner.here.invitations.list())[0]?.status).toBe("accepted");
  });

  test("accepting with another account's email is FORBIDDEN; an unverified email must verify first", async () => {
    const { owner } = await team();
    const intended = await verified();
    const wrong = await verified();
    await owner.here.invitations.create({ email: intended.email, role: "viewer" });
    const job = await lastJobFor(deps, "email.invitation", intended.email);
    expect(await codeOf(wrong.caller.invitations.accept({ token: job?.token ?? "" }))).toBe(
      "FORBIDDEN",
    );
    const unverified = await signUp(deps, { verified: false });
    await owner.here.invitations.create({ email: unverified.email, role: "viewer" });
    const second = await lastJobFor(deps, "email.invitation", unverified.email);
    expect(await codeOf(unverified.caller.invitations.accept({ token: second?.token ?? "" }))).toBe(
      "PRECONDITION_FAILED",
    );
  });

  test("an expired invitation cannot be accepted; resend gives a new link and the old one dies", async () => {
    const { owner } = await team();
    const invitee = await verified();
    const invitation = await owner.here.invitations.create({
      email: invitee.email,
      role: "member",
    });
    const old = await lastJobFor(deps, "email.invitation", invitee.email);
    await deps.db
      .sql`update invitations set expires_at = now() - interval '1 minute' where id = ${invitation.id}`;
    expect(await codeOf(invitee.caller.invitations.accept({ token: old?.token ?? "" }))).toBe(
      "PRECONDITION_FAILED",
    );
    await owner.here.invitations.resend({ id: invitation.id });
    const fresh = await lastJobFor(deps, "email.invitation", invitee.email);
    expect(fresh?.token).not.toBe(old?.token);
    expect(await codeOf(invitee.caller.invitations.accept({ token: old?.token ?? "" }))).toBe(
      "NOT_FOUND",
    );
    expect(await codeOf(invitee.caller.invitations.accept({ token: fresh?.token ?? "" }))).toBe(
      "ok",
    );
  });

  test("revoked invitations cannot be accepted; admins only; only owners invite owners", async () => {
    const { owner, join } = await team();
    const admin = await join("admin");
    const member = await join("member");
    const invitee = await verified();
    expect(
      await codeOf(member.here.invitations.create({ email: invitee.email, role: "viewer" })),
    ).toBe("FORBIDDEN");
    expect(
      await codeOf(admin.here.invitations.create({ email: invitee.email, role: "owner" })),
    ).toBe("FORBIDDEN");
    const invitation = await admin.here.invitations.create({
      email: invitee.email,
      role: "viewer",
    });
    expect(
      await codeOf(admin.here.invitations.create({ email: invitee.email, role: "viewer" })),
    ).toBe("CONFLICT");
    const job = await lastJobFor(deps, "email.invitation", invitee.email);
    await owner.here.invitations.revoke({ id: invitation.id });
    expect(await codeOf(invitee.caller.invitations.accept({ token: job?.token ?? "" }))).toBe(
      "PRECONDITION_FAILED",
    );
  });

  test("a failed invitation write records no email job", async () => {
    const { owner } = await team();
    const member = await verified();
    await deps.db.platform
      .insert(userTenantRoles)
      .values({ userId: member.userId, tenantId: owner.tenant?.id ?? "", role: "member" });
    expect(
      await codeOf(owner.here.invitations.create({ email: member.email, role: "viewer" })),
    ).toBe("CONFLICT");
    expect(await lastJobFor(deps, "email.invitation", member.email)).toBeUndefined();
  });
});

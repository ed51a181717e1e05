// The permission matrix: every tenant procedure of the router × every built-in role, a custom
// role holding everything a custom role can, and for each permission a procedure needs, a custom
// role lacking exactly that one. Allowed exactly when the domain's table says; a refusal is
// FORBIDDEN naming the permission, and changes nothing. Generated from the router (each
// procedure's `meta.permissions`) and the table, so new procedures and permissions join unasked.
import { afterAll, describe, expect, test } from "bun:test";
import { eq, userTenantRoles } from "@supportdesk/database";
import {
  BUILT_IN_ROLES,
  GRANTABLE_PERMISSIONS,
  PERMISSION_KEYS,
  type Permission,
  ROLE_PERMISSIONS,
} from "@supportdesk/domain";
import { fileFixtures } from "./test-files";
import { dropPendingJobs } from "./test-outbox";
import {
  AREA_HARMLESS,
  attempt,
  type Caller,
  defOf,
  describeOutcome,
  type Ids,
  inputsFor,
  isMutation,
  tenantPaths,
} from "./test-procedures";
import { openAdminDatabase, snapshotOfTenant } from "./test-snapshot";
import { workflowFixtures } from "./test-workflow";
import { createTeam, createTestDeps, testEmail } from "./testing";

const deps = await createTestDeps();
const admin = openAdminDatabase();
afterAll(async () => {
  await dropPendingJobs(admin, [tenant.id]);
  await deps.close();
  await admin.close();
});

const nowhere = () => crypto.randomUUID();
const team = await createTeam(deps, "Permission Matrix");
const { tenant } = team;
const owner = team.owner.here;
const target = await team.join("member");
const customer = await owner.customers.create({ email: testEmail("pm"), name: "Matrix Customer" });
const ticket = await owner.tickets.create({ subject: "Matrix ticket", body: "hello" });
/** A role with no permissions: granting it is never an escalation, so grants test only the door. */
const nothing = await owner.roles.create({ name: "Nothing", permissions: [] });
const guides = await owner.kb.categories.create({ name: "Guides" });
const draft = await owner.kb.articles.create({
  title: "A draft",
  body: "Being written.",
  categoryId: guides.id,
});

const files = await fileFixtures(deps, tenant.id, ticket.id, "Matrix file");
const workflow = await workflowFixtures(deps, tenant.id, target.userId, "Matrix");

const ids: Ids = {
  tenantId: tenant.id,
  slug: tenant.slug,
  ticketId: ticket.id,
  customerId: customer.id,
  memberUserId: target.userId,
  invitationId: nowhere(),
  apiKeyId: nowhere(),
  roleId: nowhere(),
  kbCategoryId: guides.id,
  kbArticleId: draft.id,
  ...files,
  ...workflow,
};

/**
 * Inputs that pass the permission check and then stop harmlessly (an unknown id, a wrong
 * confirmation, a role with no power), so an allowed call never deletes the tenant, transfers it
 * or removes the people the matrix is made of; a refused call is FORBIDDEN before any of that.
 */
const HARMLESS: Record<string, (ids: Ids) => unknown> = {
  "tenants.delete": () => ({ confirmSlug: "not-this-tenant" }),
  "tenants.transferOwnership": () => ({ userId: nowhere() }),
  "tenants.members.remove": () => ({ userId: nowhere() }),
  "tenants.members.updateRole": () => ({ userId: nowhere(), role: nothing.id }),
  "invitations.create": () => ({ email: testEmail("pm-invitee"), role: nothing.id }),
  "apiKeys.create": () => ({ name: "Matrix key", role: nothing.id }),
  "roles.create": () => ({ name: `Matrix ${nowhere().slice(0, 8)}`, permissions: [] }),
  "tickets.create": (i) => ({ subject: "Matrix probe", body: "probe", customerId: i.customerId }),
  "tickets.update": (i) => ({ id: i.ticketId, status: "pending" }),
  // The draft stays a draft (editing a published article needs kb.publish as well).
  "kb.articles.publish": () => ({ id: nowhere() }),
  "kb.articles.unpublish": () => ({ id: nowhere() }),
  "kb.articles.archive": () => ({ id: nowhere() }),
  "kb.articles.delete": () => ({ id: nowhere() }),
  "kb.articles.restore": (i) => ({ id: i.kbArticleId, revisionId: nowhere() }),
  "kb.categories.delete": () => ({ id: nowhere() }),
  "kb.categories.reorder": () => ({ ids: [nowhere()] }),
  ...AREA_HARMLESS,
};
/** Membership alone: the caller's own notifications; leaving is checked on its own below. */
const SKIPPED: Record<string, string> = {
  "tenants.leave": "removes the caller; a custom role with no permissions leaves, below",
};
const inputOf = (path: string) => (HARMLESS[path] ?? ((i: Ids) => inputsFor(path, i)))(ids);
const needs = (path: string): readonly Permission[] => defOf(path).meta?.permissions ?? [];
const paths = tenantPaths.filter((path) => !SKIPPED[path]);

/** A member of the tenant holding `permissions` through a custom role of their own. */
async function customMember(name: string, permissions: readonly Permission[]) {
  const role = await owner.roles.create({ name, permissions: [...permissions] });
  const person = await team.join("viewer");
  await deps.db.platform
    .update(userTenantRoles)
    .set({ role: "custom", customRoleId: role.id })
    .where(eq(userTenantRoles.userId, person.userId));
  return person.here;
}

type Holder = { label: string; caller: Caller; permissions: ReadonlySet<Permission> };
const holders: Holder[] = [];
for (const role of BUILT_IN_ROLES) {
  const caller = role === "owner" ? owner : (await team.join(role)).here;
  holders.push({ label: `built-in ${role}`, caller, permissions: ROLE_PERMISSIONS[role] });
}
holders.push({
  label: "custom role with every grantable permission",
  caller: await customMember("Everything grantable", GRANTABLE_PERMISSIONS),
  permissions: new Set(GRANTABLE_PERMISSIONS),
});
/** For each permission some procedure needs: a custom role lacking exactly it. */
const needed = new Set(paths.flatMap(needs).filter((p) => GRANTABLE_PERMISSIONS.includes(p)));
for (const lacking of needed) {
  const permissions = GRANTABLE_PERMISSIONS.filter((p) => p !== lacking);
  holders.push({
    label: `custom role lacking ${lacking}`,
    caller: await customMember(`All but ${lacking}`, permissions),
    permissions: new Set(permissions),
  });
}

const allowed = (holder: Holder, path: string) =>
  needs(path).every((p) => holder.permissions.has(p));

describe("the declarations", () => {
  test("every permission a procedure declares is in the table", () => {
    const unknown = paths.flatMap(needs).filter((p) => !PERMISSION_KEYS.includes(p));
    expect(unknown).toEqual([]);
  });
  test("every tenant mutation but the caller's own settings declares what it needs", () => {
    const personal = (path: string) => path.startsWith("notifications.") || SKIPPED[path];
    const undeclared = tenantPaths.filter((p) => isMutation(p) && !personal(p) && !needs(p).length);
    expect(undeclared).toEqual([]);
  });
  test("the matrix is not vacuous: some cells refuse and some allow for every procedure that needs a permission", () => {
    for (const path of paths.filter((p) => needs(p).length > 0)) {
      expect({ path, refused: holders.some((h) => !allowed(h, path)) }).toEqual({
        path,
        refused: true,
      });
      expect({ path, allowed: holders.some((h) => allowed(h, path)) }).toEqual({
        path,
        allowed: true,
      });
    }
  });
});

const before = await snapshotOfTenant(admin, tenant.id);

describe("refused exactly when the table says (FORBIDDEN, naming the permission)", () => {
  for (const path of paths) {
    const refusing = holders.filter((h) => !allowed(h, path));
    if (refusing.length === 0) continue;
    test(path, async () => {
      for (const holder of refusing) {
        const outcome = await attempt(holder.caller, path, inputOf(path));
        const missing = needs(path).filter((p) => !holder.permissions.has(p));
        const named = !outcome.ok && missing.some((p) => outcome.message.includes(p));
        if (outcome.ok || outcome.code !== "FORBIDDEN" || !named) {
          throw new Error(
            `${path} as ${holder.label}: expected FORBIDDEN naming ${missing.join(" or ")}, got ${describeOutcome(outcome)}`,
          );
        }
      }
    });
  }
});

describe("a refused call changes nothing", () => {
  test("the tenant's rows are identical after every refusal", async () => {
    expect(await snapshotOfTenant(admin, tenant.id)).toEqual(before);
  });
});

describe("allowed exactly when the table says (never FORBIDDEN)", () => {
  for (const path of paths) {
    test(path, async () => {
      for (const holder of holders.filter((h) => allowed(h, path))) {
        const outcome = await attempt(holder.caller, path, inputOf(path));
        if (!outcome.ok && (outcome.code === "FORBIDDEN" || outcome.code === "UNAUTHORIZED")) {
          throw new Error(`${path} as ${holder.label}: ${describeOutcome(outcome)}`);
        }
      }
    });
  }
});

describe("permissions that depend on the input", () => {
  test("assigning needs ticket.assign; an internal note needs ticket.note", async () => {
    const noAssign = await customMember(
      "No assigning",
      GRANTABLE_PERMISSIONS.filter((p) => p !== "ticket.assign"),
    );
    expect(await noAssign.tickets.update({ id: ticket.id, priority: "high" })).toMatchObject({
      priority: "high",
    });
    const assign = await attempt(noAssign, "tickets.update", {
      id: ticket.id,
      assigneeId: target.userId,
    });
    expect(assign).toMatchObject({ ok: false, code: "FORBIDDEN" });
    const create = await attempt(noAssign, "tickets.create", {
      subject: "x",
      body: "y",
      assigneeId: target.userId,
    });
    expect(create).toMatchObject({ ok: false, code: "FORBIDDEN" });

    const noNotes = await customMember(
      "No notes",
      GRANTABLE_PERMISSIONS.filter((p) => p !== "ticket.note"),
    );
    const note = await attempt(noNotes, "tickets.addMessage", {
      ticketId: ticket.id,
      body: "internal",
      internal: true,
    });
    expect(note).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(
      await noNotes.tickets.addMessage({ ticketId: ticket.id, body: "public", internal: false }),
    ).toMatchObject({ isInternal: false });
  });

  test("a member whose custom role has no permissions can still leave", async () => {
    const powerless = await customMember("Powerless", []);
    expect(await powerless.tenants.leave()).toEqual({ ok: true });
  });
});

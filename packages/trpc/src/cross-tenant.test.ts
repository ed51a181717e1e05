// The cross-tenant matrix (tenancy.md): every tenant procedure of the router, called by someone
// outside tenant A, in every way that could reach A, is refused, and none of A's rows change.
// Built from `appRouter._def.procedures`, so a procedure added later is covered (or fails with
// "add inputs for <path>") without anyone remembering to extend this file.
import { afterAll, describe, expect, test } from "bun:test";
import { userTenantRoles } from "@supportdesk/database";
import { tenant as tenantMiddleware } from "./middlewares/tenant";
import { fileFixtures } from "./test-files";
import { dropPendingJobs } from "./test-outbox";
import {
  allPaths,
  attempt,
  defOf,
  describeOutcome,
  type Ids,
  INPUTS,
  inputsFor,
  isMutation,
  isTenantScoped,
  NON_TENANT_PATHS,
  refusedWith,
  tenantPaths,
} from "./test-procedures";
import { openAdminDatabase, snapshotOfTenant } from "./test-snapshot";
import { workflowFixtures } from "./test-workflow";
import { callerFor, createTestDeps, signUp, testEmail } from "./testing";

/**
 * Case 1 (`b` in B with A's ids): outcomes other than NOT_FOUND / BAD_REQUEST / FORBIDDEN /
 * a clean success that are legitimate because the call concerns only B.
 */
const CASE1_OWN_TENANT_RULES: Record<string, { code: string; reason: string }> = {
  "tenants.leave": {
    code: "PRECONDITION_FAILED",
    reason: "takes no ids; b is B's only owner, so B refuses to let b leave (A is not involved)",
  },
};

/** Case 4: mutations a viewer may legitimately call; each is checked on its own, after the matrix. */
const VIEWER_EXCEPTIONS: Record<string, string> = {
  "tenants.leave":
    "any member, viewers included, may leave a tenant; run on a separate viewer after the A-unchanged check",
  "notifications.markRead": "a viewer's own inbox: marking their own notifications read",
  "notifications.markAllRead": "a viewer's own inbox: marking all their own notifications read",
  "notifications.preferences.update": "a viewer's own notification settings",
};

// ---------------------------------------------------------------------------------------------
// Fixtures: tenant A (owner, member, two viewers, a customer, a ticket with a reply, an
// invitation, an API key), tenant B (its owner `b`, a key) and a user with no tenant.

const deps = await createTestDeps();
const admin = openAdminDatabase();
afterAll(async () => {
  await dropPendingJobs(admin, [A.id, B.id]);
  await deps.close();
  await admin.close();
});

function must<T>(value: T | undefined | null, what: string): T {
  if (value === undefined || value === null) throw new Error(`fixture: no ${what}`);
  return value;
}

const run = crypto.randomUUID().replace(/-/g, "").slice(0, 10);
const ownerA = await signUp(deps, { tenantName: `Matrix A ${run}`, name: "Owner of A" });
const A = must(ownerA.tenant, "tenant A");
const asOwnerA = ownerA.as(A.slug);
const memberA = await signUp(deps, { name: "Member of A" });
const viewerA = await signUp(deps, { name: "Viewer of A" });
const leavingViewerA = await signUp(deps, { name: "Leaving viewer of A" });
await deps.db.platform.insert(userTenantRoles).values([
  { userId: memberA.userId, tenantId: A.id, role: "member" },
  { userId: viewerA.userId, tenantId: A.id, role: "viewer" },
  { userId: leavingViewerA.userId, tenantId: A.id, role: "viewer" },
]);
const customerA = await asOwnerA.customers.create({
  email: testEmail("customer-of-a"),
  name: `Customer of A ${run}`,
});
const ticketA = await asOwnerA.tickets.create({
  subject: `Secret subject of A ${run}`,
  body: `Secret first message of A ${run}`,
  customerId: customerA.id,
  assigneeId: memberA.userId,
});
const messageA = await asOwnerA.tickets.addMessage({
  ticketId: ticketA.id,
  body: `Secret reply of A ${run}`,
  internal: false,
});
const invitationA = await asOwnerA.invitations.create({
  email: testEmail("invitee-of-a"),
  role: "member",
});
const keyA = await asOwnerA.apiKeys.create({ name: "A integration", role: "member" });
const kbCategoryA = await asOwnerA.kb.categories.create({ name: `Matrix guides of A ${run}` });
const kbArticleA = await asOwnerA.kb.articles.create({
  title: `Secret matrix article of A ${run}`,
  body: `Only A's agents may read this ${run}.`,
  categoryId: kbCategoryA.id,
});
// A second save keeps the first body as a revision (which kb.articles.revisions then lists).
await asOwnerA.kb.articles.update({ id: kbArticleA.id, body: `Edited, still A's ${run}.` });
const roleA = await asOwnerA.roles.create({
  name: `Triage of A ${run}`,
  permissions: ["ticket.read", "ticket.update"],
});

const filesA = await fileFixtures(deps, A.id, ticketA.id, `Secret file of A ${run}`);
const workflowA = await workflowFixtures(deps, A.id, memberA.userId, `Secret workflow of A ${run}`);

const b = await signUp(deps, { tenantName: `Matrix B ${run}`, name: "Owner of B" });
const B = must(b.tenant, "tenant B");
const keyB = await b.as(B.slug).apiKeys.create({ name: "B integration", role: "member" });
const loner = await signUp(deps, { name: "No tenant" });

const ids: Ids = {
  tenantId: A.id,
  slug: A.slug,
  ticketId: ticketA.id,
  customerId: customerA.id,
  memberUserId: memberA.userId,
  invitationId: invitationA.id,
  apiKeyId: keyA.id,
  roleId: roleA.id,
  kbCategoryId: kbCategoryA.id,
  kbArticleId: kbArticleA.id,
  ...filesA,
  ...workflowA,
};

/** Strings that only A's data contains: none may appear in what someone outside A gets back. */
const markersOfA: Record<string, string> = {
  "A's tenant id": A.id,
  "A's slug": A.slug,
  "A's ticket id": ticketA.id,
  "A's ticket subject": ticketA.subject,
  "A's customer id": customerA.id,
  "A's customer email": customerA.email,
  "A's customer name": customerA.name,
  "A's message id": messageA.id,
  "A's message body": messageA.body,
  "A's invitation id": invitationA.id,
  "A's invitation email": invitationA.email,
  "A's api key id": keyA.id,
  "A's api key prefix": keyA.prefix,
  "A's role id": roleA.id,
  "A's category id": kbCategoryA.id,
  "A's article id": kbArticleA.id,
  "A's article title": kbArticleA.title,
  "A's role name": roleA.name,
  "A's attachment id": filesA.attachmentId,
  "A's file name": `Secret file of A ${run}`,
  "A's inbound email id": filesA.inboundEmailId,
  "A's macro id": workflowA.macroId,
  "A's view id": workflowA.viewId,
  "A's field id": workflowA.fieldId,
  "A's team id": workflowA.teamId,
  "A's workflow names": `Secret workflow of A ${run}`,
  "A's other ticket id": workflowA.otherTicketId,
  "A's other customer id": workflowA.otherCustomerId,
  "A's owner id": ownerA.userId,
  "A's owner email": ownerA.email,
  "A's member id": memberA.userId,
  "A's member email": memberA.email,
  "A's viewer id": viewerA.userId,
  "A's viewer email": viewerA.email,
};
const NO_SUCH_SLUG = "no-such-tenant-xyz";

/** Which of A's markers occur in `value` (as JSON). */
function leaksOfA(value: unknown): string[] {
  const text = typeof value === "string" ? value : (JSON.stringify(value) ?? "");
  return Object.entries(markersOfA)
    .filter(([, marker]) => text.includes(marker))
    .map(([label]) => label);
}

const TENANT_NOT_FOUND = {
  code: "NOT_FOUND",
  message: "Tenant not found, or you are not a member of it.",
};

const bearer = (token: string) => `Bearer ${token}`;
const bInB = callerFor(deps, {
  authorization: bearer(b.accessToken),
  tenantHints: { pathSlug: B.slug },
});
const forgedHints = {
  "pathSlug=A": { pathSlug: A.slug },
  "headerId=A": { headerId: A.id },
  "headerSlug=A": { headerSlug: A.slug },
  "host=A.supportdesk.test": { host: `${A.slug}.supportdesk.test` },
};
const lonerNoHint = callerFor(deps, { authorization: bearer(loner.accessToken) });
const viewerInA = viewerA.as(A.slug);

// ---------------------------------------------------------------------------------------------
// Snapshot of everything of A, read as the owner role inside withTenant(A).

const snapshotOfA = () => snapshotOfTenant(admin, A.id);

const before = await snapshotOfA();

// ---------------------------------------------------------------------------------------------

describe("classification", () => {
  test("the router has tenant procedures (the enumeration works)", () => {
    expect(tenantPaths.length).toBeGreaterThan(10);
    expect(tenantPaths).toContain("tickets.get");
    expect(tenantPaths).toContain("tenants.members.updateRole");
  });

  test("every tenant procedure has inputs", () => {
    const missing = tenantPaths.filter((path) => !INPUTS[path]);
    if (missing.length > 0) throw new Error(missing.map((p) => `add inputs for ${p}`).join("; "));
  });

  test("INPUTS and the exception lists name only existing tenant procedures", () => {
    const stale = [
      ...Object.keys(INPUTS),
      ...Object.keys(CASE1_OWN_TENANT_RULES),
      ...Object.keys(VIEWER_EXCEPTIONS),
    ].filter((path) => !tenantPaths.includes(path));
    expect(stale).toEqual([]);
    const staleNonTenant = [...NON_TENANT_PATHS].filter((path) => !allPaths.includes(path));
    expect(staleNonTenant).toEqual([]);
  });

  test("the explicit list agrees with the middleware: only tenant procedures resolve a tenant", () => {
    const resolver = (tenantMiddleware as unknown as { _middlewares: unknown[] })._middlewares[0];
    expect(resolver).toBeFunction();
    const mismatched = allPaths.filter(
      (path) => defOf(path).middlewares.includes(resolver) !== isTenantScoped(path),
    );
    expect(mismatched).toEqual([]);
  });
});

describe("A's owner reaches A's data with the same inputs (the refusals below are not vacuous)", () => {
  for (const path of tenantPaths) {
    test(`${path}: the input is valid`, () => {
      const input = inputsFor(path, ids);
      const { inputs } = defOf(path);
      if (inputs.length === 0 && input !== undefined) {
        throw new Error(`${path} takes no input; INPUTS gives one`);
      }
      for (const schema of inputs) {
        const parsed = schema.safeParse(input);
        if (!parsed.success) {
          throw new Error(`${path}: INPUTS is invalid: ${String(parsed.error)}`);
        }
      }
    });
    if (!isMutation(path)) {
      test(`${path}: A's owner gets A's data`, async () => {
        const outcome = await attempt(asOwnerA, path, inputsFor(path, ids));
        if (!outcome.ok) throw new Error(`${path}: ${describeOutcome(outcome)}`);
        expect(leaksOfA(outcome.data).length).toBeGreaterThan(0);
      });
    }
  }
});

describe("case 1: b, with B selected, sends A's ids", () => {
  for (const path of tenantPaths) {
    test(path, async () => {
      const input = inputsFor(path, ids);
      const targetsA = leaksOfA(input).length > 0;
      const outcome = await attempt(bInB, path, input);
      const ownRule = CASE1_OWN_TENANT_RULES[path];
      if (outcome.ok) {
        if (isMutation(path) && targetsA) {
          throw new Error(`${path}: a mutation naming A's records succeeded from B`);
        }
        const leaks = leaksOfA(outcome.data);
        if (leaks.length > 0) throw new Error(`${path}: the result holds ${leaks.join(", ")}`);
        if (ownRule) throw new Error(`${path}: expected ${ownRule.code} (${ownRule.reason})`);
        return;
      }
      refusedWith(
        path,
        outcome,
        ownRule ? [ownRule.code] : ["NOT_FOUND", "BAD_REQUEST", "FORBIDDEN"],
        "b in B with A's ids",
      );
      expect(leaksOfA(outcome.message)).toEqual([]);
    });
  }
});

describe("case 2: b names A (path, X-Tenant-ID, X-Tenant-Slug, host): same NOT_FOUND as an unknown tenant", () => {
  for (const path of tenantPaths) {
    test(path, async () => {
      const input = inputsFor(path, ids);
      const reference = await attempt(
        callerFor(deps, {
          authorization: bearer(b.accessToken),
          tenantHints: { pathSlug: NO_SUCH_SLUG },
        }),
        path,
        input,
      );
      expect(reference).toMatchObject({ ok: false, ...TENANT_NOT_FOUND });
      for (const [hint, tenantHints] of Object.entries(forgedHints)) {
        const caller = callerFor(deps, { authorization: bearer(b.accessToken), tenantHints });
        const outcome = await attempt(caller, path, inputsFor(path, ids));
        refusedWith(path, outcome, ["NOT_FOUND"], hint);
        expect({ hint, ...outcome }).toEqual({ hint, ...reference });
      }
    });
  }
});

describe("case 3: a user with no tenant and no hint", () => {
  for (const path of tenantPaths) {
    test(path, async () => {
      const outcome = await attempt(lonerNoHint, path, inputsFor(path, ids));
      refusedWith(path, outcome, ["BAD_REQUEST", "NOT_FOUND"], "no tenant, no hint");
    });
  }
});

describe("case 4: A's viewer, with A selected, cannot write", () => {
  for (const path of tenantPaths.filter(isMutation)) {
    if (VIEWER_EXCEPTIONS[path]) continue;
    test(path, async () => {
      const outcome = await attempt(viewerInA, path, inputsFor(path, ids));
      refusedWith(path, outcome, ["FORBIDDEN"], "viewer of A");
    });
  }
});

describe("API keys are bound to their tenant", () => {
  const withKey = (key: string, tenantHints = {}) =>
    callerFor(deps, { authorization: bearer(key), tenantHints });

  test("A's key, no hint: works on A", async () => {
    const page = await withKey(keyA.key).tickets.list();
    expect(page.data.map((t) => t.id)).toContain(ticketA.id);
    expect((await withKey(keyA.key).tenants.current()).id).toBe(A.id);
  });

  test("B's key naming A (any hint): the same NOT_FOUND as an unknown tenant", async () => {
    const reference = await attempt(withKey(keyB.key, { pathSlug: NO_SUCH_SLUG }), "tickets.list", {
      customerId: customerA.id,
    });
    expect(reference).toMatchObject({ ok: false, ...TENANT_NOT_FOUND });
    for (const [hint, tenantHints] of Object.entries(forgedHints)) {
      for (const path of ["tickets.list", "tickets.get", "tickets.update"]) {
        const outcome = await attempt(withKey(keyB.key, tenantHints), path, inputsFor(path, ids));
        refusedWith(path, outcome, ["NOT_FOUND"], `B's key, ${hint}`);
        expect({ hint, path, ...outcome }).toEqual({ hint, path, ...reference });
      }
    }
  });

  test("B's key, no hint, A's ids: not found in B", async () => {
    for (const path of ["tickets.get", "customers.get", "tickets.addMessage"]) {
      const outcome = await attempt(withKey(keyB.key), path, inputsFor(path, ids));
      refusedWith(path, outcome, ["NOT_FOUND"], "B's key with A's ids");
    }
  });

  test("A's key naming B: NOT_FOUND", async () => {
    const outcome = await attempt(withKey(keyA.key, { pathSlug: B.slug }), "tickets.list", {});
    refusedWith("tickets.list", outcome, ["NOT_FOUND"], "A's key naming B");
  });
});

describe("non-tenant procedures that name a tenant", () => {
  test("tenants.switch to A by b: the same NOT_FOUND as an unknown tenant id", async () => {
    const toA = await attempt(b.caller, "tenants.switch", { tenantId: A.id });
    const toNowhere = await attempt(b.caller, "tenants.switch", { tenantId: crypto.randomUUID() });
    expect(toNowhere).toMatchObject({ ok: false, ...TENANT_NOT_FOUND });
    expect(toA).toEqual(toNowhere);
    // b's session still lands in B.
    expect((await b.caller.tenants.current()).id).toBe(B.id);
  });
});

describe("nothing of A changed", () => {
  test("A's rows (tenant tables, memberships, invitations, keys, tenant, outbox, audit) are identical", async () => {
    const after = await snapshotOfA();
    expect(after).toEqual(before);
    // The snapshot is not empty: it saw the fixtures.
    // Three tickets: one typed in by its owner, one opened by the fixture email, one for merges.
    expect((before.tickets as unknown[]).length).toBe(3);
    expect((before.user_tenant_roles as unknown[]).length).toBe(4);
  });
});

describe("case 4 exceptions (run after the A-unchanged check)", () => {
  const checks: Record<string, () => Promise<void>> = {
    "tenants.leave": async () => {
      const leaving = leavingViewerA.as(A.slug);
      expect(await leaving.tenants.leave()).toEqual({ ok: true });
      const after = await attempt(leaving, "tenants.current", undefined);
      expect(after).toMatchObject({ ok: false, ...TENANT_NOT_FOUND });
    },
    "notifications.markRead": async () => {
      const input = inputsFor("notifications.markRead", ids) as { ids: string[] };
      expect(await viewerInA.notifications.markRead(input)).toEqual({
        updated: 0,
        count: 0,
        tenant_id: A.id,
      });
    },
    "notifications.markAllRead": async () => {
      expect(await viewerInA.notifications.markAllRead()).toMatchObject({ tenant_id: A.id });
    },
    "notifications.preferences.update": async () => {
      const saved = await viewerInA.notifications.preferences.update({
        preferences: [{ eventType: "ticket.created", inApp: false, email: true }],
      });
      expect(saved.data[0]).toMatchObject({ inApp: false, email: true, isDefault: false });
      // Only the viewer's own settings changed.
      const owners = await asOwnerA.notifications.preferences.get();
      expect(owners.data.every((p) => p.isDefault)).toBe(true);
    },
  };
  for (const [path, reason] of Object.entries(VIEWER_EXCEPTIONS)) {
    test(`${path}: a viewer may (${reason})`, async () => {
      const check = checks[path];
      if (!check) throw new Error(`add a check for the viewer exception ${path}`);
      await check();
    });
  }
});

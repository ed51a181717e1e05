// The cross-tenant matrix (tenancy.md): every tenant procedure of the router, called by someone
// outside tenant A, in every way that could reach A, is refused, and none of A's rows change.
// Built from `appRouter._def.procedures`, so a procedure added later is covered (or fails with
// "add inputs for <path>") without anyone remembering to extend this file.
import { afterAll, describe, expect, test } from "bun:test";
import { env } from "@supportdesk/config";
import { createDatabase, sql, userTenantRoles } from "@supportdesk/database";
import { tenant as tenantMiddleware } from "./middlewares/tenant";
import { appRouter } from "./root";
import { callerFor, createTestDeps, signUp, testEmail } from "./testing";

// ---------------------------------------------------------------------------------------------
// Classification: an explicit list of procedures that are NOT tenant-scoped; everything else is.

/** Procedures that do not act inside one tenant (accounts, the tenant registry, invitation links). */
// queues.* is for platform operators (users.platform_admin), across tenants by design.
const NON_TENANT_PREFIXES = ["auth.", "queues."];
const NON_TENANT_PATHS = new Set([
  "tenants.checkSlug",
  "tenants.create",
  "tenants.listMine",
  "tenants.switch",
  "invitations.preview",
  "invitations.accept",
]);
const isTenantScoped = (path: string) =>
  !NON_TENANT_PATHS.has(path) && !NON_TENANT_PREFIXES.some((prefix) => path.startsWith(prefix));

type ProcedureDef = {
  type: "query" | "mutation" | "subscription";
  inputs: { safeParse(input: unknown): { success: boolean; error?: unknown } }[];
  middlewares: unknown[];
};
const procedures = appRouter._def.procedures as unknown as Record<string, { _def: ProcedureDef }>;
const allPaths = Object.keys(procedures).sort();
const tenantPaths = allPaths.filter(isTenantScoped);
const defOf = (path: string): ProcedureDef => {
  const procedure = procedures[path];
  if (!procedure) throw new Error(`no procedure ${path}`);
  return procedure._def;
};
const isMutation = (path: string) => defOf(path).type === "mutation";

// ---------------------------------------------------------------------------------------------
// Inputs: for each tenant procedure, a valid input aimed at tenant A's records.

type Ids = {
  tenantId: string;
  slug: string;
  ticketId: string;
  customerId: string;
  memberUserId: string;
  invitationId: string;
  apiKeyId: string;
};

const INPUTS: Record<string, (ids: Ids) => unknown> = {
  "tenants.current": () => undefined,
  "tenants.update": () => ({
    name: "Renamed by the matrix",
    branding: { primaryColor: "#000000" },
  }),
  "tenants.delete": (ids) => ({ confirmSlug: ids.slug }),
  "tenants.members.list": () => undefined,
  "tenants.members.updateRole": (ids) => ({ userId: ids.memberUserId, role: "admin" }),
  "tenants.members.remove": (ids) => ({ userId: ids.memberUserId }),
  "tenants.leave": () => undefined,
  "tenants.transferOwnership": (ids) => ({ userId: ids.memberUserId }),
  "invitations.create": () => ({ email: testEmail("matrix-invitee"), role: "member" }),
  "invitations.list": () => undefined,
  "invitations.revoke": (ids) => ({ id: ids.invitationId }),
  "invitations.resend": (ids) => ({ id: ids.invitationId }),
  "apiKeys.create": () => ({ name: "Matrix key", role: "member" }),
  "apiKeys.list": () => undefined,
  "apiKeys.revoke": (ids) => ({ id: ids.apiKeyId }),
  "customers.list": () => ({ perPage: 100 }),
  "customers.create": () => ({ email: testEmail("matrix-customer"), name: "Matrix Customer" }),
  "customers.get": (ids) => ({ id: ids.customerId }),
  "tickets.list": (ids) => ({ perPage: 100, customerId: ids.customerId }),
  "tickets.get": (ids) => ({ id: ids.ticketId }),
  "tickets.create": (ids) => ({
    subject: "Matrix probe",
    body: "probe",
    customerId: ids.customerId,
    assigneeId: ids.memberUserId,
  }),
  "tickets.update": (ids) => ({
    id: ids.ticketId,
    status: "closed",
    priority: "urgent",
    assigneeId: ids.memberUserId,
    tags: ["matrix"],
  }),
  "tickets.addMessage": (ids) => ({ ticketId: ids.ticketId, body: "probe", internal: false }),
  "audit.list": () => ({ limit: 100 }),
  "notifications.list": () => ({ perPage: 100, unreadOnly: false }),
  "notifications.unreadCount": () => undefined,
  // A's fixtures hold no notification (no job runs here); a foreign id is ignored, never an
  // error, so this names none of A's markers. routers/notifications.test.ts covers A's real ids.
  "notifications.markRead": () => ({ ids: ["00000000-0000-4000-8000-00000000a11a"] }),
  "notifications.markAllRead": () => undefined,
  "notifications.preferences.get": () => undefined,
  "notifications.preferences.update": () => ({
    preferences: [{ eventType: "ticket.created", inApp: false, email: true }],
  }),
};

function inputsFor(path: string, ids: Ids): unknown {
  const make = INPUTS[path];
  if (!make) {
    throw new Error(
      `add inputs for ${path} to INPUTS in cross-tenant.test.ts (a tenant procedure without inputs escapes the cross-tenant matrix), or list it in NON_TENANT_PATHS if it is not tenant-scoped`,
    );
  }
  return make(ids);
}

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
const adminUrl = env().DATABASE_ADMIN_URL;
if (!adminUrl) throw new Error("DATABASE_ADMIN_URL is not set for tests");
const admin = createDatabase({ url: adminUrl, max: 2 });
afterAll(async () => {
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

// ---------------------------------------------------------------------------------------------
// Calling a procedure by path, and what came back.

type Caller = ReturnType<typeof callerFor>;
type Outcome =
  | { ok: true; data: unknown }
  | { ok: false; code: string; message: string; inputError: boolean };

async function attempt(caller: Caller, path: string, input: unknown): Promise<Outcome> {
  let node: unknown = caller;
  for (const key of path.split(".")) node = (node as Record<string, unknown>)[key];
  try {
    return { ok: true, data: await (node as (input: unknown) => Promise<unknown>)(input) };
  } catch (error) {
    const e = error as { code?: string; message?: string; cause?: { name?: string } };
    return {
      ok: false,
      code: e.code ?? String(error),
      message: e.message ?? "",
      inputError: e.cause?.name === "ZodError",
    };
  }
}

const describeOutcome = (outcome: Outcome) =>
  outcome.ok
    ? `success ${JSON.stringify(outcome.data)?.slice(0, 300)}`
    : `${outcome.code} "${outcome.message}"`;

function refusedWith(path: string, outcome: Outcome, codes: string[], what: string) {
  if (outcome.ok || !codes.includes(outcome.code) || outcome.inputError) {
    throw new Error(
      `${path} (${what}): expected ${codes.join(" or ")}, got ${describeOutcome(outcome)}${
        !outcome.ok && outcome.inputError ? " (an input validation error: fix INPUTS)" : ""
      }`,
    );
  }
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

const TENANT_TABLES = ["customers", "tickets", "messages", "tenant_counters", "notifications"];

async function snapshotOfA() {
  return admin.withTenant(A.id, async (tx) => {
    const rows = async (query: ReturnType<typeof sql>) =>
      Array.from(await tx.execute<{ row: unknown }>(query), (r) => r.row);
    const snapshot: Record<string, unknown> = {};
    for (const table of TENANT_TABLES) {
      snapshot[table] = await rows(
        sql`select to_jsonb(t) as row from ${sql.identifier(table)} t where t.tenant_id = ${A.id} order by 1`,
      );
    }
    snapshot.user_tenant_roles = await rows(
      sql`select to_jsonb(t) as row from user_tenant_roles t where t.tenant_id = ${A.id} order by 1`,
    );
    snapshot.invitations = await rows(
      sql`select to_jsonb(t) as row from invitations t where t.tenant_id = ${A.id} order by 1`,
    );
    // last_used_at legitimately moves when A's own key is used (the API-key checks below).
    snapshot.api_keys = await rows(
      sql`select to_jsonb(t) - 'last_used_at' as row from api_keys t where t.tenant_id = ${A.id} order by 1`,
    );
    snapshot.tenants = await rows(
      sql`select to_jsonb(t) as row from tenants t where t.id = ${A.id} order by 1`,
    );
    snapshot.outbox_ids = await rows(
      sql`select id as row from outbox where tenant_id = ${A.id} order by 1`,
    );
    snapshot.audit_log_count = await rows(
      sql`select count(*)::int as row from audit_log where tenant_id = ${A.id}`,
    );
    return snapshot;
  });
}

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
    expect((before.tickets as unknown[]).length).toBe(1);
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

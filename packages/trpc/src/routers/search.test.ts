// search.query and tickets.list's words end to end: every message counts (an old ticket's 40th
// message too), words may sit in different messages, notes only for those who may read them,
// filters combine with text, ranked cursor pages, customers by part of a name or address, and
// never another tenant's records.
import { afterAll, describe, expect, test } from "bun:test";
import { eq, messages, sql, tickets, userTenantRoles } from "@supportdesk/database";
import { GRANTABLE_PERMISSIONS } from "@supportdesk/domain";
import { codeOf, createTeam, createTestDeps, testEmail } from "../testing";

const deps = await createTestDeps();
afterAll(() => deps.close());

const word = () =>
  `zq${crypto
    .randomUUID()
    .replace(/[^a-z]/g, "")
    .slice(0, 10)}`;
const team = await createTeam(deps, "Search Co");
const owner = team.owner.here;
const tenantId = team.tenant.id;

/** Adds `count` customer messages to a ticket, the `at`-th (1-based) holding `text`, all dated `when`. */
async function thread(ticketId: string, count: number, at: number, text: string, when: Date) {
  await deps.db.withTenant(tenantId, async (tx) => {
    await tx.insert(messages).values(
      Array.from({ length: count }, (_, i) => ({
        ticketId,
        authorType: "customer" as const,
        body: i + 1 === at ? `Later on: ${text} was the cause.` : `Message ${i + 1} says nothing.`,
        createdAt: new Date(when.getTime() + i * 60_000),
      })),
    );
    await tx
      .update(tickets)
      .set({ createdAt: when, updatedAt: when })
      .where(eq(tickets.id, ticketId));
  });
}

describe("tickets", () => {
  test("a word only in the 40th message of a three-year-old ticket is found, with a snippet", async () => {
    const needle = word();
    const old = await owner.tickets.create({ subject: "Printer trouble", body: "Hello" });
    await thread(old.id, 45, 40, needle, new Date(Date.now() - 3 * 365 * 86_400_000));
    for (let i = 0; i < 5; i++) await owner.tickets.create({ subject: `Noise ${i}`, body: "x" });
    const result = await owner.search.query({ q: needle, type: "tickets" });
    expect(result.tickets?.items.map((t) => t.id)).toEqual([old.id]);
    const snippet = result.tickets?.items[0]?.snippet ?? [];
    expect(snippet.filter((s) => s.hit).map((s) => s.text.toLowerCase())).toContain(needle);
    // The inbox's search finds it too (words over message bodies, newest first).
    const list = await owner.tickets.list({ q: needle, perPage: 25 });
    expect(list.data.map((t) => t.id)).toEqual([old.id]);
  });

  test("every word must appear, in any message, each as a prefix; a number finds its ticket", async () => {
    const [a, b] = [word(), word()];
    const both = await owner.tickets.create({ subject: `About ${a}`, body: "first" });
    await owner.tickets.addMessage({ ticketId: both.id, body: `then ${b}s appeared` });
    const onlyA = await owner.tickets.create({ subject: "Other", body: `just ${a}` });
    const found = await owner.search.query({ q: `${a} ${b}`, type: "tickets" });
    expect(found.tickets?.items.map((t) => t.id)).toEqual([both.id]);
    const prefix = await owner.search.query({ q: a.slice(0, 8), type: "tickets" });
    expect(prefix.tickets?.items.map((t) => t.id).sort()).toEqual([both.id, onlyA.id].sort());
    // The subject match ranks above a match in a message.
    expect(prefix.tickets?.items[0]?.id).toBe(both.id);
    const byNumber = await owner.search.query({ q: `#${onlyA.number}`, type: "tickets" });
    expect(byNumber.tickets?.items[0]?.id).toBe(onlyA.id);
  });

  test("filters combine with the words; ranked pages never repeat or skip a ticket", async () => {
    const w = word();
    const made: string[] = [];
    for (let i = 0; i < 7; i++) {
      const t = await owner.tickets.create({
        subject: `${w} case ${i}`,
        body: i % 2 ? `${w} ${w} again` : "once",
        priority: i < 5 ? "high" : "low",
      });
      made.push(t.id);
    }
    const high = await owner.search.query({
      q: w,
      type: "tickets",
      filters: { priority: ["high"] },
    });
    expect(high.tickets?.items).toHaveLength(5);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await owner.search.query({ q: w, type: "tickets", limit: 3, cursor });
      seen.push(...(page.tickets?.items.map((t) => t.id) ?? []));
      cursor = page.tickets?.nextCursor ?? undefined;
    } while (cursor);
    expect(seen.sort()).toEqual([...made].sort());
    // Newest first: every match, in creation order, across pages.
    const newest: string[] = [];
    cursor = undefined;
    do {
      const page = await owner.search.query({
        q: w,
        type: "tickets",
        sort: "newest",
        limit: 3,
        cursor,
      });
      newest.push(...(page.tickets?.items.map((t) => t.id) ?? []));
      cursor = page.tickets?.nextCursor ?? undefined;
    } while (cursor);
    expect(newest).toEqual([...made].reverse());
    expect(await codeOf(owner.search.query({ q: w, type: "tickets", cursor: "bm9wZQ" }))).toBe(
      "BAD_REQUEST",
    );
  });

  test("internal-note hits only for those who may read notes", async () => {
    const secret = word();
    const t = await owner.tickets.create({ subject: "Quiet", body: "Hello" });
    await owner.tickets.addMessage({ ticketId: t.id, body: `note: ${secret}`, internal: true });
    const hit = await owner.search.query({ q: secret, type: "tickets" });
    expect(hit.tickets?.items.map((i) => ({ id: i.id, inNote: i.inNote }))).toEqual([
      { id: t.id, inNote: true },
    ]);
    const role = await owner.roles.create({
      name: `No notes ${word()}`,
      permissions: GRANTABLE_PERMISSIONS.filter((p) => p !== "ticket.note.read"),
    });
    const person = await team.join("viewer");
    await deps.db.platform
      .update(userTenantRoles)
      .set({ role: "custom", customRoleId: role.id })
      .where(eq(userTenantRoles.userId, person.userId));
    const blind = await person.here.search.query({ q: secret, type: "tickets" });
    expect(blind.tickets?.items).toEqual([]);
    expect((await person.here.tickets.list({ q: secret, perPage: 25 })).data).toEqual([]);
    const view = await person.here.tickets.get({ id: t.id });
    expect(view.messages.some((m) => m.isInternal)).toBe(false);
    // A viewer holds ticket.note.read.
    const viewer = await team.join("viewer");
    expect((await viewer.here.search.query({ q: secret })).tickets?.items).toHaveLength(1);
  });
});

describe("customers and the mixed answer", () => {
  test("customers by part of a name, address or company; 'all' mixes types", async () => {
    const w = word();
    const ada = await owner.customers.create({
      email: testEmail(`ada-${w}`),
      name: `Ada ${w}`,
      company: "Analytical Engines",
    });
    await owner.tickets.create({ subject: `Engine ${w}`, body: "x", customerId: ada.id });
    const byName = await owner.search.query({ q: w, type: "customers" });
    expect(byName.customers?.items.map((c) => c.id)).toEqual([ada.id]);
    expect(byName.customers?.items[0]?.ticketCount).toBe(1);
    const byCompany = await owner.search.query({ q: "analytical engine", type: "customers" });
    expect(byCompany.customers?.items.map((c) => c.id)).toContain(ada.id);
    const all = await owner.search.query({ q: w });
    expect(all.tickets?.items).toHaveLength(1);
    expect(all.customers?.items).toHaveLength(1);
    expect(all.articles?.items).toEqual([]);
  });

  test("those who may not read customers get tickets only", async () => {
    const role = await owner.roles.create({
      name: `Tickets only ${word()}`,
      permissions: ["ticket.read"],
    });
    const person = await team.join("viewer");
    await deps.db.platform
      .update(userTenantRoles)
      .set({ role: "custom", customRoleId: role.id })
      .where(eq(userTenantRoles.userId, person.userId));
    const result = await person.here.search.query({ q: "ada" });
    expect(result.customers).toBeNull();
    expect(result.articles).toBeNull();
  });
});

describe("isolation", () => {
  test("another tenant's tickets, customers and field values are never found", async () => {
    const w = word();
    const other = await createTeam(deps, "Other Search Co");
    await other.owner.here.customers.create({ email: testEmail(w), name: `Zed ${w}` });
    const theirs = await other.owner.here.tickets.create({ subject: `Theirs ${w}`, body: w });
    await deps.db.withTenant(other.tenant.id, (tx) =>
      tx
        .update(tickets)
        .set({
          customFields: sql`jsonb_build_object(gen_random_uuid()::text, ${`field ${w}`}::text)`,
        })
        .where(eq(tickets.id, theirs.id)),
    );
    const mine = await owner.search.query({ q: w });
    expect(mine.tickets?.items).toEqual([]);
    expect(mine.customers?.items).toEqual([]);
    expect((await other.owner.here.search.query({ q: `field ${w}` })).tickets?.items).toHaveLength(
      1,
    );
  });
});

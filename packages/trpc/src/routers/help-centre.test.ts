// The help centre's settings through createCaller: defaults, saving, refusals naming the field,
// who may assign, the language re-stamping search, and the public pages' cache dropped at once.
import { afterAll, describe, expect, test } from "bun:test";
import { auditLog, eq } from "@supportdesk/database";
import { helpCentre } from "@supportdesk/services";
import { codeOf, createTeam, createTestDeps } from "../testing";

const deps = await createTestDeps();
afterAll(() => deps.close());

type Refusal = {
  code?: string;
  field?: string;
  cause?: { field?: string; issues?: { path: PropertyKey[] }[] };
};
/**
 * The code and the field a refusal names, as a client sees them (createCaller gives the raw zod
 * issue; over HTTP the formatter turns it into `data.field`, the same path).
 */
const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => ({ code: "ok", field: null }),
    (e: Refusal) => ({
      code: e.code,
      field: e.field ?? e.cause?.field ?? e.cause?.issues?.[0]?.path.join(".") ?? null,
    }),
  );

const generation = async (tenantId: string) =>
  Number((await deps.redis.get(helpCentre.generationKey(tenantId))) ?? 0);

describe("helpCentre.settings", () => {
  test("a new tenant's help centre is on, in English, with no notice and no inquiry types", async () => {
    const { owner, tenant } = await createTeam(deps, "Defaults Co");
    const settings = await owner.here.helpCentre.settings.get();
    expect(settings).toMatchObject({
      enabled: true,
      language: "en",
      notice: null,
      inquiryTypes: [],
      publicPath: `/hc/${tenant.slug}/`,
    });
    expect(settings.languages).toContain("de");
  });

  test("saved settings come back, ids are the server's and kept on later saves, audited", async () => {
    const { owner, tenant, join } = await createTeam(deps, "Saves Co");
    const agent = await join("member");
    const saved = await owner.here.helpCentre.settings.update({
      notice: "  Closed on Friday  ",
      inquiryTypes: [
        {
          id: "00000000-0000-4000-8000-000000000001",
          name: "Billing",
          description: "Invoices",
          priority: "high",
          tags: ["Billing", "billing", "vip"],
          assigneeId: agent.userId,
        },
        { name: "Other" },
      ],
    });
    const [billing, other] = saved.inquiryTypes;
    // A client-chosen id is not taken: it names no existing type.
    expect(billing?.id).not.toBe("00000000-0000-4000-8000-000000000001");
    expect(billing).toMatchObject({
      name: "Billing",
      priority: "high",
      tags: ["billing", "vip"],
      assigneeId: agent.userId,
    });
    expect(other).toMatchObject({
      priority: "normal",
      tags: [],
      assigneeId: null,
      description: "",
    });
    expect(await owner.here.helpCentre.settings.get()).toMatchObject({
      enabled: true,
      notice: "Closed on Friday",
      inquiryTypes: saved.inquiryTypes,
    });

    const again = await owner.here.helpCentre.settings.update({
      notice: null,
      inquiryTypes: [{ ...other, name: "Anything else" } as never],
    });
    expect(again.notice).toBeNull();
    expect(again.inquiryTypes).toEqual([{ ...(other as object), name: "Anything else" } as never]);
    const rows = await deps.db.withTenant(tenant.id, (tx) =>
      tx.select().from(auditLog).where(eq(auditLog.action, "helpcentre.settings.update")),
    );
    expect(rows.length).toBe(2);
  });

  test("a bad inquiry type is refused naming its field", async () => {
    const { owner } = await createTeam(deps, "Refuses Co");
    const settings = owner.here.helpCentre.settings;
    expect(await refusal(settings.update({ inquiryTypes: [{ name: "   " }] }))).toEqual({
      code: "BAD_REQUEST",
      field: "inquiryTypes.0.name",
    });
    const badTag = { inquiryTypes: [{ name: "Ok" }, { name: "Tags", tags: ["no/slash"] }] };
    expect((await refusal(settings.update(badTag))).field).toBe("inquiryTypes.1.tags.0");
    const long = { inquiryTypes: [{ name: "Ok", description: "d".repeat(201) }] };
    expect((await refusal(settings.update(long))).field).toBe("inquiryTypes.0.description");
    expect((await refusal(settings.update({ notice: "x".repeat(301) }))).field).toBe("notice");
    expect((await refusal(settings.update({ notice: "two\nlines" }))).field).toBe("notice");
    expect((await refusal(settings.update({ language: "xx" }))).field).toBe("language");
    const many = Array.from({ length: 21 }, (_, i) => ({ name: `Type ${i}` }));
    expect((await refusal(settings.update({ inquiryTypes: many }))).field).toBe("inquiryTypes");
    expect((await settings.get()).inquiryTypes).toEqual([]);
  });

  test("a default assignee must be a member here who works tickets", async () => {
    const { owner, join } = await createTeam(deps, "Assign Co");
    const viewer = await join("viewer");
    const outsider = await createTeam(deps, "Elsewhere Co");
    for (const assigneeId of [viewer.userId, outsider.owner.userId]) {
      const update = { inquiryTypes: [{ name: "Sales" }, { name: "Help", assigneeId }] };
      expect(await refusal(owner.here.helpCentre.settings.update(update))).toEqual({
        code: "BAD_REQUEST",
        field: "inquiryTypes.1.assigneeId",
      });
    }
  });

  test("only those who manage the help centre may read or change its settings", async () => {
    const { join } = await createTeam(deps, "Roles Co");
    const member = await join("member");
    const admin = await join("admin");
    expect(await codeOf(member.here.helpCentre.settings.get())).toBe("FORBIDDEN");
    expect(await codeOf(member.here.helpCentre.settings.update({ enabled: false }))).toBe(
      "FORBIDDEN",
    );
    expect(await codeOf(admin.here.helpCentre.settings.update({ enabled: false }))).toBe("ok");
  });

  test("a new language re-stamps every article, so search stems in it", async () => {
    const { owner } = await createTeam(deps, "Sprache Co");
    const kb = owner.here.kb;
    const article = await kb.articles.create({
      title: "Zahlungsarten",
      body: "Wir versenden alle Rechnungen am Monatsende per E-Mail.",
    });
    // English does not stem "Rechnungen" to "rechnung".
    expect(await kb.search({ q: "Rechnung" })).toEqual([]);
    await owner.here.helpCentre.settings.update({ language: "de" });
    const hits = await kb.search({ q: "Rechnung" });
    expect(hits.map((h) => h.id)).toEqual([article.id]);
  });

  test("a change drops the public pages' cache at once; a refused one does not", async () => {
    const { owner, tenant } = await createTeam(deps, "Cache Co");
    const before = await generation(tenant.id);
    await owner.here.helpCentre.settings.update({ enabled: false });
    expect(await generation(tenant.id)).toBe(before + 1);
    await owner.here.helpCentre.settings.update({ language: "zz" as never }).catch(() => null);
    expect(await generation(tenant.id)).toBe(before + 1);
  });
});

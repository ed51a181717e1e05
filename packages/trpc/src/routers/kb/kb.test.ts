// The knowledge base through createCaller: categories, the article lifecycle with revisions,
// who may publish, rendering that stays inert, and search that tolerates how people type.
import { afterAll, describe, expect, test } from "bun:test";
import { codeOf, createTeam, createTestDeps } from "../../testing";

const deps = await createTestDeps();
afterAll(() => deps.close());

describe("categories", () => {
  test("created in order, reordered, renamed; one holding articles cannot be deleted", async () => {
    const { owner } = await createTeam(deps, "KB Co");
    const kb = owner.here.kb;
    const orders = await kb.categories.create({ name: "Orders & Shipping" });
    const returns = await kb.categories.create({ name: "Returns", description: "Sending back" });
    expect(orders).toMatchObject({ slug: "orders-shipping", position: 0 });
    expect(returns.position).toBe(1);
    const reordered = await kb.categories.reorder({ ids: [returns.id, orders.id] });
    expect(reordered.map((c) => c.slug)).toEqual(["returns", "orders-shipping"]);
    expect(await codeOf(kb.categories.reorder({ ids: [returns.id] }))).toBe("BAD_REQUEST");
    expect(await codeOf(kb.categories.create({ name: "Returns" }))).toBe("CONFLICT");
    await kb.articles.create({ title: "Refunds", body: "Within 30 days.", categoryId: returns.id });
    const held = await kb.categories.delete({ id: returns.id }).catch((e) => e);
    expect(held).toMatchObject({ code: "PRECONDITION_FAILED" });
    expect(held.message).toContain("1 article");
    expect(await kb.categories.delete({ id: orders.id })).toEqual({ ok: true });
    const [left] = await kb.categories.list();
    expect(left).toMatchObject({ slug: "returns", articles: { draft: 1, published: 0 } });
  });
});

describe("articles", () => {
  test("a draft is saved, revised, restored, published, unpublished, archived and deleted", async () => {
    const { owner } = await createTeam(deps, "Lifecycle Co");
    const kb = owner.here.kb;
    const category = await kb.categories.create({ name: "Guides" });
    const created = await kb.articles.create({
      title: "How do I return an item?",
      body: "## Steps\n\nPack it and **send it back** within 30 days.",
    });
    expect(created).toMatchObject({ slug: "how-do-i-return-an-item", status: "draft" });
    expect(created.excerpt).toBe("Steps Pack it and send it back within 30 days.");
    expect(created.html).toContain("<strong>send it back</strong>");
    expect(await codeOf(kb.articles.publish({ id: created.id }))).toBe("PRECONDITION_FAILED");

    const v2 = await kb.articles.update({
      id: created.id,
      body: "Pack it and send it back within 60 days.",
      categoryId: category.id,
    });
    expect(v2.body).toContain("60 days");
    const revisions = await kb.articles.revisions({ id: created.id });
    expect(revisions.map((r) => r.body)).toEqual([created.body]);
    const restored = await kb.articles.restore({
      id: created.id,
      revisionId: revisions[0]?.id ?? "",
    });
    expect(restored.body).toBe(created.body);
    expect((await kb.articles.revisions({ id: created.id })).length).toBe(2);

    const published = await kb.articles.publish({ id: created.id });
    expect(published.status).toBe("published");
    expect(published.publishedAt).not.toBeNull();
    expect((await kb.articles.unpublish({ id: created.id })).status).toBe("draft");
    expect((await kb.articles.archive({ id: created.id })).status).toBe("archived");
    const page = await kb.articles.list({ perPage: 10, status: ["archived"] });
    expect(page.data.map((a) => a.id)).toEqual([created.id]);
    expect(await kb.articles.delete({ id: created.id })).toEqual({ ok: true });
    expect(await codeOf(kb.articles.get({ id: created.id }))).toBe("NOT_FOUND");
  });

  test("members write drafts; publishing, and changing what is published, is for kb.publish", async () => {
    const { owner, join } = await createTeam(deps, "Writers Co");
    const writer = (await join("member")).here.kb;
    const category = await owner.here.kb.categories.create({ name: "Guides" });
    const draft = await writer.articles.create({
      title: "Sizing",
      body: "Measure twice.",
      categoryId: category.id,
    });
    expect(await codeOf(writer.articles.publish({ id: draft.id }))).toBe("FORBIDDEN");
    await owner.here.kb.articles.publish({ id: draft.id });
    expect(await codeOf(writer.articles.update({ id: draft.id, body: "Guess." }))).toBe(
      "FORBIDDEN",
    );
    expect(await codeOf(writer.articles.delete({ id: draft.id }))).toBe("FORBIDDEN");
  });

  test("slugs are unique per tenant and checked; control characters are refused by field", async () => {
    const { owner } = await createTeam(deps, "Slugs Co");
    const kb = owner.here.kb;
    await kb.articles.create({ title: "Warranty", body: "Two years." });
    expect(await codeOf(kb.articles.create({ title: "Warranty", body: "Again." }))).toBe(
      "CONFLICT",
    );
    const badSlug = await kb.articles
      .create({ title: "X", body: "Y", slug: "Not a slug!" })
      .catch((e) => e);
    expect(badSlug).toMatchObject({ code: "BAD_REQUEST" });
    expect(JSON.stringify(badSlug.cause ?? badSlug)).toContain("slug");
    const control = await kb.articles.create({ title: "X", body: "a\u0007b" }).catch((e) => e);
    expect(control).toMatchObject({ code: "BAD_REQUEST" });
    // Another tenant may use the same slug.
    const other = await createTeam(deps, "Other Slugs Co");
    await other.owner.here.kb.articles.create({ title: "Warranty", body: "Three years." });
  });

  test("Markdown renders inert: scripts, handlers and javascript: links never reach the HTML", async () => {
    const { owner } = await createTeam(deps, "XSS Co");
    const body = [
      "<script>alert(1)</script>",
      '<img src="x" onerror="alert(2)">',
      "[click](javascript:alert(3))",
      '<a href="javascript:alert(4)">a</a>',
      '<div style="background:url(javascript:alert(5))" onclick="alert(6)">x</div>',
    ].join("\n\n");
    const article = await owner.here.kb.articles.create({ title: "Evil", body });
    const preview = await owner.here.kb.articles.preview({ body });
    for (const html of [article.html, preview.html]) {
      // A javascript: URL may survive as text ("[click](javascript:…)" shown literally), never as
      // an attribute.
      expect(html).not.toMatch(
        /<script|\son\w+\s*=|(?:href|src)\s*=\s*["']?\s*javascript:|style=/i,
      );
      expect(html).toContain("<img");
    }
  });
});

describe("search", () => {
  test("finds by stem, any word, and a typo in the title; snippets mark hits as segments", async () => {
    const { owner } = await createTeam(deps, "Search Co");
    const kb = owner.here.kb;
    const category = await kb.categories.create({ name: "Help" });
    const make = (title: string, body: string) =>
      kb.articles.create({ title, body, categoryId: category.id });
    const returns = await make(
      "Returning an item",
      "You can return anything within 30 days. Refunds reach your card in 5 days.",
    );
    const delivery = await make(
      "Delivery times",
      "Standard shipping takes 3 to 5 working days; express arrives next day.",
    );
    await make("Gift cards", "Gift cards never expire and can be used online.");
    const top = async (q: string) => (await kb.search({ q })).map((hit) => hit.id)[0];
    expect(await top("refunded")).toBe(returns.id);
    expect(await top("how long does delivery take")).toBe(delivery.id);
    expect(await top("retruning an itme")).toBe(returns.id);
    const [hit] = await kb.search({ q: "refunds" });
    expect(hit?.snippet.some((s) => s.hit && /refund/i.test(s.text))).toBe(true);
    const text = hit?.snippet.map((s) => s.text).join("") ?? "";
    expect(text.includes("\u0002") || text.includes("\u0003")).toBe(false);
    expect(await kb.search({ q: "zebra crossing" })).toEqual([]);
    const other = await kb.categories.create({ name: "Elsewhere" });
    expect(await kb.search({ q: "refunds", categoryId: other.id })).toEqual([]);
    expect((await kb.search({ q: "refunds", categoryId: category.id }))[0]?.id).toBe(returns.id);
  });

  test("drafts are found by agents only when asked for by status, and never across tenants", async () => {
    const a = await createTeam(deps, "Search A");
    const b = await createTeam(deps, "Search B");
    const draft = await a.owner.here.kb.articles.create({
      title: "Secret roadmap",
      body: "Not yet.",
    });
    expect((await a.owner.here.kb.search({ q: "roadmap" })).map((h) => h.id)).toEqual([draft.id]);
    expect(await a.owner.here.kb.search({ q: "roadmap", status: ["published"] })).toEqual([]);
    expect(await b.owner.here.kb.search({ q: "roadmap" })).toEqual([]);
  });
});

// What the help-centre tests share: the app over real HTTP (Bun.serve + fetch) on the test
// PostgreSQL and Redis, and a tenant with published, draft, archived and hostile articles.
import { createTeam, createTestDeps } from "@supportdesk/trpc/testing";
import { createApp } from "../app";

type Deps = Awaited<ReturnType<typeof createTestDeps>>;

export const XSS_BODY = [
  "Careful now.",
  "<script>alert('s')</script>",
  '<img src="https://example.com/x.png" onerror="alert(1)">',
  "[click me](javascript:alert(2))",
  '<a href="javascript:alert(3)" onclick="alert(4)">raw link</a>',
].join("\n\n");

/** A tenant with a category holding a published article, a draft, an archived one and an XSS one. */
async function setUp(deps: Deps, name: string) {
  const team = await createTeam(deps, name);
  const kb = team.owner.here.kb;
  const billing = await kb.categories.create({ name: "Billing", description: "Plans & invoices" });
  const empty = await kb.categories.create({ name: "Empty shelf" });
  const article = await kb.articles.create({
    title: `Change your ${name} plan`,
    body: "## Upgrading\n\nOpen **Settings** and pick a new plan. See [refunds](/articles/refunds).",
    excerpt: `How to move between ${name} plans.`,
    categoryId: billing.id,
  });
  await kb.articles.publish({ id: article.id });
  const draft = await kb.articles.create({
    title: "Unreleased pricing secret",
    body: "Not yet.",
    categoryId: billing.id,
  });
  const archived = await kb.articles.create({
    title: "Old retired policy",
    body: "Gone.",
    categoryId: billing.id,
  });
  await kb.articles.publish({ id: archived.id });
  await kb.articles.archive({ id: archived.id });
  const xss = await kb.articles.create({ title: "Tricky", body: XSS_BODY, categoryId: billing.id });
  await kb.articles.publish({ id: xss.id });
  await kb.articles.create({ title: "Empty draft", body: "x", categoryId: empty.id });
  const slug = team.tenant.slug;
  return { ...team, kb, slug, host: `${slug}.supportdesk.test`, article, draft, archived, xss };
}

/**
 * A server of its own for one test file (each file closes its own in afterAll).
 *
 * @example
 * const kit = await startHelpCentre();
 * const acme = await kit.setUp("Acme");
 * expect((await kit.text(`/hc/${acme.slug}/`)).status).toBe(200);
 */
export async function startHelpCentre() {
  const deps = await createTestDeps();
  const server = Bun.serve({
    port: 0,
    fetch: createApp({ deps, corsOrigins: [], trustProxy: false }).fetch,
  });
  const address = `http://127.0.0.1:${server.port}`;
  /** GET a help-centre path: `/hc/<slug>…` on the server's address, or `/…` with a tenant's Host. */
  const get = (path: string, init: { host?: string; headers?: Record<string, string> } = {}) =>
    fetch(`${address}${path}`, {
      headers: { ...init.headers, ...(init.host ? { host: init.host } : {}) },
    });
  const text = async (path: string, host?: string) => {
    const res = await get(path, { host });
    return { status: res.status, headers: res.headers, body: await res.text() };
  };
  return {
    deps,
    address,
    get,
    text,
    setUp: (name: string) => setUp(deps, name),
    async stop() {
      server.stop(true);
      await deps.close();
    },
  };
}

export type Fixture = Awaited<ReturnType<typeof setUp>>;

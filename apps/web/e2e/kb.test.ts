// The knowledge base in a real browser: an owner makes categories (reordered; one holding an
// article cannot be deleted) and an article in Markdown with the server's live preview, saves a
// draft, edits it (a revision appears), restores the revision, publishes, and finds it by search
// with the hit marked; a member writes a draft but is offered no Publish; a viewer only reads.
import { afterAll, afterEach, beforeAll, describe, expect, test } from "bun:test";
import { registerAndSignIn, signInThroughApi } from "./accounts";
import { type BrowserContext, must, type Page, type Stack, startStack, unique } from "./harness";

const STEP_MS = 90_000;
const UI_MS = 15_000;

let stack: Stack;
let contexts: BrowserContext[] = [];
const slug = `e2e-kb-${unique("")}`;
const owner = { email: `e2e-kb-owner-${unique("")}@example.test`, token: "" };

beforeAll(async () => {
  stack = await startStack();
  const signedIn = await registerAndSignIn(stack, {
    email: owner.email,
    name: "Kim Owner",
    tenantName: "KB Org",
    tenantSlug: slug,
  });
  owner.token = signedIn.accessToken;
}, 60_000);

afterEach(async () => {
  const open = contexts;
  contexts = [];
  await Promise.all(open.map((c) => c.close().catch(() => {})));
});

afterAll(async () => {
  await stack?.stop();
});

const asOwner = { slug };

/** Someone who joins the organisation with `role` (registered, verified and invited by API). */
async function member(role: "member" | "viewer"): Promise<string> {
  const email = `e2e-kb-${role}-${unique("")}@example.test`;
  const signedIn = await registerAndSignIn(stack, { email, name: `Kb ${role}` });
  const verifyLink = await stack.readEmail(email, "Verify your email");
  must(
    await stack.call("mutation", "auth.verifyEmail", {
      token: new URL(verifyLink).searchParams.get("token"),
      tokenDelivery: "body",
    }),
    "auth.verifyEmail",
  );
  must(
    await stack.call(
      "mutation",
      "invitations.create",
      { email, role },
      { ...asOwner, token: owner.token },
    ),
    "invitations.create",
  );
  const invite = await stack.readEmail(email, "invited you");
  const token = decodeURIComponent(new URL(invite).pathname.split("/").at(-1) ?? "");
  must(
    await stack.call("mutation", "invitations.accept", { token }, { token: signedIn.accessToken }),
    "invitations.accept",
  );
  return email;
}

async function openAs(email: string, path: string): Promise<Page> {
  const context = await stack.newContext();
  contexts.push(context);
  await signInThroughApi(context, email);
  const page = await context.newPage();
  page.setDefaultTimeout(UI_MS);
  await page.goto(path);
  return page;
}

describe("knowledge base", () => {
  test(
    "an owner: categories, a Markdown article with live preview, revisions, publishing, search",
    async () => {
      const page = await openAs(owner.email, `/t/${slug}/kb/categories`);
      for (const [name, description] of [
        ["Returns & refunds", "Sending things back"],
        ["Shipping", "Getting things to you"],
      ] as const) {
        await page.getByLabel("Name", { exact: true }).fill(name);
        await page.getByLabel("Description", { exact: true }).fill(description);
        await page.getByRole("button", { name: "Add category" }).click();
        await page.getByRole("rowheader", { name: new RegExp(name) }).waitFor();
      }
      // Reordered with the accessible buttons: Shipping first.
      await page.getByRole("button", { name: "Move Shipping up" }).click();
      await page.waitForFunction(() =>
        document.querySelector(".sd-table tbody tr th")?.textContent?.startsWith("Shipping"),
      );
      await stack.screenshot(page, "kb-01-categories");

      // A new article: the slug follows the title; the preview is the server's rendering.
      await page.getByRole("link", { name: "Knowledge base", exact: true }).click();
      await page.getByRole("link", { name: "New article" }).click();
      await page.getByLabel("Title", { exact: true }).fill("How do I return an item?");
      expect(await page.getByLabel("Slug", { exact: true }).inputValue()).toBe(
        "how-do-i-return-an-item",
      );
      await page
        .getByLabel("Category", { exact: true })
        .selectOption({ label: "Returns & refunds" });
      const body = page.getByLabel("Body (Markdown)", { exact: true });
      await body.fill(
        "## Steps\n\nPack it and **send it back** within 30 days.\n\n<script>window.pwned=1</script>",
      );
      const preview = page.getByRole("region", { name: /Preview/ });
      await preview.locator("strong", { hasText: "send it back" }).waitFor();
      await preview.getByRole("heading", { name: "Steps" }).waitFor();
      expect(await preview.locator("script").count()).toBe(0);
      await stack.screenshot(page, "kb-02-editor-preview");
      await page.getByRole("button", { name: "Save draft" }).click();
      await page.waitForURL(/\/kb\/articles\/[0-9a-f-]{36}$/);
      await page.getByRole("status").filter({ hasText: "Saved." }).waitFor();
      await page.getByText("No earlier versions").waitFor();

      // An edit keeps the previous body as a revision; restoring brings it back.
      await body.fill("## Steps\n\nPack it and **send it back** within 60 days.");
      await page.getByRole("button", { name: "Save draft" }).click();
      const history = page.getByRole("region", { name: "Revision history" });
      await history.getByRole("listitem").first().waitFor();
      expect(await history.getByRole("listitem").count()).toBe(1);
      await history.getByRole("button", { name: "View" }).click();
      await history.getByTestId("kb-revision-body").filter({ hasText: "30 days" }).waitFor();
      await stack.screenshot(page, "kb-03-revision");
      await history.getByRole("button", { name: "Restore" }).click();
      await page.getByText("Restored an earlier version.").waitFor();
      await page.waitForFunction(() =>
        (document.querySelector("textarea") as HTMLTextAreaElement | null)?.value.includes(
          "30 days",
        ),
      );
      await page.waitForFunction(() => document.querySelectorAll(".kb-revisions li").length === 2);

      // Publishing.
      await page.getByRole("button", { name: "Publish" }).click();
      await page.getByText("Published.", { exact: true }).waitFor();
      await page.locator(".kb-editor-title .badge", { hasText: "Published" }).waitFor();
      await stack.screenshot(page, "kb-04-published");

      // Search finds it, with the matched words marked, and the query lands in the URL.
      await page.getByRole("link", { name: "← All articles" }).click();
      await page.getByLabel("Search articles").fill("send back");
      const results = page.getByRole("region", { name: "Search results" });
      await results.getByRole("link", { name: "How do I return an item?" }).waitFor();
      const marked = await results.locator("mark").allTextContents();
      expect(marked.map((m) => m.toLowerCase())).toContain("send");
      expect(new URL(page.url()).searchParams.get("q")).toBe("send back");
      await stack.screenshot(page, "kb-05-search");

      // The status filter is in the URL too.
      await page.goto(`/t/${slug}/kb?status=draft`);
      await page.getByText("No articles match").waitFor();
      expect(await page.getByLabel("Status", { exact: true }).inputValue()).toBe("draft");

      // A category still holding the article is not deleted; the server's reason is shown.
      await page.goto(`/t/${slug}/kb/categories`);
      await page.getByRole("button", { name: "Delete Returns & refunds" }).click();
      await page.getByRole("button", { name: "Delete", exact: true }).click();
      await page.getByRole("alert").filter({ hasText: "still holds 1 article" }).waitFor();
    },
    STEP_MS,
  );

  test(
    "a member writes a draft but is offered no Publish; a viewer only reads",
    async () => {
      const memberEmail = await member("member");
      const viewerEmail = await member("viewer");
      const writer = await openAs(memberEmail, `/t/${slug}/kb/new`);
      await writer.getByLabel("Title", { exact: true }).fill("Sizing guide");
      await writer.getByLabel("Body (Markdown)", { exact: true }).fill("Measure *twice*.");
      await writer
        .getByRole("region", { name: /Preview/ })
        .locator("em")
        .waitFor();
      await writer.getByRole("button", { name: "Save draft" }).click();
      await writer.waitForURL(/\/kb\/articles\/[0-9a-f-]{36}$/);
      await writer.getByRole("status").filter({ hasText: "Saved." }).waitFor();
      expect(await writer.getByRole("button", { name: "Publish" }).count()).toBe(0);
      expect(await writer.getByRole("button", { name: "Delete" }).count()).toBe(0);
      await stack.screenshot(writer, "kb-06-member-draft");

      const reader = await openAs(viewerEmail, `/t/${slug}/kb`);
      await reader.getByRole("link", { name: "Sizing guide" }).waitFor();
      expect(await reader.getByRole("link", { name: "New article" }).count()).toBe(0);
      await reader.getByRole("link", { name: "Sizing guide" }).click();
      const title = reader.getByLabel("Title", { exact: true });
      await title.waitFor();
      expect(await title.getAttribute("readonly")).not.toBeNull();
      expect(await reader.getByRole("button", { name: /Save/ }).count()).toBe(0);
      expect(await reader.getByRole("button", { name: "Restore" }).count()).toBe(0);
      await reader
        .getByRole("region", { name: /Preview/ })
        .locator("em")
        .waitFor();
      await reader.goto(`/t/${slug}/kb/categories`);
      await reader.getByRole("rowheader", { name: /Shipping/ }).waitFor();
      expect(await reader.getByRole("button", { name: "Add category" }).count()).toBe(0);
      expect(await reader.getByRole("button", { name: /^Move / }).count()).toBe(0);
      await stack.screenshot(reader, "kb-07-viewer");
    },
    STEP_MS,
  );
});

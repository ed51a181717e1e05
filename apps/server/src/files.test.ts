// Signed download links over real HTTP: the bytes as stored, a download (never a page of ours)
// unless a safe image, and nothing for a changed, expired or made-up link.
import { afterAll, describe, expect, test } from "bun:test";
import { attachments, eq } from "@supportdesk/database";
import { createTeam, createTestDeps, fileFixtures } from "@supportdesk/trpc/testing";
import { createApp } from "./app";

const deps = await createTestDeps();
const server = Bun.serve({
  port: 0,
  fetch: createApp({ deps, corsOrigins: [], trustProxy: false }).fetch,
});
const base = `http://127.0.0.1:${server.port}`;
afterAll(async () => {
  server.stop(true);
  await deps.close();
});

const team = await createTeam(deps, "Files Co");
const owner = team.owner.here;
const ticket = await owner.tickets.create({ subject: "With files", body: "See attached." });
const files = await fileFixtures(deps, team.tenant.id, ticket.id, "Quarterly report");

describe("/files/<token>", () => {
  test("an attachment downloads byte for byte, sandboxed, as a download", async () => {
    const link = await owner.attachments.get({ id: files.attachmentId });
    expect(link.filename).toBe("Quarterly report.txt");
    const res = await fetch(`${base}${link.url}`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe("Quarterly report");
    expect(res.headers.get("content-disposition")).toStartWith(
      'attachment; filename="Quarterly report.txt"',
    );
    expect(res.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(res.headers.get("content-security-policy")).toContain("sandbox");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
  });

  test("an email's original downloads as the message that arrived", async () => {
    const { url } = await owner.tickets.messageOriginal({ messageId: files.emailMessageId });
    const res = await fetch(`${base}${url}`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("Subject: Quarterly report");
    expect(res.headers.get("content-disposition")).toStartWith("attachment;");
  });

  test("a safe image shows inline; a file claiming to be HTML never does", async () => {
    const png = Uint8Array.from(
      atob(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
      ),
      (c) => c.charCodeAt(0),
    );
    const key = `t/${team.tenant.id}/attachments/pixel-${crypto.randomUUID()}`;
    await deps.files.storage.put(key, png);
    const [row] = await deps.db.withTenant(team.tenant.id, (tx) =>
      tx
        .insert(attachments)
        .values({
          ticketId: ticket.id,
          filename: "pixel.png",
          contentType: "image/png",
          size: png.byteLength,
          storageKey: key,
        })
        .returning({ id: attachments.id }),
    );
    const image = await fetch(`${base}${(await owner.attachments.get({ id: row?.id ?? "" })).url}`);
    expect(image.headers.get("content-type")).toBe("image/png");
    expect(image.headers.get("content-disposition")).toStartWith("inline;");
    expect(new Uint8Array(await image.arrayBuffer())).toEqual(png);

    await deps.db.withTenant(team.tenant.id, (tx) =>
      tx
        .update(attachments)
        .set({ contentType: "text/html" })
        .where(eq(attachments.id, row?.id ?? "")),
    );
    const html = await fetch(`${base}${(await owner.attachments.get({ id: row?.id ?? "" })).url}`);
    expect(html.headers.get("content-type")).toBe("application/octet-stream");
    expect(html.headers.get("content-disposition")).toStartWith("attachment;");
  });

  test("a changed or made-up link opens nothing", async () => {
    const { url } = await owner.attachments.get({ id: files.attachmentId });
    const [body, signature] = url.slice("/files/".length).split(".");
    const flipped = `${body?.slice(0, -2)}AA.${signature}`;
    for (const path of [
      `/files/${flipped}`,
      "/files/nothing",
      `/files/${body}.${"A".repeat(43)}`,
    ]) {
      const res = await fetch(`${base}${path}`);
      expect(res.status).toBe(404);
      expect(await res.text()).not.toContain("Quarterly");
    }
  });
});

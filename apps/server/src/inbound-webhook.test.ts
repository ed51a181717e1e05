// A provider's inbound webhook over real HTTP: signed raw MIME is stored and queued like SMTP mail;
// a wrong signature, an unknown mailbox or an oversize body are refused and store nothing.
import { afterAll, describe, expect, test } from "bun:test";
import { createHmac } from "node:crypto";
import { inboundEmails } from "@supportdesk/database";
import { email } from "@supportdesk/services";
import { createTeam, createTestDeps } from "@supportdesk/trpc/testing";
import { createApp } from "./app";

const SECRET = "a-webhook-secret-of-at-least-32-characters";
const deps = await createTestDeps();
const server = Bun.serve({
  port: 0,
  fetch: createApp({
    deps,
    corsOrigins: [],
    trustProxy: false,
    inboundWebhook: { secret: SECRET, maxBytes: 10_000 },
  }).fetch,
});
const base = `http://127.0.0.1:${server.port}`;
afterAll(async () => {
  server.stop(true);
  await deps.close();
});

const team = await createTeam(deps, "Webhook Co");
const to = `${team.tenant.slug}@${deps.settings.inboundDomain}`;
const raw = `From: Wes <wes@example.com>\r\nTo: ${to}\r\nSubject: Via the provider\r\nMessage-ID: <wh-${crypto.randomUUID()}@example.com>\r\n\r\nHello from the webhook.\r\n`;
const sign = (body: string, secret = SECRET) =>
  `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
const post = (body: string, signature: string, recipient = to) =>
  fetch(`${base}/inbound/email?to=${encodeURIComponent(recipient)}`, {
    method: "POST",
    headers: { "content-type": "message/rfc822", "x-supportdesk-signature": signature },
    body,
  });
const stored = () => deps.db.withTenant(team.tenant.id, (tx) => tx.select().from(inboundEmails));

describe("POST /inbound/email", () => {
  test("signed mail is stored, queued and filed into a ticket", async () => {
    const res = await post(raw, sign(raw));
    expect(res.status).toBe(202);
    const { id } = (await res.json()) as { id: string };
    const filed = await email.processInbound(
      { db: deps.db, storage: deps.files.storage, inboundDomain: deps.settings.inboundDomain },
      { tenantId: team.tenant.id, inboundEmailId: id, lastAttempt: false },
    );
    expect(filed.status).toBe("processed");
    const list = await team.owner.here.tickets.list();
    expect(list.data.map((t) => t.subject)).toContain("Via the provider");
  });

  test("a wrong or missing signature, an unknown mailbox and an oversize body store nothing", async () => {
    const before = (await stored()).length;
    expect((await post(raw, sign(raw, "another-secret-of-at-least-32-characters!"))).status).toBe(
      401,
    );
    expect((await post(raw, "")).status).toBe(401);
    expect((await post(`${raw}tampered`, sign(raw))).status).toBe(401);
    const stranger = `nobody-here@${deps.settings.inboundDomain}`;
    expect((await post(raw, sign(raw), stranger)).status).toBe(404);
    const big = `${raw}${"x".repeat(20_000)}`;
    expect((await post(big, sign(big))).status).toBe(413);
    const noTo = await fetch(`${base}/inbound/email`, { method: "POST", body: raw });
    expect(noTo.status).toBe(400);
    expect((await stored()).length).toBe(before);
  });
});

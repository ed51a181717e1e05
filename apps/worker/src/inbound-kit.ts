// What the inbound-mail tests share: our SMTP receiver on a free port with a storage directory of
// its own, a real SMTP client (nodemailer) sending to it, and a way to file what arrived.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { and, type Database, eq, inboundEmails } from "@supportdesk/database";
import { createLogger } from "@supportdesk/logger";
import { email } from "@supportdesk/services";
import { createLocalStore } from "@supportdesk/storage";
import nodemailer from "nodemailer";
import type Mail from "nodemailer/lib/mailer";
import { startInboundSmtp } from "./inbound-smtp";

export const INBOUND_DOMAIN = "mail.supportdesk.test";

export async function startReceiver(db: Database, options: { maxBytes?: number } = {}) {
  const dir = mkdtempSync(join(tmpdir(), "sd-inbound-"));
  const storage = createLocalStore(dir);
  const smtp = await startInboundSmtp({
    db,
    storage,
    inboundDomain: INBOUND_DOMAIN,
    maxBytes: options.maxBytes ?? 25 * 1024 * 1024,
    host: "127.0.0.1",
    port: 0,
    log: createLogger({ name: "inbound-test", level: "silent" }),
  });
  const transport = nodemailer.createTransport({
    host: "127.0.0.1",
    port: smtp.port,
    secure: false,
    ignoreTLS: true,
  });
  return {
    storage,
    port: smtp.port,
    /** Sends through a real SMTP conversation; rejects with the server's reply when refused. */
    send: (message: Mail.Options) => transport.sendMail(message),
    /** Files every message waiting for `tenantId`, as the worker's job would, oldest first. */
    async fileAll(tenantId: string) {
      const waiting = await db.withTenant(tenantId, (tx) =>
        tx
          .select({ id: inboundEmails.id })
          .from(inboundEmails)
          .where(and(eq(inboundEmails.status, "received")))
          .orderBy(inboundEmails.receivedAt, inboundEmails.id),
      );
      const outcomes = [];
      for (const { id } of waiting) {
        outcomes.push(
          await email.processInbound(
            { db, storage, inboundDomain: INBOUND_DOMAIN },
            { tenantId, inboundEmailId: id, lastAttempt: false },
          ),
        );
      }
      return outcomes;
    },
    async close() {
      transport.close();
      await smtp.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export type Receiver = Awaited<ReturnType<typeof startReceiver>>;

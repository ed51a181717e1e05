// A local SMTP catcher with a web inbox (MailDev), for development and for tests that send email.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { MailDev } from "maildev";

export interface MailCaptureOptions {
  /** Port for SMTP; 0 or omitted picks a free one. */
  smtpPort?: number;
  /** Port for the web inbox and its REST API; 0 or omitted picks a free one. */
  webPort?: number;
}

/** An email as it arrived at the capture server. */
export interface CapturedMessage {
  /** MailDev's id of the stored email (for `${webUrl}/#/email/${id}`-style links and the API). */
  id: string;
  /** The Message-ID header, with its angle brackets, e.g. `<job-1@supportdesk>`. */
  messageId: string;
  /** Recipient addresses of the To header. */
  to: string[];
  /** Sender address of the From header. */
  from: string;
  /** Display name of the From header ("" when there is none). */
  fromName: string;
  subject: string;
  text: string;
  html: string;
  /** Headers as MailDev parsed them, names lower-cased. */
  headers: Record<string, string>;
}

export interface MailCapture {
  /** Where to send, e.g. `smtp://127.0.0.1:1025`. */
  smtpUrl: string;
  /** The web inbox, e.g. `http://127.0.0.1:1080`. */
  webUrl: string;
  /** Every captured email, oldest first. */
  messages(): Promise<CapturedMessage[]>;
  /**
   * The first captured email that matches, waiting for it to arrive.
   * @throws Error naming what did arrive when none matched within `timeoutMs` (default 5 000)
   */
  waitFor(
    predicate: (message: CapturedMessage) => boolean,
    timeoutMs?: number,
  ): Promise<CapturedMessage>;
  /** Deletes every captured email. */
  clear(): Promise<void>;
  /** Stops both servers and deletes the stored emails; safe to call twice. */
  stop(): Promise<void>;
}

/** The fields of MailDev's `GET /api/email` items this module reads. */
interface MailDevEmail {
  id: string;
  subject?: string;
  from?: { address: string; name?: string }[];
  to?: { address: string; name?: string }[];
  text?: string;
  html?: string;
  headers?: Record<string, string | string[]>;
}

function toCaptured(email: MailDevEmail): CapturedMessage {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(email.headers ?? {})) {
    headers[name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : value;
  }
  const sender = email.from?.[0];
  return {
    id: email.id,
    messageId: headers["message-id"] ?? "",
    to: (email.to ?? []).map((a) => a.address),
    from: sender?.address ?? "",
    fromName: sender?.name ?? "",
    subject: email.subject ?? "",
    text: email.text ?? "",
    html: email.html ?? "",
    headers,
  };
}

function checkPort(port: number | undefined, name: string): number {
  if (port === undefined) return 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new RangeError(`${name} must be a port number from 0 to 65535, got ${port}`);
  }
  return port;
}

/**
 * Starts MailDev on 127.0.0.1: an SMTP server that keeps every email it gets, a web inbox to
 * read them and the REST API this helper reads them through.
 *
 * @example
 * const capture = await startMailCapture();
 * const mailer = createMailer({ url: capture.smtpUrl, from: "SupportDesk <no-reply@x.test>" });
 * await mailer.send({ to: "ada@example.com", subject: "Hi", text: "Hi", html: "<p>Hi</p>" });
 * const email = await capture.waitFor((m) => m.to.includes("ada@example.com"));
 * mailer.close();
 * await capture.stop();
 *
 * @throws Error when a port is taken (the message names it)
 */
export async function startMailCapture(options: MailCaptureOptions = {}): Promise<MailCapture> {
  const smtpPort = checkPort(options.smtpPort, "smtpPort");
  const webPort = checkPort(options.webPort, "webPort");
  // MailDev's default store is one shared folder under the temp dir, and clearing an inbox empties
  // that folder: each capture gets its own so two of them never delete each other's emails.
  const mailDirectory = await mkdtemp(join(tmpdir(), "supportdesk-mail-"));
  const maildev = new MailDev({
    smtp: smtpPort,
    web: webPort,
    ip: "127.0.0.1",
    webIp: "127.0.0.1",
    mailDirectory,
    // A dev inbox left running for days stays small; tests never get near it.
    maxEmails: 1000,
    silent: true,
  });

  let servers: Awaited<ReturnType<MailDev["start"]>>;
  try {
    servers = await maildev.start();
  } catch (error) {
    // MailDev only stops what it started once everything is up; close what did start.
    const partial = (maildev as unknown as { orchestrator?: { smtp?: { stop(): Promise<void> } } })
      .orchestrator?.smtp;
    await partial?.stop().catch(() => {});
    await rm(mailDirectory, { recursive: true, force: true });
    const { code, port } = error as { code?: unknown; port?: unknown };
    if (code === "EADDRINUSE") {
      const which = typeof port === "number" ? `port ${port} is` : "a port is";
      throw new Error(
        `Cannot start the mail capture: ${which} already in use (SMTP ${smtpPort || "any"}, web ${webPort || "any"}). Stop what uses it or choose other ports.`,
        { cause: error },
      );
    }
    throw error;
  }

  const web = servers.api?.getAddress();
  if (!web) throw new Error("MailDev started without its web server");
  const smtpUrl = `smtp://127.0.0.1:${servers.smtp.getAddress().port}`;
  const webUrl = `http://127.0.0.1:${web.port}`;

  async function api(method: "GET" | "DELETE", path: string): Promise<unknown> {
    const response = await fetch(`${webUrl}/api${path}`, { method });
    if (!response.ok) {
      throw new Error(`MailDev ${method} /api${path} answered ${response.status}`);
    }
    return response.json();
  }

  async function messages(): Promise<CapturedMessage[]> {
    return ((await api("GET", "/email")) as MailDevEmail[]).map(toCaptured);
  }

  let stopped = false;

  return {
    smtpUrl,
    webUrl,
    messages,
    async waitFor(predicate, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const all = await messages();
        const match = all.find(predicate);
        if (match) return match;
        if (Date.now() >= deadline) {
          const seen = all.map((m) => `"${m.subject}" to ${m.to.join(", ")}`).join("; ");
          throw new Error(
            `No captured email matched within ${timeoutMs} ms; ${all.length} captured${seen ? `: ${seen}` : ""}`,
          );
        }
        await sleep(Math.min(50, Math.max(deadline - Date.now(), 0)));
      }
    },
    async clear() {
      await api("DELETE", "/email/all");
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      await maildev.stop();
      await rm(mailDirectory, { recursive: true, force: true });
    },
  };
}

// What the email-channel tests share beyond ./inbound-kit.ts: a desk (our SMTP receiver, the
// worker's real handlers sending to a mail capture), a tenant with its inbound address, mail
// delivered and filed in one step, the outbox jobs a ticket queued (run in-process as the worker
// would), and short reads of tickets, threads and copied people.
import {
  and,
  asc,
  customers,
  eq,
  inboundEmails,
  messages,
  outbox,
  sql,
  type TenantDb,
  ticketCcs,
  tickets,
} from "@supportdesk/database";
import { createMailer } from "@supportdesk/email";
import { type CapturedMessage, startMailCapture } from "@supportdesk/email/capture";
import { createLogger } from "@supportdesk/logger";
import { jobsByName, openPayload } from "@supportdesk/queue";
import { createTeam, createTestDeps } from "@supportdesk/trpc/testing";
import type Mail from "nodemailer/lib/mailer";
import { createHandlers } from "./handlers";
import { INBOUND_DOMAIN, startReceiver } from "./inbound-kit";

const log = createLogger({ name: "email-channel-test", level: "silent" });

/** A unique Message-ID (with brackets, as nodemailer takes it) on a customer's domain. */
export const newMessageId = (label = "m") => `<${label}-${crypto.randomUUID()}@example.com>`;
/** A unique customer address. */
export const newAddress = (label: string) =>
  `${label}-${crypto.randomUUID().slice(0, 8)}@example.com`;
/** Every Message-ID in a header value, without brackets, in order. */
export const idsIn = (header: string | undefined) =>
  [...(header ?? "").matchAll(/<([^<>\s]+)>/g)].map((m) => m[1] ?? "");

export async function startDesk() {
  const deps = await createTestDeps();
  const receiver = await startReceiver(deps.db);
  const capture = await startMailCapture();
  const mailer = createMailer({
    url: capture.smtpUrl,
    from: "SupportDesk <no-reply@supportdesk.test>",
  });
  const handlers = createHandlers({
    db: deps.db,
    mailer,
    publisher: deps.redis,
    appUrl: "http://app.supportdesk.test",
    storage: receiver.storage,
    inboundDomain: INBOUND_DOMAIN,
  });
  const db = deps.db;

  /** A new tenant (owner signed in) and the address that reaches it. */
  async function tenant(name: string) {
    const team = await createTeam(deps, name);
    const { id, slug } = team.tenant;
    const address = `${slug}@${INBOUND_DOMAIN}`;
    const read = <T>(fn: (tx: TenantDb) => Promise<T>) => db.withTenant(id, fn);
    /** Sends one message through SMTP and files it; its outcome. */
    async function deliver(message: Mail.Options) {
      await receiver.send(message);
      const outcomes = await receiver.fileAll(id);
      if (outcomes.length !== 1)
        throw new Error(`expected 1 message filed, got ${outcomes.length}`);
      return outcomes[0] as NonNullable<(typeof outcomes)[0]>;
    }
    return {
      team,
      tenantId: id,
      slug,
      address,
      here: team.owner.here,
      deliver,
      /** A customer's first message to the tenant's address: the ticket it opened, and its id. */
      async open(from: string, subject: string, extra: Mail.Options = {}) {
        const messageId = newMessageId("first");
        const outcome = await deliver({
          from,
          to: address,
          subject,
          text: `${subject}: please help.`,
          messageId,
          ...extra,
        });
        if (outcome.status !== "processed" || !outcome.ticketId) {
          throw new Error(`the first message was not filed: ${JSON.stringify(outcome)}`);
        }
        return { ticketId: outcome.ticketId, messageId: messageId.slice(1, -1) };
      },
      tickets: () =>
        read((tx) =>
          tx
            .select({
              id: tickets.id,
              number: tickets.number,
              status: tickets.status,
              subject: tickets.subject,
              replyCode: tickets.replyCode,
              customer: customers.email,
            })
            .from(tickets)
            .leftJoin(
              customers,
              and(eq(customers.tenantId, tickets.tenantId), eq(customers.id, tickets.customerId)),
            )
            .orderBy(tickets.number),
        ),
      ticket: async (ticketId: string) => {
        const all = await read((tx) =>
          tx
            .select({ number: tickets.number, status: tickets.status, code: tickets.replyCode })
            .from(tickets)
            .where(eq(tickets.id, ticketId)),
        );
        if (!all[0]) throw new Error(`no ticket ${ticketId}`);
        return all[0];
      },
      /** The ticket's messages, oldest first: who wrote them and what. */
      thread: (ticketId: string) =>
        read((tx) =>
          tx
            .select({ id: messages.id, authorType: messages.authorType, body: messages.body })
            .from(messages)
            .where(eq(messages.ticketId, ticketId))
            .orderBy(asc(messages.createdAt), asc(messages.id)),
        ),
      ccs: async (ticketId: string) =>
        (
          await read((tx) =>
            tx
              .select({ email: ticketCcs.email })
              .from(ticketCcs)
              .where(eq(ticketCcs.ticketId, ticketId)),
          )
        )
          .map((c) => c.email)
          .sort(),
      inbound: (inboundEmailId?: string) =>
        read((tx) =>
          tx
            .select()
            .from(inboundEmails)
            .where(inboundEmailId ? eq(inboundEmails.id, inboundEmailId) : sql`true`)
            .orderBy(asc(inboundEmails.receivedAt), asc(inboundEmails.id)),
        ),
      customer: async (email: string) => {
        const [row] = await read((tx) =>
          tx
            .select({ bouncingAt: customers.bouncingAt, bounceReason: customers.bounceReason })
            .from(customers)
            .where(eq(customers.email, email)),
        );
        return row;
      },
      /** The tenant's `jobName` jobs in the outbox (about `ticketId`, if given), oldest first. */
      async jobs(jobName: string, ticketId?: string) {
        const rows = await db.platform
          .select({ id: outbox.id, payload: outbox.payload })
          .from(outbox)
          .where(
            and(
              eq(outbox.tenantId, id),
              eq(outbox.jobName, jobName),
              ticketId ? eq(sql`${outbox.payload}->>'ticketId'`, ticketId) : sql`true`,
            ),
          )
          .orderBy(asc(outbox.createdAt), asc(outbox.id));
        const job = jobsByName[jobName];
        if (!job) throw new Error(`no job named ${jobName}`);
        return rows.map((r) => ({
          id: r.id,
          name: jobName,
          tenantId: id,
          payload: openPayload(job, r.payload as Record<string, unknown>),
        }));
      },
    };
  }

  type Job = { id: string; name: string; tenantId: string; payload: Record<string, unknown> };

  /** Runs a job through the worker's handler, as the worker would on `attempt`. */
  async function run(job: Job, attempt = 1) {
    const handler = handlers[job.name];
    if (!handler) throw new Error(`no handler for ${job.name}`);
    return handler({ ...job, attempt, log });
  }

  /**
   * The email a job sent (its Message-ID is the job id on our inbound domain), with every header
   * as sent — MailDev's parsed headers leave out From, To, Cc and Reply-To — read from its source.
   */
  async function sentBy(jobId: string): Promise<CapturedMessage> {
    const message = await capture.waitFor(
      (m) => m.messageId === `<${jobId}@${INBOUND_DOMAIN}>`,
      10_000,
    );
    const response = await fetch(`${capture.webUrl}/api/email/${message.id}/source`);
    if (!response.ok) throw new Error(`MailDev source answered ${response.status}`);
    const head = (await response.text()).split(/\r?\n\r?\n/)[0] ?? "";
    const headers: Record<string, string> = {};
    for (const line of head.replace(/\r?\n[ \t]+/g, " ").split(/\r?\n/)) {
      const colon = line.indexOf(":");
      if (colon <= 0) continue;
      const name = line.slice(0, colon).trim().toLowerCase();
      const value = line.slice(colon + 1).trim();
      headers[name] = headers[name] ? `${headers[name]}, ${value}` : value;
    }
    return { ...message, headers };
  }

  /** Runs a job and returns the email it sent. */
  async function send(job: Job | undefined, attempt = 1) {
    if (!job) throw new Error("no job to run");
    await run(job, attempt);
    return sentBy(job.id);
  }

  return {
    deps,
    receiver,
    capture,
    tenant,
    run,
    send,
    async close() {
      mailer.close();
      await capture.stop();
      await receiver.close();
      await deps.close();
    },
  };
}

export type Desk = Awaited<ReturnType<typeof startDesk>>;
export type DeskTenant = Awaited<ReturnType<Desk["tenant"]>>;

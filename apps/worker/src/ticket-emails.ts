// The customer's emails about their ticket: the acknowledgement and each agent reply. Each records
// its Message-ID on the ticket and carries In-Reply-To/References, the ticket's Reply-To address
// and Thread-Index, so the customer's answer — from any mail client — finds its way back.
import { and, attachments, customers, eq, messages, tickets, users } from "@supportdesk/database";
import type { JobContext, JobHandler } from "@supportdesk/queue";
import { email } from "@supportdesk/services";
import {
  brandOf,
  type Envelope,
  type HandlerDeps,
  messageIdOf,
  send,
  str,
  type TenantBrand,
  ticketLink,
} from "./mail-kit";

/** The bytes of a reply's files, from storage; one gone missing fails the job (it retries). */
async function loadFiles(
  deps: HandlerDeps,
  files: { filename: string; contentType: string; storageKey: string }[],
) {
  return Promise.all(
    files.map(async (f) => {
      const content = await deps.storage.get(f.storageKey);
      if (!content) throw new Error(`attachment ${f.filename} is missing from storage`);
      return { filename: f.filename, contentType: f.contentType, content };
    }),
  );
}

type ThreadInput = { ticketId: string; ticketMessageId: string | null; copyCcs: boolean };

/** The threading envelope of a ticket email; bounces come back to the tenant's address. */
export function envelopeOf(threading: email.Threading, fromName: string): Envelope {
  return {
    fromName,
    envelopeFrom: threading.replyTo,
    replyTo: threading.replyTo,
    ...(threading.inReplyTo ? { inReplyTo: threading.inReplyTo } : {}),
    references: threading.references,
    cc: threading.cc,
    headers: { "Thread-Index": threading.threadIndex, "Thread-Topic": threading.threadTopic },
  };
}

function thread(
  deps: HandlerDeps,
  job: JobContext,
  brand: TenantBrand,
  tx: Parameters<typeof email.threadOutbound>[0],
  input: ThreadInput,
) {
  return email.threadOutbound(tx, {
    ...input,
    messageId: messageIdOf(deps, job),
    slug: brand.slug,
    inboundDomain: deps.inboundDomain,
  });
}

/**
 * The ticket's number, subject and customer, with the threading of a new email to that customer
 * (no CCs): what an acknowledgement or an automation's message needs. Undefined when the ticket
 * or its customer is gone.
 */
export function customerThread(
  deps: HandlerDeps,
  job: JobContext,
  brand: TenantBrand,
  { tenantId, ticketId }: { tenantId: string; ticketId: string },
) {
  return deps.db.withTenant(tenantId, async (tx) => {
    const [row] = await tx
      .select({
        number: tickets.number,
        subject: tickets.subject,
        email: customers.email,
        name: customers.name,
      })
      .from(tickets)
      .innerJoin(
        customers,
        and(eq(customers.tenantId, tickets.tenantId), eq(customers.id, tickets.customerId)),
      )
      .where(eq(tickets.id, ticketId));
    if (!row) return undefined;
    const threading = await thread(deps, job, brand, tx, {
      ticketId,
      ticketMessageId: null,
      copyCcs: false,
    });
    return { row, threading };
  });
}

export function ticketEmailHandlers(deps: HandlerDeps): Record<string, JobHandler> {
  return {
    "email.ticket-created": async (job) => {
      const tenantId = str(job.tenantId);
      const ticketId = str(job.payload.ticketId);
      const brand = await brandOf(deps, tenantId);
      const found = await customerThread(deps, job, brand, { tenantId, ticketId });
      if (!found) return { skipped: "ticket or customer gone" };
      const { row, threading } = found;
      return send(
        deps,
        job,
        row.email,
        "ticket-created",
        {
          customerName: row.name,
          number: row.number,
          subject: row.subject,
          ...ticketLink(brand, job.payload.linkToken),
        },
        brand,
        envelopeOf(threading, brand.settings.senderName ?? brand.name),
      );
    },

    "email.ticket-reply": async (job) => {
      const tenantId = str(job.tenantId);
      const ticketId = str(job.payload.ticketId);
      const messageId = str(job.payload.messageId);
      const brand = await brandOf(deps, tenantId);
      const found = await deps.db.withTenant(tenantId, async (tx) => {
        const [row] = await tx
          .select({
            number: tickets.number,
            subject: tickets.subject,
            email: customers.email,
            customerName: customers.name,
            body: messages.body,
            isInternal: messages.isInternal,
            agentName: users.name,
          })
          .from(messages)
          .innerJoin(
            tickets,
            and(eq(tickets.tenantId, messages.tenantId), eq(tickets.id, messages.ticketId)),
          )
          .innerJoin(
            customers,
            and(eq(customers.tenantId, tickets.tenantId), eq(customers.id, tickets.customerId)),
          )
          .leftJoin(users, eq(users.id, messages.authorUserId))
          .where(eq(messages.id, messageId));
        // An internal note never leaves the building, whatever the job says.
        if (!row || row.isInternal) return undefined;
        const threading = await thread(deps, job, brand, tx, {
          ticketId,
          ticketMessageId: messageId,
          copyCcs: true,
        });
        const files = await tx
          .select({
            filename: attachments.filename,
            contentType: attachments.contentType,
            storageKey: attachments.storageKey,
          })
          .from(attachments)
          .where(eq(attachments.messageId, messageId))
          .orderBy(attachments.createdAt, attachments.id);
        return { row, threading, files };
      });
      if (!found) return { skipped: "message gone or internal" };
      const { row, threading } = found;
      const files = await loadFiles(deps, found.files);
      const agentName = row.agentName ?? "Support";
      const sender = brand.settings.senderName ?? brand.name;
      return send(
        deps,
        job,
        row.email,
        "ticket-reply",
        {
          customerName: row.customerName,
          number: row.number,
          subject: row.subject,
          agentName,
          body: brand.settings.signature
            ? `${row.body}\n\n-- \n${brand.settings.signature}`
            : row.body,
          ...ticketLink(brand, job.payload.linkToken),
        },
        brand,
        {
          ...envelopeOf(threading, row.agentName ? `${agentName} via ${sender}` : sender),
          attachments: files,
        },
      );
    },
  };
}

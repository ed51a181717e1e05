// Our SMTP receiver (smtp-server): refuses unknown recipients at RCPT (550) and messages over the
// size limit (552), and says 250 only once a message is stored raw and recorded with its job
// (services' `email.recordInbound`). Anything going wrong before that is a 451: the sender's
// server keeps the message and tries again, so nothing is lost.
import type { Database } from "@supportdesk/database";
import type { Logger } from "@supportdesk/logger";
import { email } from "@supportdesk/services";
import type { BlobStore } from "@supportdesk/storage";
import { SMTPServer, type SMTPServerAddress, type SMTPServerSession } from "smtp-server";

export type InboundSmtpOptions = {
  db: Database;
  storage: BlobStore;
  inboundDomain: string;
  maxBytes: number;
  host: string;
  /** 0 picks a free port (tests). */
  port: number;
  log: Logger;
};

export type InboundSmtp = { port: number; close(): Promise<void> };

type SmtpError = Error & { responseCode?: number };
const smtpError = (code: number, message: string): SmtpError =>
  Object.assign(new Error(message), { responseCode: code });

/** Recipients resolved at RCPT, per session: address → tenant. */
const resolved = new WeakMap<SMTPServerSession, Map<string, string>>();

export function startInboundSmtp(options: InboundSmtpOptions): Promise<InboundSmtp> {
  const { log } = options;
  const server = new SMTPServer({
    name: options.inboundDomain,
    banner: "SupportDesk inbound mail",
    size: options.maxBytes,
    authOptional: true,
    disabledCommands: ["AUTH", "STARTTLS"],
    maxClients: 200,
    socketTimeout: 60_000,
    closeTimeout: 30_000,
    logger: false,
    async onRcptTo(address: SMTPServerAddress, session, callback) {
      try {
        const target = await email.resolveRecipient(
          options.db,
          address.address,
          options.inboundDomain,
        );
        if (!target) {
          return callback(smtpError(550, `5.1.1 <${address.address}>: no such mailbox here`));
        }
        const map = resolved.get(session) ?? new Map<string, string>();
        map.set(address.address, target.tenantId);
        resolved.set(session, map);
        callback();
      } catch (error) {
        log.warn({ err: (error as Error).message }, "inbound RCPT lookup failed");
        callback(smtpError(451, "4.3.0 Temporary failure, please try again later"));
      }
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      let size = 0;
      stream.on("data", (chunk: Buffer) => {
        size += chunk.length;
        // Past the limit smtp-server keeps reading (to answer 552 at the end); we stop keeping.
        if (size <= options.maxBytes) chunks.push(chunk);
      });
      stream.on("error", (error) => callback(smtpError(451, `4.3.0 ${error.message}`)));
      stream.on("end", () => {
        if (stream.sizeExceeded) {
          return callback(
            smtpError(552, `5.3.4 Message too big: the limit is ${options.maxBytes} bytes`),
          );
        }
        const raw = new Uint8Array(Buffer.concat(chunks));
        store(options, session, raw).then(
          (ids) => callback(null, `2.0.0 Queued as ${ids.join(", ")}`),
          (error: Error) => {
            log.error({ err: error.message }, "inbound message not stored; the sender will retry");
            callback(smtpError(451, "4.3.0 Temporary failure, please try again later"));
          },
        );
      });
    },
  });
  server.on("error", (error) => log.warn({ err: error.message }, "inbound SMTP error"));
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => {
      const address = server.server.address();
      const port = typeof address === "object" && address ? address.port : options.port;
      log.info({ host: options.host, port }, "inbound SMTP listening");
      resolve({
        port,
        close: () => new Promise<void>((done) => server.close(() => done())),
      });
    });
  });
}

/** One stored copy per tenant named (the same mail to two tenants is theirs twice, apart). */
async function store(
  options: InboundSmtpOptions,
  session: SMTPServerSession,
  raw: Uint8Array,
): Promise<string[]> {
  const byTenant = new Map<string, string>();
  for (const [address, tenantId] of resolved.get(session) ?? []) {
    if (!byTenant.has(tenantId)) byTenant.set(tenantId, address);
  }
  const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : "";
  const ids: string[] = [];
  for (const [tenantId, recipient] of byTenant) {
    const { id } = await email.recordInbound(
      { db: options.db, storage: options.storage },
      { tenantId, envelopeFrom: from, recipient, raw },
    );
    ids.push(id);
  }
  resolved.delete(session);
  return ids;
}

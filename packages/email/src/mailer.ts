// SMTP delivery through a pooled nodemailer transport, with failures sorted into retry or give up.
import nodemailer, { type NodemailerError } from "nodemailer";
import addressparser from "nodemailer/lib/addressparser";
import { parseConnectionUrl } from "nodemailer/lib/shared";

export interface MailerOptions {
  /** `smtp://host:port` (STARTTLS when offered) or `smtps://user:pass@host:465` (TLS). */
  url: string;
  /** Sender, e.g. `SupportDesk <no-reply@supportdesk.localhost>`; its name is the default From name. */
  from: string;
  /** Connections the pool opens at most; more messages wait their turn. Default 5. */
  maxConnections?: number;
  /** How long to wait for a connection and the server's greeting, in ms. Default 10 000. */
  timeoutMs?: number;
}

export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /**
   * Message-ID to use, e.g. `<job-123@supportdesk>` (the brackets are optional). A job that
   * passes its own id sends the same Message-ID on every attempt, so a redelivery is recognisable.
   */
  messageId?: string;
  /** Display name for this message's From, e.g. the tenant's name; the address stays `from`'s. */
  fromName?: string;
  /**
   * The envelope sender (SMTP MAIL FROM), where bounces go: for ticket mail, an address on our
   * inbound domain, so a bounce comes back as a delivery report. Default: `from`'s address.
   */
  envelopeFrom?: string;
  /** Files sent with the message (an agent's reply's attachments). */
  attachments?: { filename: string; content: Uint8Array; contentType: string }[];
  /** People copied (the ticket's CCs). */
  cc?: string[];
  /** Where replies go, e.g. the ticket's own `<slug>+<code>@<inbound domain>`. */
  replyTo?: string;
  /** The Message-ID answered, and the thread's Message-IDs, oldest first (brackets optional). */
  inReplyTo?: string;
  references?: string[];
  headers?: Record<string, string>;
}

export interface Mailer {
  /** @throws MailError when the server cannot be reached or refuses the message */
  send(message: OutgoingEmail): Promise<{ messageId: string }>;
  /** Connects and authenticates once, e.g. at start-up. @throws MailError */
  verify(): Promise<void>;
  /** Closes pooled connections; a message being delivered finishes first. */
  close(): void;
}

/**
 * An email that could not be sent. `retryable` says whether trying again later may work
 * (connection refused, timeouts, 4xx replies) or not (5xx replies, bad configuration).
 * The message names the server and its reply with email addresses masked, so it can be logged.
 */
export class MailError extends Error {
  override name = "MailError";
  readonly retryable: boolean;
  /** nodemailer's or the socket's code, e.g. `ECONNECTION`, `EENVELOPE`, `ECONNREFUSED`. */
  readonly code: string | undefined;
  /** The SMTP reply code when the server answered, e.g. 421 or 550. */
  readonly responseCode: number | undefined;

  constructor(
    message: string,
    options: { retryable: boolean; code?: string; responseCode?: number; cause?: unknown },
  ) {
    super(message, { cause: options.cause });
    this.retryable = options.retryable;
    this.code = options.code;
    this.responseCode = options.responseCode;
  }
}

// Failures of the connection rather than of the message: the same message may go through later.
const TRANSIENT_CODES = new Set([
  "ECONNECTION",
  "ESOCKET",
  "ETIMEDOUT",
  "EDNS",
  "EPROXY",
  "EMAXLIMIT",
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EAI_AGAIN",
]);

function maskAddresses(text: string): string {
  return text.replace(/[^\s<>"'(),;:]+@[^\s<>"'(),;:]+/g, "<address>");
}

/** Sorts a nodemailer (or socket) error into a MailError; exported for tests and callers. */
export function toMailError(error: unknown, server: string): MailError {
  if (error instanceof MailError) return error;
  const err = (error ?? {}) as NodemailerError;
  const code = typeof err.code === "string" ? err.code : undefined;
  const responseCode = typeof err.responseCode === "number" ? err.responseCode : undefined;
  const detail = maskAddresses(oneLine(err.response ?? err.message ?? String(error)));

  if (responseCode !== undefined) {
    // RFC 5321: 4yz is transient, 5yz permanent; 503 (bad sequence) works on a new connection.
    const permanent =
      typeof err.permanent === "boolean"
        ? err.permanent
        : responseCode >= 500 && responseCode < 600 && responseCode !== 503;
    const message = permanent
      ? `SMTP server ${server} rejected the email (${detail}); sending it again will not help.`
      : `SMTP server ${server} deferred the email (${detail}); try again later.`;
    return new MailError(message, { retryable: !permanent, code, responseCode, cause: error });
  }

  const errno = (err as { errno?: unknown }).errno;
  const retryable =
    (code !== undefined && TRANSIENT_CODES.has(code)) ||
    (typeof errno === "string" && TRANSIENT_CODES.has(errno));
  const message = retryable
    ? `Could not reach SMTP server ${server} (${code ?? "error"}: ${detail}); try again later.`
    : `Could not send the email through ${server} (${code ?? "error"}: ${detail}); check the mail settings and the message.`;
  return new MailError(message, { retryable, code, cause: error });
}

function oneLine(value: string): string {
  return value.replace(/\s+/g, " ").trim();
}

function normalizeMessageId(id: string): string {
  const bare = id.trim().replace(/^<(.*)>$/, "$1");
  if (!/^[^\s<>@]+@[^\s<>@]+$/.test(bare)) {
    throw new TypeError(`messageId must look like <id@domain>, got ${JSON.stringify(id)}`);
  }
  return `<${bare}>`;
}

/** Message-IDs from other mailers can be odd: one that does not look like an id is left out. */
function wellFormedIds(ids: readonly string[]): string[] {
  return ids.flatMap((id) => {
    try {
      return [normalizeMessageId(id)];
    } catch {
      return [];
    }
  });
}

/** In-Reply-To and References for nodemailer, from the ones that are well formed. */
function threading(message: OutgoingEmail): { inReplyTo?: string; references?: string[] } {
  const [inReplyTo] = wellFormedIds(message.inReplyTo ? [message.inReplyTo] : []);
  const references = wellFormedIds(message.references ?? []);
  return {
    ...(inReplyTo ? { inReplyTo } : {}),
    ...(references.length > 0 ? { references } : {}),
  };
}

function checkHeaders(headers: Record<string, string>): Record<string, string> {
  for (const [name, value] of Object.entries(headers)) {
    if (!/^[!#-'*+.0-9A-Z^-z|~-]+$/.test(name) || /[\r\n]/.test(value)) {
      throw new TypeError(`invalid email header ${JSON.stringify(name)}`);
    }
  }
  return headers;
}

/**
 * A pooled SMTP mailer.
 *
 * @example
 * const mailer = createMailer({ url: env().SMTP_URL, from: env().EMAIL_FROM });
 * const email = renderEmail("password-reset", { name, url }, brand);
 * await mailer.send({ to, ...email, fromName: brand.name, messageId: `<${job.id}@supportdesk>` });
 *
 * @throws TypeError when `url` is not smtp:// or smtps:// or `from` holds no address
 */
export function createMailer(options: MailerOptions): Mailer {
  const url = new URL(options.url);
  if (url.protocol !== "smtp:" && url.protocol !== "smtps:") {
    throw new TypeError(`mailer url must start with smtp:// or smtps://, got ${url.protocol}//`);
  }
  const sender = addressparser(options.from, { flatten: true })[0];
  if (!sender?.address) {
    throw new TypeError(
      `mailer from must hold an email address, got ${JSON.stringify(options.from)}`,
    );
  }
  const server = `${url.hostname}:${url.port || (url.protocol === "smtps:" ? "465" : "587")}`;
  const timeout = options.timeoutMs ?? 10_000;

  const transport = nodemailer.createTransport({
    ...parseConnectionUrl(options.url),
    pool: true,
    maxConnections: options.maxConnections ?? 5,
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    // A server that stops answering mid-message must not hold a worker for nodemailer's 10 min.
    socketTimeout: Math.max(timeout * 3, 30_000),
  });

  return {
    async send(message) {
      const messageId = message.messageId ? normalizeMessageId(message.messageId) : undefined;
      const headers = message.headers ? checkHeaders(message.headers) : undefined;
      try {
        const info = await transport.sendMail({
          from: { name: oneLine(message.fromName ?? sender.name), address: sender.address },
          to: message.to,
          subject: oneLine(message.subject),
          text: message.text,
          html: message.html,
          ...(messageId ? { messageId } : {}),
          ...(message.cc?.length ? { cc: message.cc } : {}),
          ...(message.attachments?.length
            ? {
                attachments: message.attachments.map((a) => ({
                  filename: a.filename,
                  content: Buffer.from(a.content),
                  contentType: a.contentType,
                })),
              }
            : {}),
          ...(message.envelopeFrom
            ? { envelope: { from: message.envelopeFrom, to: [message.to, ...(message.cc ?? [])] } }
            : {}),
          ...(message.replyTo ? { replyTo: message.replyTo } : {}),
          ...threading(message),
          ...(headers ? { headers } : {}),
        });
        return { messageId: info.messageId };
      } catch (error) {
        throw toMailError(error, server);
      }
    },
    async verify() {
      try {
        await transport.verify();
      } catch (error) {
        throw toMailError(error, server);
      }
    },
    close() {
      transport.close();
    },
  };
}

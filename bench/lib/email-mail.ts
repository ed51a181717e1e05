// The mail bench:email sends: small messages as a customer's mail client writes them (a Received
// trail, a DKIM signature, multipart/alternative text + HTML, replies quoting the message they
// answer), big ones with an attachment of random bytes; built to raw bytes before they are timed,
// then sent with nodemailer over pooled SMTP connections to our receiver.
import { randomBytes } from "node:crypto";
// nodemailer is a dependency of apps/worker, not of the root package (isolated installs).
import nodemailer from "../../apps/worker/node_modules/nodemailer";
import { type BenchTenant, customerAddress, seedMessageId, seedSubject } from "./email-data";

export type Outgoing = {
  tenant: BenchTenant;
  /** The envelope sender (MAIL FROM), also the From address. */
  from: string;
  raw: Buffer;
  kind: "new" | "reply" | "big";
};

/** A small deterministic generator (mulberry32), so runs send the same kind of text. */
function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = (
  "order invoice payment account password login refund delivery package tracking number " +
  "address shipping warehouse customer support team please could you help me with the this " +
  "that when after before since yesterday today morning evening week again still never always " +
  "error message screen button page settings browser phone app update version export report " +
  "subscription plan upgrade charge card bank transfer receipt copy email reply ticket issue " +
  "problem question thanks regards hello sorry urgent soon quickly arrived missing damaged wrong"
).split(" ");

const SUBJECTS = [
  "Cannot sign in to my account",
  "Invoice shows the wrong amount",
  "Refund for a double charge",
  "Export fails with an error",
  "Password reset email never arrives",
  "How do I add a teammate?",
  "Package damaged on delivery",
  "Question about my subscription",
];

function sentence(r: () => number): string {
  const n = 8 + Math.floor(r() * 9);
  const words = Array.from({ length: n }, () => WORDS[Math.floor(r() * WORDS.length)] as string);
  const text = words.join(" ");
  return `${text[0]?.toUpperCase()}${text.slice(1)}.`;
}

/** Paragraphs of about `bytes` characters, wrapped at 72 columns. */
function paragraphs(r: () => number, bytes: number): string[] {
  const out: string[] = [];
  let size = 0;
  while (size < bytes) {
    const sentences = Array.from({ length: 2 + Math.floor(r() * 3) }, () => sentence(r));
    const text = wrap(sentences.join(" "));
    out.push(text);
    size += text.length + 2;
  }
  return out;
}

function wrap(text: string, width = 72): string {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    if (line && line.length + word.length + 1 > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.join("\r\n");
}

const rfcDate = (date: Date) => date.toUTCString().replace("GMT", "+0000");
const token = (r: () => number, length: number) =>
  Array.from({ length }, () => "abcdefghijklmnopqrstuvwxyz0123456789"[Math.floor(r() * 36)]).join(
    "",
  );

/** The headers a message has by the time it reaches us: a Received trail and a DKIM signature. */
function transportHeaders(r: () => number, date: Date, domain: string): string[] {
  return [
    `Received: from mx${1 + Math.floor(r() * 4)}.${domain} (mx.${domain} [192.0.2.${1 + Math.floor(r() * 250)}])\r\n\tby inbound.bench.test with ESMTP id ${token(r, 12)}; ${rfcDate(date)}`,
    `Received: from [10.0.${Math.floor(r() * 255)}.${Math.floor(r() * 255)}] by mx.${domain} with ESMTPSA id ${token(r, 16)}\r\n\tfor <support@example.test>; ${rfcDate(date)}`,
    `DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=${domain}; s=s1;\r\n\th=from:to:subject:date:message-id; bh=${token(r, 43)}=;\r\n\tb=${token(r, 72)}\r\n\t${token(r, 72)}\r\n\t${token(r, 60)}`,
  ];
}

/**
 * Small message `i` of a run: to tenant i mod T; `replyPercent` % of them reply to customer n's
 * seeded ticket (In-Reply-To its acknowledgement, "Re: … [#n]", quoting it), the others open a
 * ticket, half from a known customer and half from a new address. About `kb` KB on the wire.
 */
export function composeSmall(
  i: number,
  tenants: BenchTenant[],
  options: { customers: number; replyPercent: number; kb: number; runTag: string },
): Outgoing {
  const r = generator(i * 7919 + 17);
  const tenant = tenants[i % tenants.length] as BenchTenant;
  const reply = r() * 100 < options.replyPercent;
  const n = 1 + Math.floor(r() * options.customers);
  const known = reply || r() < 0.5;
  const from = known ? customerAddress(n) : `person-${options.runTag}-${i}@mail${i % 7}.example`;
  const name = known ? `Customer ${n}` : `Person ${i}`;
  const domain = from.slice(from.indexOf("@") + 1);
  const date = new Date();
  const boundary = `b1_${token(r, 24)}`;
  const messageId = `${options.runTag}.${i}.${token(r, 10)}@${domain}`;
  const subject = reply
    ? `Re: ${seedSubject(n)} [#${n}]`
    : `${SUBJECTS[i % SUBJECTS.length]} (${options.runTag}-${i})`;
  const budget = Math.max(400, options.kb * 1024 - 1400);
  const text = paragraphs(r, budget * 0.4);
  if (reply) {
    text.push(
      `On ${rfcDate(new Date(date.getTime() - 86_400_000))}, Mail Bench Support wrote:`,
      `> ${seedSubject(n)}.\r\n> We have received your request and will get back to you soon.\r\n>\r\n> Kind regards,\r\n> Support`,
    );
  }
  const html = `<html><body>${text
    .map((p) => `<p>${p.replaceAll("\r\n", " ").replaceAll(">", "&gt;")}</p>`)
    .join("\r\n")}</body></html>`;
  const headers = [
    ...transportHeaders(r, date, domain),
    `From: ${name} <${from}>`,
    `To: Mail Bench Support <${tenant.address}>`,
    `Subject: ${subject}`,
    `Date: ${rfcDate(date)}`,
    `Message-ID: <${messageId}>`,
    ...(reply
      ? [
          `In-Reply-To: <${seedMessageId(tenant.slug, n)}>`,
          `References: <${seedMessageId(tenant.slug, n)}>`,
        ]
      : []),
    "MIME-Version: 1.0",
    "X-Mailer: Bench Mail 4.2",
    `Content-Type: multipart/alternative; boundary="${boundary}"`,
  ];
  const body = [
    `--${boundary}`,
    "Content-Type: text/plain; charset=utf-8",
    "Content-Transfer-Encoding: 7bit",
    "",
    text.join("\r\n\r\n"),
    `--${boundary}`,
    "Content-Type: text/html; charset=utf-8",
    "Content-Transfer-Encoding: 7bit",
    "",
    wrap(html, 76),
    `--${boundary}--`,
    "",
  ];
  return {
    tenant,
    from,
    raw: Buffer.from([...headers, "", ...body].join("\r\n")),
    kind: reply ? "reply" : "new",
  };
}

/** Big message k: a short note and one attachment of random bytes, about `mb` MB on the wire. */
export function composeBig(k: number, tenant: BenchTenant, mb: number, runTag: string): Outgoing {
  const r = generator(900_001 + k);
  const from = `scanner-${k}@office${k % 3}.example`;
  const date = new Date();
  const boundary = `b2_${token(r, 24)}`;
  // Base64 lines of 76 characters + CRLF carry 57 bytes: 78 bytes on the wire per 57.
  const attachmentBytes = Math.max(57, Math.floor(((mb * 1024 * 1024 - 4096) / 78) * 57));
  const data = randomBytes(attachmentBytes).toString("base64");
  const lines: string[] = [];
  for (let at = 0; at < data.length; at += 76) lines.push(data.slice(at, at + 76));
  const headers = [
    ...transportHeaders(r, date, from.slice(from.indexOf("@") + 1)),
    `From: Office Scanner ${k} <${from}>`,
    `To: Mail Bench Support <${tenant.address}>`,
    `Subject: Scanned documents ${runTag}-${k}`,
    `Date: ${rfcDate(date)}`,
    `Message-ID: <${runTag}.big.${k}.${token(r, 10)}@${from.slice(from.indexOf("@") + 1)}>`,
    "MIME-Version: 1.0",
    `Content-Type: multipart/mixed; boundary="${boundary}"`,
  ];
  const body = [
    `--${boundary}`,
    "Content-Type: text/plain; charset=utf-8",
    "",
    wrap(paragraphs(r, 600).join("\r\n\r\n")),
    `--${boundary}`,
    `Content-Type: application/octet-stream; name="scan-${k}.bin"`,
    `Content-Disposition: attachment; filename="scan-${k}.bin"`,
    "Content-Transfer-Encoding: base64",
    "",
    lines.join("\r\n"),
    `--${boundary}--`,
    "",
  ];
  return {
    tenant,
    from,
    raw: Buffer.from([...headers, "", ...body].join("\r\n")),
    kind: "big",
  };
}

export type Accepted = {
  /** The inbound_emails id the receiver answered with ("250 2.0.0 Queued as <id>"). */
  id: string;
  response: string;
};

export type Sender = { send(mail: Outgoing): Promise<Accepted>; close(): void };

/** A pooled nodemailer transport to our receiver with up to `connections` SMTP connections. */
export function openSender(port: number, connections: number): Sender {
  const transport = nodemailer.createTransport({
    pool: true,
    host: "127.0.0.1",
    port,
    secure: false,
    ignoreTLS: true,
    maxConnections: connections,
    maxMessages: Number.POSITIVE_INFINITY,
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 300_000,
  });
  return {
    async send(mail) {
      const info = await transport.sendMail({
        envelope: { from: mail.from, to: [mail.tenant.address] },
        raw: mail.raw,
      });
      const response = String(info.response ?? "");
      const id = /Queued as ([0-9a-f-]{36})/.exec(response)?.[1];
      if (!id) throw new Error(`The receiver's answer names no message id: ${response}`);
      return { id, response };
    },
    close: () => transport.close(),
  };
}

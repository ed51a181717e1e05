// `bun scripts/mail.ts <tenant slug> [subject] [body]`: sends a customer's email to a tenant's
// support address through the local inbound SMTP receiver, as any mail server would — to try the
// email channel without a mail client. `--from "Name <address>"` picks the sender.
import { env } from "@supportdesk/config";
import { createMailer } from "@supportdesk/email";

const usage = `usage: bun scripts/mail.ts <tenant slug> [subject] [body] [--from "Name <address>"]
  e.g. bun scripts/mail.ts acme "Where is my order?" "It was due on Monday."`;

const args = process.argv.slice(2);
let from = "Casey Customer <casey.customer@example.com>";
const fromAt = args.indexOf("--from");
if (fromAt >= 0) {
  from = args[fromAt + 1] ?? "";
  args.splice(fromAt, 2);
}
const [slug, subject = "A question from the command line", body = "Hello! Could you help me?"] =
  args;
if (!slug || !/^[a-z0-9-]{1,63}$/.test(slug) || !/@/.test(from) || args.length > 3) {
  console.error(usage);
  process.exit(2);
}
const config = env();
if (!config.INBOUND_SMTP_ENABLED) {
  console.error("INBOUND_SMTP_ENABLED is false: no receiver is running to send to.");
  process.exit(1);
}
const host = config.INBOUND_SMTP_HOST === "0.0.0.0" ? "127.0.0.1" : config.INBOUND_SMTP_HOST;
const to = `${slug}@${config.INBOUND_EMAIL_DOMAIN}`;
const mailer = createMailer({ url: `smtp://${host}:${config.INBOUND_SMTP_PORT}`, from });
try {
  await mailer.send({ to, subject, text: body, html: `<p>${Bun.escapeHTML(body)}</p>` });
  console.log(`Sent to ${to}. It is a ticket in ${slug}'s inbox in a moment.`);
} catch (error) {
  console.error(`Not sent: ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  mailer.close();
}

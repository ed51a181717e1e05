import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { createServer, type Server } from "node:net";
import { env } from "@supportdesk/config";
import { type MailCapture, startMailCapture } from "./capture";
import { createMailer, MailError, type Mailer, renderEmail, toMailError } from "./index";

const brand = { name: "Acme Support", primaryColor: "#e11d48" };

let capture: MailCapture;
let mailer: Mailer;

beforeAll(async () => {
  capture = await startMailCapture();
  mailer = createMailer({ url: capture.smtpUrl, from: env().EMAIL_FROM });
});

afterAll(async () => {
  mailer?.close();
  await capture?.stop();
});

async function caughtMailError(promise: Promise<unknown>): Promise<MailError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(MailError);
  return error as MailError;
}

/** A port nothing listens on: bound by us a moment ago, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A bare SMTP server that answers `reply` to the first RCPT TO, like a mail server refusing. */
async function refusingServer(reply: string): Promise<{ url: string; server: Server }> {
  const server = createServer((socket) => {
    socket.write("220 refuser.test ESMTP\r\n");
    let buffered = "";
    socket.on("data", (chunk) => {
      buffered += chunk.toString();
      for (let end = buffered.indexOf("\r\n"); end >= 0; end = buffered.indexOf("\r\n")) {
        const line = buffered.slice(0, end).toUpperCase();
        buffered = buffered.slice(end + 2);
        if (line.startsWith("EHLO")) socket.write("250-refuser.test\r\n250 8BITMIME\r\n");
        else if (line.startsWith("MAIL FROM")) socket.write("250 OK\r\n");
        else if (line.startsWith("RCPT TO")) socket.write(`${reply}\r\n`);
        else if (line.startsWith("QUIT")) socket.end("221 Bye\r\n");
        else socket.write("250 OK\r\n");
      }
    });
    socket.on("error", () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return { url: `smtp://127.0.0.1:${port}`, server };
}

describe("sending through the capture server", () => {
  test("a rendered email arrives as sent, from the tenant, with the Message-ID it was given", async () => {
    const email = renderEmail(
      "ticket-created",
      { customerName: "Ada", number: 42, subject: "Printer on fire" },
      brand,
    );
    const sent = await mailer.send({
      to: "ada@example.com",
      ...email,
      fromName: brand.name,
      messageId: "<job-42@supportdesk>",
      headers: { "X-SupportDesk-Job": "job-42" },
    });
    expect(sent.messageId).toBe("<job-42@supportdesk>");

    const got = await capture.waitFor((m) => m.messageId === "<job-42@supportdesk>", 5000);
    expect(got.to).toEqual(["ada@example.com"]);
    expect(got.fromName).toBe("Acme Support");
    expect(got.from).toBe("no-reply@supportdesk.localhost");
    expect(got.subject).toBe("We received your request #42: Printer on fire");
    expect(got.text).toBe(email.text);
    expect(got.html).toBe(email.html);
    expect(got.headers["x-supportdesk-job"]).toBe("job-42");
  });

  test("without fromName the configured sender's name is used, and a bare Message-ID gets brackets", async () => {
    await mailer.send({
      to: "grace@example.com",
      subject: "Hello",
      text: "Hello",
      html: "<p>Hello</p>",
      messageId: "job-7@supportdesk",
    });
    const got = await capture.waitFor((m) => m.to.includes("grace@example.com"), 5000);
    expect(got.messageId).toBe("<job-7@supportdesk>");
    expect(got.fromName).toBe("SupportDesk");
  });

  test("without a messageId one is generated and returned", async () => {
    const { messageId } = await mailer.send({
      to: "linus@example.com",
      subject: "Hi",
      text: "Hi",
      html: "<p>Hi</p>",
    });
    expect(messageId).toMatch(/^<.+@.+>$/);
    const got = await capture.waitFor((m) => m.to.includes("linus@example.com"), 5000);
    expect(got.messageId).toBe(messageId);
  });

  test("a line break in a From name or subject cannot add a header", async () => {
    await mailer.send({
      to: "margaret@example.com",
      subject: "Hi\r\nBcc: victim@example.com",
      text: "Hi",
      html: "<p>Hi</p>",
      fromName: "Acme\r\nBcc: victim@example.com",
    });
    const got = await capture.waitFor((m) => m.to.includes("margaret@example.com"), 5000);
    expect(got.subject).toBe("Hi Bcc: victim@example.com");
    expect(got.headers.bcc).toBeUndefined();
    expect(got.to).toEqual(["margaret@example.com"]);
  });

  test("verify() succeeds against a reachable server", async () => {
    await mailer.verify();
  });

  test("a malformed messageId or header is refused before anything is sent", async () => {
    const base = { to: "ada@example.com", subject: "x", text: "x", html: "x" };
    await expect(mailer.send({ ...base, messageId: "not an id" })).rejects.toThrow(TypeError);
    await expect(
      mailer.send({ ...base, headers: { "X-Evil": "a\r\nBcc: b@example.com" } }),
    ).rejects.toThrow(TypeError);
  });
});

describe("failures", () => {
  test("a refused connection is a retryable MailError", async () => {
    const port = await closedPort();
    const down = createMailer({ url: `smtp://127.0.0.1:${port}`, from: env().EMAIL_FROM });
    try {
      const error = await caughtMailError(
        down.send({ to: "ada@example.com", subject: "x", text: "x", html: "x" }),
      );
      expect(error.retryable).toBe(true);
      expect(error.message).toContain(`127.0.0.1:${port}`);
      const verifyError = await caughtMailError(down.verify());
      expect(verifyError.retryable).toBe(true);
    } finally {
      down.close();
    }
  });

  test("a 5xx reply is permanent, a 4xx reply retryable, and addresses stay out of the message", async () => {
    for (const [reply, retryable] of [
      ["550 5.1.1 <ada@example.com>: user unknown", false],
      ["451 4.7.1 greylisted, try again later", true],
    ] as const) {
      const { url, server } = await refusingServer(reply);
      const refusing = createMailer({ url, from: env().EMAIL_FROM });
      try {
        const error = await caughtMailError(
          refusing.send({ to: "ada@example.com", subject: "x", text: "x", html: "x" }),
        );
        expect(error.retryable).toBe(retryable);
        expect(error.responseCode).toBe(Number(reply.slice(0, 3)));
        expect(error.message).not.toContain("ada@example.com");
      } finally {
        refusing.close();
        server.close();
      }
    }
  });

  test("errors are sorted by SMTP reply class and by connection failure", () => {
    const server = "smtp.test:587";
    expect(toMailError({ code: "EENVELOPE", responseCode: 552 }, server).retryable).toBe(false);
    expect(toMailError({ code: "EAUTH", responseCode: 535 }, server).retryable).toBe(false);
    expect(toMailError({ code: "EAUTH", responseCode: 454 }, server).retryable).toBe(true);
    expect(toMailError({ code: "EPROTOCOL", responseCode: 421 }, server).retryable).toBe(true);
    // 503 is "bad sequence of commands": a new connection can get the same message through.
    expect(toMailError({ code: "EENVELOPE", responseCode: 503 }, server).retryable).toBe(true);
    expect(toMailError({ code: "ETIMEDOUT" }, server).retryable).toBe(true);
    expect(toMailError({ code: "ECONNECTION" }, server).retryable).toBe(true);
    expect(toMailError({ code: "ENOAUTH" }, server).retryable).toBe(false);
    expect(toMailError(new Error("boom"), server).retryable).toBe(false);
  });

  test("a bad mailer configuration fails at creation", () => {
    expect(() => createMailer({ url: "http://127.0.0.1:1025", from: env().EMAIL_FROM })).toThrow(
      "smtp:// or smtps://",
    );
    expect(() => createMailer({ url: "smtp://127.0.0.1:1025", from: "SupportDesk" })).toThrow(
      "email address",
    );
  });
});

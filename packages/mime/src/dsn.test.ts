// Delivery status notifications (bounces): which addresses failed for good, and why.
import { describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { deliveryReportOf } from "./dsn";
import { parseMail } from "./parse";

const fixture = (name: string) => readFileSync(join(import.meta.dir, "../fixtures", name));
const encode = (text: string) => new TextEncoder().encode(text);
const REPORT = {
  "content-type": "multipart/report; report-type=delivery-status; boundary=x",
};

/** The message/delivery-status part of a fixture, as its bytes. */
function statusPartOf(name: string): Uint8Array {
  const raw = fixture(name).toString("utf8");
  const part = /Content-Type: message\/delivery-status\n\n([\s\S]*?)\n--/.exec(raw)?.[1];
  if (!part) throw new Error(`${name} has no delivery-status part`);
  return encode(part);
}

const status = (content: Uint8Array) => ({ contentType: "message/delivery-status", content });

describe("deliveryReportOf", () => {
  test("a Postfix bounce names the failed address, lower-cased, with status and the server's words", () => {
    const report = deliveryReportOf(REPORT, [status(statusPartOf("dsn-postfix.eml"))]);
    expect(report?.failed).toHaveLength(1);
    expect(report?.failed[0]?.address).toBe("nobody.here@customer.example");
    expect(report?.failed[0]?.status).toBe("5.1.1");
    expect(report?.failed[0]?.diagnostic).toStartWith(
      "550 5.1.1 <nobody.here@customer.example>: Recipient",
    );
  });

  // Diagnostic-Code is a header field and is folded like one (RFC 3464 §2.1.2); Postfix folds it.
  test("a folded Diagnostic-Code is read with its continuation lines", () => {
    const report = deliveryReportOf(REPORT, [status(statusPartOf("dsn-postfix.eml"))]);
    expect(report?.failed[0]?.diagnostic).toBe(
      "550 5.1.1 <nobody.here@customer.example>: Recipient address rejected: User unknown in virtual mailbox table",
    );
  });

  test("a transient 4.x.x delay is a report with no failures", () => {
    expect(deliveryReportOf(REPORT, [status(statusPartOf("dsn-delayed.eml"))])).toEqual({
      failed: [],
    });
  });

  test("each recipient block counts on its own: only the permanent failures are listed", () => {
    const content = encode(
      [
        "Reporting-MTA: dns; mx.example.net",
        "",
        "Final-Recipient: rfc822; gone@a.example",
        "Action: failed",
        "Status: 5.2.1",
        "Diagnostic-Code: smtp; 550 5.2.1 mailbox disabled",
        "",
        "Final-Recipient: rfc822; slow@b.example",
        "Action: delayed",
        "Status: 4.2.2",
        "",
        "Original-Recipient: rfc822;<Full@C.Example>",
        "Action: failed",
        "Status: 5.2.2 (mailbox full)",
        "",
      ].join("\r\n"),
    );
    expect(deliveryReportOf(REPORT, [status(content)])).toEqual({
      failed: [
        { address: "gone@a.example", status: "5.2.1", diagnostic: "550 5.2.1 mailbox disabled" },
        { address: "full@c.example", status: "5.2.2", diagnostic: "" },
      ],
    });
  });

  test("a block without a status, or without an address, is no failure", () => {
    const content = encode(
      "Final-Recipient: rfc822; a@x.example\nAction: failed\n\nAction: failed\nStatus: 5.1.1\n",
    );
    expect(deliveryReportOf(REPORT, [status(content)])).toEqual({ failed: [] });
  });

  test("a very long diagnostic is cut to 500 characters", () => {
    const content = encode(
      `Final-Recipient: rfc822; a@x.example\nStatus: 5.7.1\nDiagnostic-Code: smtp; ${"x".repeat(900)}\n`,
    );
    expect(deliveryReportOf(REPORT, [status(content)])?.failed[0]?.diagnostic).toHaveLength(500);
  });

  test("not a multipart/report, or a report without a delivery-status part, is no report", () => {
    const part = status(statusPartOf("dsn-postfix.eml"));
    expect(deliveryReportOf({ "content-type": "multipart/mixed; boundary=x" }, [part])).toBeNull();
    expect(deliveryReportOf({}, [part])).toBeNull();
    // A read receipt (MDN) is a multipart/report too, of another kind.
    const mdn = { contentType: "message/disposition-notification", content: encode("x") };
    expect(
      deliveryReportOf(
        { "content-type": "multipart/report; report-type=disposition-notification" },
        [mdn],
      ),
    ).toBeNull();
    expect(deliveryReportOf(REPORT, [])).toBeNull();
  });
});

describe("parseMail on a delivery report", () => {
  // mailparser folds message/delivery-status parts into the text unless given
  // `keepDeliveryStatus: true`, which parse.ts does not pass: the report never sees the part.
  test("a Postfix bounce carries its report", async () => {
    const mail = await parseMail(fixture("dsn-postfix.eml"));
    expect(mail.report?.failed.map((f) => [f.address, f.status])).toEqual([
      ["nobody.here@customer.example", "5.1.1"],
    ]);
  });

  test("a Postfix delay warning carries a report with no failures", async () => {
    const mail = await parseMail(fixture("dsn-delayed.eml"));
    expect(mail.report).toEqual({ failed: [] });
  });

  test("the bounced message's headers come along, so its Message-ID can be found", async () => {
    const mail = await parseMail(fixture("dsn-postfix.eml"));
    const texts = mail.attachments.map((a) => new TextDecoder().decode(a.content));
    expect(texts.some((t) => t.includes("Message-ID: <tkt-1047.out-1.5e6f7a@mail.example>"))).toBe(
      true,
    );
    expect(mail.from?.address).toBe("mailer-daemon@mx1.mail.example");
  });

  // bounce.ts (packages/services) picks the returned headers by type text/rfc822-headers.
  test("the bounced message's headers keep their text/rfc822-headers type", async () => {
    const mail = await parseMail(fixture("dsn-postfix.eml"));
    expect(mail.attachments.map((a) => a.contentType)).toContain("text/rfc822-headers");
  });
});

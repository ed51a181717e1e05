// parseMail on messages as real clients and servers write them (../fixtures/*.eml).
import { describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { MimeError, parseMail } from "./parse";

const fixture = (name: string) => readFileSync(join(import.meta.dir, "../fixtures", name));
const parse = (name: string) => parseMail(fixture(name));
const parseText = (text: string) => parseMail(new TextEncoder().encode(text));
const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

/** Bytes from a fixed-seed generator: "random", but the same on every run. */
function noise(seed: number, length: number): Uint8Array {
  const out = new Uint8Array(length);
  let state = seed;
  for (let i = 0; i < length; i++) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    out[i] = state >>> 24;
  }
  return out;
}

describe("parseMail: people and threading", () => {
  test("a Gmail reply: addresses lower-cased, names kept, Message-IDs without brackets", async () => {
    const mail = await parse("gmail-reply.eml");
    expect(mail.from).toEqual({ address: "jane.doe@gmail.com", name: "Jane Doe" });
    expect(mail.to).toEqual([{ address: "acme+k3x9q2m7wz@mail.example", name: "Acme Support" }]);
    expect(mail.cc).toEqual([{ address: "bob@example.org", name: "Bob Smith" }]);
    expect(mail.replyTo).toBeNull();
    expect(mail.messageId).toBe("CAJx8r+Fq2m0aWb7Kd1-4tVv3nZ2Hs=pQm5e0GxL9cR@mail.gmail.com");
    expect(mail.inReplyTo).toEqual(["tkt-1042.out-1.7f3c9a@mail.example"]);
    expect(mail.references).toEqual(["tkt-1042.out-1.7f3c9a@mail.example"]);
    expect(mail.subject).toBe("Re: [#1042] Invoice shows the wrong VAT number");
    expect(mail.date?.toISOString()).toBe("2024-12-03T10:42:03.000Z");
  });

  test("References folded over several lines with odd spacing keep their order, each id once", async () => {
    const mail = await parse("references-folded.eml");
    expect(mail.references).toEqual([
      "tkt-1046.in-1.0a1b2c@mail.example",
      "tkt-1046.out-1.3d4e5f@mail.example",
      "tkt-1046.out-2.6a7b8c@mail.example",
      "tkt-1046.out-3.77aa01@mail.example",
      "CAJ+9x1QpLmN0@mail.gmail.com",
    ]);
    // Gnus appends a comment after the id; spaces inside the brackets are dropped.
    expect(mail.inReplyTo).toEqual(["tkt-1046.out-3.77aa01@mail.example"]);
    expect(mail.messageId).toBe("87zfq3x1k2.fsf@verkstad.example");
    expect(mail.subject).toBe("Re: Re: [#1046] Spare part delivery");
    expect(mail.from).toEqual({
      address: "h.lindqvist@verkstad.example",
      name: "Lindqvist, Henrik",
    });
  });

  test("a message without a Message-ID has none, rather than an invented one", async () => {
    const mail = await parse("no-message-id.eml");
    expect(mail.messageId).toBeNull();
    expect(mail.inReplyTo).toEqual([]);
    expect(mail.references).toEqual([]);
    expect(mail.replyTo).toEqual({ address: "olga.ivanova@post.example", name: "Olga Ivanova" });
  });

  test("encoded-word subjects and non-ASCII names are decoded; the Message-ID keeps its case", async () => {
    const mail = await parse("encoded-subject.eml");
    expect(mail.subject).toBe("Rückerstattung für Bestellung 4711 – dringend ✈");
    expect(mail.from).toEqual({ address: "zoe.angstrom@example.se", name: "Zoë Ångström" });
    expect(mail.cc).toEqual([
      { address: "taro.yamada@example.jp", name: "山田 太郎" },
      { address: "francois.leveque@exemple.fr", name: "François Lévêque" },
    ]);
    expect(mail.messageId).toBe("b7c4e2a1-9d3f-4a6b-8e1c-0f2d4a6b8c9e@Example.SE");
    expect(mail.text).toContain("Bitte prüfen Sie das – danke!");
  });

  test("a German Thunderbird reply decodes its sender's umlauts", async () => {
    const mail = await parse("german-reply.eml");
    expect(mail.from).toEqual({ address: "juergen.mueller@gmx.de", name: "Jürgen Müller" });
    expect(mail.subject).toBe("AW: [#1045] Rücksendung Bestellung 4711");
    // format=flowed: the soft line break is joined again.
    expect(mail.text).toContain("Die Sendungsnummer ist 00340434161094042557.");
  });

  test("group syntax is opened, and an entry without an address is skipped", async () => {
    const mail = await parseText(
      [
        "From: Acme Support",
        'To: undisclosed-recipients:;, Team: Ann@Team.example, "Ben" <ben@team.example>;',
        "Cc: not-an-address",
        "Subject: groups",
        "",
        "body",
        "",
      ].join("\r\n"),
    );
    expect(mail.from).toBeNull();
    expect(mail.to).toEqual([
      { address: "ann@team.example", name: "" },
      { address: "ben@team.example", name: "Ben" },
    ]);
    expect(mail.cc).toEqual([]);
  });

  test("missing headers are empty values: no subject, no date, no sender", async () => {
    const mail = await parseText("X-Note: only this\n\nhello\n");
    expect(mail.subject).toBe("");
    expect(mail.date).toBeNull();
    expect(mail.from).toBeNull();
    expect(mail.to).toEqual([]);
    expect(mail.text.trim()).toBe("hello");
  });

  test("CRLF line endings read the same as LF, and the text has LF only", async () => {
    const lf = fixture("gmail-reply.eml").toString("utf8");
    const crlf = await parseText(lf.replace(/\r?\n/g, "\r\n"));
    const plain = await parse("gmail-reply.eml");
    expect(crlf.text).not.toContain("\r");
    expect(crlf.text).toBe(plain.text);
    expect(crlf.messageId).toBe(plain.messageId);
  });
});

describe("parseMail: bodies and headers", () => {
  test("multipart/alternative gives both the text part and the HTML", async () => {
    const mail = await parse("gmail-reply.eml");
    expect(mail.text).toStartWith("Hi,\n\nThanks for the quick answer.");
    expect(mail.text).toContain("> we have looked into invoice INV-2024-0381.");
    expect(mail.html).toContain('<div class="gmail_quote gmail_quote_container">');
  });

  test("an HTML-only Outlook reply gets its text from the HTML, entities decoded", async () => {
    const mail = await parse("outlook-reply.eml");
    expect(mail.html).toContain('<div id="divRplyFwdMsg"');
    expect(mail.text).toContain('I still get "Session expired" right after signing in.');
    expect(mail.text).toContain("Sent: Tuesday, December 3, 2024 4:20 PM");
    expect(mail.text).not.toMatch(/<\/?(?:div|p|b|font)\b/);
    expect(mail.headers["thread-index"]).toBe("AQHbRX2a1c0F4wzq8kWm3T0i9pB7QrLbXq1g");
  });

  test("a text-only message has no HTML", async () => {
    const mail = await parse("apple-mail-reply.eml");
    expect(mail.html).toBeNull();
    expect(mail.text).toStartWith("Yes, the box was already open when it arrived.");
  });

  test("only the headers the desk decides on are kept, by lower-case name", async () => {
    const mail = await parse("x-autoreply.eml");
    expect(mail.headers).toEqual({
      "x-autoreply": "yes",
      precedence: "auto_reply",
      "content-type": "text/plain; charset=utf-8",
    });
    expect((await parse("out-of-office.eml")).headers["auto-submitted"]).toBe("auto-replied");
    expect((await parse("list-mail.eml")).headers.precedence).toBe("list");
  });

  test("a message that is not a delivery report has no report", async () => {
    for (const name of ["gmail-reply.eml", "attachments.eml", "out-of-office.eml"]) {
      expect((await parse(name)).report).toBeNull();
    }
  });
});

describe("parseMail: attachments", () => {
  test("a PNG, a text file and an inline logo named by cid: in the HTML", async () => {
    const mail = await parse("attachments.eml");
    const summary = mail.attachments.map(({ content: _, ...rest }) => rest);
    expect(summary).toEqual([
      {
        filename: "logo.png",
        contentType: "image/png",
        size: 88,
        contentId: "logo.8f3a@northwind.example",
        inline: true,
      },
      {
        filename: "screenshot.png",
        contentType: "image/png",
        size: 755,
        contentId: null,
        inline: false,
      },
      {
        filename: "export-log.txt",
        contentType: "text/plain",
        size: expect.any(Number),
        contentId: null,
        inline: false,
      },
    ]);
    // The HTML still names the inline image by cid: (the desk rewrites it, not the parser).
    expect(mail.html).toContain('src="cid:logo.8f3a@northwind.example"');
    const [logo, screenshot, log] = mail.attachments;
    expect(Array.from(screenshot?.content.subarray(0, 8) ?? [])).toEqual([
      0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a,
    ]);
    expect(logo?.content.byteLength).toBe(logo?.size);
    expect(log?.size).toBe(log?.content.byteLength);
    expect(decode(log?.content ?? new Uint8Array())).toContain("502 Bad Gateway");
    expect(mail.text).toContain('ends with "502 Bad Gateway"');
  });

  test('a "photo.jpg" declared image/jpeg whose bytes are HTML is not typed as an image', async () => {
    const mail = await parse("disguised-jpeg.eml");
    expect(mail.attachments).toHaveLength(1);
    const [photo] = mail.attachments;
    expect(photo?.filename).toBe("photo.jpg");
    expect(photo?.contentType).not.toBe("image/jpeg");
    expect(photo?.contentType).toBe("application/octet-stream");
    expect(decode(photo?.content ?? new Uint8Array())).toStartWith("<!DOCTYPE html>");
  });

  test("file names lose path separators and control characters; a nameless part gets one", async () => {
    const mail = await parseText(
      [
        "From: a@b.example",
        "Subject: names",
        "MIME-Version: 1.0",
        'Content-Type: multipart/mixed; boundary="b1"',
        "",
        "--b1",
        "Content-Type: text/plain",
        "",
        "see attached",
        "--b1",
        "Content-Type: application/octet-stream",
        'Content-Disposition: attachment; filename="..\\\\..\\\\boot.ini"',
        "",
        "x",
        "--b1",
        "Content-Type: application/octet-stream",
        'Content-Disposition: attachment; filename="=?UTF-8?Q?../../etc/pass=09wd?="',
        "",
        "y",
        "--b1",
        "Content-Type: application/octet-stream",
        "Content-Disposition: attachment",
        "",
        "z",
        "--b1--",
        "",
      ].join("\r\n"),
    );
    expect(mail.attachments.map((a) => a.filename)).toEqual([
      ".._.._boot.ini",
      ".._.._etc_pass_wd",
      "attachment-3",
    ]);
  });
});

describe("parseMail: input that is not mail", () => {
  test("random bytes throw MimeError", async () => {
    for (const seed of [1, 7, 2024]) {
      await expect(parseMail(noise(seed, 2048))).rejects.toBeInstanceOf(MimeError);
    }
  });

  test("text without a header block, or nothing at all, throws MimeError", async () => {
    await expect(parseText("hello, this is just a sentence\nand another one\n")).rejects.toThrow(
      MimeError,
    );
    await expect(parseMail(new Uint8Array())).rejects.toThrow("no message header found");
  });
});

// visibleText: what the writer typed, without the quoted history and the signature.
import { describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseMail } from "./parse";
import { visibleText } from "./visible";

const visibleOf = async (name: string) =>
  visibleText((await parseMail(readFileSync(join(import.meta.dir, "../fixtures", name)))).text);

describe("visibleText on each reply style", () => {
  test('Gmail: the reply stays; the signature and the "On … wrote:" history go', async () => {
    const visible = await visibleOf("gmail-reply.eml");
    expect(visible).toStartWith("Hi,\n\nThanks for the quick answer.");
    expect(visible).toEndWith("Best,\nJane");
    for (const gone of ["Finance, Northwind Traders", "wrote:", "Which VAT number", ">"]) {
      expect(visible).not.toContain(gone);
    }
  });

  test('Outlook (HTML only): the "From: … Sent: …" block and what follows go', async () => {
    const visible = await visibleOf("outlook-reply.eml");
    expect(visible).toStartWith("Hi,");
    expect(visible).toContain('I still get "Session expired" right after signing in.');
    expect(visible).toContain("Tom");
    for (const gone of ["From: Acme Support", "Sent: Tuesday", "we have sent you a new password"]) {
      expect(visible).not.toContain(gone);
    }
  });

  test('Apple Mail: "Sent from my iPhone" and the quoted message go', async () => {
    const visible = await visibleOf("apple-mail-reply.eml");
    expect(visible).toBe(
      "Yes, the box was already open when it arrived. I still have it if you need pictures.",
    );
  });

  test('German: the "Am … schrieb …:" history and the "-- " signature go', async () => {
    const visible = await visibleOf("german-reply.eml");
    expect(visible).toBe(
      [
        "Hallo,",
        "",
        "ich habe das Paket heute bei der Post abgegeben. Die Sendungsnummer ist 00340434161094042557.",
        "",
        "Viele Grüße",
        "Jürgen Müller",
      ].join("\n"),
    );
  });

  test("a new message with no history is kept whole", async () => {
    expect(await visibleOf("encoded-subject.eml")).toBe(
      "Guten Tag,\n\nich warte seit drei Wochen auf die Rückerstattung für Bestellung 4711.\nBitte prüfen Sie das – danke!\n\nZoë",
    );
  });
});

describe("visibleText when nothing would be left", () => {
  test("a message that is nothing but quote keeps its whole body", () => {
    const onlyQuote = [
      "On Mon, 2 Dec 2024 at 09:00, Acme Support <acme@mail.example> wrote:",
      "> Is the invoice correct?",
      "> Acme Support",
      "",
    ].join("\n");
    expect(visibleText(onlyQuote)).toBe(onlyQuote.trim());
    expect(visibleText("> just a quoted line\n> and another\n")).toBe(
      "> just a quoted line\n> and another",
    );
  });

  test("a message that is nothing but a signature keeps its whole body", () => {
    expect(visibleText("-- \nJane Doe\nFinance\n")).toBe("-- \nJane Doe\nFinance");
  });

  test("CRLF text reads like LF text, and blank text stays blank", () => {
    expect(
      visibleText(
        "Thanks, that fixed it.\r\n\r\nOn Mon, 2 Dec 2024, Acme <a@b.example> wrote:\r\n> old\r\n",
      ),
    ).toBe("Thanks, that fixed it.");
    expect(visibleText("  \n\n")).toBe("");
  });
});

// Recipients on our inbound domain, Message-IDs, ticket numbers and subjects as inbound mail has them.
import { describe, expect, test } from "bun:test";
import {
  cleanSubject,
  messageIdsIn,
  normaliseMessageId,
  parseRecipient,
  ticketNumberIn,
} from "./addresses";

const DOMAIN = "mail.example";

describe("parseRecipient", () => {
  test("a tenant's address names its slug and no reply code", () => {
    expect(parseRecipient("acme@mail.example", DOMAIN)).toEqual({ slug: "acme", code: null });
    expect(parseRecipient("north-wind-2@mail.example", DOMAIN)).toEqual({
      slug: "north-wind-2",
      code: null,
    });
  });

  test("a +code names the ticket the reply belongs to", () => {
    expect(parseRecipient("acme+k3x9q2m7wz@mail.example", DOMAIN)).toEqual({
      slug: "acme",
      code: "k3x9q2m7wz",
    });
  });

  test("case does not matter, in the address or in the configured domain", () => {
    expect(parseRecipient("ACME+K3X9Q2M7WZ@Mail.Example", DOMAIN)).toEqual({
      slug: "acme",
      code: "k3x9q2m7wz",
    });
    expect(parseRecipient("acme@mail.example", "MAIL.EXAMPLE")).toEqual({
      slug: "acme",
      code: null,
    });
  });

  test("another domain, a subdomain or a look-alike domain is not ours", () => {
    for (const address of [
      "acme@gmail.com",
      "acme@eu.mail.example",
      "acme@mail.example.evil.example",
      "acme@notmail.example",
      "acme@mail.example.",
    ]) {
      expect(parseRecipient(address, DOMAIN)).toBeNull();
    }
  });

  test("a malformed local part is refused, not guessed at", () => {
    for (const address of [
      "@mail.example",
      "mail.example",
      "-acme@mail.example",
      "acme-@mail.example",
      "ac_me@mail.example",
      "ac.me@mail.example",
      "acme+@mail.example",
      "acme+short@mail.example",
      "acme+k3x9q2m7wz+again@mail.example",
      "acme+k3x9-q2m7@mail.example",
      '"acme"@mail.example',
      "<acme@mail.example>",
      "bob@acme@mail.example",
    ]) {
      expect(parseRecipient(address, DOMAIN)).toBeNull();
    }
  });

  test("a slug may be a DNS label of up to 63 characters, and a code up to 40", () => {
    const label63 = `a${"b".repeat(61)}c`;
    expect(parseRecipient(`${label63}@mail.example`, DOMAIN)?.slug).toBe(label63);
    expect(parseRecipient(`${label63}d@mail.example`, DOMAIN)).toBeNull();
    expect(parseRecipient(`acme+${"k".repeat(40)}@mail.example`, DOMAIN)?.code).toHaveLength(40);
    expect(parseRecipient(`acme+${"k".repeat(41)}@mail.example`, DOMAIN)).toBeNull();
  });
});

describe("normaliseMessageId", () => {
  test("angle brackets and surrounding spaces go, the id's own case stays", () => {
    expect(normaliseMessageId("<CAJx8r+Fq2m0@mail.gmail.com>")).toBe("CAJx8r+Fq2m0@mail.gmail.com");
    expect(normaliseMessageId("  < 87zfq3x1k2.fsf@verkstad.example >  ")).toBe(
      "87zfq3x1k2.fsf@verkstad.example",
    );
    expect(normaliseMessageId("<<doubled@x.example>>")).toBe("doubled@x.example");
    expect(normaliseMessageId("bare@x.example")).toBe("bare@x.example");
  });

  test("nothing, brackets alone, inner spaces or an absurd length give null", () => {
    for (const value of [undefined, null, "", "   ", "<>", "<a b@x.example>"]) {
      expect(normaliseMessageId(value)).toBeNull();
    }
    expect(normaliseMessageId(`<${"x".repeat(985)}@x.example>`)).toHaveLength(995);
    expect(normaliseMessageId(`<${"x".repeat(990)}@x.example>`)).toBeNull();
  });
});

describe("messageIdsIn", () => {
  test("every id of a References value, in order, each once", () => {
    expect(
      messageIdsIn("<a@x.example>\t<b@x.example>  <c@x.example><d@x.example> <b@x.example>"),
    ).toEqual(["a@x.example", "b@x.example", "c@x.example", "d@x.example"]);
  });

  test("a list of values (as mailparser gives them) is read the same way", () => {
    expect(messageIdsIn(["<a@x.example>", "<b@x.example> <c@x.example>"])).toEqual([
      "a@x.example",
      "b@x.example",
      "c@x.example",
    ]);
  });

  test("a trailing comment is not taken for an id", () => {
    expect(
      messageIdsIn(`<tkt-1.out-3@mail.example> (Acme Support's message of "Sat, 14 Dec 2024")`),
    ).toEqual(["tkt-1.out-3@mail.example"]);
  });

  test("ids written without brackets are still found", () => {
    expect(messageIdsIn("a@x.example  b@x.example")).toEqual(["a@x.example", "b@x.example"]);
  });

  test("nothing in, nothing out", () => {
    expect(messageIdsIn(undefined)).toEqual([]);
    expect(messageIdsIn(null)).toEqual([]);
    expect(messageIdsIn("")).toEqual([]);
    expect(messageIdsIn([])).toEqual([]);
  });
});

describe("ticketNumberIn", () => {
  test("a [#n] tag names the ticket", () => {
    expect(ticketNumberIn("Re: [#1042] Invoice shows the wrong VAT number")).toBe(1042);
    expect(ticketNumberIn("[#0042] leading zeros")).toBe(42);
  });

  test("when a subject carries several tags the last one wins", () => {
    expect(ticketNumberIn("Fwd: [#17] old topic — Re: [#1042] new topic")).toBe(1042);
  });

  test("no tag, or something that only looks like one, gives null", () => {
    for (const subject of [
      "Invoice question",
      "",
      "Order #1042",
      "[1042]",
      "[# 1042]",
      "[#10a]",
      "[#]",
      "[#1234567890]",
    ]) {
      expect(ticketNumberIn(subject)).toBeNull();
    }
  });
});

describe("cleanSubject", () => {
  test("reply and forward prefixes go, in any language and any mix", () => {
    expect(cleanSubject("Re: Invoice question")).toBe("Invoice question");
    expect(cleanSubject("RE: RE: Re:Invoice question")).toBe("Invoice question");
    expect(cleanSubject("AW: WG: Rücksendung Bestellung 4711")).toBe("Rücksendung Bestellung 4711");
    expect(cleanSubject("Fwd: FW: Fw: Export fails")).toBe("Export fails");
    expect(cleanSubject("SV: VS: Antw: TR: Tilaus")).toBe("Tilaus");
    expect(cleanSubject("Re : spaced colon")).toBe("spaced colon");
  });

  test("Outlook-style [n] counters go with their prefix", () => {
    expect(cleanSubject("Re[2]: Invoice question")).toBe("Invoice question");
    expect(cleanSubject("RE [12] : AW[3]: Invoice question")).toBe("Invoice question");
  });

  test("words that merely start like a prefix, and prefixes later on, are kept", () => {
    expect(cleanSubject("Refund for order 4711")).toBe("Refund for order 4711");
    expect(cleanSubject("Trouble: login fails")).toBe("Trouble: login fails");
    expect(cleanSubject("Question about Re: lines")).toBe("Question about Re: lines");
    expect(cleanSubject("[#1042] Re: Invoice")).toBe("[#1042] Re: Invoice");
  });

  test("runs of white space become one space", () => {
    expect(cleanSubject("  Re:  Spare part \t  delivery  ")).toBe("Spare part delivery");
  });

  test("an empty subject, or nothing but prefixes, becomes (no subject)", () => {
    for (const subject of ["", "   ", "Re:", "Re: Fwd: ", "RE[2]:"]) {
      expect(cleanSubject(subject)).toBe("(no subject)");
    }
  });

  test("a very long subject is cut to 300 characters", () => {
    expect(cleanSubject(`Re: ${"x".repeat(500)}`)).toHaveLength(300);
  });
});

import { describe, expect, test } from "bun:test";
import { addCc, type Cc, isEmailAddress, MAX_CCS, parseCc, removeCc, toCcsInput } from "./ccs";

const BO: Cc = { email: "bo@example.com", name: "Bo Diaz" };
const DI: Cc = { email: "di@example.com", name: "" };

describe("isEmailAddress (the server's z.email())", () => {
  test("accepts ordinary addresses, plus tags and subdomains", () => {
    for (const ok of ["a@example.com", "first.last+tag@mail.example.co.uk", "o'neil@example.ie"]) {
      expect(isEmailAddress(ok)).toBe(true);
    }
  });

  test("refuses what the server refuses", () => {
    for (const bad of [
      "",
      "bo",
      "bo@",
      "@example.com",
      "bo@example",
      "bo@@example.com",
      "bo@example.c",
      ".bo@example.com",
      "bo.@example.com",
      "b..o@example.com",
      "bo @example.com",
      "bo@-example.com",
    ]) {
      expect(isEmailAddress(bad)).toBe(false);
    }
  });

  test("refuses an address longer than 254 characters", () => {
    const local = "a".repeat(64);
    const long = `${local}@${"b".repeat(70)}.${"c".repeat(70)}.${"d".repeat(70)}.com`;
    expect(long.length).toBeGreaterThan(254);
    expect(isEmailAddress(long)).toBe(false);
  });
});

describe("parseCc", () => {
  test("a bare address, trimmed and lower-cased, with no name", () => {
    expect(parseCc("  Bo@Example.COM ")).toEqual({ cc: { email: "bo@example.com", name: "" } });
  });

  test("a name with the address in angle brackets, quotes dropped", () => {
    expect(parseCc("Bo Diaz <bo@example.com>")).toEqual({ cc: BO });
    expect(parseCc('"Bo Diaz" <BO@example.com>')).toEqual({ cc: BO });
    expect(parseCc("<di@example.com>")).toEqual({ cc: DI });
  });

  test("nothing typed, or not an address, says what is wrong", () => {
    expect(parseCc("   ")).toEqual({ problem: "Type an email address." });
    expect(parseCc("bo at example")).toEqual({
      problem: "“bo at example” is not an email address.",
    });
    expect(parseCc("Bo <bo@example>")).toEqual({
      problem: "“bo@example” is not an email address.",
    });
  });

  test("a name longer than the server keeps is refused", () => {
    expect(parseCc(`${"n".repeat(201)} <bo@example.com>`)).toEqual({
      problem: "The name may be at most 200 characters.",
    });
  });
});

describe("adding and removing", () => {
  test("adds at the end", () => {
    expect(addCc([BO], "di@example.com")).toEqual({ ccs: [BO, DI] });
  });

  test("the same address twice (any case) is refused", () => {
    expect(addCc([BO], "BO@example.com")).toEqual({ problem: "bo@example.com is already copied." });
  });

  test("no one is added past the server's limit", () => {
    const full = Array.from({ length: MAX_CCS }, (_, i) => ({
      email: `p${i}@example.com`,
      name: "",
    }));
    expect(addCc(full, "one.more@example.com")).toEqual({
      problem: "At most 50 people can be copied.",
    });
    expect(addCc(full.slice(1), "one.more@example.com")).toHaveProperty("ccs");
  });

  test("an invalid address is refused before the list is looked at", () => {
    expect(addCc([], "nope")).toEqual({ problem: "“nope” is not an email address." });
  });

  test("removing drops only that address, whatever its case", () => {
    expect(removeCc([BO, DI], "BO@EXAMPLE.COM")).toEqual([DI]);
    expect(removeCc([BO, DI], "someone@example.com")).toEqual([BO, DI]);
  });

  test("what is sent names people only when they have a name", () => {
    expect(toCcsInput([BO, DI, { email: "x@example.com", name: "  " }])).toEqual([
      { email: "bo@example.com", name: "Bo Diaz" },
      { email: "di@example.com" },
      { email: "x@example.com" },
    ]);
  });
});

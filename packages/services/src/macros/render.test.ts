// renderMacro: known placeholders filled (spaces inside the braces too), unknown ones kept as
// written, missing values empty; and the small helpers beside it.
import { describe, expect, test } from "bun:test";
import { firstName, renderMacro, unknownPlaceholders } from "./render";

describe("renderMacro", () => {
  test("fills every known placeholder, with or without spaces inside the braces", () => {
    const body =
      "Hi {{customer.firstName}} ({{ customer.email }}), about #{{ticket.number}} “{{ticket.subject}}”.\n— {{  agent.name  }}, {{tenant.name}}";
    expect(
      renderMacro(body, {
        "customer.firstName": "Ada",
        "customer.email": "ada@example.com",
        "ticket.number": 42,
        "ticket.subject": "Printer",
        "agent.name": "Sam Agent",
        "tenant.name": "Acme",
      }),
    ).toBe("Hi Ada (ada@example.com), about #42 “Printer”.\n— Sam Agent, Acme");
  });

  test("an unknown placeholder stays exactly as written; a missing value becomes empty", () => {
    expect(renderMacro("{{ customer.shoeSize }} {{nope}} [{{customer.name}}]", {})).toBe(
      "{{ customer.shoeSize }} {{nope}} []",
    );
    expect(renderMacro("Dear {{customer.name}}", { "customer.name": null })).toBe("Dear ");
  });

  test("text that only looks like a placeholder is left alone, and values are not re-read", () => {
    expect(renderMacro("{{}} {customer.name} {{customer name}}", { "customer.name": "X" })).toBe(
      "{{}} {customer.name} {{customer name}}",
    );
    expect(
      renderMacro("{{customer.name}}", { "customer.name": "{{agent.name}}", "agent.name": "Sam" }),
    ).toBe("{{agent.name}}");
  });

  test("inherited object keys are not placeholders", () => {
    expect(renderMacro("{{constructor}} {{toString}}", {})).toBe("{{constructor}} {{toString}}");
  });
});

describe("helpers", () => {
  test("unknownPlaceholders lists each unknown name once", () => {
    expect(unknownPlaceholders("{{a.b}} {{ customer.name }} {{a.b}} {{zip}}")).toEqual([
      "a.b",
      "zip",
    ]);
  });

  test("firstName is the first word of a name", () => {
    expect(firstName("  Ada   Lovelace ")).toBe("Ada");
    expect(firstName("")).toBe("");
    expect(firstName(null)).toBe("");
  });
});

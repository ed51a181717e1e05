// The merge helpers: which rows a merge may target, the customer warning, the redirect state.
import { describe, expect, test } from "bun:test";
import { customerMergeTargets, customerWarning, mergedFromOf, mergeTargets } from "./merge";

describe("mergeTargets", () => {
  test("leaves out the ticket itself and tickets already merged", () => {
    const rows = [
      { id: "a", mergedIntoId: null },
      { id: "b", mergedIntoId: "c" },
      { id: "c", mergedIntoId: null },
    ];
    expect(mergeTargets(rows, "a").map((r) => r.id)).toEqual(["c"]);
  });

  test("customers: any but itself", () => {
    expect(customerMergeTargets([{ id: "a" }, { id: "b" }], "a")).toEqual([{ id: "b" }]);
  });
});

describe("customerWarning", () => {
  const target = { number: 7, customerId: "pat", customerName: "Pat Doe" };
  test("none for the same customer, or a source without one", () => {
    expect(customerWarning({ customerId: "pat" }, target)).toBeNull();
    expect(customerWarning({ customerId: null }, target)).toBeNull();
  });
  test("another customer: copied and told once", () => {
    expect(customerWarning({ customerId: "sam" }, target)).toBe(
      "#7 belongs to Pat Doe. This ticket's customer will be copied on #7 and emailed once that the conversation continues there.",
    );
  });
  test("a target without a customer takes this one's", () => {
    expect(
      customerWarning({ customerId: "sam" }, { ...target, customerId: null, customerName: null }),
    ).toBe("#7 has no customer yet: it takes this ticket's customer.");
  });
});

describe("mergedFromOf", () => {
  test("reads a positive whole number, nothing else", () => {
    expect(mergedFromOf({ mergedFrom: 12 })).toBe(12);
    for (const state of [null, undefined, "12", { mergedFrom: "12" }, { mergedFrom: 0 }, {}]) {
      expect(mergedFromOf(state)).toBeNull();
    }
  });
});

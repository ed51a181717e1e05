// The SLA policy form's conversions: a policy round-trips through the form; bad cells and a
// policy with no target are refused per field before anything is sent.
import { describe, expect, test } from "bun:test";
import { cellKey, duration, formFor, toInput } from "./policy-form";

describe("the SLA policy form", () => {
  test("a new form turns hours and minutes into the targets the server takes", () => {
    const state = formFor();
    state.name = " Standard ";
    state.tags = "VIP, vip, gold";
    state.grid[cellKey("urgent", "first_response")] = {
      amount: "30",
      unit: "minutes",
      business: false,
    };
    state.grid[cellKey("urgent", "resolution")] = { amount: "1.5", unit: "hours", business: true };
    const result = toInput(state);
    expect(result).toEqual({
      ok: true,
      input: {
        name: "Standard",
        description: "",
        enabled: true,
        businessHoursId: null,
        teamIds: [],
        tags: ["vip", "gold"],
        warnMinutes: 30,
        targets: {
          urgent: {
            first_response: { minutes: 30, businessHours: false },
            resolution: { minutes: 90, businessHours: true },
          },
        },
      },
    });
  });

  test("bad cells, no targets, and a bad lead time are refused by field", () => {
    const empty = formFor();
    empty.warnMinutes = "-1";
    expect(toInput(empty)).toEqual({
      ok: false,
      errors: {
        name: "Give the policy a name.",
        warnMinutes: "Warn between 0 and 10080 minutes (a week) before.",
        targets: "Set at least one target.",
      },
    });
    const bad = formFor();
    bad.name = "X";
    bad.grid[cellKey("low", "resolution")] = { amount: "0.5", unit: "minutes", business: true };
    expect(toInput(bad)).toMatchObject({
      ok: false,
      errors: { "grid.low.resolution": expect.any(String) },
    });
  });

  test("durations in words", () => {
    expect([duration(45), duration(120), duration(2880)]).toEqual(["45 min", "2 h", "2 d"]);
  });
});

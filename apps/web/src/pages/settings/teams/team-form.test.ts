// Settings → Teams' form: from a team to the fields, members toggled, and checked input.
import { describe, expect, test } from "bun:test";
import { formFor, loadLabel, type Team, toInput, withMember } from "./team-form";

const team = {
  id: "t1",
  name: "Billing",
  description: "Money",
  assignment: "round_robin",
  capacity: 4,
  waiting: 0,
  createdAt: "",
  updatedAt: "",
  members: [{ userId: "u1", name: "Ada", availability: "online", load: 1 }],
} as unknown as Team;

describe("the team form", () => {
  test("a new team is manual with 10 each; an existing one fills the form", () => {
    expect(formFor()).toEqual({
      name: "",
      description: "",
      assignment: "manual",
      capacity: "10",
      memberIds: [],
    });
    expect(formFor(team)).toEqual({
      name: "Billing",
      description: "Money",
      assignment: "round_robin",
      capacity: "4",
      memberIds: ["u1"],
    });
  });

  test("members are toggled without duplicates", () => {
    expect(withMember(["a"], "b", true)).toEqual(["a", "b"]);
    expect(withMember(["a", "b"], "a", true)).toEqual(["b", "a"]);
    expect(withMember(["a", "b"], "a", false)).toEqual(["b"]);
  });

  test("the name is required and the capacity a whole number from 1 to 1000", () => {
    expect(toInput({ ...formFor(), name: " " })).toEqual({
      ok: false,
      errors: { name: "Give the team a name." },
    });
    for (const capacity of ["0", "1001", "2.5", "", "ten"]) {
      expect(toInput({ ...formFor(), name: "Ops", capacity })).toMatchObject({
        ok: false,
        errors: { capacity: "Capacity is a whole number from 1 to 1000." },
      });
    }
    expect(toInput({ ...formFor(team), name: " Billing ", capacity: " 7 " })).toEqual({
      ok: true,
      input: {
        name: "Billing",
        description: "Money",
        assignment: "round_robin",
        capacity: 7,
        memberIds: ["u1"],
      },
    });
    expect(loadLabel(2, 5)).toBe("2 of 5 open");
  });
});

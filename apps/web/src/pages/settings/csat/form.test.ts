// The survey settings form: what it shows for saved settings and what it sends back.
import { describe, expect, test } from "bun:test";
import { delayInWords, formOf, type Settings, setSurveyed, toUpdate } from "./form";

const settings = {
  enabled: true,
  delayMinutes: 90,
  question: "How did we do?",
  commentPrompt: "Anything else?",
  disabledInquiryTypeIds: ["b"],
  inquiryTypes: [
    { id: "a", name: "Sales", surveyed: true },
    { id: "b", name: "Billing", surveyed: false },
  ],
  ratingLabels: ["1", "2", "3", "4", "5"],
  publicPath: "/hc/acme/",
} as Settings;

describe("the survey settings form", () => {
  test("round-trips saved settings", () => {
    expect(toUpdate(formOf(settings))).toEqual({
      enabled: true,
      delayMinutes: 90,
      question: "How did we do?",
      commentPrompt: "Anything else?",
      disabledInquiryTypeIds: ["b"],
    });
  });

  test("ticking a type surveys it; unticking leaves it out", () => {
    const form = setSurveyed(setSurveyed(formOf(settings), "b", true), "a", false);
    expect(form.leftOut).toEqual(["a"]);
  });

  test("a delay that is not a number goes to the server to be named", () => {
    expect(toUpdate({ ...formOf(settings), delayMinutes: "" }).delayMinutes).toBeNaN();
  });

  test.each([
    [0, "at once"],
    [90, "1 hour 30 minutes after the resolve"],
    [2880, "2 days after the resolve"],
    [-1, ""],
  ])("%i minutes reads %p", (minutes, words) => {
    expect(delayInWords(minutes)).toBe(words);
  });
});

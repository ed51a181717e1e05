// Cursors: what encodeCursor writes decodes again; anything forged is a BAD_REQUEST naming `cursor`.
import { describe, expect, test } from "bun:test";
import { AppError } from "./errors";
import { decodeCursor, encodeCursor } from "./pagination";

const ID = "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b";
const forge = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

/** The error decodeCursor throws for `cursor`, or undefined when it accepts it. */
function refusal(cursor: string): AppError | undefined {
  try {
    decodeCursor(cursor);
    return undefined;
  } catch (error) {
    return error as AppError;
  }
}

describe("decodeCursor", () => {
  test("accepts what encodeCursor wrote", () => {
    const createdAt = new Date("2025-03-04T05:06:07.089Z");
    expect(decodeCursor(encodeCursor({ createdAt, id: ID }))).toEqual({
      createdAt: "2025-03-04T05:06:07.089Z",
      id: ID,
    });
  });

  const forged: [string, string][] = [
    ["a bare year", forge(["2020", ID])],
    ["a date without a time", forge(["2020-01-01", ID])],
    ["the year 275760", forge(["+275760-09-13T00:00:00.000Z", ID])],
    ["the year 1", forge(["0001-01-01T00:00:00.000Z", ID])],
    ["February 30th", forge(["2024-02-30T00:00:00.000Z", ID])],
    ["an hour of 25", forge(["2024-01-01T25:00:00.000Z", ID])],
    ["a time zone offset", forge(["2024-01-01T00:00:00.000+02:00", ID])],
    ["an id of 36 dashes", forge(["2024-01-01T00:00:00.000Z", "-".repeat(36)])],
    ["an id that is not a string", forge(["2024-01-01T00:00:00.000Z", 7])],
    ["a third element", forge(["2024-01-01T00:00:00.000Z", ID, "x"])],
    ["an object", forge({ createdAt: "2024-01-01T00:00:00.000Z", id: ID })],
    ["a NUL in the id", forge(["2024-01-01T00:00:00.000Z", `${ID.slice(0, 35)}\u0000`])],
    ["not base64 JSON", "!!not-a-cursor!!"],
    ["an empty string", ""],
    ["a very long string", "A".repeat(5000)],
  ];
  for (const [label, cursor] of forged) {
    test(`refuses ${label} as a BAD_REQUEST naming cursor`, () => {
      const error = refusal(cursor);
      expect(error).toBeInstanceOf(AppError);
      expect(error?.code).toBe("BAD_REQUEST");
      expect(error?.field).toBe("cursor");
    });
  }
});

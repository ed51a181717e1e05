import { describe, expect, test } from "bun:test";
import { TRPCClientError } from "@trpc/client";
import { renderToStaticMarkup } from "react-dom/server";
import { isNotFound, label, PriorityLabel, relativeTime, StatusBadge, UUID } from "./shared";

const rtf = new Intl.RelativeTimeFormat(undefined, { numeric: "auto" });
const NOW = Date.parse("2025-06-15T12:00:00Z");
const ago = (seconds: number) => new Date(NOW - seconds * 1000);

function trpcError(data: Record<string, unknown>) {
  return TRPCClientError.from({ error: { code: -32600, message: "nope", data } });
}

describe("relativeTime", () => {
  test("under a minute is just now, either way", () => {
    expect(relativeTime(ago(0), NOW)).toBe("just now");
    expect(relativeTime(ago(59), NOW)).toBe("just now");
    expect(relativeTime(ago(-59), NOW)).toBe("just now");
  });

  test("picks the largest unit that fits and rounds", () => {
    expect(relativeTime(ago(60), NOW)).toBe(rtf.format(-1, "minute"));
    expect(relativeTime(ago(3 * 3600 + 20 * 60), NOW)).toBe(rtf.format(-3, "hour"));
    expect(relativeTime(ago(3 * 3600 + 40 * 60), NOW)).toBe(rtf.format(-4, "hour"));
    expect(relativeTime(ago(86_400), NOW)).toBe(rtf.format(-1, "day"));
    expect(relativeTime(ago(8 * 86_400), NOW)).toBe(rtf.format(-1, "week"));
    expect(relativeTime(ago(60 * 86_400), NOW)).toBe(rtf.format(-2, "month"));
    expect(relativeTime(ago(400 * 86_400), NOW)).toBe(rtf.format(-1, "year"));
  });

  test("the future reads forwards", () => {
    expect(relativeTime(ago(-2 * 3600), NOW)).toBe(rtf.format(2, "hour"));
  });

  test("takes ISO strings as the API sends them", () => {
    expect(relativeTime(ago(120).toISOString(), NOW)).toBe(rtf.format(-2, "minute"));
  });
});

describe("isNotFound", () => {
  test("NOT_FOUND, a malformed id (BAD_REQUEST) and a 404 are 'not found'", () => {
    expect(isNotFound(trpcError({ code: "NOT_FOUND", httpStatus: 404 }))).toBe(true);
    expect(isNotFound(trpcError({ code: "BAD_REQUEST", httpStatus: 400 }))).toBe(true);
    expect(isNotFound(trpcError({ httpStatus: 404 }))).toBe(true);
  });

  test("other failures are not", () => {
    expect(isNotFound(trpcError({ code: "FORBIDDEN", httpStatus: 403 }))).toBe(false);
    expect(isNotFound(trpcError({ code: "INTERNAL_SERVER_ERROR", httpStatus: 500 }))).toBe(false);
    expect(isNotFound(new TRPCClientError("Failed to fetch"))).toBe(false);
    expect(isNotFound(new Error("NOT_FOUND"))).toBe(false);
    expect(isNotFound(null)).toBe(false);
  });
});

describe("UUID", () => {
  test("accepts the ids the server accepts", () => {
    for (const id of [
      crypto.randomUUID(),
      crypto.randomUUID().toUpperCase(),
      "0190a8e4-7b3c-7d2e-8f10-123456789abc", // v7
      "00000000-0000-0000-0000-000000000000",
    ]) {
      expect(UUID.test(id)).toBe(true);
    }
  });

  test("refuses what the server would answer 400 to", () => {
    for (const id of [
      "",
      "me",
      "12345678-1234-1234-1234-123456789abc", // variant 1
      "12345678-1234-0234-8234-123456789abc", // version 0
      "12345678123412348234123456789abc",
      `${crypto.randomUUID()} `,
      "g2345678-1234-4234-8234-123456789abc",
    ]) {
      expect(UUID.test(id)).toBe(false);
    }
  });
});

describe("badges", () => {
  test("label capitalises", () => {
    expect(label("pending")).toBe("Pending");
    expect(label("")).toBe("");
  });

  test("StatusBadge is a toned badge with the label", () => {
    expect(renderToStaticMarkup(<StatusBadge status="open" />)).toBe(
      '<span class="badge badge-open">Open</span>',
    );
  });

  test("PriorityLabel has a decorative dot and the label", () => {
    expect(renderToStaticMarkup(<PriorityLabel priority="urgent" />)).toBe(
      '<span class="priority priority-urgent"><span class="priority-dot" aria-hidden="true"></span>Urgent</span>',
    );
  });
});

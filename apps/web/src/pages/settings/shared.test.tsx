import { afterEach, beforeEach, describe, expect, setSystemTime, test } from "bun:test";
import { TRPCClientError } from "@trpc/client";
import { renderToStaticMarkup } from "react-dom/server";
import { Ago, ConfirmButton, fromNow, hasFieldError, messageFor, When } from "./shared";

function trpcError(message: string, data: Record<string, unknown>) {
  return TRPCClientError.from({ error: { code: -32600, message, data } });
}

describe("messageFor", () => {
  const zod = trpcError("branding.logoUrl: must be an https URL", {
    code: "BAD_REQUEST",
    field: "branding.logoUrl",
    fieldErrors: { "branding.logoUrl": "must be an https URL", name: "is required" },
  });

  test("zod's message for the field, capitalised, by full or last path segment", () => {
    expect(messageFor(zod, "name")).toBe("Is required");
    expect(messageFor(zod, "logoUrl")).toBe("Must be an https URL");
    expect(messageFor(zod, "branding.logoUrl")).toBe("Must be an https URL");
  });

  test("a segment must match whole", () => {
    expect(messageFor(zod, "Url")).toBeNull();
    expect(messageFor(zod, "primaryColor")).toBeNull();
  });

  test("an AppError naming the field: its message without the `field: ` prefix", () => {
    const conflict = trpcError("slug: That subdomain is taken.", {
      code: "CONFLICT",
      field: "slug",
      fieldErrors: null,
    });
    expect(messageFor(conflict, "slug")).toBe("That subdomain is taken.");
    expect(messageFor(conflict, "name")).toBeNull();
    const plain = trpcError("That email is already invited.", { field: "email" });
    expect(messageFor(plain, "email")).toBe("That email is already invited.");
  });

  test("nothing for errors without data", () => {
    expect(messageFor(null, "name")).toBeNull();
    expect(messageFor(undefined, "name")).toBeNull();
    expect(messageFor(new Error("name: bad"), "name")).toBeNull();
    expect(messageFor("name: bad", "name")).toBeNull();
    expect(messageFor(trpcError("Nope.", {}), "name")).toBeNull();
  });
});

describe("hasFieldError", () => {
  test("whether the error belongs to a field", () => {
    expect(hasFieldError(trpcError("x", { field: "name" }))).toBe(true);
    expect(hasFieldError(trpcError("x", { field: null }))).toBe(false);
    expect(hasFieldError(new Error("x"))).toBe(false);
    expect(hasFieldError(null)).toBe(false);
  });
});

describe("fromNow", () => {
  const NOW = new Date("2025-06-15T12:00:00Z");
  const relative = new Intl.RelativeTimeFormat(undefined, { numeric: "auto" });
  const at = (seconds: number) => new Date(NOW.getTime() + seconds * 1000);
  beforeEach(() => setSystemTime(NOW));
  afterEach(() => setSystemTime());

  test("nothing for no date or a date that does not parse", () => {
    expect(fromNow(null)).toBe("");
    expect(fromNow(undefined)).toBe("");
    expect(fromNow("")).toBe("");
    expect(fromNow("not a date")).toBe("");
  });

  test("just now within 45 s either way", () => {
    expect(fromNow(at(0))).toBe("just now");
    expect(fromNow(at(-44))).toBe("just now");
    expect(fromNow(at(44))).toBe("just now");
  });

  test("minutes, hours and days, rounded, past and future", () => {
    expect(fromNow(at(-45))).toBe(relative.format(-1, "minute"));
    expect(fromNow(at(-3 * 60))).toBe(relative.format(-3, "minute"));
    expect(fromNow(at(-5 * 3600))).toBe(relative.format(-5, "hour"));
    expect(fromNow(at(2 * 86_400))).toBe(relative.format(2, "day"));
    expect(fromNow(at(-29 * 86_400).toISOString())).toBe(relative.format(-29, "day"));
  });

  test("a month or more away: the date itself", () => {
    const date = at(-40 * 86_400);
    expect(fromNow(date)).toBe(
      new Intl.DateTimeFormat(undefined, { dateStyle: "medium" }).format(date),
    );
  });

  test("Ago renders it in a <time> with the exact instant", () => {
    const html = renderToStaticMarkup(<Ago value={at(-3 * 60)} />);
    expect(html).toContain(`dateTime="${at(-3 * 60).toISOString()}"`);
    expect(html).toContain(`>${relative.format(-3, "minute")}</time>`);
    expect(renderToStaticMarkup(<Ago value={null} />)).toBe('<span class="sd-muted">—</span>');
  });
});

describe("When", () => {
  test("a <time> for a date, the placeholder for none", () => {
    const html = renderToStaticMarkup(<When value="2025-01-02T03:04:05Z" />);
    expect(html).toStartWith('<time dateTime="2025-01-02T03:04:05.000Z"');
    expect(renderToStaticMarkup(<When value={null} empty="never" />)).toBe(
      '<span class="sd-muted">never</span>',
    );
  });
});

describe("ConfirmButton", () => {
  test("first shows only the action (nothing happens on one click)", () => {
    const html = renderToStaticMarkup(
      <ConfirmButton label="Remove" question="Remove Ada?" onConfirm={() => {}} />,
    );
    expect(html).toContain(">Remove</button>");
    expect(html).not.toContain("Remove Ada?");
    expect(html).toContain('type="button"');
  });

  test("busy disables it", () => {
    const html = renderToStaticMarkup(
      <ConfirmButton label="Remove" question="?" busy onConfirm={() => {}} />,
    );
    expect(html).toContain("disabled");
    expect(html).toContain('aria-busy="true"');
  });
});

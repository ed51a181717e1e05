import { describe, expect, test } from "bun:test";
import { TRPCClientError } from "@trpc/client";
import { safeNext, serverErrors, slugProblem, validEmail } from "./shared";

function trpcError(message: string, data: Record<string, unknown>) {
  return TRPCClientError.from({ error: { code: -32600, message, data } });
}

describe("safeNext (where to go after signing in)", () => {
  test("paths on this site are kept, query and hash included", () => {
    for (const next of ["/", "/t/acme/tickets", "/invite/abc?x=1#top", "/t/acme/tickets?q=a//b"]) {
      expect(safeNext(next)).toBe(next);
    }
  });

  test("nothing given: null", () => {
    expect(safeNext(null)).toBeNull();
    expect(safeNext(undefined)).toBeNull();
    expect(safeNext("")).toBeNull();
  });

  test("other sites and schemes are refused (no open redirect)", () => {
    for (const next of [
      "//evil.com",
      "//evil.com/t/acme",
      "///evil.com",
      "/\\evil.com",
      "/\\/evil.com",
      "https://evil.com",
      "http:/evil.com",
      "javascript:alert(1)",
      "JavaScript:alert(1)",
      "data:text/html,<script>alert(1)</script>",
      "evil.com",
      " /t/acme",
      "\\\\evil.com",
    ]) {
      expect(safeNext(next)).toBeNull();
    }
  });

  test("control characters are refused: URL parsing drops tabs and newlines", () => {
    // What a browser makes of these: another site.
    expect(new URL("/\t/evil.com", "https://desk.example").host).toBe("evil.com");
    for (const next of [
      "/\t/evil.com",
      "/\n/evil.com",
      "/\r\n/evil.com",
      "/\t\\evil.com",
      "/a\u0000",
    ]) {
      expect(safeNext(next)).toBeNull();
    }
  });

  test("whatever it keeps stays on this site", () => {
    const base = "https://desk.example";
    for (const next of ["/", "/a/b", "/%2F/evil.com", "/@evil.com", "/.evil.com", "/ /evil.com"]) {
      const kept = safeNext(next);
      expect(kept).toBe(next);
      expect(new URL(kept ?? "", base).origin).toBe(base);
    }
  });
});

describe("slugProblem", () => {
  test("empty: choose one", () => {
    expect(slugProblem("", { state: "idle" })).toBe("Choose a subdomain.");
    expect(slugProblem("   ", { state: "available" })).toBe("Choose a subdomain.");
  });

  test("taken: the server's reason", () => {
    expect(slugProblem("acme", { state: "unavailable", reason: "That one is taken." })).toBe(
      "That one is taken.",
    );
  });

  test("otherwise none (a failed or pending check is checked again on submit)", () => {
    for (const state of ["idle", "checking", "available", "error"] as const) {
      expect(slugProblem("acme", { state })).toBeUndefined();
    }
  });
});

describe("validEmail", () => {
  test("accepts addresses", () => {
    for (const email of ["a@b.co", "ada.lovelace+desk@example.org", "  ada@example.com  "]) {
      expect(validEmail(email)).toBe(true);
    }
  });

  test("refuses what is not one", () => {
    for (const email of [
      "",
      "ada",
      "ada@",
      "@example.com",
      "ada@example",
      "a b@c.de",
      "a@b@c.de",
    ]) {
      expect(validEmail(email)).toBe(false);
    }
  });
});

describe("serverErrors", () => {
  const labels = { email: "Email", password: "Password" };

  test("zod's field errors go next to this form's fields, as sentences", () => {
    const error = trpcError("email: must be an email address", {
      code: "BAD_REQUEST",
      field: "email",
      fieldErrors: { email: "must be an email address", password: "must be at least 8 characters" },
    });
    expect(serverErrors(error, labels)).toEqual({
      fields: {
        email: "Email must be an email address.",
        password: "Password must be at least 8 characters.",
      },
      form: null,
    });
  });

  test("field errors for inputs the form does not have become the form's message", () => {
    const error = trpcError("tokenDelivery: Invalid option", {
      code: "BAD_REQUEST",
      field: "tokenDelivery",
      fieldErrors: { tokenDelivery: "Invalid option" },
    });
    expect(serverErrors(error, labels)).toEqual({
      fields: {},
      form: "tokenDelivery: Invalid option.",
    });
  });

  test("an error naming one of the form's fields goes next to it", () => {
    const error = trpcError("That email is already registered", {
      code: "CONFLICT",
      field: "email",
      fieldErrors: null,
    });
    expect(serverErrors(error, labels)).toEqual({
      fields: { email: "That email is already registered." },
      form: null,
    });
  });

  test("anything else is one message for the form, ending like a sentence", () => {
    const wrong = trpcError("Wrong email or password.", { code: "UNAUTHORIZED", field: null });
    expect(serverErrors(wrong, labels)).toEqual({ fields: {}, form: "Wrong email or password." });
    expect(serverErrors(new TypeError("Failed to fetch"), labels)).toEqual({
      fields: {},
      form: "Can't reach SupportDesk. Check your connection and try again.",
    });
    expect(serverErrors(new Error("internal detail"), labels).form).toBe(
      "Something went wrong. Try again.",
    );
  });
});

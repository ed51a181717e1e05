import { describe, expect, test } from "bun:test";
import { TRPCClientError } from "@trpc/client";
import { errorField, errorMessage, tenantSlugFromUrl } from "./trpc";

/** A TRPCClientError as httpBatchLink builds it from the server's error answer. */
function trpcError(message: string, data: Record<string, unknown>) {
  return TRPCClientError.from({ error: { code: -32600, message, data } });
}

describe("tenantSlugFromUrl", () => {
  test("the /t/:slug segment", () => {
    expect(tenantSlugFromUrl("/t/acme")).toBe("acme");
    expect(tenantSlugFromUrl("/t/acme/")).toBe("acme");
    expect(tenantSlugFromUrl("/t/acme-support-2/tickets/123")).toBe("acme-support-2");
  });

  test("none outside a tenant's pages", () => {
    for (const path of ["/", "/login", "/tickets", "/t", "/t/", "/x/t/acme", "/team/acme"]) {
      expect(tenantSlugFromUrl(path)).toBeUndefined();
    }
  });

  test("none for what cannot be a slug", () => {
    expect(tenantSlugFromUrl("/t/a")).toBeUndefined(); // too short
    expect(tenantSlugFromUrl(`/t/${"a".repeat(64)}`)).toBeUndefined(); // too long
    expect(tenantSlugFromUrl(`/t/${"a".repeat(63)}`)).toBe("a".repeat(63));
    expect(tenantSlugFromUrl("/t/Acme")).toBeUndefined();
    expect(tenantSlugFromUrl("/t/1acme")).toBeUndefined();
    expect(tenantSlugFromUrl("/t/ac.me")).toBeUndefined();
    expect(tenantSlugFromUrl("/t/acme%2Fother")).toBeUndefined();
  });
});

describe("errorMessage", () => {
  test("the server's message for a procedure error", () => {
    expect(errorMessage(trpcError("That email is already registered.", { code: "CONFLICT" }))).toBe(
      "That email is already registered.",
    );
  });

  test("a network failure says so", () => {
    expect(errorMessage(new TypeError("Failed to fetch"))).toBe(
      "Can't reach SupportDesk. Check your connection and try again.",
    );
  });

  test("anything else: a generic message, never internals", () => {
    expect(errorMessage(new Error("Cannot read properties of undefined"))).toBe(
      "Something went wrong. Try again.",
    );
    expect(errorMessage("boom")).toBe("Something went wrong. Try again.");
    expect(errorMessage(undefined)).toBe("Something went wrong. Try again.");
  });
});

describe("errorField", () => {
  test("the field a procedure error names", () => {
    expect(errorField(trpcError("email: must be an email address", { field: "email" }))).toBe(
      "email",
    );
  });

  test("null when none is named or it is not a procedure error", () => {
    expect(errorField(trpcError("Nope.", { field: null }))).toBeNull();
    expect(errorField(trpcError("Nope.", {}))).toBeNull();
    expect(errorField(new TRPCClientError("Failed to fetch"))).toBeNull();
    expect(errorField(Object.assign(new Error("x"), { data: { field: "email" } }))).toBeNull();
  });
});

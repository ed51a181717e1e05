// The input guard: a NUL anywhere in a procedure's input is a 400 naming it, before the resolver.
import { describe, expect, test } from "bun:test";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { createContextInner, type TrpcDeps } from "../context";
import { createCallerFactory, publicProcedure, router } from "../trpc";
import { findNul } from "./input-guard";

describe("findNul", () => {
  test("names the path of the first string holding U+0000", () => {
    expect(findNul({ name: "ok", items: [{ body: "fine" }, { body: "bad\u0000" }] })).toBe(
      "items.1.body",
    );
    expect(findNul("\u0000")).toBe("input");
    expect(findNul(JSON.parse('{"k\\u0000": "v"}'))).toBe("input");
  });

  test("finds nothing in clean input of any shape", () => {
    expect(findNul({ a: "x", b: [1, true, null, { c: "y" }] })).toBeNull();
    expect(findNul(undefined)).toBeNull();
    expect(findNul("escaped \\u0000 is only text")).toBeNull();
  });

  test("walks input nested far deeper than the call stack", () => {
    let deep: unknown = "bottom\u0000";
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(findNul(deep)?.split(".")).toHaveLength(100_000);
  });
});

describe("publicProcedure", () => {
  let ran = 0;
  const echo = router({
    echo: publicProcedure
      .input(z.object({ name: z.string(), tags: z.array(z.string()).optional() }))
      .mutation(({ input }) => {
        ran++;
        return input;
      }),
  });
  // The guard needs no dependencies: nothing of deps is touched before it refuses.
  const caller = createCallerFactory(echo)(createContextInner({} as TrpcDeps));

  test("refuses a NUL with BAD_REQUEST naming the field, and the resolver never runs", async () => {
    const error = await caller.echo({ name: "ok", tags: ["a", "b\u0000"] }).catch((e) => e);
    expect(error).toBeInstanceOf(TRPCError);
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.field).toBe("tags.1");
    expect(error.message).toContain("tags.1");
    expect(ran).toBe(0);
  });

  test("lets clean input through", async () => {
    expect(await caller.echo({ name: "Zoë ✓" })).toEqual({ name: "Zoë ✓" });
    expect(ran).toBe(1);
  });
});

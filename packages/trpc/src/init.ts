// tRPC init: the context type and the error formatter (procedures are built in trpc.ts).
import { initTRPC } from "@trpc/server";
import { z } from "zod";
import type { Context } from "./context";

/** zod issues as `{ "a.b": "message" }`, so a form can show each next to its field. */
function fieldErrors(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "input";
    out[key] ??= issue.message;
  }
  return out;
}

export const t = initTRPC.context<Context>().create({
  // Stack traces never leave the server, in any environment.
  isDev: false,
  errorFormatter({ shape, error }) {
    const zod = error.cause instanceof z.ZodError ? error.cause : undefined;
    if (zod) {
      const fields = fieldErrors(zod);
      const [first] = Object.entries(fields);
      return {
        ...shape,
        message: first ? `${first[0]}: ${first[1]}` : "Invalid input.",
        data: {
          code: shape.data.code,
          httpStatus: shape.data.httpStatus,
          field: first?.[0] ?? null,
          fieldErrors: fields,
        },
      };
    }
    const field = (error as { field?: string }).field ?? null;
    return {
      ...shape,
      data: { code: shape.data.code, httpStatus: shape.data.httpStatus, field, fieldErrors: null },
    };
  },
});

export const middleware = t.middleware;

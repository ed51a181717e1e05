// tRPC init: the context type and the error formatter (procedures are built in trpc.ts).
import type { Permission } from "@supportdesk/domain";
import { initTRPC } from "@trpc/server";
import { z } from "zod";
import type { Context } from "./context";
import { internalMessage } from "./errors";

/** zod issues as `{ "a.b": "message" }`, so a form can show each next to its field. */
function fieldErrors(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "input";
    out[key] ??= issue.message;
  }
  return out;
}

/**
 * What a procedure declares about itself. `permissions`: what the service it calls checks, for
 * the inputs it is usually given (the permission matrix test proves each declaration against
 * the service; the routers enforce nothing themselves). Tenant procedures without it need only
 * membership (the caller's own notifications, leaving).
 */
export type Meta = { permissions?: readonly Permission[] };

export const t = initTRPC
  .context<Context>()
  .meta<Meta>()
  .create({
    // Stack traces never leave the server, in any environment.
    isDev: false,
    errorFormatter({ shape, error, ctx }) {
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
      const data = {
        code: shape.data.code,
        httpStatus: shape.data.httpStatus,
        field,
        fieldErrors: null,
      };
      // 4xx answers stay the same bytes on every request (a foreign tenant's 404 must match a
      // missing one's); only a server failure carries the request id, for the person to quote.
      if (shape.data.httpStatus < 500) return { ...shape, data };
      return {
        ...shape,
        // The last guard: whatever produced an internal error (mapErrors already made procedures'
        // generic), its own message — a failed query's SQL and parameters — never reaches a client.
        message:
          error.code === "INTERNAL_SERVER_ERROR"
            ? internalMessage(ctx?.request.requestId)
            : shape.message,
        data: { ...data, requestId: ctx?.request.requestId ?? null },
      };
    },
  });

export const middleware = t.middleware;

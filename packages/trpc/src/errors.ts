// One table from domain errors to tRPC codes, and the shape every error takes on the wire.
import { TokenError } from "@supportdesk/auth-utils";
import { DatabaseInputError, isDatabaseUnavailable } from "@supportdesk/database";
import { AppError, type AppErrorCode } from "@supportdesk/services";
import { TRPCError } from "@trpc/server";
import type { TRPC_ERROR_CODE_KEY } from "@trpc/server/rpc";

export const appErrorToTrpc: Record<AppErrorCode, TRPC_ERROR_CODE_KEY> = {
  BAD_REQUEST: "BAD_REQUEST",
  UNAUTHENTICATED: "UNAUTHORIZED",
  FORBIDDEN: "FORBIDDEN",
  NOT_FOUND: "NOT_FOUND",
  CONFLICT: "CONFLICT",
  PRECONDITION_FAILED: "PRECONDITION_FAILED",
  RATE_LIMITED: "TOO_MANY_REQUESTS",
};

const databaseCodes: Record<DatabaseInputError["code"], TRPC_ERROR_CODE_KEY> = {
  SLUG_INVALID: "BAD_REQUEST",
  SLUG_TAKEN: "CONFLICT",
  NAME_INVALID: "BAD_REQUEST",
  TENANT_ID_INVALID: "NOT_FOUND",
};

/** What a client is told when the database cannot answer; it should retry after RETRY_AFTER_SECONDS. */
export const UNAVAILABLE_MESSAGE = "The service is briefly unavailable; try again shortly.";
export const RETRY_AFTER_SECONDS = 5;

/** What a client is told about a failure it cannot act on: the id to quote, nothing else. */
export const internalMessage = (requestId: string | undefined): string =>
  requestId
    ? `Something went wrong on our side; try again. If it keeps happening, quote request ${requestId}.`
    : "Something went wrong on our side; try again.";

const reported = new WeakSet<object>();

/** Marks an error as logged (by mapErrors), so the transport does not log it a second time. */
export function markReported<E extends object>(error: E): E {
  reported.add(error);
  return error;
}

/** Whether `markReported` saw this error. */
export const wasReported = (error: object): boolean => reported.has(error);

/** A 400 naming the offending input field (shown next to it by forms: `data.field`). */
export function badRequest(field: string, message: string): TRPCError & { field: string } {
  return Object.assign(new TRPCError({ code: "BAD_REQUEST", message }), { field });
}

/**
 * Turns what a procedure threw into a TRPCError a client may see. Domain errors keep their
 * message and field; a database that cannot answer is SERVICE_UNAVAILABLE; anything else
 * unexpected is INTERNAL_SERVER_ERROR with a generic message and the request id (the original
 * goes to the log, redacted, never to the client). tRPC wraps what a resolver throws in an
 * INTERNAL_SERVER_ERROR whose message is the original's (a failed query's SQL and parameters):
 * that message is never passed on.
 */
export function toTrpcError(
  error: unknown,
  requestId?: string,
): TRPCError & { field?: string | undefined } {
  const cause = error instanceof TRPCError && error.cause ? error.cause : error;
  if (cause instanceof AppError) {
    return Object.assign(
      new TRPCError({ code: appErrorToTrpc[cause.code], message: cause.message, cause }),
      {
        field: cause.field,
      },
    );
  }
  if (cause instanceof DatabaseInputError) {
    return Object.assign(
      new TRPCError({ code: databaseCodes[cause.code], message: cause.message, cause }),
      { field: cause.field },
    );
  }
  if (cause instanceof TokenError) {
    return new TRPCError({
      code: "UNAUTHORIZED",
      message: "Sign in again: your session token is not valid.",
      cause,
    });
  }
  if (isDatabaseUnavailable(cause)) {
    return new TRPCError({ code: "SERVICE_UNAVAILABLE", message: UNAVAILABLE_MESSAGE, cause });
  }
  if (error instanceof TRPCError && error.code !== "INTERNAL_SERVER_ERROR") return error;
  return new TRPCError({
    code: "INTERNAL_SERVER_ERROR",
    message: internalMessage(requestId),
    cause,
  });
}

// One table from domain errors to tRPC codes, and the shape every error takes on the wire.
import { TokenError } from "@supportdesk/auth-utils";
import { DatabaseInputError } from "@supportdesk/database";
import { JobPayloadError } from "@supportdesk/queue";
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
  SLUG_RESERVED: "BAD_REQUEST",
  SLUG_TAKEN: "CONFLICT",
  NAME_INVALID: "BAD_REQUEST",
  TENANT_ID_INVALID: "NOT_FOUND",
};

/**
 * Turns what a procedure threw into a TRPCError a client may see. Anything unexpected becomes
 * INTERNAL_SERVER_ERROR with a generic message (the original goes to the logs, not the client).
 */
export function toTrpcError(error: unknown): TRPCError & { field?: string | undefined } {
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
  if (cause instanceof JobPayloadError) {
    return new TRPCError({
      code: "INTERNAL_SERVER_ERROR",
      message: "Something went wrong; try again.",
      cause,
    });
  }
  if (error instanceof TRPCError) return error;
  return new TRPCError({
    code: "INTERNAL_SERVER_ERROR",
    message: "Something went wrong; try again.",
    cause: error,
  });
}

// The one error domain code throws: a stable code, a message a person can act on, the field.

/** Domain error codes; `@supportdesk/trpc` maps each to one tRPC code in one table. */
export type AppErrorCode =
  | "BAD_REQUEST"
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "CONFLICT"
  | "PRECONDITION_FAILED"
  | "RATE_LIMITED";

/**
 * @example
 * throw new AppError("CONFLICT", "That email is already registered; sign in instead.", { field: "email" });
 */
export class AppError extends Error {
  override name = "AppError";
  readonly field: string | undefined;
  constructor(
    readonly code: AppErrorCode,
    message: string,
    options: { field?: string; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.field = options.field;
  }
}

/** The same answer for "does not exist" and "belongs to another tenant": reveal nothing. */
export const notFound = (what: string): AppError => new AppError("NOT_FOUND", `${what} not found.`);

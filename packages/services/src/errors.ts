// The one error domain code throws: a stable code, a message a person can act on, the field.
import type { AppErrorCode } from "@supportdesk/domain";

export type { AppErrorCode };

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

// Errors the database package throws for bad input; each names its field and a stable code.

export type DatabaseErrorCode =
  | "SLUG_INVALID"
  | "SLUG_TAKEN"
  | "NAME_INVALID"
  | "TENANT_ID_INVALID";

/**
 * Bad input that reached the database layer. `code` is stable for mapping to API errors,
 * `field` names the offending input, `message` says what to do.
 */
export class DatabaseInputError extends Error {
  override name = "DatabaseInputError";
  constructor(
    readonly code: DatabaseErrorCode,
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

export class TenantContextError extends DatabaseInputError {
  constructor(value: string) {
    super(
      "TENANT_ID_INVALID",
      "tenantId",
      `tenantId must be a UUID (got ${JSON.stringify(value.slice(0, 40))})`,
    );
  }
}

/**
 * Driver and system codes that mean "the database cannot answer right now", not "this request is
 * wrong": the server is unreachable or restarting, the connection broke, or it is overloaded.
 */
const UNAVAILABLE_CODES = new Set([
  // The network (Node/Bun sockets).
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EPIPE",
  // postgres.js.
  "CONNECT_TIMEOUT",
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
  // PostgreSQL: the server is shutting down, starting up or out of connections; a statement or an
  // idle transaction ran past its timeout; the connection failed.
  "57P01",
  "57P02",
  "57P03",
  "57014",
  "25P03",
  "53300",
  "53400",
  "08000",
  "08001",
  "08003",
  "08004",
  "08006",
]);

/**
 * True when `error` (or one of its causes: Drizzle wraps the driver's error) says the database is
 * unavailable, so a client should retry later (503) rather than fix its request.
 *
 * @example
 * if (isDatabaseUnavailable(error)) return serviceUnavailable();
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  let current = error;
  for (let depth = 0; depth < 5 && typeof current === "object" && current !== null; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && UNAVAILABLE_CODES.has(code)) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

// Errors the database package throws for bad input; each names its field and a stable code.

export type DatabaseErrorCode =
  | "SLUG_INVALID"
  | "SLUG_RESERVED"
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

// Errors as log fields without the data they carry: no SQL parameters, emails, hashes or tokens.

/** Fields of driver and system errors that describe what failed, never the values involved. */
const KEPT_FIELDS = [
  "code",
  "errno",
  "syscall",
  "address",
  "port",
  "severity",
  "routine",
  "constraint_name",
  "table_name",
  "column_name",
  "schema_name",
  "hint",
] as const;

const MAX_CAUSES = 5;
const MAX_TEXT = 2000;

/**
 * Removes values from free text: Drizzle's "params: …" tail (it lists every bound value), and
 * anything shaped like an email, an Argon2 hash, a JWT, a bearer token or an API key.
 */
export function scrubText(text: string): string {
  const params = text.indexOf("\nparams:");
  const head = params === -1 ? text : text.slice(0, params);
  return head
    .slice(0, MAX_TEXT)
    .replace(/\$argon2(?:id|i|d)\$\S+/g, "[redacted]")
    .replace(/\beyJ[\w-]+\.[\w-]+\.[\w-]+/g, "[redacted]")
    .replace(/\bBearer\s+\S+/gi, "Bearer [redacted]")
    .replace(/\bsdk_\w+/g, "[redacted]")
    .replace(/[^\s@"'<>(),;:=]+@[^\s@"'<>(),;:=]+\.[^\s@"'<>(),;:=]+/g, "[email]");
}

type ErrorLike = { message: string; name?: unknown; stack?: unknown; cause?: unknown };

const isErrorLike = (value: unknown): value is ErrorLike =>
  typeof value === "object" && value !== null && typeof (value as ErrorLike).message === "string";

/** Only the call frames: a stack's first lines repeat the message, parameters and all. */
const frames = (stack: unknown): string | undefined =>
  typeof stack === "string"
    ? stack
        .split("\n")
        .filter((line) => /^\s+at /.test(line))
        .slice(0, 20)
        .join("\n")
    : undefined;

/**
 * A log-safe copy of an error and its causes: type, scrubbed message, the SQL text (it holds
 * placeholders, not values), diagnostic codes and call frames. Anything else an error carries
 * (postgres.js `parameters`/`args`, Drizzle `params`, a PostgreSQL `detail` such as
 * "Key (email)=(…) already exists") is left out. Strings are scrubbed; other values pass.
 *
 * @example
 * createLogger(…) uses it for `err`: log.error({ err: error, requestId }, "procedure failed")
 */
export function safeError(value: unknown, depth = 0): unknown {
  if (typeof value === "string") return scrubText(value);
  if (!isErrorLike(value)) return value;
  const source = value as ErrorLike & Record<string, unknown>;
  const out: Record<string, unknown> = {
    type: typeof source.name === "string" ? source.name : source.constructor?.name,
    message: scrubText(source.message),
  };
  if (typeof source.query === "string") out.query = scrubText(source.query);
  for (const field of KEPT_FIELDS) {
    const kept = source[field];
    if (typeof kept === "string") out[field] = scrubText(kept);
    else if (typeof kept === "number") out[field] = kept;
  }
  const stack = frames(source.stack);
  if (stack) out.stack = stack;
  if (source.cause !== undefined && depth < MAX_CAUSES) {
    out.cause = safeError(source.cause, depth + 1);
  }
  return out;
}

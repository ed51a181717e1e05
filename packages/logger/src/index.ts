// @supportdesk/logger: structured JSON logs (pino) that never carry secrets.
import { pino } from "pino";
import { safeError, scrubText } from "./safe-error";

export { safeError, scrubText } from "./safe-error";

export type Logger = pino.Logger;

/**
 * Paths whose values are replaced by "[redacted]" wherever they appear in a log line: tokens,
 * passwords, secrets, keys, cookies, SQL parameters and raw email addresses never reach the logs.
 */
export const redactPaths = [
  "password",
  "*.password",
  "currentPassword",
  "*.currentPassword",
  "newPassword",
  "*.newPassword",
  "passwordHash",
  "*.passwordHash",
  "password_hash",
  "*.password_hash",
  "token",
  "*.token",
  "accessToken",
  "*.accessToken",
  "refreshToken",
  "*.refreshToken",
  "refreshCookie",
  "*.refreshCookie",
  "secret",
  "*.secret",
  "apiKey",
  "*.apiKey",
  "email",
  "*.email",
  "authorization",
  "*.authorization",
  "cookie",
  "*.cookie",
  "parameters",
  "*.parameters",
  "params",
  "*.params",
  "req.headers.authorization",
  "req.headers.cookie",
  "*.headers.authorization",
  "*.headers.cookie",
  'res.headers["set-cookie"]',
];

/** An error's own message, when pino would use it as the line's `msg`. */
function errorMessage(value: unknown): string | undefined {
  if (value instanceof Error) return value.message;
  const err = (value as { err?: unknown } | null)?.err;
  return err instanceof Error ? err.message : undefined;
}

/**
 * pino makes an error's raw message the line's `msg` when the call gives none
 * (`log.error(err)`, `log.error({ err })`); give it the scrubbed message instead.
 */
function scrubbedMessage(this: Logger, args: Parameters<pino.LogFn>, method: pino.LogFn): void {
  const [first, second] = args as unknown[];
  const message = typeof second === "string" ? undefined : errorMessage(first);
  const scrubbed = message === undefined ? args : [first, scrubText(message), ...args.slice(1)];
  method.apply(this, scrubbed as Parameters<pino.LogFn>);
}

/**
 * The process's root logger; bind request, tenant and user ids with `.child({ … })`. Errors
 * logged under `err` (or `error`) go through `safeError`: type, scrubbed message, SQL text and
 * codes, never the values a query was given. `destination` replaces stdout (tests capture lines).
 *
 * @example
 * const log = createLogger({ name: "server", level: env().LOG_LEVEL });
 * log.child({ requestId, tenantId }).info("ticket created");
 * log.error({ err, requestId }, "procedure failed");
 */
export function createLogger(options: {
  name: string;
  level?: string;
  destination?: pino.DestinationStream;
}): Logger {
  const settings: pino.LoggerOptions = {
    name: options.name,
    level: options.level ?? "info",
    redact: { paths: redactPaths, censor: "[redacted]" },
    serializers: { err: safeError, error: safeError },
    hooks: { logMethod: scrubbedMessage },
    base: { service: options.name },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  return options.destination ? pino(settings, options.destination) : pino(settings);
}

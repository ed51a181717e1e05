// @supportdesk/logger: structured JSON logs (pino) that never carry secrets.
import { pino } from "pino";

export type Logger = pino.Logger;

/**
 * Paths whose values are replaced by "[redacted]" wherever they appear in a log line: tokens,
 * passwords, secrets, keys and raw email addresses never reach the logs.
 */
export const redactPaths = [
  "password",
  "*.password",
  "passwordHash",
  "*.passwordHash",
  "token",
  "*.token",
  "accessToken",
  "*.accessToken",
  "refreshToken",
  "*.refreshToken",
  "secret",
  "*.secret",
  "apiKey",
  "*.apiKey",
  "email",
  "*.email",
  "authorization",
  "*.authorization",
  "req.headers.authorization",
  "req.headers.cookie",
  'res.headers["set-cookie"]',
];

/**
 * The process's root logger; bind request, tenant and user ids with `.child({ … })`.
 *
 * @example
 * const log = createLogger({ name: "server", level: env().LOG_LEVEL });
 * log.child({ requestId, tenantId }).info("ticket created");
 */
export function createLogger(options: { name: string; level?: string }): Logger {
  return pino({
    name: options.name,
    level: options.level ?? "info",
    redact: { paths: redactPaths, censor: "[redacted]" },
    base: { service: options.name },
    timestamp: pino.stdTimeFunctions.isoTime,
  });
}

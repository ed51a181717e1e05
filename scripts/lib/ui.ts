// Console output and the expected-failure error type shared by the local services scripts.

/** A failure the user can act on: printed as a plain message (no stack trace), exit code 1. */
export class UserError extends Error {
  override name = "UserError";
}

let quiet = false;

/** Output for people: `info` is silenced by `--quiet`, warnings never are. */
export const ui = {
  setQuiet(value: boolean): void {
    quiet = value;
  },
  get quiet(): boolean {
    return quiet;
  },
  info(message: string): void {
    if (!quiet) console.log(message);
  },
  /** Something slow or surprising is happening (an install, a fallback): always shown. */
  notice(message: string): void {
    console.error(message);
  },
  warn(message: string): void {
    console.error(`warning: ${message}`);
  },
};

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Hides the password of a connection URL so it can be printed. */
export function maskUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "****";
    return parsed.href;
  } catch {
    return "<unparseable URL>";
  }
}

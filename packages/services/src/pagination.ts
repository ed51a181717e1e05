// Cursor pagination: opaque cursors over (created_at, id), and seed 001's response envelope.
import { AppError } from "./errors";

export type Cursor = { createdAt: string; id: string };

/** The list envelope every paginated procedure returns. */
export type Page<T> = {
  data: T[];
  pagination: {
    cursor: string | null;
    next_cursor: string | null;
    has_next: boolean;
    per_page: number;
  };
  tenant_id: string;
};

/** A cursor after `row`, carrying its sort column (`createdAt` unless the list sorts by another). */
export function encodeCursor(
  row: { createdAt: Date; id: string; updatedAt?: Date },
  key: "createdAt" | "updatedAt" = "createdAt",
): string {
  const at = key === "updatedAt" && row.updatedAt ? row.updatedAt : row.createdAt;
  return Buffer.from(JSON.stringify([at.toISOString(), row.id])).toString("base64url");
}

/** What `toISOString` writes for the years a row can have (no expanded `+275760-…` years). */
const ISO_TIMESTAMP = /^(\d{4})-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Rows are created now: a cursor outside these years is not one this API wrote. */
const FIRST_YEAR = 2000;
const LAST_YEAR = 2999;
/** The base64url of the longest cursor `encodeCursor` writes is 96 characters. */
const MAX_CURSOR_LENGTH = 200;

/** True for a timestamp exactly as `encodeCursor` writes it, naming a real instant in range. */
function isCursorTimestamp(value: unknown): value is string {
  if (typeof value !== "string") return false;
  const match = ISO_TIMESTAMP.exec(value);
  const year = Number(match?.[1]);
  if (!match || year < FIRST_YEAR || year > LAST_YEAR) return false;
  // Round-tripping rejects what Date would roll over, such as February 30th or 25:00.
  const date = new Date(value);
  return !Number.isNaN(date.getTime()) && date.toISOString() === value;
}

/**
 * Decodes a cursor from a client: exactly `[ISO timestamp, UUID]` as `encodeCursor` wrote it.
 * Anything else is a BAD_REQUEST naming `cursor`, before it can reach (and fail) a query.
 */
export function decodeCursor(cursor: string): Cursor {
  if (cursor.length <= MAX_CURSOR_LENGTH) {
    try {
      const value: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
      if (
        Array.isArray(value) &&
        value.length === 2 &&
        isCursorTimestamp(value[0]) &&
        typeof value[1] === "string" &&
        UUID.test(value[1])
      ) {
        return { createdAt: value[0], id: value[1] };
      }
    } catch {
      // Fall through to the error below.
    }
  }
  throw new AppError("BAD_REQUEST", "cursor is not one this API returned.", { field: "cursor" });
}

/** Builds the envelope from `perPage + 1` fetched rows (`key`: the column the list sorts by). */
export function toPage<T extends { createdAt: Date; id: string; updatedAt?: Date }>(
  rows: T[],
  perPage: number,
  tenantId: string,
  cursor: string | undefined,
  key: "createdAt" | "updatedAt" = "createdAt",
): Page<T> {
  const data = rows.slice(0, perPage);
  const hasNext = rows.length > perPage;
  const last = data[data.length - 1];
  return {
    data,
    pagination: {
      cursor: cursor ?? null,
      next_cursor: hasNext && last ? encodeCursor(last, key) : null,
      has_next: hasNext,
      per_page: perPage,
    },
    tenant_id: tenantId,
  };
}

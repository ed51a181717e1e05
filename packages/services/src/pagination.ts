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

export function encodeCursor(row: { createdAt: Date; id: string }): string {
  return Buffer.from(JSON.stringify([row.createdAt.toISOString(), row.id])).toString("base64url");
}

/** Decodes a cursor from a client; anything malformed is a BAD_REQUEST naming `cursor`. */
export function decodeCursor(cursor: string): Cursor {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (
      Array.isArray(value) &&
      typeof value[0] === "string" &&
      typeof value[1] === "string" &&
      !Number.isNaN(Date.parse(value[0])) &&
      /^[0-9a-f-]{36}$/i.test(value[1])
    ) {
      return { createdAt: value[0], id: value[1] };
    }
  } catch {
    // Fall through to the error below.
  }
  throw new AppError("BAD_REQUEST", "cursor is not one this API returned.", { field: "cursor" });
}

/** Builds the envelope from `perPage + 1` fetched rows. */
export function toPage<T extends { createdAt: Date; id: string }>(
  rows: T[],
  perPage: number,
  tenantId: string,
  cursor: string | undefined,
): Page<T> {
  const data = rows.slice(0, perPage);
  const hasNext = rows.length > perPage;
  const last = data[data.length - 1];
  return {
    data,
    pagination: {
      cursor: cursor ?? null,
      next_cursor: hasNext && last ? encodeCursor(last) : null,
      has_next: hasNext,
      per_page: perPage,
    },
    tenant_id: tenantId,
  };
}

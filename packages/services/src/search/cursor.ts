// Cursors for ranked results: the last row's rank and id, opaque to clients, checked strictly.
import { AppError } from "../errors";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type RankCursor = { rank: number; id: string };

export function encodeRankCursor(row: RankCursor): string {
  return Buffer.from(JSON.stringify([row.rank, row.id])).toString("base64url");
}

/** Exactly `[finite number, UUID]` as `encodeRankCursor` wrote it, else BAD_REQUEST naming `cursor`. */
export function decodeRankCursor(cursor: string): RankCursor {
  if (cursor.length <= 200) {
    try {
      const value: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
      if (
        Array.isArray(value) &&
        value.length === 2 &&
        typeof value[0] === "number" &&
        Number.isFinite(value[0]) &&
        Math.abs(value[0]) < 1e15 &&
        typeof value[1] === "string" &&
        UUID.test(value[1])
      ) {
        return { rank: value[0], id: value[1] };
      }
    } catch {
      // Fall through to the error below.
    }
  }
  throw new AppError("BAD_REQUEST", "cursor is not one this API returned.", { field: "cursor" });
}

/** A page of ranked rows from `limit + 1` fetched ones. */
export function rankedPage<T extends RankCursor>(rows: T[], limit: number) {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return {
    items,
    nextCursor: rows.length > limit && last ? encodeRankCursor(last) : null,
  };
}

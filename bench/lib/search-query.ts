// The SQL behind search.query (type "tickets"), captured from the service itself (not copied) for
// pgbench: searchTickets runs once inside withTenant while postgres.js reports what it sends.
import { createDatabase } from "@supportdesk/database";
import { builtInGrant, search } from "@supportdesk/services";

export type CapturedSearch = { text: string; params: unknown[]; hits: number };

/** The ranked-tickets statement of a first page of `q` (20 per page) for `tenantId`. */
export async function captureSearchQuery(
  appUrl: string,
  tenantId: string,
  q: string,
): Promise<CapturedSearch> {
  const db = createDatabase({ url: appUrl, max: 1 });
  const statements: { text: string; params: unknown[] }[] = [];
  db.sql.options.debug = (_connection: number, text: string, params: unknown[]) => {
    statements.push({ text, params: [...params] });
  };
  try {
    const page = await db.withTenant(tenantId, (tx) =>
      search.searchTickets(
        {
          tx,
          tenantId,
          ...builtInGrant("member"),
          actor: { userId: null, apiKeyId: null, ip: null, userAgent: null },
        },
        { q, limit: 20 },
      ),
    );
    const found = statements.find((s) => /with page as/i.test(s.text));
    if (!found) throw new Error("could not find the search statement among the captured ones");
    return { ...found, hits: page.items.length };
  } finally {
    await db.close().catch(() => {});
  }
}

/**
 * The statement for a pgbench script: integers become `\set` variables, strings are inlined as
 * SQL literals (pgbench passes only numbers), so the text PostgreSQL plans is the server's.
 */
export function searchForPgbench(captured: { text: string; params: unknown[] }): {
  sets: string[];
  text: string;
} {
  const sets: string[] = [];
  const text = captured.text.replace(/\$(\d+)/g, (_m, n: string) => {
    const value = captured.params[Number(n) - 1];
    if (typeof value === "number" && Number.isInteger(value)) {
      sets.push(`\\set p${n} ${value}`);
      return `:p${n}`;
    }
    if (typeof value === "string") return `'${value.replaceAll("'", "''")}'`;
    throw new Error(`search parameter $${n} is ${JSON.stringify(value)}: neither integer nor text`);
  });
  return { sets: [...new Set(sets)], text };
}

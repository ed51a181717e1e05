// The SQL behind tickets.list, captured from the service itself (not copied), for pgbench and
// EXPLAIN: listTickets runs once inside withTenant while postgres.js reports what it sends.
import { createDatabase } from "@supportdesk/database";
import { builtInGrant, tickets } from "@supportdesk/services";

export type CapturedQuery = {
  /** Every statement of the request's transaction, in order, with its parameters. */
  statements: { text: string; params: unknown[] }[];
  /** The tickets.list query and its parameters. */
  list: { text: string; params: unknown[] };
  rows: number;
};

/** Runs the first page of tickets.list (perPage 25) for `tenantId` as `appUrl`'s role. */
export async function captureListQuery(appUrl: string, tenantId: string): Promise<CapturedQuery> {
  const db = createDatabase({ url: appUrl, max: 1 });
  const statements: { text: string; params: unknown[] }[] = [];
  db.sql.options.debug = (_connection: number, text: string, params: unknown[]) => {
    statements.push({ text, params: [...params] });
  };
  try {
    const page = await db.withTenant(tenantId, (tx) =>
      tickets.listTickets(
        {
          tx,
          tenantId,
          ...builtInGrant("member"),
          actor: { userId: null, apiKeyId: null, ip: null, userAgent: null },
        },
        { perPage: 25 },
      ),
    );
    const list = statements.find((s) => /from "tickets"/i.test(s.text));
    if (!list) {
      throw new Error(
        `could not find the tickets query among: ${statements.map((s) => s.text).join(" | ")}`,
      );
    }
    return { statements, list, rows: page.data.length };
  } finally {
    await db.close().catch(() => {});
  }
}

/** The list query with `$n` replaced by pgbench variables `:pn`, and the `\set` lines for them. */
export function forPgbench(list: { text: string; params: unknown[] }): {
  sets: string[];
  text: string;
} {
  const sets = list.params.map((value, i) => {
    if (typeof value !== "number" || !Number.isInteger(value)) {
      throw new Error(
        `pgbench can pass only integer parameters; parameter $${i + 1} is ${JSON.stringify(value)}`,
      );
    }
    return `\\set p${i + 1} ${value}`;
  });
  return { sets, text: list.text.replace(/\$(\d+)/g, (_m, n: string) => `:p${n}`) };
}

/** EXPLAIN (ANALYZE, BUFFERS) of the list query for one tenant, run as `appUrl`'s role. */
export async function explainList(
  appUrl: string,
  tenantId: string,
  list: { text: string; params: unknown[] },
): Promise<string> {
  const db = createDatabase({ url: appUrl, max: 1 });
  try {
    return await db.sql.begin(async (tx) => {
      await tx`select set_config('app.tenant_id', ${tenantId}, true)`;
      // Twice: the first run warms the plan cache and buffers; report the second.
      const explain = `explain (analyze, buffers) ${list.text}`;
      await tx.unsafe(explain, list.params as never[]);
      const rows = await tx.unsafe<{ "QUERY PLAN": string }[]>(explain, list.params as never[]);
      return rows.map((r) => r["QUERY PLAN"]).join("\n");
    });
  } finally {
    await db.close().catch(() => {});
  }
}

// The SQL behind a procedure, captured from the service itself (not copied), for pgbench and
// EXPLAIN: the service runs once inside withTenant while postgres.js reports what it sends.
import { createDatabase } from "@supportdesk/database";
import { builtInGrant, type TenantScope, tickets } from "@supportdesk/services";

export type Captured<T> = {
  /** Every statement of the request's transaction, in order, with its parameters. */
  statements: { text: string; params: unknown[] }[];
  /** The statement `pick` chose, and its parameters. */
  list: { text: string; params: unknown[] };
  result: T;
};

/** Runs `run` once for `tenantId` as a member (as `appUrl`'s role), keeping what it sent. */
export async function captureQuery<T>(
  appUrl: string,
  tenantId: string,
  run: (scope: TenantScope) => Promise<T>,
  pick: RegExp,
): Promise<Captured<T>> {
  const db = createDatabase({ url: appUrl, max: 1 });
  const statements: { text: string; params: unknown[] }[] = [];
  db.sql.options.debug = (_connection: number, text: string, params: unknown[]) => {
    statements.push({ text, params: [...params] });
  };
  try {
    const result = await db.withTenant(tenantId, (tx) =>
      run({
        tx,
        tenantId,
        ...builtInGrant("member"),
        actor: { userId: null, apiKeyId: null, ip: null, userAgent: null },
      }),
    );
    const list = statements.find((s) => pick.test(s.text));
    if (!list) {
      throw new Error(
        `could not find ${pick} among: ${statements.map((s) => s.text.slice(0, 120)).join(" | ")}`,
      );
    }
    return { statements, list, result };
  } finally {
    await db.close().catch(() => {});
  }
}

/** The first page of tickets.list (perPage 25) for `tenantId`. */
export async function captureListQuery(appUrl: string, tenantId: string) {
  const captured = await captureQuery(
    appUrl,
    tenantId,
    (scope) => tickets.listTickets(scope, { perPage: 25 }),
    /from "tickets"/i,
  );
  return { ...captured, rows: captured.result.data.length };
}

/**
 * A captured statement for a pgbench script: integer parameters become `\set` variables (`:pn`),
 * text ones are inlined as SQL literals (pgbench passes only numbers).
 */
export function forPgbench(list: { text: string; params: unknown[] }): {
  sets: string[];
  text: string;
} {
  const sets: string[] = [];
  const text = list.text.replace(/\$(\d+)/g, (_m, n: string) => {
    const value = list.params[Number(n) - 1];
    if (typeof value === "number" && Number.isInteger(value)) {
      sets.push(`\\set p${n} ${value}`);
      return `:p${n}`;
    }
    if (typeof value === "string") return `'${value.replaceAll("'", "''")}'`;
    throw new Error(`parameter $${n} is ${JSON.stringify(value)}: neither integer nor text`);
  });
  return { sets: [...new Set(sets)], text };
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

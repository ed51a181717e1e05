// pgbench with a custom script doing what the API does per request, as the app role.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { track } from "./children";
import { type LatencySummary, Samples, summarize } from "./stats";

/** pgbench on PATH, else the newest /usr/lib/postgresql/<v>/bin/pgbench. */
export function findPgbench(): string {
  const onPath = Bun.which("pgbench");
  if (onPath) return onPath;
  const base = "/usr/lib/postgresql";
  const versions = existsSync(base)
    ? readdirSync(base)
        .filter((v) => existsSync(join(base, v, "bin", "pgbench")))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions[0]) return join(base, versions[0], "bin", "pgbench");
  throw new Error(
    "pgbench was not found (on PATH or in /usr/lib/postgresql/*/bin). It ships with PostgreSQL: " +
      "on Debian/Ubuntu `apt-get install postgresql-client`, on macOS `brew install libpq`.",
  );
}

/**
 * The transaction of one tickets.list request: the tenant picked at random, set as the context
 * (the subquery reads the serial-numbered helper table), then the list query with limit 26.
 */
export function pgbenchScript(tenants: number, list: { sets: string[]; text: string }): string {
  return [
    `\\set n random(1, ${tenants})`,
    ...list.sets,
    "BEGIN;",
    "select set_config('app.tenant_id', (select tenant_id::text from bench_tenants where n = :n), true);",
    `${list.text};`,
    "COMMIT;",
    "",
  ].join("\n");
}

export type PgbenchResult = {
  command: string;
  tps: number;
  transactions: number;
  failed: number;
  latencyAverageMs: number;
  latencyMs: LatencySummary;
};

async function runPgbench(args: string[], cwd: string): Promise<string> {
  const child = track(Bun.spawn(args, { cwd, stdout: "pipe", stderr: "pipe", stdin: "ignore" }));
  const [out, err, code] = await Promise.all([
    new Response(child.stdout).text(),
    new Response(child.stderr).text(),
    child.exited,
  ]);
  if (code !== 0) {
    throw new Error(`pgbench failed (exit ${code}): ${(err || out).trim().slice(-2000)}`);
  }
  return out;
}

const redact = (url: string) => url.replace(/\/\/([^:@/]+):[^@/]*@/, "//$1:***@");

/** Runs pgbench for `seconds` at `clients`; latency percentiles come from its per-transaction log. */
export async function pgbench(options: {
  url: string;
  scriptFile: string;
  workDir: string;
  clients: number;
  threads: number;
  seconds: number;
  warmupSeconds: number;
}): Promise<PgbenchResult> {
  const bin = findPgbench();
  const common = [
    bin,
    "--no-vacuum",
    "--protocol=prepared",
    `--client=${options.clients}`,
    `--jobs=${options.threads}`,
    `--file=${options.scriptFile}`,
  ];
  if (options.warmupSeconds > 0) {
    await runPgbench([...common, `--time=${options.warmupSeconds}`, options.url], options.workDir);
  }
  // Its own log prefix: a run reads only its own per-transaction logs, not an earlier run's.
  const prefix = `pgbench_tx_${options.clients}_${crypto.randomUUID().slice(0, 8)}`;
  const args = [
    ...common,
    `--time=${options.seconds}`,
    "--log",
    `--log-prefix=${prefix}`,
    options.url,
  ];
  const out = await runPgbench(args, options.workDir);
  const number = (pattern: RegExp) => {
    const match = pattern.exec(out);
    if (!match?.[1]) throw new Error(`could not read ${pattern} from pgbench's output:\n${out}`);
    return Number(match[1]);
  };
  const samples = new Samples();
  for (const file of readdirSync(options.workDir).filter((f) => f.startsWith(`${prefix}.`))) {
    for (const line of readFileSync(join(options.workDir, file), "utf8").split("\n")) {
      // client_id transaction_no time(µs) script_no time_epoch time_us …
      const micros = line.split(" ")[2];
      if (micros) samples.push(Number(micros) / 1000);
    }
  }
  return {
    command: [...args.slice(0, -1), redact(options.url)].join(" "),
    tps: number(/tps = ([\d.]+) \(without initial connection time\)/),
    transactions: number(/number of transactions actually processed: (\d+)/),
    failed: /number of failed transactions: (\d+)/.test(out)
      ? number(/number of failed transactions: (\d+)/)
      : 0,
    latencyAverageMs: number(/latency average = ([\d.]+) ms/),
    latencyMs: summarize(samples.values()),
  };
}

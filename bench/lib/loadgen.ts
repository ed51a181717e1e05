// The load generator, run as its own process (`bun bench/lib/loadgen.ts <config.json>`) so it
// does not share an event loop with the server: autocannon at C connections, each request naming
// the next tenant (X-Tenant-ID) in a shuffled cycle. Writes a JSON result to config.resultFile.
import autocannon, { type Result } from "autocannon";
import { type CpuUse, cpuBetween, cpuSnapshot } from "./procfs";
import { Samples, summarize } from "./stats";

export type LoadConfig = {
  url: string;
  path: string;
  /** Bearer token for every request; "" sends no Authorization header (public pages). */
  token: string;
  /** Tenants named in X-Tenant-ID, cycled; empty sends no such header. */
  tenantIds: string[];
  /** Paths cycled (shuffled) instead of `path` when given (bench:helpcentre's pages). */
  paths?: string[];
  /** A User-Agent to send (the help centre counts views only for browser-like ones). */
  userAgent?: string;
  connections: number;
  /** Seconds of measured load. */
  duration: number;
  /** Requests sent before measuring (JIT, caches, connection pools); 0 for none. */
  warmupRequests: number;
  /** The server's process (a primary's workers included): its CPU use while measuring. */
  serverPid?: number;
  resultFile: string;
};

export type LoadResult = {
  seconds: number;
  requests: number;
  ok: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCounts: Record<string, number>;
  reqPerSec: number;
  latencyMs: ReturnType<typeof summarize>;
  warmup: { requests: number; seconds: number; non2xx: number; errors: number };
  /** CPU while measuring, in cores: the server's process tree, and this load generator. */
  cpu: { server: CpuUse | null; loadGenerator: number };
};

function shuffled<T>(items: T[]): T[] {
  // A fixed seed: every run cycles the tenants in the same order.
  let seed = 0x2545f491;
  const random = () => {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return (seed >>> 0) / 0x1_0000_0000;
  };
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

function run(
  config: LoadConfig,
  limit: { duration: number } | { amount: number },
  nextTenant: () => string | undefined,
  onResponse: (status: number, ms: number) => void,
  nextPath?: () => string,
): Promise<Result> {
  const headers: Record<string, string> = { accept: "application/json" };
  if (config.token) headers.authorization = `Bearer ${config.token}`;
  if (config.userAgent) headers["user-agent"] = config.userAgent;
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: config.url,
        connections: config.connections,
        timeout: 30,
        headers,
        requests: [
          {
            method: "GET",
            path: config.path,
            setupRequest: (request) => {
              const tenant = nextTenant();
              if (tenant) request.headers = { ...request.headers, "x-tenant-id": tenant };
              if (nextPath) request.path = nextPath();
              return request;
            },
          },
        ],
        ...limit,
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
    instance.on("response", (_client, status, _bytes, ms) => onResponse(status, ms));
  });
}

async function main(): Promise<void> {
  const file = process.argv[2];
  if (!file) throw new Error("usage: bun bench/lib/loadgen.ts <config.json>");
  const config = (await Bun.file(file).json()) as LoadConfig;
  const tenants = shuffled(config.tenantIds);
  let cursor = 0;
  const nextTenant = () => (tenants.length ? tenants[cursor++ % tenants.length] : undefined);
  const paths = config.paths?.length ? shuffled(config.paths) : undefined;
  let pathCursor = 0;
  const nextPath = paths && (() => paths[pathCursor++ % paths.length] as string);

  let warmup = { requests: 0, seconds: 0, non2xx: 0, errors: 0 };
  if (config.warmupRequests > 0) {
    const started = performance.now();
    const result = await run(
      config,
      { amount: config.warmupRequests },
      nextTenant,
      () => {},
      nextPath,
    );
    warmup = {
      requests: result.requests.total,
      seconds: (performance.now() - started) / 1000,
      non2xx: result.non2xx,
      errors: result.errors,
    };
  }

  const samples = new Samples();
  const statusCounts: Record<string, number> = {};
  const serverBefore = config.serverPid ? cpuSnapshot(config.serverPid) : null;
  const selfBefore = process.cpuUsage();
  const measuredFrom = performance.now();
  const result = await run(
    config,
    { duration: config.duration },
    nextTenant,
    (status, ms) => {
      statusCounts[status] = (statusCounts[status] ?? 0) + 1;
      if (status >= 200 && status < 300) samples.push(ms);
    },
    nextPath,
  );
  const selfUsed = process.cpuUsage(selfBefore);
  const measuredSeconds = (performance.now() - measuredFrom) / 1000;
  const serverAfter = config.serverPid ? cpuSnapshot(config.serverPid) : null;
  const ok = samples.length;
  const out: LoadResult = {
    seconds: result.duration,
    requests: result.requests.total,
    ok,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    statusCounts,
    reqPerSec: ok / result.duration,
    latencyMs: summarize(samples.values()),
    warmup,
    cpu: {
      server: cpuBetween(serverBefore, serverAfter),
      loadGenerator:
        Math.round(((selfUsed.user + selfUsed.system) / 1e6 / measuredSeconds) * 1000) / 1000,
    },
  };
  await Bun.write(config.resultFile, JSON.stringify(out, null, 2));
}

if (import.meta.main) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exit(1);
  });
}

// Part 3 of bench:queue: how long a tenant-wide realtime event takes to reach every WebSocket.
// The real server runs in a child process; the sockets live in another (queue-ws-client.ts); this
// process publishes `ticket.created` events through Redis with `publishEvent`, each carrying the
// time it was sent, and the client notes when each socket received it.
import { readFileSync } from "node:fs";
import { join } from "node:path";
// Not dependencies of the root package (only config and database are): imported by path.
import { createTokenService, type SigningJwk } from "@supportdesk/auth-utils";
import { createRedis } from "@supportdesk/cache";
import { loadEnv, repoRoot } from "@supportdesk/config";
import { publishEvent } from "@supportdesk/realtime";
import type { Subprocess } from "bun";
import { track } from "./children";
import type { QueueBenchContext } from "./queue-context";
import { epochMs, unlessExited } from "./queue-context";
import { createMembers, createTenantWithTicket, resetData } from "./queue-db";
import type {
  EventDelivery,
  WsClientConfig,
  WsClientMessage,
  WsClientRequest,
  WsClientResult,
} from "./queue-ws-client";
import { generateSigningKey, logTail, type RunningServer, startServer } from "./server";
import { type LatencySummary, summarize } from "./stats";

export type FanoutResult = {
  sockets: number;
  events: number;
  eventIntervalMs: number;
  warmupEvents: number;
  /** Every (socket, event) delivery: receive time − publish time. */
  latencyMs: LatencySummary;
  /** Per event, the last socket's latency: how long one event's whole fan-out took. */
  eventSpanMs: LatencySummary;
  /** Per event, the first socket's latency. */
  eventFirstMs: LatencySummary;
  /** The first warm-up event (cold membership caches): its last socket's latency. */
  coldEventSpanMs: number;
  deliveries: number;
  expectedDeliveries: number;
  closedEarly: Record<string, number>;
  openSeconds: number;
  /**
   * The server's "membership check timed out/failed" warnings: a check that takes over 2 s
   * counts as "no", and that socket silently misses the event.
   */
  membershipCheckWarnings: number;
};

function countWarnings(file: string): number {
  try {
    return readFileSync(file, "utf8")
      .split("\n")
      .filter((line) => line.includes("membership check")).length;
  } catch {
    return 0;
  }
}

const WARMUP_EVENTS = 5;
const WARMUP_GAP_MS = 300;

type WsClient = {
  opened: Extract<WsClientMessage, { type: "opened" }>;
  finish(measured: number, warmup: number): Promise<WsClientResult>;
  child: Subprocess;
};

async function startClient(config: WsClientConfig, configFile: string): Promise<WsClient> {
  await Bun.write(configFile, JSON.stringify(config));
  let onOpened: ((message: Extract<WsClientMessage, { type: "opened" }>) => void) | undefined;
  let onDone: (() => void) | undefined;
  const child = track(
    Bun.spawn(["bun", join(repoRoot(), "bench", "lib", "queue-ws-client.ts"), configFile], {
      cwd: repoRoot(),
      stdin: "ignore",
      stdout: "inherit",
      stderr: "inherit",
      serialization: "json",
      ipc(message: WsClientMessage) {
        if (message.type === "opened") onOpened?.(message);
        else if (message.type === "done") onDone?.();
      },
    }),
  );
  const opened = await unlessExited(
    new Promise<Extract<WsClientMessage, { type: "opened" }>>((resolve) => {
      onOpened = resolve;
    }),
    child,
    180_000,
    "The WebSocket client opening its sockets",
  );
  return {
    opened,
    child,
    async finish(measured, warmup) {
      const done = new Promise<void>((resolve) => {
        onDone = resolve;
      });
      child.send({ type: "finish", measured, warmup } satisfies WsClientRequest);
      await unlessExited(done, child, 60_000, "The WebSocket client reporting");
      return (await Bun.file(config.resultFile).json()) as WsClientResult;
    },
  };
}

const spans = (events: EventDelivery[], pick: (e: EventDelivery) => number) =>
  summarize(Float64Array.from(events.filter((e) => e.delivered > 0).map(pick)));

export async function measureFanout(
  context: QueueBenchContext,
  options: { sockets: number; events: number; eventIntervalMs: number },
): Promise<FanoutResult> {
  const { owner, log } = context;
  await resetData(owner.sql);
  const tenant = await createTenantWithTicket(owner.sql, "bench-realtime", "Realtime Tenant");
  const members = await createMembers(owner.sql, tenant.tenantId, options.sockets);

  // Access tokens signed with the key the server gets (AUTH_KEYS), for sessions created above:
  // what auth.login returns, without hashing 1,000 passwords through the rate-limited endpoint.
  const key = (await generateSigningKey()) as SigningJwk;
  const config = loadEnv();
  const tokens = await createTokenService({
    keys: [key],
    issuer: config.AUTH_ISSUER,
    audience: config.AUTH_AUDIENCE,
    ttlSeconds: 3600,
  });
  const accessTokens = await Promise.all(
    members.map(
      async (m) => (await tokens.signAccessToken({ sub: m.userId, sid: m.sessionId })).token,
    ),
  );

  let server: RunningServer | undefined;
  let client: WsClient | undefined;
  const publisher = createRedis(context.redisUrl, { name: "bench:publish" });
  publisher.on("error", () => {});
  const logFile = join(context.workDir, "server-fanout.log");
  try {
    server = await startServer({
      databaseUrl: context.urls.app,
      adminUrl: context.urls.admin,
      redisUrl: context.redisUrl,
      authKeys: JSON.stringify([key]),
      pool: undefined,
      logFile,
    });
    log(`fan-out: opening ${options.sockets} WebSockets to ${server.url}/ws`);
    client = await startClient(
      {
        url: `${server.url.replace(/^http/, "ws")}/ws`,
        tokens: accessTokens,
        runId: context.runId,
        openConcurrency: 50,
        resultFile: join(context.workDir, "ws-client.result.json"),
      },
      join(context.workDir, "ws-client.json"),
    );
    const { opened } = client;
    if (opened.failed > 0 || opened.open === 0) {
      throw new Error(
        `${opened.failed} of ${options.sockets} WebSockets did not open: ${opened.firstError}. ` +
          `Server log:\n${logTail(logFile)}`,
      );
    }
    log(`  ${opened.open} sockets open in ${(opened.ms / 1000).toFixed(1)} s`);

    const publish = (seq: number, warmup: boolean) =>
      publishEvent(publisher, {
        type: "ticket.created",
        tenantId: tenant.tenantId,
        userIds: null,
        payload: {
          bench: context.runId,
          seq,
          warmup,
          ticketId: tenant.ticketId,
          sentAt: epochMs(),
        },
      });
    // Warm-up: the first event fills the membership and tenant caches (1,000 cache misses).
    for (let seq = 0; seq < WARMUP_EVENTS; seq++) {
      await publish(seq, true);
      await Bun.sleep(seq === 0 ? 2000 : WARMUP_GAP_MS);
    }
    log(
      `  publishing ${options.events} ticket.created events, one every ${options.eventIntervalMs} ms`,
    );
    const start = performance.now();
    for (let seq = 0; seq < options.events; seq++) {
      const wait = start + seq * options.eventIntervalMs - performance.now();
      if (wait > 0) await Bun.sleep(wait);
      await publish(seq, false);
    }
    const result = await client.finish(options.events, WARMUP_EVENTS);
    const cold = result.warmup[0];
    await server.stop();
    return {
      sockets: result.sockets,
      events: options.events,
      eventIntervalMs: options.eventIntervalMs,
      warmupEvents: WARMUP_EVENTS,
      latencyMs: result.latencyMs,
      eventSpanMs: spans(result.events, (e) => e.lastMs),
      eventFirstMs: spans(result.events, (e) => e.firstMs),
      coldEventSpanMs: cold && cold.delivered > 0 ? cold.lastMs : Number.NaN,
      deliveries: result.deliveries,
      expectedDeliveries: result.expectedDeliveries,
      closedEarly: result.closedEarly,
      openSeconds: opened.ms / 1000,
      membershipCheckWarnings: countWarnings(logFile),
    };
  } catch (error) {
    if (server && !(error instanceof Error && error.message.includes("Server log"))) {
      throw new Error(
        `${error instanceof Error ? error.message : String(error)}\nServer log (${logFile}):\n${logTail(logFile)}`,
      );
    }
    throw error;
  } finally {
    if (client && client.child.exitCode === null) client.child.kill("SIGTERM");
    await server?.stop();
    publisher.disconnect();
  }
}

// The WebSocket load process of bench:queue (`bun bench/lib/queue-ws-client.ts <config.json>`,
// spawned with IPC): opens one socket per access token, notes when each bench event reaches each
// socket, and writes per-delivery latencies (receive time − the publisher's send time, both from
// this machine's clock) to config.resultFile. Its own process, so it never shares an event loop
// with the server it measures.
import { type LatencySummary, Samples, summarize } from "./stats";

export type WsClientConfig = {
  /** ws://host:port/ws */
  url: string;
  tokens: string[];
  /** Events of other runs (or of anyone else) carry another id and are ignored. */
  runId: string;
  /** How many handshakes may be under way at once. */
  openConcurrency: number;
  resultFile: string;
};

/** Parent → client. */
export type WsClientRequest = { type: "finish"; measured: number; warmup: number };

/** Client → parent. */
export type WsClientMessage =
  | { type: "opened"; open: number; failed: number; firstError: string | null; ms: number }
  | { type: "done" };

export type EventDelivery = {
  seq: number;
  delivered: number;
  /** Latency of the first and the last socket to get it (ms). */
  firstMs: number;
  lastMs: number;
};

export type WsClientResult = {
  sockets: number;
  /** Every (socket, measured event) delivery. */
  latencyMs: LatencySummary;
  /** Per measured event: how many sockets got it and how long the whole fan-out took. */
  events: EventDelivery[];
  /** Per warm-up event (not in latencyMs). */
  warmup: EventDelivery[];
  expectedDeliveries: number;
  deliveries: number;
  /** Sockets closed by the server before the end, by close code. */
  closedEarly: Record<string, number>;
  /** Messages that were not bench events of this run (e.g. "pong"). */
  otherMessages: number;
};

const now = () => performance.timeOrigin + performance.now();

type BenchPayload = { bench?: unknown; seq?: unknown; sentAt?: unknown; warmup?: unknown };

async function main(): Promise<void> {
  const file = process.argv[2];
  if (!file) throw new Error("usage: bun bench/lib/queue-ws-client.ts <config.json>");
  const config = (await Bun.file(file).json()) as WsClientConfig;
  const send = (message: WsClientMessage) => process.send?.(message);

  const samples = new Samples();
  const measured = new Map<number, { delivered: number; first: number; last: number }>();
  const warm = new Map<number, { delivered: number; first: number; last: number }>();
  const closedEarly: Record<string, number> = {};
  let otherMessages = 0;
  let deliveries = 0;
  let finishing = false;
  const sockets: WebSocket[] = [];

  const record = (into: typeof measured, seq: number, latency: number) => {
    const entry = into.get(seq);
    if (!entry) into.set(seq, { delivered: 1, first: latency, last: latency });
    else {
      entry.delivered++;
      if (latency < entry.first) entry.first = latency;
      if (latency > entry.last) entry.last = latency;
    }
  };

  const onMessage = (event: MessageEvent) => {
    const received = now();
    if (typeof event.data !== "string") {
      otherMessages++;
      return;
    }
    let payload: BenchPayload | undefined;
    try {
      payload = (JSON.parse(event.data) as { payload?: BenchPayload }).payload;
    } catch {
      payload = undefined;
    }
    if (
      !payload ||
      payload.bench !== config.runId ||
      typeof payload.seq !== "number" ||
      typeof payload.sentAt !== "number"
    ) {
      otherMessages++;
      return;
    }
    const latency = received - payload.sentAt;
    if (payload.warmup === true) {
      record(warm, payload.seq, latency);
      return;
    }
    deliveries++;
    samples.push(latency);
    record(measured, payload.seq, latency);
  };

  // Open every socket, `openConcurrency` handshakes at a time.
  const started = performance.now();
  let open = 0;
  let failed = 0;
  let firstError: string | null = null;
  let next = 0;
  const openOne = (token: string) =>
    new Promise<void>((resolve) => {
      const socket = new WebSocket(`${config.url}?token=${encodeURIComponent(token)}`);
      let settled = false;
      socket.addEventListener("open", () => {
        settled = true;
        open++;
        sockets.push(socket);
        resolve();
      });
      socket.addEventListener("message", onMessage);
      socket.addEventListener("close", (event) => {
        if (!settled) {
          settled = true;
          failed++;
          firstError ??= `closed during the handshake (code ${event.code}${event.reason ? `: ${event.reason}` : ""})`;
          resolve();
        } else if (!finishing) {
          closedEarly[String(event.code)] = (closedEarly[String(event.code)] ?? 0) + 1;
        }
      });
      socket.addEventListener("error", () => {
        if (!settled) {
          settled = true;
          failed++;
          firstError ??= "the handshake failed (the server refused the upgrade: bad token?)";
          resolve();
        }
      });
    });
  await Promise.all(
    Array.from({ length: Math.min(config.openConcurrency, config.tokens.length) }, async () => {
      while (next < config.tokens.length) {
        const token = config.tokens[next++] as string;
        await openOne(token);
      }
    }),
  );
  send({ type: "opened", open, failed, firstError, ms: performance.now() - started });

  process.on("message", (raw) => {
    const request = raw as WsClientRequest;
    if (request.type !== "finish") return;
    void (async () => {
      const expected = request.measured * open;
      // The last deliveries may still be on their way: wait until all arrived or 5 s of quiet.
      let last = deliveries;
      let quietSince = performance.now();
      while (deliveries < expected && performance.now() - quietSince < 5000) {
        await Bun.sleep(50);
        if (deliveries !== last) {
          last = deliveries;
          quietSince = performance.now();
        }
      }
      finishing = true;
      const toList = (map: typeof measured, count: number): EventDelivery[] =>
        Array.from({ length: count }, (_, seq) => {
          const entry = map.get(seq);
          return {
            seq,
            delivered: entry?.delivered ?? 0,
            firstMs: entry?.first ?? Number.NaN,
            lastMs: entry?.last ?? Number.NaN,
          };
        });
      const result: WsClientResult = {
        sockets: open,
        latencyMs: summarize(samples.values()),
        events: toList(measured, request.measured),
        warmup: toList(warm, request.warmup),
        expectedDeliveries: expected,
        deliveries,
        closedEarly,
        otherMessages,
      };
      await Bun.write(config.resultFile, JSON.stringify(result));
      for (const socket of sockets) socket.close(1000, "bench done");
      send({ type: "done" });
      setTimeout(() => process.exit(0), 200);
    })();
  });
  process.on("disconnect", () => process.exit(0));
}

if (import.meta.main) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exit(1);
  });
}

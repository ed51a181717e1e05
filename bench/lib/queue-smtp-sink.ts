// A fast SMTP receiver for bench:queue, run as its own process (`bun bench/lib/queue-smtp-sink.ts`,
// spawned with IPC): accepts every message, reads and discards its bytes (no MIME parsing), and
// notes when each one finished arriving. The parent asks over IPC for counts and arrival times.
//
// smtp-server is a devDependency of apps/worker, not of the root package, so it is imported from
// there (isolated installs: the root node_modules does not hold it).
import { SMTPServer } from "../../apps/worker/node_modules/smtp-server";

/** Parent → sink. */
export type SinkRequest = { type: "count" } | { type: "report" } | { type: "stop" };

/** Sink → parent. Times are epoch milliseconds with sub-millisecond precision. */
export type SinkMessage =
  | { type: "ready"; port: number }
  | { type: "count"; count: number; first: number | null; last: number | null; bytes: number }
  | { type: "report"; times: number[]; bytes: number; connections: number; rejected: number };

const now = () => performance.timeOrigin + performance.now();

function main(): void {
  const send = (message: SinkMessage) => process.send?.(message);
  const times: number[] = [];
  let bytes = 0;
  let connections = 0;
  let rejected = 0;

  const server = new SMTPServer({
    // Plain SMTP on loopback: no TLS, no AUTH, so the mailer's pool goes straight to MAIL FROM.
    disabledCommands: ["STARTTLS", "AUTH"],
    authOptional: true,
    logger: false,
    banner: "bench sink",
    // The sink reads every byte (what a real receiver does) but keeps none of them.
    onData(stream, _session, callback) {
      stream.on("data", (chunk: Buffer) => {
        bytes += chunk.length;
      });
      stream.on("end", () => {
        if ((stream as unknown as { sizeExceeded?: boolean }).sizeExceeded) {
          rejected++;
          callback(new Error("message too big"));
          return;
        }
        times.push(now());
        callback();
      });
    },
    onConnect(_session, callback) {
      connections++;
      callback();
    },
  });
  server.on("error", (error: Error) => console.error(`smtp sink: ${error.message}`));

  process.on("message", (raw) => {
    const request = raw as SinkRequest;
    if (request.type === "count") {
      send({
        type: "count",
        count: times.length,
        first: times[0] ?? null,
        last: times[times.length - 1] ?? null,
        bytes,
      });
    } else if (request.type === "report") {
      send({ type: "report", times, bytes, connections, rejected });
    } else if (request.type === "stop") {
      server.close(() => process.exit(0));
      setTimeout(() => process.exit(0), 2000).unref();
    }
  });
  // The parent going away (IPC closed) ends the sink too.
  process.on("disconnect", () => process.exit(0));

  server.listen(0, "127.0.0.1", () => {
    const address = server.server.address();
    const port = typeof address === "object" && address ? address.port : 0;
    send({ type: "ready", port });
  });
}

if (import.meta.main) main();

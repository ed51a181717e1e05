// Server process: reads config; serves, or with SERVER_PROCESSES > 1 runs that many serving workers.
import { env } from "@supportdesk/config";
import { createLogger } from "@supportdesk/logger";
import { runPrimary, WORKER_FLAG } from "./processes";
import { serve } from "./serve";

const config = env();
const worker = process.argv.includes(WORKER_FLAG);
const log = createLogger({
  name: worker ? "server-worker" : "server",
  level: config.LOG_LEVEL,
});

if (worker) {
  const server = await serve(config, log, { reusePort: true });
  // The primary is gone (stopped or killed): stop too rather than serve unsupervised.
  process.once("disconnect", () => void server.shutdown("the primary exited"));
} else if (config.SERVER_PROCESSES > 1) {
  runPrimary(config.SERVER_PROCESSES, log);
} else {
  await serve(config, log, { reusePort: false });
}

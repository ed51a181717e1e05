// `bun packages/email/src/capture-cli.ts --smtp 1025 --web 1080`: the dev inbox, until Ctrl-C.
import { parseArgs } from "node:util";
import type { MailCapture } from "./capture";

const USAGE = "usage: bun packages/email/src/capture-cli.ts [--smtp <port>] [--web <port>]";

function port(value: string | undefined, flag: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n > 65535) {
    console.error(`--${flag} must be a port number from 0 to 65535, got "${value}"\n${USAGE}`);
    process.exit(2);
  }
  return n;
}

let values: { smtp?: string; web?: string; help?: boolean };
try {
  ({ values } = parseArgs({
    options: {
      smtp: { type: "string" },
      web: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
    strict: true,
    allowPositionals: false,
  }));
} catch (error) {
  console.error(`${(error as Error).message}\n${USAGE}`);
  process.exit(2);
}
if (values.help) {
  console.log(`${USAGE}\nCatches every email sent to the SMTP port and shows it in a web inbox.`);
  process.exit(0);
}

const smtpPort = port(values.smtp, "smtp", 1025);
const webPort = port(values.web, "web", 1080);

let capture: MailCapture;
try {
  // Imported only now so a usage error answers at once, without loading MailDev.
  const { startMailCapture } = await import("./capture");
  capture = await startMailCapture({ smtpPort, webPort });
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}

console.log(`Mail capture: SMTP ${capture.smtpUrl}, inbox ${capture.webUrl}`);

let stopping = false;
async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  await capture.stop();
  process.exit(0);
}
process.on("SIGINT", stop);
process.on("SIGTERM", stop);

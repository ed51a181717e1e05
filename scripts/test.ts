// `bun run test`: brings the local services up, runs every test file, ends with "N passed, N failed".
import { existsSync } from "node:fs";
import { spawn } from "bun";
import { aptInstall, canAptInstall } from "./lib/install.ts";

const CHROMIUM = "/usr/bin/chromium";

const args = process.argv.slice(2);
const root = `${import.meta.dir}/..`;

const services = spawn(["bun", "scripts/services.ts", "up", "--quiet"], {
  cwd: root,
  stdio: ["ignore", "inherit", "inherit"],
});
if ((await services.exited) !== 0) {
  console.log("0 passed, 1 failed");
  process.exit(1);
}

// The browser tests need Debian's Chromium and the built web app (the server serves apps/web/dist).
// Both are skipped when every argument is a path outside apps/web (e.g. `bun run test packages/x`).
const targets = args.filter((arg) => !arg.startsWith("-"));
const touchesWeb =
  targets.length === 0 ||
  targets.some((arg) => arg.includes("apps/web") || !existsSync(`${root}/${arg}`));
let setupFailures = 0;
const testEnv: Record<string, string | undefined> = { ...process.env, FORCE_COLOR: "0" };
if (touchesWeb) {
  if (!existsSync(CHROMIUM)) {
    const chromium = {
      label: "Chromium",
      apt: "chromium",
      brew: "chromium",
      provides: CHROMIUM,
    };
    let problem: string | undefined;
    if (canAptInstall()) {
      await aptInstall(chromium).catch((error: Error) => {
        problem = error.message;
      });
      if (!problem && !existsSync(CHROMIUM))
        problem = `apt-get installed chromium, but ${CHROMIUM} is missing.`;
    } else {
      problem =
        `The browser tests (apps/web/e2e) need Chromium at ${CHROMIUM} and it is not installed. ` +
        "On Debian/Ubuntu: sudo apt-get install -y chromium — then run the tests again.";
    }
    if (problem) {
      console.error(`\n${problem}\nThe browser tests will fail until it is installed.\n`);
      testEnv.SUPPORTDESK_E2E_PROBLEM = problem;
    }
  }
  const build = spawn(
    ["apps/web/node_modules/.bin/vite", "build", "apps/web", "--logLevel", "warn"],
    {
      cwd: root,
      stdio: ["ignore", "inherit", "inherit"],
    },
  );
  if ((await build.exited) !== 0) {
    setupFailures++;
    const problem =
      "Building the web app failed (apps/web/node_modules/.bin/vite build apps/web; see above).";
    console.error(`\n${problem}\nThe browser tests will fail.\n`);
    testEnv.SUPPORTDESK_E2E_PROBLEM = [testEnv.SUPPORTDESK_E2E_PROBLEM, problem]
      .filter(Boolean)
      .join("\n");
  }
}

// bun prints its summary on stderr; relay both streams as they come and keep a copy to count.
const run = spawn(["bun", "test", "--timeout", "60000", ...args], {
  cwd: root,
  stdio: ["ignore", "pipe", "pipe"],
  env: testEnv,
});
let transcript = "";
async function relay(stream: ReadableStream<Uint8Array>, to: NodeJS.WriteStream): Promise<void> {
  const decoder = new TextDecoder();
  for await (const chunk of stream) {
    const text = decoder.decode(chunk, { stream: true });
    transcript += text;
    to.write(text);
  }
}
await Promise.all([relay(run.stdout, process.stdout), relay(run.stderr, process.stderr)]);
const code = await run.exited;

const count = (word: string): number =>
  Number(transcript.match(new RegExp(`^\\s*(\\d+) ${word}$`, "m"))?.[1] ?? 0);
const passed = count("pass");
// A crash before bun's summary (or a failing exit with no failure counted) is still a failure.
const failed = Math.max(count("fail"), code !== 0 && count("fail") === 0 ? 1 : 0) + setupFailures;
console.log(`${passed} passed, ${failed} failed`);
process.exit(code === 0 && failed === 0 ? 0 : 1);

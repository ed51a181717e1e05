// `bun run test`: brings the local services up, runs every test file, ends with "N passed, N failed".
import { spawn } from "bun";

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

// bun prints its summary on stderr; relay both streams as they come and keep a copy to count.
const run = spawn(["bun", "test", "--timeout", "60000", ...args], {
  cwd: root,
  stdio: ["ignore", "pipe", "pipe"],
  env: { ...process.env, FORCE_COLOR: "0" },
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
const failed = Math.max(count("fail"), code !== 0 && count("fail") === 0 ? 1 : 0);
console.log(`${passed} passed, ${failed} failed`);
process.exit(code === 0 && failed === 0 ? 0 : 1);

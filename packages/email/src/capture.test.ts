import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { type Subprocess, spawn } from "bun";
import { type MailCapture, startMailCapture } from "./capture";
import { createMailer, type Mailer } from "./index";

const from = "SupportDesk <no-reply@supportdesk.localhost>";

describe("startMailCapture", () => {
  let capture: MailCapture;
  let mailer: Mailer;

  beforeAll(async () => {
    capture = await startMailCapture();
    mailer = createMailer({ url: capture.smtpUrl, from });
  });

  afterAll(async () => {
    mailer?.close();
    await capture?.stop();
  });

  test("listens on free loopback ports and serves the web inbox", async () => {
    expect(capture.smtpUrl).toMatch(/^smtp:\/\/127\.0\.0\.1:\d+$/);
    expect(capture.webUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const page = await fetch(capture.webUrl, { headers: { accept: "text/html" } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("<!doctype html>");
  });

  test("clear() empties the inbox", async () => {
    await mailer.send({ to: "ada@example.com", subject: "One", text: "1", html: "<p>1</p>" });
    await capture.waitFor((m) => m.subject === "One", 5000);
    await capture.clear();
    expect(await capture.messages()).toEqual([]);
  });

  test("waitFor() gives up after its timeout and says what did arrive", async () => {
    await mailer.send({ to: "ada@example.com", subject: "Other", text: "2", html: "<p>2</p>" });
    await capture.waitFor((m) => m.subject === "Other", 5000);
    const started = Date.now();
    await expect(capture.waitFor((m) => m.subject === "Never", 300)).rejects.toThrow(
      /No captured email matched within 300 ms; 1 captured: "Other" to ada@example.com/,
    );
    expect(Date.now() - started).toBeLessThan(2000);
  });

  test("a taken port is reported as such", async () => {
    const smtpPort = Number(new URL(capture.smtpUrl).port);
    await expect(startMailCapture({ smtpPort })).rejects.toThrow(
      `port ${smtpPort} is already in use`,
    );
  });

  test("an impossible port is refused", async () => {
    await expect(startMailCapture({ webPort: 70000 })).rejects.toThrow(RangeError);
  });
});

describe("capture-cli", () => {
  const cli = `${import.meta.dir}/capture-cli.ts`;
  const running: Subprocess[] = [];

  afterAll(() => {
    for (const child of running) child.kill("SIGKILL");
  });

  async function readUntil(child: Subprocess<"ignore", "pipe", "pipe">, pattern: RegExp) {
    const reader = child.stdout.getReader();
    let output = "";
    const decoder = new TextDecoder();
    while (!pattern.test(output)) {
      const { value, done } = await reader.read();
      if (done) break;
      output += decoder.decode(value);
    }
    reader.releaseLock();
    return output;
  }

  test("prints the inbox URL, stays up, and stops cleanly on SIGTERM", async () => {
    const child = spawn(["bun", cli, "--smtp", "0", "--web", "0"], {
      stdin: "ignore",
      stdout: "pipe",
      stderr: "pipe",
    });
    running.push(child);
    const output = await readUntil(child, /inbox http:\/\/127\.0\.0\.1:\d+/);
    const inbox = output.match(/inbox (http:\/\/127\.0\.0\.1:\d+)/)?.[1];
    expect(inbox).toBeDefined();
    expect((await fetch(`${inbox}/api/email`)).status).toBe(200);
    child.kill("SIGTERM");
    expect(await child.exited).toBe(0);
    await expect(fetch(`${inbox}/api/email`)).rejects.toThrow();
  }, 20_000);

  test("rejects a bad port with usage", async () => {
    const child = spawn(["bun", cli, "--smtp", "abc"], { stdout: "pipe", stderr: "pipe" });
    running.push(child);
    expect(await child.exited).toBe(2);
    expect(await new Response(child.stderr).text()).toContain("--smtp must be a port number");
  }, 20_000);

  test("says which port is taken", async () => {
    const taken = await startMailCapture();
    try {
      const smtp = new URL(taken.smtpUrl).port;
      const child = spawn(["bun", cli, "--smtp", smtp, "--web", "0"], {
        stdout: "pipe",
        stderr: "pipe",
      });
      running.push(child);
      expect(await child.exited).toBe(1);
      expect(await new Response(child.stderr).text()).toContain(`port ${smtp} is already in use`);
    } finally {
      await taken.stop();
    }
  }, 20_000);
});

// Ticket presence over real sockets: shows and clears (across two server instances), typing, expiry
// without heartbeats, other tenants, permissions, malformed messages and the per-socket rate limit.
import { afterAll, describe, expect, test } from "bun:test";
import { createRedis } from "@supportdesk/cache";
import { env } from "@supportdesk/config";
import { userTenantRoles } from "@supportdesk/database";
import type { PresenceMessage } from "@supportdesk/domain";
import { createTestDeps, signUp } from "@supportdesk/trpc/testing";
import { createApp } from "./app";
import { createServerHub, createWsHandler, type WsOptions } from "./ws";
import type { PresenceTimings } from "./ws-presence";

const deps = await createTestDeps();
const config = env();
const QUIET_MS = 300;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor(condition: () => boolean, what: string, ms = 3000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(5);
  }
}

type Instance = Awaited<ReturnType<typeof startInstance>>;
const stops: (() => Promise<void>)[] = [];

async function startInstance(presence: PresenceTimings = {}, options: WsOptions = {}) {
  const subscriber = createRedis(config.REDIS_URL, {
    name: "test:ws-presence",
    maxRetriesPerRequest: null,
  });
  subscriber.on("error", () => {});
  const hub = createServerHub(deps, subscriber, { presence });
  await hub.start();
  const realtime = createWsHandler(deps, hub, options);
  const app = createApp({ deps, corsOrigins: [], trustProxy: false, ws: realtime.route });
  const server = Bun.serve({
    port: 0,
    fetch: (req, srv) => app.fetch(req, srv),
    websocket: realtime.websocket,
  });
  stops.push(async () => {
    realtime.closeAll();
    await server.stop(true);
    await hub.stop();
    subscriber.disconnect();
  });
  return { ws: `ws://127.0.0.1:${server.port}/ws`, hub, realtime };
}

type Client = Awaited<ReturnType<typeof connect>>;
const sockets = new Set<WebSocket>();

async function connect(instance: Instance, token: string) {
  const socket = new WebSocket(instance.ws, [`bearer.${token}`]);
  sockets.add(socket);
  const received: PresenceMessage[] = [];
  let pongs = 0;
  let closeCode: number | undefined;
  socket.addEventListener("message", (event) => {
    if (event.data === "pong") pongs++;
    else received.push(JSON.parse(String(event.data)));
  });
  socket.addEventListener("close", (event) => {
    closeCode = event.code;
  });
  await new Promise<void>((resolve, reject) => {
    socket.addEventListener("open", () => resolve());
    socket.addEventListener("error", () => reject(new Error("the WebSocket did not open")));
  });
  const ping = async () => {
    const before = pongs;
    socket.send("ping");
    await waitFor(() => pongs > before, "pong");
  };
  await ping();
  return {
    socket,
    received,
    ping,
    closeCode: () => closeCode,
    send: (message: object) => socket.send(JSON.stringify(message)),
    /** The viewers in the latest presence message for the ticket, as "name:typing". */
    viewers(ticketId: string): string[] | undefined {
      const last = received.filter((m) => m.ticketId === ticketId).at(-1);
      return last?.viewers.map((v) => `${v.name}:${v.typing ?? "-"}`);
    },
  };
}

afterAll(async () => {
  for (const socket of sockets) socket.close();
  for (const stop of stops) await stop();
  await deps.close();
});

/** A tenant with Ana (owner), Bo (member), Vi (viewer), and Olga of another tenant. */
async function team() {
  const ana = await signUp(deps, { tenantName: "Presence Co", name: "Ana" });
  const tenant = ana.tenant as { id: string; slug: string };
  const bo = await signUp(deps, { name: "Bo" });
  const vi = await signUp(deps, { name: "Vi" });
  await deps.db.platform.insert(userTenantRoles).values([
    { userId: bo.userId, tenantId: tenant.id, role: "member" },
    { userId: vi.userId, tenantId: tenant.id, role: "viewer" },
  ]);
  const olga = await signUp(deps, { tenantName: "Elsewhere Co", name: "Olga" });
  return { ana, bo, vi, olga, tenantId: tenant.id, ticketId: crypto.randomUUID() };
}

const settle = (...clients: Client[]) => Promise.all(clients.map((c) => c.ping()));

describe("presence shows and clears", () => {
  test("across two instances: viewing, typing, then leaving", async () => {
    const [first, second] = [await startInstance(), await startInstance()];
    const { ana, bo, tenantId, ticketId } = await team();
    const anaClient = await connect(first, ana.accessToken);
    const boClient = await connect(second, bo.accessToken);
    const ticket = { tenantId, ticketId };

    boClient.send({ type: "presence.view", ...ticket });
    await waitFor(() => boClient.viewers(ticketId)?.join() === "Bo:-", "Bo sees himself");
    anaClient.send({ type: "presence.view", ...ticket });
    await waitFor(() => boClient.viewers(ticketId)?.join() === "Ana:-,Bo:-", "Bo sees Ana");
    await waitFor(() => anaClient.viewers(ticketId)?.join() === "Ana:-,Bo:-", "Ana sees Bo");

    anaClient.send({ type: "presence.typing", ...ticket, mode: "reply" });
    await waitFor(() => boClient.viewers(ticketId)?.join() === "Ana:reply,Bo:-", "typing shows");
    const last = boClient.received.at(-1);
    expect(last).toEqual({
      type: "presence",
      tenantId,
      ticketId,
      viewers: [
        { userId: ana.userId, name: "Ana", typing: "reply" },
        { userId: bo.userId, name: "Bo", typing: null },
      ],
    });

    anaClient.send({ type: "presence.leave", ...ticket });
    await waitFor(() => boClient.viewers(ticketId)?.join() === "Bo:-", "Ana's leaving shows");
    // Closing the socket leaves too.
    anaClient.send({ type: "presence.view", ...ticket });
    await waitFor(() => boClient.viewers(ticketId)?.length === 2, "Ana back");
    anaClient.socket.close();
    await waitFor(() => boClient.viewers(ticketId)?.join() === "Bo:-", "Ana's closed socket");
  });

  test("typing ends, and a viewer who stops heart-beating goes, by expiry", async () => {
    const instance = await startInstance({ viewTtlMs: 600, typingTtlMs: 250, sweepMs: 40 });
    const { ana, bo, tenantId, ticketId } = await team();
    const anaClient = await connect(instance, ana.accessToken);
    const boClient = await connect(instance, bo.accessToken);
    const ticket = { tenantId, ticketId };
    anaClient.send({ type: "presence.typing", ...ticket, mode: "note" });
    boClient.send({ type: "presence.view", ...ticket });
    await waitFor(() => boClient.viewers(ticketId)?.join() === "Ana:note,Bo:-", "Ana typing");
    await waitFor(() => boClient.viewers(ticketId)?.join() === "Ana:-,Bo:-", "typing expired");
    // Bo keeps beating; Ana does not.
    const beat = setInterval(() => boClient.send({ type: "presence.view", ...ticket }), 150);
    try {
      await waitFor(() => boClient.viewers(ticketId)?.join() === "Bo:-", "Ana expired", 3000);
    } finally {
      clearInterval(beat);
    }
  });
});

describe("who may take part", () => {
  test("a user of another tenant naming the ticket is not shown and receives nothing", async () => {
    const instance = await startInstance();
    const { ana, olga, tenantId, ticketId } = await team();
    const anaClient = await connect(instance, ana.accessToken);
    const olgaClient = await connect(instance, olga.accessToken);
    const ticket = { tenantId, ticketId };
    anaClient.send({ type: "presence.view", ...ticket });
    await waitFor(() => anaClient.viewers(ticketId)?.join() === "Ana:-", "Ana's view");
    olgaClient.send({ type: "presence.view", ...ticket });
    olgaClient.send({ type: "presence.typing", ...ticket, mode: "reply" });
    olgaClient.send({ type: "presence.leave", ...ticket });
    await settle(anaClient, olgaClient);
    await sleep(QUIET_MS);
    expect(olgaClient.received).toEqual([]);
    expect(anaClient.received.length).toBe(1);
    expect(olgaClient.closeCode()).toBeUndefined();
  });

  test("typing needs the right to send it: a viewer is shown viewing, never typing", async () => {
    const instance = await startInstance();
    const { ana, vi, tenantId, ticketId } = await team();
    const anaClient = await connect(instance, ana.accessToken);
    const viClient = await connect(instance, vi.accessToken);
    const ticket = { tenantId, ticketId };
    anaClient.send({ type: "presence.view", ...ticket });
    viClient.send({ type: "presence.view", ...ticket });
    await waitFor(() => anaClient.viewers(ticketId)?.join() === "Ana:-,Vi:-", "Vi viewing");
    viClient.send({ type: "presence.typing", ...ticket, mode: "reply" });
    await settle(viClient);
    await sleep(QUIET_MS);
    expect(anaClient.viewers(ticketId)).toEqual(["Ana:-", "Vi:-"]);
  });

  test("malformed messages are ignored: nobody's socket closes and valid ones still count", async () => {
    const instance = await startInstance();
    const { ana, bo, tenantId, ticketId } = await team();
    const anaClient = await connect(instance, ana.accessToken);
    const boClient = await connect(instance, bo.accessToken);
    boClient.send({ type: "presence.view", tenantId, ticketId });
    await waitFor(() => boClient.viewers(ticketId)?.length === 1, "Bo viewing");
    for (const junk of [
      "{",
      "null",
      '"presence.view"',
      JSON.stringify({ type: "presence.view" }),
    ]) {
      anaClient.socket.send(junk);
    }
    anaClient.send({ type: "presence.typing", tenantId, ticketId, mode: "essay" });
    anaClient.send({ type: "presence.view", tenantId: "not-a-uuid", ticketId });
    anaClient.socket.send(new Uint8Array([1, 2, 3]));
    await settle(anaClient, boClient);
    expect(anaClient.closeCode()).toBeUndefined();
    expect(boClient.closeCode()).toBeUndefined();
    expect(boClient.viewers(ticketId)).toEqual(["Bo:-"]);
    anaClient.send({ type: "presence.view", tenantId, ticketId });
    await waitFor(() => boClient.viewers(ticketId)?.join() === "Ana:-,Bo:-", "Ana's valid view");
    expect(instance.realtime.connections()).toBe(2);
  });

  test("over the per-socket rate limit, messages are ignored until the window passes", async () => {
    const instance = await startInstance({}, { presenceRate: { limit: 3, windowMs: 500 } });
    const { ana, bo, tenantId, ticketId } = await team();
    const anaClient = await connect(instance, ana.accessToken);
    const boClient = await connect(instance, bo.accessToken);
    boClient.send({ type: "presence.view", tenantId, ticketId });
    await waitFor(() => boClient.viewers(ticketId)?.length === 1, "Bo viewing");
    for (let i = 0; i < 3; i++) anaClient.socket.send("junk");
    anaClient.send({ type: "presence.view", tenantId, ticketId }); // the fourth: ignored
    await settle(anaClient, boClient);
    await sleep(QUIET_MS);
    expect(boClient.viewers(ticketId)).toEqual(["Bo:-"]);
    await sleep(250);
    anaClient.send({ type: "presence.view", tenantId, ticketId });
    await waitFor(() => boClient.viewers(ticketId)?.length === 2, "Ana after the window");
    expect(anaClient.closeCode()).toBeUndefined();
  });
});

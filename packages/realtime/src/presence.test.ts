// Ticket presence without sockets: the client protocol, the Redis store (with a fake clock), and
// the hub's fan-out and expiry sweep against a real Redis.
import { afterAll, describe, expect, test } from "bun:test";
import { createRedis } from "@supportdesk/cache";
import { env } from "@supportdesk/config";
import type { PresenceMessage } from "@supportdesk/domain";
import { parsePresenceChange, parsePresenceClientMessage } from "./presence";
import { createPresenceHub, type PresenceConnection } from "./presence-hub";
import { createPresenceStore, presenceKey } from "./presence-store";

const config = env();
const redis = createRedis(config.REDIS_URL, { name: "test:presence" });
const subscriber = createRedis(config.REDIS_URL, {
  name: "test:presence-sub",
  maxRetriesPerRequest: null,
});
afterAll(() => {
  redis.disconnect();
  subscriber.disconnect();
});

const uuid = () => crypto.randomUUID();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const log = { debug: () => {}, warn: () => {} };

describe("client messages", () => {
  test("the three shapes parse, ids lower-cased; anything else is undefined", () => {
    const tenantId = uuid();
    const ticketId = uuid();
    const upper = { tenantId: tenantId.toUpperCase(), ticketId };
    expect(parsePresenceClientMessage(JSON.stringify({ type: "presence.view", ...upper }))).toEqual(
      { type: "presence.view", tenantId, ticketId },
    );
    expect(
      parsePresenceClientMessage(
        JSON.stringify({ type: "presence.typing", tenantId, ticketId, mode: "note" }),
      ),
    ).toEqual({ type: "presence.typing", tenantId, ticketId, mode: "note" });
    const refused: unknown[] = [
      "ping",
      "{not json",
      "null",
      "[]",
      JSON.stringify({ type: "presence.view", tenantId }),
      JSON.stringify({ type: "presence.view", tenantId: "t", ticketId }),
      JSON.stringify({ type: "presence.typing", tenantId, ticketId, mode: "shout" }),
      JSON.stringify({ type: "presence.view", tenantId, ticketId, extra: 1 }),
      JSON.stringify({ type: "presence.view", tenantId, ticketId, pad: "x".repeat(600) }),
      JSON.stringify({ type: "ticket.created", tenantId, ticketId }),
      new ArrayBuffer(8),
      undefined,
    ];
    for (const data of refused) expect(parsePresenceClientMessage(data)).toBeUndefined();
    expect(parsePresenceChange("{")).toBeUndefined();
    expect(parsePresenceChange(JSON.stringify({ tenantId, ticketId }))).toEqual({
      tenantId,
      ticketId,
    });
  });
});

describe("store", () => {
  let clock = 1_000_000;
  const store = createPresenceStore({
    redis,
    viewTtlMs: 45_000,
    typingTtlMs: 6_000,
    now: () => clock,
  });

  test("views and typing show per user, changes are reported, expiries lapse", async () => {
    const key = { tenantId: uuid(), ticketId: uuid() };
    const ana = { connectionId: uuid(), userId: uuid(), name: "Ana" };
    const anaTab = { ...ana, connectionId: uuid() };
    const bo = { connectionId: uuid(), userId: uuid(), name: "Bo" };
    expect(await store.view(key, bo)).toBe(true);
    expect(await store.view(key, ana)).toBe(true);
    expect(await store.view(key, ana)).toBe(false); // a heartbeat changes nothing shown
    expect(await store.view(key, anaTab)).toBe(true);
    expect(await store.viewers(key)).toEqual([
      { userId: ana.userId, name: "Ana", typing: null },
      { userId: bo.userId, name: "Bo", typing: null },
    ]);
    expect(await store.typing(key, anaTab, "reply")).toBe(true);
    expect(await store.typing(key, anaTab, "reply")).toBe(false);
    // Ana's other tab's heartbeat keeps her typing in the first one.
    expect(await store.view(key, ana)).toBe(false);
    expect((await store.viewers(key))[0]).toEqual({
      userId: ana.userId,
      name: "Ana",
      typing: "reply",
    });
    // The key is the tenant's, and expires by itself.
    expect(await redis.pttl(presenceKey(key))).toBeGreaterThan(45_000);

    clock += 6_001; // typing lapses
    expect((await store.viewers(key))[0]?.typing).toBeNull();
    expect(await store.leave(key, bo.connectionId)).toBe(true);
    expect(await store.leave(key, bo.connectionId)).toBe(false);
    expect((await store.viewers(key)).map((v) => v.name)).toEqual(["Ana"]);
    clock += 45_000; // no heartbeat: gone, and the lapsed fields are tidied away
    expect(await store.viewers(key)).toEqual([]);
    expect(await redis.hlen(presenceKey(key))).toBe(0);
  });

  test("tickets and tenants are separate", async () => {
    const key = { tenantId: uuid(), ticketId: uuid() };
    await store.view(key, { connectionId: uuid(), userId: uuid(), name: "Ana" });
    expect(await store.viewers({ ...key, tenantId: uuid() })).toEqual([]);
    expect(await store.viewers({ ...key, ticketId: uuid() })).toEqual([]);
  });
});

describe("hub", () => {
  function socket(): PresenceConnection["socket"] & { received: unknown[] } {
    const received: unknown[] = [];
    return { received, send: (data: string) => void received.push(JSON.parse(data)) };
  }

  test("watchers of the ticket get its viewers on change and expiry; notes hidden from those without note access", async () => {
    const store = createPresenceStore({ redis, viewTtlMs: 600, typingTtlMs: 300 });
    const members = new Set<string>();
    const presence = createPresenceHub({
      store,
      publisher: redis,
      subscriber,
      canDeliver: async (userIds) => new Set(userIds.filter((id) => members.has(id))),
      log,
      sweepMs: 50,
    });
    await presence.start();
    const key = { tenantId: uuid(), ticketId: uuid() };
    const ana: PresenceConnection = { id: uuid(), userId: uuid(), name: "Ana", socket: socket() };
    const bo: PresenceConnection = { id: uuid(), userId: uuid(), name: "Bo", socket: socket() };
    members.add(ana.userId).add(bo.userId);
    const last = (c: PresenceConnection) =>
      (c.socket as ReturnType<typeof socket>).received.at(-1) as PresenceMessage;

    await presence.view(bo, key, { notes: false });
    await presence.view(ana, key, { notes: true });
    await presence.typing(ana, key, "note", { notes: true });
    await sleep(100);
    expect(last(ana).viewers).toEqual([
      { userId: ana.userId, name: "Ana", typing: "note" },
      { userId: bo.userId, name: "Bo", typing: null },
    ]);
    expect(last(bo)).toEqual({
      type: "presence",
      ...key,
      viewers: [
        { userId: ana.userId, name: "Ana", typing: null },
        { userId: bo.userId, name: "Bo", typing: null },
      ],
    });
    expect(presence.stats()).toEqual({ tickets: 1, watchers: 2 });

    // Ana stops heart-beating: the sweep clears her (and her own watch) for Bo.
    const until = Date.now() + 2000;
    while (last(bo).viewers.length !== 1 && Date.now() < until) {
      await presence.view(bo, key, { notes: false });
      await sleep(50);
    }
    expect(last(bo).viewers).toEqual([{ userId: bo.userId, name: "Bo", typing: null }]);
    expect(presence.stats()).toEqual({ tickets: 1, watchers: 1 });

    await presence.drop(bo);
    expect(presence.stats()).toEqual({ tickets: 0, watchers: 0 });
    expect(await store.viewers(key)).toEqual([]);
    await presence.stop();
  });

  test("with Redis down, presence is empty and nothing throws", async () => {
    const down = createRedis("redis://127.0.0.1:1", {
      name: "test:presence-down",
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    down.on("error", () => {});
    const presence = createPresenceHub({
      store: createPresenceStore({ redis: down }),
      publisher: down,
      subscriber: down,
      canDeliver: async (userIds) => new Set(userIds),
      log,
    });
    const key = { tenantId: uuid(), ticketId: uuid() };
    const ana: PresenceConnection = { id: uuid(), userId: uuid(), name: "Ana", socket: socket() };
    await presence.view(ana, key, { notes: true });
    await presence.typing(ana, key, "reply", { notes: true });
    await presence.leave(ana, key);
    await presence.drop(ana);
    expect((ana.socket as ReturnType<typeof socket>).received).toEqual([
      { type: "presence", ...key, viewers: [] },
    ]);
    down.disconnect();
  });
});

// The hub: audience, membership checks, ordering, failures, scale, and the Redis subscription.
import { afterAll, describe, expect, test } from "bun:test";
import { createRedis } from "@supportdesk/cache";
import { env } from "@supportdesk/config";
import { EVENTS_CHANNEL, publishEvent, type RealtimeEvent } from "./events";
import { createRealtimeHub, type RealtimeHubOptions } from "./hub";

type Logged = { level: "debug" | "warn"; message: string; details: object };

function fakeSocket() {
  const received: unknown[] = [];
  return { received, send: (data: string) => void received.push(JSON.parse(data)) };
}

/** A per-user rule, answered the way a batch check would (all users of an event at once). */
type PerUser = (userId: string, tenantId: string) => Promise<boolean> | boolean;
const batchOf =
  (perUser: PerUser): RealtimeHubOptions["canDeliver"] =>
  async (userIds, tenantId) => {
    const allowed = await Promise.all(userIds.map((userId) => perUser(userId, tenantId)));
    return new Set(userIds.filter((_, i) => allowed[i]));
  };

function setup(
  rule: PerUser | { batch: RealtimeHubOptions["canDeliver"] },
  extra: { checkTimeoutMs?: number } = {},
) {
  const canDeliver = typeof rule === "function" ? batchOf(rule) : rule.batch;
  const logged: Logged[] = [];
  const log = {
    debug: (details: object, message: string) =>
      void logged.push({ level: "debug", message, details }),
    warn: (details: object, message: string) =>
      void logged.push({ level: "warn", message, details }),
  };
  // deliver() never touches the subscriber; the Redis tests below pass a real one.
  const subscriber = {} as RealtimeHubOptions["subscriber"];
  const hub = createRealtimeHub({ subscriber, canDeliver, log, ...extra });
  return { hub, logged };
}

const tenantId = crypto.randomUUID();
const event = (overrides: Partial<RealtimeEvent> = {}): RealtimeEvent => ({
  type: "ticket.created",
  tenantId,
  userIds: null,
  payload: { ticketId: crypto.randomUUID() },
  ...overrides,
});
const uuid = () => crypto.randomUUID();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("delivery", () => {
  test("a targeted event reaches every socket of its users and no one else, without userIds", async () => {
    const { hub } = setup(async () => true);
    const [alice, bob] = [crypto.randomUUID(), crypto.randomUUID()];
    const aliceTab1 = fakeSocket();
    const aliceTab2 = fakeSocket();
    const bobTab = fakeSocket();
    hub.register(alice, aliceTab1);
    hub.register(alice, aliceTab2);
    hub.register(bob, bobTab);
    const sent = event({ type: "notification.created", userIds: [alice], payload: { n: 1 } });
    expect(await hub.deliver(sent)).toBe(2);
    const expected = { type: "notification.created", tenantId, payload: { n: 1 } };
    expect(aliceTab1.received).toEqual([expected]);
    expect(aliceTab2.received).toEqual([expected]);
    expect(bobTab.received).toEqual([]);
  });

  test("a tenant-wide event checks each connected user once and reaches only those allowed", async () => {
    const members = new Set<string>();
    const calls: Array<[string, string]> = [];
    const { hub } = setup(async (userId, tenant) => {
      calls.push([userId, tenant]);
      return members.has(userId);
    });
    const [member, outsider] = [crypto.randomUUID(), crypto.randomUUID()];
    members.add(member);
    const memberTabs = [fakeSocket(), fakeSocket()];
    const outsiderTab = fakeSocket();
    for (const tab of memberTabs) hub.register(member, tab);
    hub.register(outsider, outsiderTab);
    expect(await hub.deliver(event())).toBe(2);
    expect(calls.sort()).toEqual(
      [
        [member, tenantId],
        [outsider, tenantId],
      ].sort() as typeof calls,
    );
    expect(memberTabs.map((tab) => tab.received.length)).toEqual([1, 1]);
    expect(outsiderTab.received).toEqual([]);
  });

  test("targeted users are checked too (a wrong userIds reaches no outsider), once each, only if connected here", async () => {
    const calls: string[] = [];
    const { hub } = setup(async (userId) => {
      calls.push(userId);
      return false;
    });
    const outsider = crypto.randomUUID();
    const tab = fakeSocket();
    hub.register(outsider, tab);
    const elsewhere = crypto.randomUUID();
    expect(await hub.deliver(event({ userIds: [outsider, outsider, elsewhere] }))).toBe(0);
    expect(calls).toEqual([outsider]);
    expect(tab.received).toEqual([]);
  });

  test("the check is asked once per event, with every connected user it would reach", async () => {
    const calls: string[][] = [];
    const { hub } = setup({
      batch: async (userIds) => {
        calls.push([...userIds].sort());
        return new Set(userIds);
      },
    });
    const users = [uuid(), uuid(), uuid()];
    for (const user of users) hub.register(user, fakeSocket());
    expect(await hub.deliver(event())).toBe(3);
    expect(calls).toEqual([[...users].sort()]);
  });

  test("a failing, throwing or hanging check delivers to no one (fail closed) and is logged", async () => {
    for (const batch of [
      () => Promise.reject(new Error("redis down")),
      () => {
        throw new Error("boom");
      },
      () => new Promise<ReadonlySet<string>>(() => {}),
    ]) {
      const { hub, logged } = setup({ batch }, { checkTimeoutMs: 50 });
      const tab = fakeSocket();
      hub.register(uuid(), tab);
      expect(await hub.deliver(event())).toBe(0);
      expect(tab.received).toEqual([]);
      expect(logged.filter((entry) => entry.level === "warn").length).toBe(1);
    }
  });

  test("a socket whose send throws does not stop delivery to the others", async () => {
    const { hub } = setup(async () => true);
    const user = crypto.randomUUID();
    const broken = {
      send() {
        throw new Error("closed");
      },
    };
    const healthy = fakeSocket();
    hub.register(user, broken);
    hub.register(user, healthy);
    expect(await hub.deliver(event())).toBe(1);
    expect(healthy.received.length).toBe(1);
  });

  test("events are sent in the order they arrived even when an earlier check is slower", async () => {
    const user = crypto.randomUUID();
    let slow = true;
    const { hub } = setup(async () => {
      const delay = slow ? 60 : 0;
      slow = false;
      await sleep(delay);
      return true;
    });
    const tab = fakeSocket();
    hub.register(user, tab);
    const first = hub.deliver(event({ payload: { n: 1 } }));
    const second = hub.deliver(event({ payload: { n: 2 } }));
    await Promise.all([first, second]);
    expect(
      tab.received.map((message) => (message as { payload: { n: number } }).payload.n),
    ).toEqual([1, 2]);
  });

  test("unregistered sockets get nothing; stats count users and sockets", async () => {
    const { hub } = setup(async () => true);
    const user = crypto.randomUUID();
    const [a, b] = [fakeSocket(), fakeSocket()];
    hub.register(user, a);
    hub.register(user, b);
    expect(hub.stats()).toEqual({ users: 1, sockets: 2 });
    hub.unregister(user, a);
    hub.unregister(user, fakeSocket()); // unknown: ignored
    hub.unregister(crypto.randomUUID(), a); // unknown user: ignored
    expect(hub.stats()).toEqual({ users: 1, sockets: 1 });
    await hub.deliver(event());
    expect([a.received.length, b.received.length]).toEqual([0, 1]);
    hub.unregister(user, b);
    expect(hub.stats()).toEqual({ users: 0, sockets: 0 });
    expect(await hub.deliver(event())).toBe(0);
  });

  test("1,000 connected users: one check per user, all in parallel", async () => {
    let calls = 0;
    let inFlight = 0;
    let maxInFlight = 0;
    const { hub } = setup(async (userId) => {
      calls++;
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await sleep(5);
      inFlight--;
      return userId.endsWith("0") || userId.endsWith("2") || userId.endsWith("4");
    });
    const users = Array.from({ length: 1000 }, () => crypto.randomUUID());
    const tabs = users.map((user, index) => {
      const tab = fakeSocket();
      hub.register(user, tab);
      if (index % 10 === 0) hub.register(user, fakeSocket()); // some users have two tabs
      return tab;
    });
    const started = performance.now();
    const sent = await hub.deliver(event());
    const elapsed = performance.now() - started;
    expect(calls).toBe(1000);
    expect(maxInFlight).toBe(1000);
    expect(elapsed).toBeLessThan(500);
    const allowed = users.filter((user) => /[024]$/.test(user));
    expect(tabs.filter((tab) => tab.received.length === 1).length).toBe(allowed.length);
    expect(sent).toBeGreaterThanOrEqual(allowed.length);
  });
});

describe("the Redis subscription", () => {
  const config = env();
  const subscriber = createRedis(config.REDIS_URL, {
    name: "test:realtime-sub",
    maxRetriesPerRequest: null,
  });
  const publisher = createRedis(config.REDIS_URL, { name: "test:realtime-pub" });
  afterAll(() => {
    subscriber.disconnect();
    publisher.disconnect();
  });

  test("delivers published events, ignores malformed ones (logged at debug), and stops on stop()", async () => {
    const logged: Logged[] = [];
    const user = crypto.randomUUID();
    const hub = createRealtimeHub({
      subscriber,
      canDeliver: batchOf((userId) => userId === user),
      log: {
        debug: (details, message) => void logged.push({ level: "debug", message, details }),
        warn: (details, message) => void logged.push({ level: "warn", message, details }),
      },
    });
    const tab = fakeSocket();
    hub.register(user, tab);
    await hub.start();
    await hub.start(); // idempotent: one listener, one subscription

    const received = (count: number) =>
      (async () => {
        for (let i = 0; i < 100 && tab.received.length < count; i++) await sleep(10);
        return tab.received.length;
      })();

    await publisher.publish(EVENTS_CHANNEL, "not json");
    await publisher.publish(EVENTS_CHANNEL, JSON.stringify({ type: "ticket.created" }));
    await publisher.publish(EVENTS_CHANNEL, JSON.stringify({ ...event(), extra: true }));
    await publisher.publish(EVENTS_CHANNEL, JSON.stringify({ ...event(), type: "nope" }));
    await publishEvent(publisher, event({ userIds: [user], payload: { n: 1 } }));
    expect(await received(1)).toBe(1);
    await hub.idle();
    expect(tab.received).toEqual([{ type: "ticket.created", tenantId, payload: { n: 1 } }]);
    const ignored = logged.filter((entry) => entry.message.includes("malformed"));
    expect(ignored.length).toBe(4);
    expect(ignored.every((entry) => entry.level === "debug")).toBe(true);

    await hub.stop();
    await publishEvent(publisher, event({ userIds: [user], payload: { n: 2 } }));
    await sleep(100);
    expect(tab.received.length).toBe(1);
  });
});

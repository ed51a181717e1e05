// /ws over real sockets: delivery by membership, removal, token and session expiry, two instances.
import { afterAll, describe, expect, test } from "bun:test";
import { createTokenService, generateSigningKey } from "@supportdesk/auth-utils";
import { createRedis } from "@supportdesk/cache";
import { env } from "@supportdesk/config";
import { userTenantRoles } from "@supportdesk/database";
import { publishEvent, type RealtimeEvent } from "@supportdesk/realtime";
import { createTestDeps, signUp } from "@supportdesk/trpc/testing";
import { createApp } from "./app";
import { createServerHub, createWsHandler, WS_CLOSE_UNAUTHORIZED, type WsOptions } from "./ws";

const signingKey = await generateSigningKey();
const deps = await createTestDeps({}, { signingKey });
const config = env();
const publisher = createRedis(config.REDIS_URL, { name: "test:ws-publisher" });
publisher.on("error", () => {});

/** How long "receives nothing" waits after the last expected delivery. */
const QUIET_MS = 300;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor(condition: () => boolean, what: string, ms = 3000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(5);
  }
}

// ---------------------------------------------------------------------------------------------
// Server instances: each its own Bun.serve, hub and subscriber connection, like separate processes.

type Instance = Awaited<ReturnType<typeof startInstance>>;
const instances = new Set<Instance>();

async function startInstance(options: WsOptions = {}) {
  const subscriber = createRedis(config.REDIS_URL, {
    name: "test:ws-subscriber",
    maxRetriesPerRequest: null,
  });
  subscriber.on("error", () => {});
  const hub = createServerHub(deps, subscriber);
  await hub.start();
  const realtime = createWsHandler(deps, hub, options);
  const app = createApp({ deps, corsOrigins: [], trustProxy: false, ws: realtime.route });
  const server = Bun.serve({
    port: 0,
    fetch: (req, srv) => app.fetch(req, srv),
    websocket: realtime.websocket,
  });
  const instance = {
    http: `http://127.0.0.1:${server.port}/ws`,
    ws: `ws://127.0.0.1:${server.port}/ws`,
    hub,
    realtime,
    async stop() {
      instances.delete(instance);
      realtime.closeAll();
      await server.stop(true);
      await hub.stop();
      subscriber.disconnect();
    },
  };
  instances.add(instance);
  return instance;
}

// ---------------------------------------------------------------------------------------------
// Clients

type Received = { type: string; tenantId: string; payload: Record<string, unknown> };
type Client = Awaited<ReturnType<typeof connect>>;
const clients = new Set<Client>();

/** A connected client; resolves once the server has registered it (a ping/pong round trip). */
async function connect(instance: Instance, token: string, via: "query" | "protocol" = "query") {
  const socket =
    via === "query"
      ? new WebSocket(`${instance.ws}?token=${encodeURIComponent(token)}`)
      : new WebSocket(instance.ws, [`bearer.${token}`]);
  const received: Received[] = [];
  let pongs = 0;
  let closeEvent: CloseEvent | undefined;
  socket.addEventListener("message", (event) => {
    if (event.data === "pong") pongs++;
    else received.push(JSON.parse(String(event.data)));
  });
  const closed = new Promise<CloseEvent>((resolve) =>
    socket.addEventListener("close", (event) => {
      closeEvent = event;
      resolve(event);
    }),
  );
  await new Promise<void>((resolve, reject) => {
    socket.addEventListener("open", () => resolve());
    socket.addEventListener("error", () => reject(new Error("the WebSocket did not open")));
  });
  socket.send("ping");
  await waitFor(() => pongs === 1, "pong");
  const client = {
    socket,
    received,
    closed,
    closeCode: () => closeEvent?.code,
    close() {
      clients.delete(client);
      socket.close();
    },
  };
  clients.add(client);
  return client;
}

/** What a handshake is answered with, without a WebSocket client in the way. */
function handshake(instance: Instance, query = "", headers: Record<string, string> = {}) {
  return fetch(`${instance.http}${query}`, {
    headers: {
      Connection: "Upgrade",
      Upgrade: "websocket",
      "Sec-WebSocket-Version": "13",
      "Sec-WebSocket-Key": btoa(crypto.randomUUID().slice(0, 16)),
      ...headers,
    },
  });
}

afterAll(async () => {
  for (const client of clients) client.close();
  for (const instance of instances) await instance.stop();
  publisher.disconnect();
  await deps.close();
});

// ---------------------------------------------------------------------------------------------
// Tenants

/** A tenant with an owner, a member added directly, and a user of another tenant. */
async function team() {
  const owner = await signUp(deps, { tenantName: "Realtime Co" });
  const tenant = owner.tenant as { id: string; slug: string };
  const member = await signUp(deps);
  await deps.db.platform
    .insert(userTenantRoles)
    .values({ userId: member.userId, tenantId: tenant.id, role: "member" });
  const outsider = await signUp(deps, { tenantName: "Elsewhere Co" });
  return { owner, member, outsider, tenant, ownerHere: owner.as(tenant.slug) };
}

const ticketCreated = (tenantId: string): RealtimeEvent => ({
  type: "ticket.created",
  tenantId,
  userIds: null,
  payload: { ticketId: crypto.randomUUID() },
});
const notification = (tenantId: string, userId: string): RealtimeEvent => ({
  type: "notification.created",
  tenantId,
  userIds: [userId],
  payload: { notificationId: crypto.randomUUID() },
});
const delivered = ({ type, tenantId, payload }: RealtimeEvent): Received => ({
  type,
  tenantId,
  payload,
});

describe("delivery", () => {
  test("a member gets their tenant's events and their own notifications; a non-member gets nothing; removal stops delivery", async () => {
    const instance = await startInstance();
    const { owner, member, outsider, tenant, ownerHere } = await team();
    const memberClient = await connect(instance, member.accessToken);
    const ownerClient = await connect(instance, owner.accessToken);
    // The token in the subprotocol works too, and the server echoes the protocol back.
    const outsiderClient = await connect(instance, outsider.accessToken, "protocol");
    expect(outsiderClient.socket.protocol).toBe(`bearer.${outsider.accessToken}`);

    const created = ticketCreated(tenant.id);
    const forMember = notification(tenant.id, member.userId);
    const forOwner = notification(tenant.id, owner.userId);
    // A wrong audience: the outsider is not a member of the tenant the event belongs to.
    const misaddressed = notification(tenant.id, outsider.userId);
    for (const event of [created, forMember, forOwner, misaddressed]) {
      await publishEvent(publisher, event);
    }
    await waitFor(() => memberClient.received.length === 2, "the member's events");
    await waitFor(() => ownerClient.received.length === 2, "the owner's events");
    await sleep(QUIET_MS);
    expect(memberClient.received).toEqual([delivered(created), delivered(forMember)]);
    expect(ownerClient.received).toEqual([delivered(created), delivered(forOwner)]);
    expect(outsiderClient.received).toEqual([]);

    // Removed through the router (which drops the cached role): the next events skip them.
    await ownerHere.tenants.members.remove({ userId: member.userId });
    const after = ticketCreated(tenant.id);
    await publishEvent(publisher, notification(tenant.id, member.userId));
    await publishEvent(publisher, after);
    await waitFor(() => ownerClient.received.length === 3, "the owner's event after removal");
    await sleep(QUIET_MS);
    expect(ownerClient.received.at(-1)).toEqual(delivered(after));
    expect(memberClient.received.length).toBe(2);
    expect(outsiderClient.received).toEqual([]);
    await instance.stop();
  });

  test("two server instances: an event published once reaches clients of both, once each", async () => {
    const [first, second] = [await startInstance(), await startInstance()];
    const { owner, member, tenant } = await team();
    const ownerOnFirst = await connect(first, owner.accessToken);
    const memberOnSecond = await connect(second, member.accessToken);
    const ownerOnSecond = await connect(second, owner.accessToken); // a second tab, elsewhere
    const created = ticketCreated(tenant.id);
    await publishEvent(publisher, created);
    await waitFor(
      () => [ownerOnFirst, memberOnSecond, ownerOnSecond].every((c) => c.received.length === 1),
      "the event on both instances",
    );
    await sleep(QUIET_MS);
    for (const client of [ownerOnFirst, memberOnSecond, ownerOnSecond]) {
      expect(client.received).toEqual([delivered(created)]);
    }
    expect(first.hub.stats()).toEqual({ users: 1, sockets: 1 });
    expect(second.hub.stats()).toEqual({ users: 2, sockets: 2 });
    await first.stop();
    await second.stop();
  });

  test("closing a socket unregisters it", async () => {
    const instance = await startInstance();
    const { member } = await team();
    const client = await connect(instance, member.accessToken);
    expect(instance.realtime.connections()).toBe(1);
    client.close();
    await waitFor(() => instance.realtime.connections() === 0, "the server to see the close");
    expect(instance.hub.stats()).toEqual({ users: 0, sockets: 0 });
    await instance.stop();
  });
});

describe("authentication", () => {
  test("a missing, malformed, foreign or revoked token is 401 before any upgrade", async () => {
    const instance = await startInstance();
    const { member } = await team();
    const foreign = await createTokenService({
      keys: [await generateSigningKey()],
      issuer: "supportdesk-test",
      audience: "supportdesk-api",
      ttlSeconds: 900,
    });
    const forged = await foreign.signAccessToken({ sub: member.userId, sid: crypto.randomUUID() });
    const loggedOut = await signUp(deps);
    await loggedOut.caller.auth.logout();

    const refused = [
      await handshake(instance),
      await handshake(instance, "?token=not-a-jwt"),
      await handshake(instance, `?token=${forged.token}`),
      await handshake(instance, `?token=${loggedOut.accessToken}`),
      await handshake(instance, "", { "Sec-WebSocket-Protocol": "bearer.not-a-jwt" }),
      await handshake(instance, "", { "Sec-WebSocket-Protocol": `bearer.${forged.token}` }),
      // An API key is not a user's session.
      await handshake(instance, "?token=sdk_0123456789abcdef0123456789abcdef"),
    ];
    for (const response of refused) {
      expect(response.status).toBe(401);
      expect(response.headers.get("upgrade")).toBeNull();
      expect(((await response.json()) as { error: { message: string } }).error.message).toContain(
        "access token",
      );
    }
    // A real client sees the refusal as a failed connection that never opened.
    await expect(connect(instance, "not-a-jwt")).rejects.toThrow("did not open");
    await expect(connect(instance, loggedOut.accessToken, "protocol")).rejects.toThrow(
      "did not open",
    );
    expect(instance.realtime.connections()).toBe(0);

    // A valid token over the same handshake upgrades (the control for the refusals above).
    const accepted = await handshake(instance, `?token=${member.accessToken}`);
    expect(accepted.status).toBe(101);
    // Plain HTTP is not a WebSocket: 426 (before looking at the token).
    const plain = await fetch(`${instance.http}?token=${member.accessToken}`);
    expect(plain.status).toBe(426);
    expect(plain.headers.get("upgrade")).toBe("websocket");
    await instance.stop();
  });

  test("the socket closes with 4401 when its access token expires; the token is then refused", async () => {
    const instance = await startInstance();
    const { member, tenant } = await team();
    // The same signing key and claims as the server's tokens, but living 2 s.
    const shortLived = await createTokenService({
      keys: [signingKey],
      issuer: "supportdesk-test",
      audience: "supportdesk-api",
      ttlSeconds: 2,
    });
    const { sid } = await deps.tokens.verifyAccessToken(member.accessToken);
    const { token, expiresAt } = await shortLived.signAccessToken({ sub: member.userId, sid });
    const client = await connect(instance, token);
    await publishEvent(publisher, ticketCreated(tenant.id));
    await waitFor(() => client.received.length === 1, "an event before expiry");
    const closed = await client.closed;
    expect(closed.code).toBe(WS_CLOSE_UNAUTHORIZED);
    expect(Date.now()).toBeGreaterThanOrEqual(expiresAt.getTime() - 50);
    expect(instance.hub.stats().sockets).toBe(0);
    expect((await handshake(instance, `?token=${token}`)).status).toBe(401);
    await instance.stop();
  }, 10_000);

  test("the socket closes with 4401 once its session ends (logout), at the next session check", async () => {
    const instance = await startInstance({ sessionCheckMs: 50 });
    const { member, owner } = await team();
    const memberClient = await connect(instance, member.accessToken);
    const ownerClient = await connect(instance, owner.accessToken);
    await member.caller.auth.logout();
    const closed = await memberClient.closed;
    expect(closed.code).toBe(WS_CLOSE_UNAUTHORIZED);
    await sleep(150);
    expect(ownerClient.closeCode()).toBeUndefined();
    expect(instance.realtime.connections()).toBe(1);
    await instance.stop();
  });
});

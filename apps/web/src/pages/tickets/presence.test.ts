// Ticket presence in the web app, the pure part: the "Also here" words, the typing throttle, which
// messages count as written meanwhile, the composer's warning, and reading presence off the socket.
import { describe, expect, test } from "bun:test";
import type { PresenceMessage, PresenceViewer } from "@supportdesk/domain";
import { parsePresence } from "../settings/notifications/realtime";
import {
  baselineOf,
  collisionText,
  createTypingThrottle,
  describeViewers,
  newerMessages,
} from "./presence";

const ME = "00000000-0000-4000-8000-00000000000a";
const ANA = "00000000-0000-4000-8000-00000000000b";
const BO = "00000000-0000-4000-8000-00000000000c";

describe("describeViewers (the presence bar)", () => {
  const viewers: PresenceViewer[] = [
    { userId: ANA, name: "Ana", typing: "reply" },
    { userId: BO, name: "Bo", typing: null },
    { userId: ME, name: "Me", typing: "reply" },
  ];

  test("names everyone else, with what they are typing, never yourself", () => {
    expect(describeViewers(viewers, ME)).toBe("Also here: Ana (typing a reply…), Bo");
    expect(describeViewers([{ userId: BO, name: "Bo", typing: "note" }], ME)).toBe(
      "Also here: Bo (writing a note…)",
    );
  });

  test("nothing to say when alone or when everyone left (cleared)", () => {
    expect(describeViewers([{ userId: ME, name: "Me", typing: null }], ME)).toBeNull();
    expect(describeViewers([], ME)).toBeNull();
  });
});

describe("createTypingThrottle", () => {
  test("at most once per interval for one mode; at once when the mode changes", () => {
    let now = 0;
    const throttle = createTypingThrottle(3000, () => now);
    expect(throttle.due("reply")).toBe(true);
    now = 1000;
    expect(throttle.due("reply")).toBe(false);
    now = 2999;
    expect(throttle.due("reply")).toBe(false);
    now = 3000;
    expect(throttle.due("reply")).toBe(true);
    now = 3100;
    expect(throttle.due("note")).toBe(true);
    expect(throttle.due("note")).toBe(false);
  });
});

type Msg = Parameters<typeof newerMessages>[0][number];
let seq = 0;
function msg(overrides: Partial<Msg> & { at: string }): Msg {
  const { at, ...rest } = overrides;
  seq += 1;
  return {
    id: `m${seq}`,
    authorType: "agent",
    authorUserId: ANA,
    authorName: "Ana",
    isInternal: false,
    createdAt: at,
    ...rest,
  } as Msg;
}

describe("newer-message detection (the composer's warning)", () => {
  const first = msg({
    at: "2024-05-01T10:00:00.000Z",
    authorType: "customer",
    authorUserId: null,
    authorName: "Cleo",
  });
  const thread = [first];

  test("nothing new since typing began: the reply goes", () => {
    expect(newerMessages(thread, baselineOf(thread), ME)).toEqual([]);
  });

  test("a colleague's reply after typing began is newer; so is the customer's", () => {
    const anas = msg({ at: "2024-05-01T10:05:00.000Z" });
    const customers = msg({
      at: "2024-05-01T10:06:00.000Z",
      authorType: "customer",
      authorUserId: null,
      authorName: "Cleo",
    });
    const now = [first, anas, customers];
    expect(newerMessages(now, baselineOf(thread), ME)).toEqual([anas, customers]);
  });

  test("your own messages (another tab) and system lines are not", () => {
    const mine = msg({ at: "2024-05-01T10:05:00.000Z", authorUserId: ME, authorName: "Me" });
    const system = msg({
      at: "2024-05-01T10:06:00.000Z",
      authorType: "system",
      authorUserId: null,
    });
    expect(newerMessages([first, mine, system], baselineOf(thread), ME)).toEqual([]);
  });

  test("a baseline no longer in the thread falls back to its time", () => {
    const gone = { id: "gone", at: new Date("2024-05-01T10:03:00.000Z").getTime() };
    const before = msg({ at: "2024-05-01T10:02:00.000Z" });
    const after = msg({ at: "2024-05-01T10:04:00.000Z" });
    expect(newerMessages([first, before, after], gone, ME)).toEqual([after]);
    // Typing began on an empty thread: everything from others counts.
    expect(newerMessages([first], null, ME)).toEqual([first]);
  });

  test("the warning names the newest, how long ago, and how many", () => {
    const at = "2024-05-01T10:05:00.000Z";
    const now = new Date("2024-05-01T10:06:00.000Z").getTime();
    expect(collisionText([msg({ at })], now)).toBe(
      "Ana replied 1 minute ago while you were typing. Send anyway?",
    );
    expect(collisionText([msg({ at }), msg({ at, authorName: "Bo", isInternal: true })], now)).toBe(
      "Bo added a note 1 minute ago while you were typing (2 new messages). Send anyway?",
    );
    expect(
      collisionText(
        [msg({ at, authorType: "customer", authorUserId: null, authorName: null })],
        now,
      ),
    ).toBe("The customer replied 1 minute ago while you were typing. Send anyway?");
    expect(collisionText([], now)).toBeNull();
  });
});

describe("parsePresence (the socket's presence messages)", () => {
  test("a presence message is read; events and junk are not presence", () => {
    const message: PresenceMessage = {
      type: "presence",
      tenantId: "t",
      ticketId: "k",
      viewers: [{ userId: ANA, name: "Ana", typing: null }],
    };
    expect(parsePresence(JSON.stringify(message))).toEqual(message);
    for (const junk of [
      "pong",
      "{",
      JSON.stringify({ type: "ticket.created", tenantId: "t", payload: {} }),
      JSON.stringify({ ...message, viewers: "Ana" }),
      JSON.stringify({ ...message, ticketId: 1 }),
      new ArrayBuffer(2),
    ]) {
      expect(parsePresence(junk)).toBeNull();
    }
  });
});

// The presence heartbeat: beats while the page is visible, never while hidden, at once on return.
import { describe, expect, test } from "bun:test";
import { startHeartbeat, type Timers, type Visibility } from "./presence";

function fakePage(state: "visible" | "hidden") {
  let listener: (() => void) | null = null;
  const intervals = new Map<number, () => void>();
  let next = 1;
  const page: Visibility & { show(): void; hide(): void } = {
    visibilityState: state,
    addEventListener: (_, fn) => {
      listener = fn;
    },
    removeEventListener: () => {
      listener = null;
    },
    show() {
      (page as { visibilityState: string }).visibilityState = "visible";
      listener?.();
    },
    hide() {
      (page as { visibilityState: string }).visibilityState = "hidden";
      listener?.();
    },
  };
  const timers: Timers = {
    setInterval: (fn) => {
      intervals.set(next, fn);
      return next++;
    },
    clearInterval: (id) => intervals.delete(id as number),
  };
  const tick = () => {
    for (const fn of intervals.values()) fn();
  };
  return { page, timers, tick, intervals, listening: () => listener !== null };
}

describe("the heartbeat", () => {
  test("a visible page beats at once and on every tick; hidden, it stops; shown, it beats again", () => {
    const { page, timers, tick, intervals } = fakePage("visible");
    let beats = 0;
    const stop = startHeartbeat(() => beats++, { visibility: page, timers });
    expect(beats).toBe(1);
    tick();
    tick();
    expect(beats).toBe(3);
    page.hide();
    tick();
    expect(beats).toBe(3);
    expect(intervals.size).toBe(0);
    page.show();
    expect(beats).toBe(4);
    page.show();
    expect(intervals.size).toBe(1);
    stop();
    tick();
    expect(beats).toBe(4);
  });

  test("a page opened hidden stays silent until shown; stopping stops listening", () => {
    const { page, timers, listening } = fakePage("hidden");
    let beats = 0;
    const stop = startHeartbeat(() => beats++, { visibility: page, timers });
    expect(beats).toBe(0);
    page.show();
    expect(beats).toBe(1);
    stop();
    expect(listening()).toBe(false);
  });
});

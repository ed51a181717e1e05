// Which key presses are shortcuts: never while typing, never with a modifier.
import { describe, expect, test } from "bun:test";
import { shortcutKey } from "./shortcuts";

const press = (key: string, extra: Record<string, unknown> = {}) =>
  shortcutKey({ key, ctrlKey: false, metaKey: false, altKey: false, target: null, ...extra });

describe("shortcutKey", () => {
  test("plain keys and Enter count", () => {
    expect(press("j")).toBe("j");
    expect(press("?")).toBe("?");
    expect(press("Enter")).toBe("Enter");
    expect(press("ArrowDown")).toBeNull();
  });
  test("modifiers, handled presses and typing do not", () => {
    expect(press("r", { ctrlKey: true })).toBeNull();
    expect(press("r", { metaKey: true })).toBeNull();
    expect(press("r", { defaultPrevented: true })).toBeNull();
    for (const tagName of ["INPUT", "TEXTAREA", "SELECT"]) {
      expect(press("r", { target: { tagName, isContentEditable: false } })).toBeNull();
    }
    expect(press("r", { target: { tagName: "DIV", isContentEditable: true } })).toBeNull();
    expect(press("r", { target: { tagName: "BUTTON", isContentEditable: false } })).toBe("r");
  });
});

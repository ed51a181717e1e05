import { describe, expect, test } from "bun:test";
import { homePath, rememberAfterVerify, takeAfterVerify } from "./after-verify";

function memoryStorage() {
  const items = new Map<string, string>();
  return {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    removeItem: (key: string) => void items.delete(key),
    items,
  };
}

describe("after the verification link", () => {
  test("a sign-up headed for an invitation continues there, once", () => {
    const storage = memoryStorage();
    rememberAfterVerify("/invite/abc", storage);
    expect(takeAfterVerify(storage)).toBe("/invite/abc");
    expect(takeAfterVerify(storage)).toBeNull();
  });

  test("a sign-up without a destination forgets an older one", () => {
    const storage = memoryStorage();
    rememberAfterVerify("/invite/old", storage);
    rememberAfterVerify(null, storage);
    expect(takeAfterVerify(storage)).toBeNull();
  });

  test("another site is never a destination, even if written to storage directly", () => {
    const storage = memoryStorage();
    rememberAfterVerify("//evil.example", storage);
    expect(storage.items.size).toBe(0);
    storage.setItem("supportdesk:after-verify", "https://evil.example");
    expect(takeAfterVerify(storage)).toBeNull();
  });

  test("storage that refuses (private mode) or is missing is no error", () => {
    const refusing = {
      getItem: () => {
        throw new Error("denied");
      },
      setItem: () => {
        throw new Error("denied");
      },
      removeItem: () => {
        throw new Error("denied");
      },
    };
    expect(() => rememberAfterVerify("/invite/x", refusing)).not.toThrow();
    expect(takeAfterVerify(refusing)).toBeNull();
    expect(takeAfterVerify(undefined)).toBeNull();
  });

  test("otherwise the default tenant's inbox, the first tenant's, or home", () => {
    const tenants = [
      { id: "a", slug: "acme" },
      { id: "b", slug: "globex" },
    ];
    expect(homePath({ tenants, defaultTenantId: "b" })).toBe("/t/globex/tickets");
    expect(homePath({ tenants, defaultTenantId: null })).toBe("/t/acme/tickets");
    expect(homePath({ tenants: [], defaultTenantId: null })).toBe("/");
  });
});

// The local store on a real directory: round trips, replacement, absence, and keys that could
// escape the directory or another tenant's namespace.
import { afterAll, describe, expect, test } from "bun:test";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { belongsTo, checkKey, createLocalStore, StorageKeyError, tenantKey } from "./index";

const root = mkdtempSync(join(tmpdir(), "sd-storage-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const store = createLocalStore(root);
const tenant = "0190a4f2-0000-7000-8000-000000000001";

describe("the local store", () => {
  test("keeps bytes exactly, replaces on a second put, and says when there is nothing", async () => {
    const key = tenantKey(tenant, "inbound", "a.eml");
    const bytes = new Uint8Array([0, 1, 2, 255, 13, 10]);
    await store.put(key, bytes);
    expect(await store.get(key)).toEqual(bytes);
    expect(await store.size(key)).toBe(6);
    await store.put(key, new Uint8Array([7]));
    expect(await store.get(key)).toEqual(new Uint8Array([7]));
    await store.delete(key);
    expect(await store.get(key)).toBeNull();
    expect(await store.size(key)).toBeNull();
    await store.delete(key);
    // No temporary files are left behind.
    expect(readdirSync(join(root, "t", tenant, "inbound"))).toEqual([]);
  });

  test("keys cannot climb out of the directory or be blank", async () => {
    for (const key of ["../x", "t/../../etc/passwd", "/abs", "a//b", "a/./b", "", "a/", "a b"]) {
      expect(() => checkKey(key)).toThrow(StorageKeyError);
      await expect(store.get(key)).rejects.toThrow(StorageKeyError);
    }
  });

  test("a tenant's keys are under its own prefix, and only a UUID names a tenant", () => {
    const key = tenantKey(tenant, "attachments", "x");
    expect(belongsTo(key, tenant)).toBe(true);
    expect(belongsTo(key, "0190a4f2-0000-7000-8000-000000000002")).toBe(false);
    expect(() => tenantKey("../other", "inbound", "x")).toThrow(StorageKeyError);
    expect(() => tenantKey(tenant, "inbound", "../x")).toThrow(StorageKeyError);
  });
});

describe("signed file links", async () => {
  const { signFileLink, verifyFileLink } = await import("./index");
  const secret = new Uint8Array(32).fill(7);
  const claims = {
    tenantId: tenant,
    key: tenantKey(tenant, "attachments", "a"),
    filename: "a.png",
    contentType: "image/png",
    inline: true,
    exp: 2_000_000_000,
  };

  test("a link opens what it names until it expires", () => {
    const token = signFileLink(secret, claims);
    expect(verifyFileLink(secret, token, 1_000)).toEqual(claims);
    expect(verifyFileLink(secret, token, 2_000_000_001)).toBeNull();
  });

  test("a changed claim, another key or another tenant's object opens nothing", () => {
    const token = signFileLink(secret, claims);
    const [body, signature] = token.split(".");
    const forged = Buffer.from(
      JSON.stringify({ ...claims, key: tenantKey(tenant, "attachments", "b") }),
    ).toString("base64url");
    expect(verifyFileLink(secret, `${forged}.${signature}`, 1_000)).toBeNull();
    expect(verifyFileLink(new Uint8Array(32).fill(8), token, 1_000)).toBeNull();
    expect(verifyFileLink(secret, `${body}.${signature}.x`, 1_000)).toBeNull();
    expect(() =>
      signFileLink(secret, {
        ...claims,
        key: tenantKey(claims.tenantId.replace("1", "2"), "a", "b"),
      }),
    ).toThrow();
  });
});

test("an upload token is not a download token, nor the other way round", async () => {
  const { signFileLink, signUploadLink, verifyFileLink, verifyUploadLink } = await import(
    "./index"
  );
  const secret = new Uint8Array(32).fill(9);
  const key = tenantKey(tenant, "attachments", "u");
  const upload = signUploadLink(secret, {
    tenantId: tenant,
    key,
    attachmentId: crypto.randomUUID(),
    ticketId: crypto.randomUUID(),
    filename: "a.pdf",
    maxBytes: 10,
    exp: 2_000_000_000,
  });
  const download = signFileLink(secret, {
    tenantId: tenant,
    key,
    filename: "a.pdf",
    contentType: "application/pdf",
    inline: false,
    exp: 2_000_000_000,
  });
  expect(verifyUploadLink(secret, upload, 1)?.maxBytes).toBe(10);
  expect(verifyFileLink(secret, upload, 1)).toBeNull();
  expect(verifyUploadLink(secret, download, 1)).toBeNull();
});

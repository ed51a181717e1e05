// Password hashing, verification and upgrade-on-login.
import { describe, expect, test } from "bun:test";
import { dummyPasswordHash, hashPassword, PASSWORD_PARAMS, verifyPassword } from "./passwords";

describe("hashPassword", () => {
  test("makes an Argon2id hash with OWASP parameters", async () => {
    const hash = await hashPassword("correct horse battery staple");
    expect(hash).toStartWith("$argon2id$v=19$m=19456,t=2,p=1$");
    expect(PASSWORD_PARAMS).toEqual({ algorithm: "argon2id", memoryCost: 19456, timeCost: 2 });
  });

  test("salts every hash, so equal passwords give different hashes", async () => {
    expect(await hashPassword("same")).not.toBe(await hashPassword("same"));
  });

  test("refuses an empty password", async () => {
    await expect(hashPassword("")).rejects.toThrow();
  });

  test("parameters cannot be changed at run time", () => {
    expect(() => {
      (PASSWORD_PARAMS as { memoryCost: number }).memoryCost = 1024;
    }).toThrow();
  });
});

describe("verifyPassword", () => {
  test("accepts the right password and needs no rehash", async () => {
    const hash = await hashPassword("s3cret-Pa55");
    expect(await verifyPassword("s3cret-Pa55", hash)).toEqual({ ok: true, needsRehash: false });
  });

  test("rejects a wrong password", async () => {
    const hash = await hashPassword("s3cret-Pa55");
    expect(await verifyPassword("s3cret-pa55", hash)).toEqual({ ok: false, needsRehash: false });
    expect(await verifyPassword("", hash)).toEqual({ ok: false, needsRehash: false });
  });

  test("handles non-ASCII passwords", async () => {
    const hash = await hashPassword("pässwörd-密码-🔑");
    expect((await verifyPassword("pässwörd-密码-🔑", hash)).ok).toBe(true);
    expect((await verifyPassword("passwort-密码-🔑", hash)).ok).toBe(false);
  });

  test("asks for a rehash when the hash used a smaller memory cost", async () => {
    const old = await Bun.password.hash("pw", {
      algorithm: "argon2id",
      memoryCost: 4096,
      timeCost: 2,
    });
    expect(await verifyPassword("pw", old)).toEqual({ ok: true, needsRehash: true });
  });

  test("asks for a rehash when the hash used another time cost", async () => {
    const old = await Bun.password.hash("pw", {
      algorithm: "argon2id",
      memoryCost: 19456,
      timeCost: 3,
    });
    expect(await verifyPassword("pw", old)).toEqual({ ok: true, needsRehash: true });
  });

  test("asks for a rehash of a bcrypt hash", async () => {
    const bcrypt = await Bun.password.hash("pw", { algorithm: "bcrypt", cost: 4 });
    expect(bcrypt).toStartWith("$2");
    expect(await verifyPassword("pw", bcrypt)).toEqual({ ok: true, needsRehash: true });
  });

  test("asks for a rehash of another Argon2 variant", async () => {
    const argon2i = await Bun.password.hash("pw", {
      algorithm: "argon2i",
      memoryCost: 19456,
      timeCost: 2,
    });
    expect(await verifyPassword("pw", argon2i)).toEqual({ ok: true, needsRehash: true });
  });

  test("never asks for a rehash after a failed login", async () => {
    const bcrypt = await Bun.password.hash("pw", { algorithm: "bcrypt", cost: 4 });
    expect(await verifyPassword("other", bcrypt)).toEqual({ ok: false, needsRehash: false });
  });

  test("treats malformed hashes as a wrong password instead of throwing", async () => {
    const real = await hashPassword("pw");
    const malformed = [
      "",
      "garbage",
      "$argon2id$v=19$m=19456,t=2,p=1$xx$yy",
      "$argon2id$v=19$m=19456,t=2,p=1$",
      real.slice(0, 40),
      real.replace("$argon2id$", "$argon9$"),
      "$2b$04$short",
      "$2b$04$",
    ];
    for (const hash of malformed) {
      expect(await verifyPassword("pw", hash)).toEqual({ ok: false, needsRehash: false });
    }
    const notAString = null as unknown as string;
    expect(await verifyPassword("pw", notAString)).toEqual({ ok: false, needsRehash: false });
  });
});

describe("dummyPasswordHash", () => {
  test("is computed once with the current parameters", async () => {
    const first = await dummyPasswordHash();
    expect(await dummyPasswordHash()).toBe(first);
    expect(first).toStartWith("$argon2id$v=19$m=19456,t=2,p=1$");
  });

  test("matches no password a user could type", async () => {
    const hash = await dummyPasswordHash();
    for (const guess of ["", "password", "123456", hash]) {
      expect(await verifyPassword(guess, hash)).toEqual({ ok: false, needsRehash: false });
    }
  });
});

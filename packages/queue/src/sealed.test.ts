// Sealing one-time tokens: encrypted at rest, bound to their job, openable across a key rotation.
import { describe, expect, test } from "bun:test";
import { randomBytes } from "node:crypto";
import { invitationJob, passwordResetJob, ticketEventJob, verifyEmailJob } from "./jobs";
import { openPayload, parseKeyring, SealError, sealPayload } from "./sealed";

const key = () => randomBytes(32).toString("base64");
const keyring = parseKeyring(key());
const reset = {
  userId: "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b",
  email: "ada@example.test",
  name: "Ada",
  token: "t".repeat(43),
};

describe("sealPayload / openPayload", () => {
  test("the token is stored encrypted (a new ciphertext each time) and opens to itself", () => {
    const first = sealPayload(passwordResetJob, reset, keyring);
    const second = sealPayload(passwordResetJob, reset, keyring);
    expect(first.token).toStartWith("sealed.v1.");
    expect(first.token).not.toBe(second.token);
    expect(JSON.stringify(first)).not.toContain(reset.token);
    // Everything else stays readable for the relay, stats and logs.
    expect({ ...first, token: undefined }).toEqual({ ...reset, token: undefined });
    expect(openPayload(passwordResetJob, first, keyring)).toEqual(reset);
  });

  test("survives a trip through JSON with its keys in another order (jsonb, Redis)", () => {
    const sealed = sealPayload(passwordResetJob, reset, keyring);
    const reordered = Object.fromEntries(Object.entries(sealed).reverse());
    expect(openPayload(passwordResetJob, JSON.parse(JSON.stringify(reordered)), keyring)).toEqual(
      reset,
    );
  });

  test("a token moved into another job, or to another recipient, does not open", () => {
    const sealed = sealPayload(passwordResetJob, reset, keyring);
    const moves = [
      () => openPayload(passwordResetJob, { ...sealed, email: "eve@example.test" }, keyring),
      () => openPayload(passwordResetJob, { ...sealed, userId: crypto.randomUUID() }, keyring),
      () => openPayload(verifyEmailJob, sealed, keyring),
    ];
    for (const move of moves) expect(move).toThrow(SealError);
  });

  test("an altered, truncated or plaintext token is refused", () => {
    const sealed = sealPayload(passwordResetJob, reset, keyring);
    const token = String(sealed.token);
    const flipped = `${token.slice(0, -2)}${token.at(-2) === "A" ? "B" : "A"}${token.at(-1)}`;
    for (const bad of [flipped, token.slice(0, 40), reset.token, 42]) {
      expect(() => openPayload(passwordResetJob, { ...sealed, token: bad }, keyring)).toThrow(
        SealError,
      );
    }
  });

  test("after a rotation the old key still opens; a key no longer configured does not", () => {
    const [oldKey, newKey] = [key(), key()];
    const sealedOld = sealPayload(passwordResetJob, reset, parseKeyring(oldKey));
    const rotated = parseKeyring(`${newKey}, ${oldKey}`);
    expect(openPayload(passwordResetJob, sealedOld, rotated)).toEqual(reset);
    expect(String(sealPayload(passwordResetJob, reset, rotated).token)).toContain(
      `.${rotated.current.id}.`,
    );
    expect(() => openPayload(passwordResetJob, sealedOld, parseKeyring(newKey))).toThrow(
      /no longer configured/,
    );
  });

  test("a key that is not 32 bytes of base64 is refused", () => {
    for (const spec of ["", "c2hvcnQ=", `${key()},c2hvcnQ=`]) {
      expect(() => parseKeyring(spec)).toThrow(SealError);
    }
  });

  test("the jobs that carry a one-time token seal it; others pass through untouched", () => {
    expect(verifyEmailJob.sealed).toEqual(["token"]);
    expect(passwordResetJob.sealed).toEqual(["token"]);
    expect(invitationJob.sealed).toEqual(["token"]);
    const event = { tenantId: reset.userId, ticketId: reset.userId, kind: "created" };
    expect(sealPayload(ticketEventJob, event, keyring)).toBe(event);
    expect(openPayload(ticketEventJob, event, keyring)).toBe(event);
  });
});

// Sealed payload fields: one-time tokens travel through the outbox and Redis encrypted (AES-256-GCM).
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { env } from "@supportdesk/config";
import type { JobDefinition } from "./jobs";

/** Keys by id; the first one seals, any of them opens (so keys can rotate). */
export type Keyring = { current: { id: string; key: Buffer }; byId: ReadonlyMap<string, Buffer> };

/** A sealed field that cannot be opened: not sealed, tampered, moved, or an unknown key. */
export class SealError extends Error {
  override name = "SealError";
}

const PREFIX = "sealed.v1";

/**
 * Reads a keyring from JOB_ENCRYPTION_KEY's form: base64 keys of 32 bytes, comma-separated.
 *
 * @example
 * const keyring = parseKeyring(`${newKey},${oldKey}`); // seals with newKey, opens with both
 */
export function parseKeyring(spec: string): Keyring {
  const keys = spec
    .split(",")
    .map((part) => Buffer.from(part.trim(), "base64"))
    .filter((key) => key.length > 0);
  const first = keys[0];
  if (!first || keys.some((key) => key.length !== 32)) {
    throw new SealError("a job encryption key must be 32 bytes, written in base64");
  }
  const id = (key: Buffer) => createHash("sha256").update(key).digest("base64url").slice(0, 8);
  return { current: { id: id(first), key: first }, byId: new Map(keys.map((k) => [id(k), k])) };
}

let configured: Keyring | undefined;
/** The process's keyring, from the config's JOB_ENCRYPTION_KEY (read once). */
function defaultKeyring(): Keyring {
  configured ??= parseKeyring(env().JOB_ENCRYPTION_KEY);
  return configured;
}

/** JSON with sorted keys: the same payload gives the same bytes after a trip through jsonb. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record)
      .filter((k) => record[k] !== undefined)
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical(record[k])}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

/**
 * What a sealed field is bound to: the job's name, the field and every clear field (recipient,
 * user, invitation). A token copied into another job — say one addressed to an attacker, added
 * by someone who can write to Redis — does not open.
 */
function associatedData(
  jobName: string,
  field: string,
  payload: Record<string, unknown>,
  sealed: readonly string[],
) {
  const clear = Object.fromEntries(Object.entries(payload).filter(([k]) => !sealed.includes(k)));
  return Buffer.from(`${jobName}\u0000${field}\u0000${canonical(clear)}`);
}

/**
 * The payload as the outbox stores it: each of the job's `sealed` fields encrypted. Other fields
 * stay readable, so the relay, stats and logs work as before.
 */
export function sealPayload(
  job: Pick<JobDefinition<never>, "name" | "sealed">,
  payload: Record<string, unknown>,
  keyring?: Keyring,
): Record<string, unknown> {
  const sealed = job.sealed ?? [];
  if (sealed.length === 0) return payload;
  const keys = keyring ?? defaultKeyring();
  const out = { ...payload };
  for (const field of sealed) {
    const value = payload[field];
    if (typeof value !== "string") continue;
    const iv = randomBytes(12);
    const cipher = createCipheriv("aes-256-gcm", keys.current.key, iv);
    cipher.setAAD(associatedData(job.name, field, payload, sealed));
    const body = Buffer.concat([cipher.update(value, "utf8"), cipher.final(), cipher.getAuthTag()]);
    out[field] =
      `${PREFIX}.${keys.current.id}.${iv.toString("base64url")}.${body.toString("base64url")}`;
  }
  return out;
}

/**
 * The payload with its sealed fields opened: what the worker hands a handler (and what tests read
 * instead of the outbox row).
 *
 * @throws SealError when a sealed field is in clear, was altered or moved, or its key is unknown.
 */
export function openPayload(
  job: Pick<JobDefinition<never>, "name" | "sealed">,
  data: Record<string, unknown>,
  keyring?: Keyring,
): Record<string, unknown> {
  const sealed = job.sealed ?? [];
  if (sealed.length === 0) return data;
  const keys = keyring ?? defaultKeyring();
  const out = { ...data };
  for (const field of sealed) {
    const value = data[field];
    if (value === undefined) continue;
    const parts = typeof value === "string" ? value.split(".") : [];
    if (parts.length !== 5 || `${parts[0]}.${parts[1]}` !== PREFIX) {
      throw new SealError(`${job.name}: ${field} is not sealed`);
    }
    const [, , keyId = "", iv = "", body = ""] = parts;
    const key = keys.byId.get(keyId);
    if (!key)
      throw new SealError(`${job.name}: ${field} was sealed with a key no longer configured`);
    const bytes = Buffer.from(body, "base64url");
    if (bytes.length < 17) throw new SealError(`${job.name}: ${field} is truncated`);
    try {
      const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
      decipher.setAAD(associatedData(job.name, field, data, sealed));
      decipher.setAuthTag(bytes.subarray(bytes.length - 16));
      const clear = Buffer.concat([
        decipher.update(bytes.subarray(0, bytes.length - 16)),
        decipher.final(),
      ]);
      out[field] = clear.toString("utf8");
    } catch {
      throw new SealError(
        `${job.name}: ${field} does not open (altered, or moved from another job)`,
      );
    }
  }
  return out;
}

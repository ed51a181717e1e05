// Object keys: every tenant's objects live under `t/<tenantId>/`, so one tenant's key can never name
// another's, and a key is checked before it reaches a disk path or a bucket.

/** A key's shape: path segments of safe characters, no `..`, no leading or trailing slash. */
const KEY = /^(?:[A-Za-z0-9_-][A-Za-z0-9._-]*)(?:\/[A-Za-z0-9_-][A-Za-z0-9._-]*)*$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export class StorageKeyError extends Error {
  override name = "StorageKeyError";
}

/** Throws StorageKeyError unless `key` is a safe object key. */
export function checkKey(key: string): string {
  if (key.length > 500 || !KEY.test(key) || key.split("/").some((s) => s === "." || s === "..")) {
    throw new StorageKeyError(`not a valid storage key: ${JSON.stringify(key.slice(0, 100))}`);
  }
  return key;
}

/**
 * The key of a tenant's object: `t/<tenantId>/<kind>/<name>`.
 *
 * @example
 * tenantKey(tenantId, "inbound", `${id}.eml`); // "t/0190…/inbound/0190….eml"
 */
export function tenantKey(tenantId: string, kind: string, name: string): string {
  if (!UUID.test(tenantId)) throw new StorageKeyError("tenantKey needs a tenant id (a UUID)");
  return checkKey(`t/${tenantId}/${kind}/${name}`);
}

/** Whether `key` belongs to `tenantId` (downloads check it before serving anything). */
export function belongsTo(key: string, tenantId: string): boolean {
  return key.startsWith(`t/${tenantId}/`);
}

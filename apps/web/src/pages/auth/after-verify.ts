// Where a sign-up continues once its verification link has signed the person in.
import { safeNext } from "./shared";

const KEY = "supportdesk:after-verify";

type Store = Pick<Storage, "getItem" | "setItem" | "removeItem">;
const local = (): Store | undefined => globalThis.localStorage;

/**
 * Remembers where a sign-up was headed (an invitation) for the verification link to continue
 * there. The link usually opens in a new tab, hence localStorage rather than memory; another
 * device simply lands in the inbox.
 */
export function rememberAfterVerify(next: string | null, storage: Store | undefined = local()) {
  try {
    const path = safeNext(next);
    if (path) storage?.setItem(KEY, path);
    else storage?.removeItem(KEY);
  } catch {
    // Storage refused (private mode, quota): the link then continues to the inbox.
  }
}

/** The remembered path, once; checked again, since any script on the origin could write it. */
export function takeAfterVerify(storage: Store | undefined = local()): string | null {
  try {
    const next = storage?.getItem(KEY) ?? null;
    storage?.removeItem(KEY);
    return safeNext(next);
  } catch {
    return null;
  }
}

/** A signed-in answer's first stop: its default tenant's inbox, else home. */
export function homePath(answer: {
  tenants: { id: string; slug: string }[];
  defaultTenantId: string | null;
}): string {
  const tenant = answer.tenants.find((t) => t.id === answer.defaultTenantId) ?? answer.tenants[0];
  return tenant ? `/t/${tenant.slug}/tickets` : "/";
}

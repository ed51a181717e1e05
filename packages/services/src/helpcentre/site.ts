// The help centre's own settings: whether it is on, its name, language and (validated) branding.
import { eq, type TenantDb, tenants } from "@supportdesk/database";

/** `#rrggbb` only: the colour goes into a stylesheet, so nothing else may pass. */
export const HEX_COLOUR = /^#[0-9a-f]{6}$/i;

export type Site = {
  /** Off only when the tenant turned it off (`settings.helpCentre.enabled === false`). */
  enabled: boolean;
  name: string;
  /** A BCP 47-ish language tag for `<html lang>` (`en` unless the tenant chose one). */
  language: string;
  primaryColor: string | null;
  logoUrl: string | null;
  /** A plain-text banner over every page (escaped when shown), or null. */
  notice: string | null;
  /** The tenant's custom domain, only once verified (the help centre answers there). */
  verifiedDomain: string | null;
};

const LANGUAGE = /^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})?$/;

/** An https URL as typed, or null: a logo is never loaded over http or another scheme. */
function httpsUrl(value: unknown): string | null {
  if (typeof value !== "string" || value.length > 2000) return null;
  try {
    return new URL(value).protocol === "https:" ? value : null;
  } catch {
    return null;
  }
}

/**
 * The site of the tenant the transaction is bound to. Settings are JSON written over the years by
 * many hands, so every field is checked again here rather than trusted; undefined when the row is
 * not visible (it always is inside `withTenant`).
 */
export async function siteOf(tx: TenantDb, tenantId: string): Promise<Site | undefined> {
  const [row] = await tx
    .select({
      name: tenants.name,
      settings: tenants.settings,
      customDomain: tenants.customDomain,
      verifiedAt: tenants.customDomainVerifiedAt,
    })
    .from(tenants)
    .where(eq(tenants.id, tenantId));
  if (!row) return undefined;
  const branding = (row.settings.branding ?? {}) as Record<string, unknown>;
  const helpCentre = (row.settings.helpCentre ?? {}) as Record<string, unknown>;
  const displayName =
    typeof branding.displayName === "string" ? branding.displayName.trim().slice(0, 100) : "";
  const language = typeof helpCentre.language === "string" ? helpCentre.language : "";
  const colour = branding.primaryColor;
  const notice =
    typeof helpCentre.notice === "string" ? helpCentre.notice.trim().slice(0, 300) : "";
  return {
    enabled: helpCentre.enabled !== false,
    name: displayName || row.name,
    language: LANGUAGE.test(language) ? language : "en",
    primaryColor: typeof colour === "string" && HEX_COLOUR.test(colour) ? colour : null,
    logoUrl: httpsUrl(branding.logoUrl),
    notice: notice || null,
    verifiedDomain: row.customDomain && row.verifiedAt ? row.customDomain.toLowerCase() : null,
  };
}

/**
 * The help centre's address for links in emails, without a trailing slash: the tenant's verified
 * custom domain (over https), else `/hc/<slug>` on the app's own address, which works with no DNS.
 *
 * @example
 * helpCentreUrl({ slug: "acme", verifiedDomain: null }, "http://localhost:3000");
 * // "http://localhost:3000/hc/acme"
 */
export function helpCentreUrl(
  tenant: { slug: string; verifiedDomain: string | null },
  appUrl: string,
): string {
  if (tenant.verifiedDomain) return `https://${tenant.verifiedDomain}`;
  return new URL(`/hc/${encodeURIComponent(tenant.slug)}`, appUrl).toString();
}

// The survey settings as admins manage them (`csat.manage`): on/off, the delay after a resolve,
// the question and comment prompt, and which help-centre inquiry types get no survey.
import { csatSettings, eq, tenants } from "@supportdesk/database";
import { audit } from "../audit";
import { authorize, type TenantScope } from "../context";
import { AppError, notFound } from "../errors";
import { normaliseSettings } from "../helpcentre/settings";
import { CSAT_LIMITS, type CsatSettings, RATING_LABELS, settingsOf } from "./shared";

/** What admins see: the settings, each help-centre inquiry type (surveyed or not), and where the survey page is. */
export type CsatSettingsView = CsatSettings & {
  inquiryTypes: { id: string; name: string; surveyed: boolean }[];
  /** The five answers in words, worst first (the email's links, the page's choices). */
  ratingLabels: readonly string[];
  /** The help centre on the server's own address (`/hc/<slug>/`); the survey page is `csat/<token>` in it. */
  publicPath: string;
};

/** Fields left out are kept; `disabledInquiryTypeIds` replaces the list. */
export type CsatSettingsUpdate = {
  enabled?: boolean | undefined;
  delayMinutes?: number | undefined;
  question?: string | undefined;
  commentPrompt?: string | undefined;
  disabledInquiryTypeIds?: string[] | undefined;
};

async function tenantOf(scope: TenantScope) {
  const [row] = await scope.tx
    .select({ slug: tenants.slug, settings: tenants.settings })
    .from(tenants)
    .where(eq(tenants.id, scope.tenantId));
  if (!row) throw notFound("Tenant");
  return { slug: row.slug, inquiryTypes: normaliseSettings(row.settings.helpCentre).inquiryTypes };
}

function view(settings: CsatSettings, tenant: Awaited<ReturnType<typeof tenantOf>>) {
  const known = new Set(tenant.inquiryTypes.map((t) => t.id));
  const disabled = settings.disabledInquiryTypeIds.filter((id) => known.has(id));
  return {
    ...settings,
    // Types deleted from the help centre since are forgotten here too.
    disabledInquiryTypeIds: disabled,
    inquiryTypes: tenant.inquiryTypes.map((t) => ({
      id: t.id,
      name: t.name,
      surveyed: !disabled.includes(t.id),
    })),
    ratingLabels: RATING_LABELS,
    publicPath: `/hc/${tenant.slug}/`,
  } satisfies CsatSettingsView;
}

/** The tenant's survey settings (surveys are off until an admin turns them on). */
export async function getSettings(scope: TenantScope): Promise<CsatSettingsView> {
  authorize(scope, "csat.manage");
  return view(await settingsOf(scope.tx), await tenantOf(scope));
}

const bad = (field: string, message: string) => new AppError("BAD_REQUEST", message, { field });

function checkText(value: string, field: "question" | "commentPrompt"): string {
  const text = value.trim();
  const max = CSAT_LIMITS[field];
  if (text.length < 1 || text.length > max) {
    throw bad(field, `${field} must be 1 to ${max} characters.`);
  }
  return text;
}

/** Updates the survey settings; inquiry types must be the help centre's own. */
export async function updateSettings(
  scope: TenantScope,
  input: CsatSettingsUpdate,
): Promise<CsatSettingsView> {
  authorize(scope, "csat.manage");
  const { delayMinutes } = input;
  if (
    delayMinutes !== undefined &&
    (!Number.isInteger(delayMinutes) || delayMinutes < 0 || delayMinutes > CSAT_LIMITS.delayMinutes)
  ) {
    throw bad(
      "delayMinutes",
      `delayMinutes must be a whole number from 0 to ${CSAT_LIMITS.delayMinutes}.`,
    );
  }
  const tenant = await tenantOf(scope);
  const known = new Set(tenant.inquiryTypes.map((t) => t.id));
  for (const [index, id] of (input.disabledInquiryTypeIds ?? []).entries()) {
    if (!known.has(id)) {
      throw bad(
        `disabledInquiryTypeIds.${index}`,
        "This is not one of the help centre's inquiry types.",
      );
    }
  }
  const before = await settingsOf(scope.tx);
  const next: CsatSettings = {
    enabled: input.enabled ?? before.enabled,
    delayMinutes: delayMinutes ?? before.delayMinutes,
    question:
      input.question !== undefined ? checkText(input.question, "question") : before.question,
    commentPrompt:
      input.commentPrompt !== undefined
        ? checkText(input.commentPrompt, "commentPrompt")
        : before.commentPrompt,
    disabledInquiryTypeIds: input.disabledInquiryTypeIds
      ? [...new Set(input.disabledInquiryTypeIds)]
      : before.disabledInquiryTypeIds,
  };
  await scope.tx
    .insert(csatSettings)
    .values(next)
    .onConflictDoUpdate({ target: csatSettings.tenantId, set: { ...next, updatedAt: new Date() } });
  const fields = (Object.keys(input) as (keyof CsatSettingsUpdate)[]).filter(
    (key) => input[key] !== undefined,
  );
  await audit(scope, "csat.settings.update", { type: "tenant", id: scope.tenantId }, { fields });
  return view(next, tenant);
}

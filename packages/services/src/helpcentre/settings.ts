// The help centre's settings as its admins manage them: on/off, language, notice, inquiry types.
import { eq, kbArticles, sql, type TenantSettings, tenants } from "@supportdesk/database";
import { TICKET_PRIORITIES, type TicketPriority } from "@supportdesk/domain";
import { audit } from "../audit";
import { authorize, type TenantScope } from "../context";
import { AppError, notFound } from "../errors";
import { SEARCH_CONFIGS } from "../kb/shared";
import { isAssignable } from "../members";
import { deflectionTotals } from "./deflection";

/** The languages a help centre may be in: those PostgreSQL can stem (SEARCH_CONFIGS' keys). */
export const HELP_CENTRE_LANGUAGES = Object.keys(SEARCH_CONFIGS);
export const MAX_INQUIRY_TYPES = 20;
export const MAX_NOTICE_LENGTH = 300;

export type InquiryType = {
  id: string;
  name: string;
  description: string;
  priority: TicketPriority;
  tags: string[];
  /** Who tickets of this type go to first (a member who works tickets), or nobody. */
  assigneeId: string | null;
};

export type HelpCentreSettings = {
  enabled: boolean;
  language: string;
  notice: string | null;
  inquiryTypes: InquiryType[];
};

/** An inquiry type as an admin sends it: `id` keeps an existing one's id, anything else is new. */
export type InquiryTypeInput = Omit<InquiryType, "id"> & { id?: string | undefined };

/** Fields left out are kept; `notice: null` clears the banner; `inquiryTypes` replaces the list. */
export type HelpCentreUpdate = {
  enabled?: boolean | undefined;
  language?: string | undefined;
  notice?: string | null | undefined;
  inquiryTypes?: InquiryTypeInput[] | undefined;
};

type Stored = NonNullable<TenantSettings["helpCentre"]>;

const isString = (value: unknown): value is string => typeof value === "string";

/** One stored inquiry type, or undefined when the JSON is not one (it is skipped, not fatal). */
function storedInquiryType(value: unknown): InquiryType | undefined {
  if (!value || typeof value !== "object") return undefined;
  const v = value as Record<string, unknown>;
  if (!isString(v.id) || !isString(v.name) || !v.name.trim()) return undefined;
  const priority = TICKET_PRIORITIES.find((p) => p === v.priority) ?? "normal";
  return {
    id: v.id,
    name: v.name.slice(0, 60),
    description: isString(v.description) ? v.description.slice(0, 200) : "",
    priority,
    tags: Array.isArray(v.tags) ? v.tags.filter(isString).slice(0, 10) : [],
    assigneeId: isString(v.assigneeId) ? v.assigneeId : null,
  };
}

/**
 * The settings with their defaults, from JSON that seeds, migrations and older code wrote too:
 * every field is checked again rather than trusted.
 */
export function normaliseSettings(stored: unknown): HelpCentreSettings {
  const s = (stored && typeof stored === "object" ? stored : {}) as Record<string, unknown>;
  const language = isString(s.language) && Object.hasOwn(SEARCH_CONFIGS, s.language);
  const notice = isString(s.notice) ? s.notice.trim().slice(0, MAX_NOTICE_LENGTH) : "";
  return {
    enabled: s.enabled !== false,
    language: language ? (s.language as string) : "en",
    notice: notice || null,
    inquiryTypes: Array.isArray(s.inquiryTypes)
      ? s.inquiryTypes
          .map(storedInquiryType)
          .filter((t): t is InquiryType => t !== undefined)
          .slice(0, MAX_INQUIRY_TYPES)
      : [],
  };
}

async function currentTenant(scope: TenantScope) {
  const [row] = await scope.tx
    .select({ slug: tenants.slug, settings: tenants.settings })
    .from(tenants)
    .where(eq(tenants.id, scope.tenantId));
  if (!row) throw notFound("Tenant");
  return row;
}

/**
 * What admins see: the settings, the languages they may pick, where the public pages are, and how
 * the contact form's article suggestions did lately.
 */
export type HelpCentreSettingsView = HelpCentreSettings & {
  languages: string[];
  /** The help centre on the server's own address (`/hc/<slug>/`), for a link. */
  publicPath: string;
  deflection: Awaited<ReturnType<typeof deflectionTotals>>;
};

const view = async (
  scope: TenantScope,
  settings: HelpCentreSettings,
  slug: string,
): Promise<HelpCentreSettingsView> => ({
  ...settings,
  languages: HELP_CENTRE_LANGUAGES,
  publicPath: `/hc/${slug}/`,
  deflection: await deflectionTotals(scope.tx),
});

/** The help centre's settings, defaults filled in, and the languages it may be set to. */
export async function getHelpCentreSettings(scope: TenantScope): Promise<HelpCentreSettingsView> {
  authorize(scope, "helpcentre.manage");
  const tenant = await currentTenant(scope);
  return view(scope, normaliseSettings(tenant.settings.helpCentre), tenant.slug);
}

/** The new list: ids kept where they name an existing type, made here otherwise; assignees checked. */
async function nextInquiryTypes(
  scope: TenantScope,
  current: InquiryType[],
  input: InquiryTypeInput[],
): Promise<InquiryType[]> {
  if (input.length > MAX_INQUIRY_TYPES) {
    throw new AppError("BAD_REQUEST", `At most ${MAX_INQUIRY_TYPES} inquiry types.`, {
      field: "inquiryTypes",
    });
  }
  const known = new Set(current.map((t) => t.id));
  const used = new Set<string>();
  const out: InquiryType[] = [];
  for (const [index, type] of input.entries()) {
    if (type.assigneeId && !(await isAssignable(scope, type.assigneeId))) {
      throw new AppError(
        "BAD_REQUEST",
        "The default assignee must be a member of this organisation who works tickets.",
        { field: `inquiryTypes.${index}.assigneeId` },
      );
    }
    // A client cannot pick ids: an unknown or repeated one becomes a fresh id.
    const id = type.id && known.has(type.id) && !used.has(type.id) ? type.id : crypto.randomUUID();
    used.add(id);
    out.push({
      id,
      name: type.name.trim(),
      description: type.description.trim(),
      priority: type.priority,
      tags: [...new Set(type.tags)],
      assigneeId: type.assigneeId ?? null,
    });
  }
  return out;
}

/**
 * Updates the help centre's settings (admins). A new language re-stamps every article's
 * text-search configuration in the same transaction, so search stems in that language at once.
 * The caller drops the cached public pages after the commit (`forgetHelpCentre`).
 */
export async function updateHelpCentreSettings(
  scope: TenantScope,
  input: HelpCentreUpdate,
): Promise<HelpCentreSettingsView> {
  authorize(scope, "helpcentre.manage");
  if (input.language !== undefined && !Object.hasOwn(SEARCH_CONFIGS, input.language)) {
    throw new AppError("BAD_REQUEST", `language must be one of ${HELP_CENTRE_LANGUAGES}.`, {
      field: "language",
    });
  }
  if (input.notice && input.notice.trim().length > MAX_NOTICE_LENGTH) {
    throw new AppError("BAD_REQUEST", `notice may be at most ${MAX_NOTICE_LENGTH} characters.`, {
      field: "notice",
    });
  }
  const { slug, settings } = await currentTenant(scope);
  const before = normaliseSettings(settings.helpCentre);
  const next: HelpCentreSettings = {
    enabled: input.enabled ?? before.enabled,
    language: input.language ?? before.language,
    notice: input.notice === undefined ? before.notice : input.notice?.trim() || null,
    inquiryTypes: input.inquiryTypes
      ? await nextInquiryTypes(scope, before.inquiryTypes, input.inquiryTypes)
      : before.inquiryTypes,
  };
  const { notice, ...rest } = next;
  const stored: Stored = notice ? { ...rest, notice } : rest;
  await scope.tx
    .update(tenants)
    .set({ settings: { ...settings, helpCentre: stored } })
    .where(eq(tenants.id, scope.tenantId));
  if (next.language !== before.language) {
    const config = SEARCH_CONFIGS[next.language] ?? "english";
    // Raw SQL: Drizzle's update would move `updated_at`, and a new stemmer is not an edit.
    await scope.tx.execute(
      sql`update ${kbArticles} set search_config = ${config}::regconfig where search_config <> ${config}::regconfig`,
    );
  }
  const fields = (Object.keys(input) as (keyof HelpCentreUpdate)[]).filter(
    (key) => input[key] !== undefined,
  );
  await audit(
    scope,
    "helpcentre.settings.update",
    { type: "tenant", id: scope.tenantId },
    { fields },
  );
  return view(scope, next, slug);
}

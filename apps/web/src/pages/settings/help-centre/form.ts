// The help-centre settings form's state and what it sends: rows keep the server's ids (the
// contact form and tickets refer to them), new rows send none, tags are typed comma-separated.
import type { RouterInputs, RouterOutputs } from "@supportdesk/trpc";

export type Settings = RouterOutputs["helpCentre"]["settings"]["get"];
export type SettingsUpdate = RouterInputs["helpCentre"]["settings"]["update"];
export type Priority = Settings["inquiryTypes"][number]["priority"];

export const PRIORITIES: readonly Priority[] = ["low", "normal", "high", "urgent"];
export const MAX_INQUIRY_TYPES = 20;
export const MAX_NOTICE = 300;

/** One inquiry type being edited; `key` is local (React's), `id` the server's once saved. */
export type Row = {
  key: string;
  id: string | null;
  name: string;
  description: string;
  priority: Priority;
  /** As typed: "billing, vip". */
  tags: string;
  /** "" for nobody. */
  assigneeId: string;
};

export type Form = {
  enabled: boolean;
  language: string;
  notice: string;
  rows: Row[];
};

let lastKey = 0;
const nextKey = () => `row-${++lastKey}`;

/** The form for saved settings. */
export function formOf(settings: Settings): Form {
  return {
    enabled: settings.enabled,
    language: settings.language,
    notice: settings.notice ?? "",
    rows: settings.inquiryTypes.map((t) => ({
      key: nextKey(),
      id: t.id,
      name: t.name,
      description: t.description,
      priority: t.priority,
      tags: t.tags.join(", "),
      assigneeId: t.assigneeId ?? "",
    })),
  };
}

/** A blank inquiry type at the end (none past the server's limit). */
export function addRow(form: Form): Form {
  if (form.rows.length >= MAX_INQUIRY_TYPES) return form;
  const row: Row = {
    key: nextKey(),
    id: null,
    name: "",
    description: "",
    priority: "normal",
    tags: "",
    assigneeId: "",
  };
  return { ...form, rows: [...form.rows, row] };
}

export function updateRow(form: Form, key: string, changes: Partial<Omit<Row, "key">>): Form {
  return { ...form, rows: form.rows.map((r) => (r.key === key ? { ...r, ...changes } : r)) };
}

export function removeRow(form: Form, key: string): Form {
  return { ...form, rows: form.rows.filter((r) => r.key !== key) };
}

/** "Billing, VIP,, billing" → ["billing", "vip"] (the server lowercases and checks them too). */
export function parseTags(typed: string): string[] {
  const tags = typed
    .split(",")
    .map((t) => t.trim().toLowerCase())
    .filter(Boolean);
  return [...new Set(tags)];
}

/** What the form sends: the whole list (it replaces the saved one); an empty notice clears it. */
export function toUpdate(form: Form): SettingsUpdate {
  return {
    enabled: form.enabled,
    language: form.language,
    notice: form.notice.trim() || null,
    inquiryTypes: form.rows.map((r) => ({
      ...(r.id ? { id: r.id } : {}),
      name: r.name,
      description: r.description,
      priority: r.priority,
      tags: parseTags(r.tags),
      assigneeId: r.assigneeId || null,
    })),
  };
}

/** The field path the server names for a row's field (`inquiryTypes.2.name`). */
export const rowField = (index: number, field: keyof Row | string) =>
  `inquiryTypes.${index}.${field}`;

/**
 * A row's tag error for display: the server names the one bad tag (`inquiryTypes.0.tags.1`),
 * the form has one tags box per row.
 */
export function rowTagsField(error: { data?: { field?: string | null } } | null, index: number) {
  const field = error?.data?.field ?? "";
  return field.startsWith(`${rowField(index, "tags")}.`) ? field : rowField(index, "tags");
}

/** Language names for the select, in the browser's own words where it knows them. */
export function languageName(code: string): string {
  try {
    const names = new Intl.DisplayNames(["en"], { type: "language" });
    return `${names.of(code) ?? code} (${code})`;
  } catch {
    return code;
  }
}

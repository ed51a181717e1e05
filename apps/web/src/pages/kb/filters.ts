// The article list's filters in the query string (?status=draft&category=<id>&q=refund), read
// defensively — a shared link may hold anything, and what the server would refuse is dropped —
// and turned into `kb.articles.list` / `kb.search` inputs.
import { KB_ARTICLE_STATUSES, type KbArticleStatus } from "@supportdesk/domain";
import { UUID } from "../tickets/shared";

export type ArticleStatus = KbArticleStatus;

/** The lifecycle's order: what one writes, what customers see, what is put away. */
export const ARTICLE_STATUSES = KB_ARTICLE_STATUSES;

export type KbFilters = {
  /** "" for every status. */
  status: ArticleStatus | "";
  /** "" for every category, or a category's id. */
  category: string;
  q: string;
};

/** The longest search `kb.search` accepts. */
export const MAX_QUERY_LENGTH = 200;

export const NO_FILTERS: KbFilters = { status: "", category: "", q: "" };

function parseStatus(raw: string | null): ArticleStatus | "" {
  return ARTICLE_STATUSES.find((s) => s === raw) ?? "";
}

function parseCategory(raw: string | null): string {
  return raw && UUID.test(raw) ? raw : "";
}

function parseQuery(raw: string | null): string {
  return (raw ?? "").trim().slice(0, MAX_QUERY_LENGTH).trim();
}

export function parseFilters(params: URLSearchParams): KbFilters {
  return {
    status: parseStatus(params.get("status")),
    category: parseCategory(params.get("category")),
    q: parseQuery(params.get("q")),
  };
}

export function hasFilters(filters: KbFilters): boolean {
  return filters.status !== "" || filters.category !== "" || filters.q !== "";
}

/** The query string with the given filters changed (checked; an empty one removed; others kept). */
export function withFilters(params: URLSearchParams, patch: Partial<KbFilters>): URLSearchParams {
  const next = new URLSearchParams(params);
  const put = (key: string, value: string) => {
    if (value) next.set(key, value);
    else next.delete(key);
  };
  if (patch.status !== undefined) put("status", parseStatus(patch.status));
  if (patch.category !== undefined) put("category", parseCategory(patch.category));
  if (patch.q !== undefined) put("q", parseQuery(patch.q));
  return next;
}

/** What the filters ask `kb.articles.list` for (without the cursor). */
export function listInput(filters: KbFilters, perPage: number) {
  return {
    perPage,
    status: filters.status ? [filters.status] : undefined,
    categoryId: filters.category || undefined,
  };
}

/** What the filters ask `kb.search` for; null when there is nothing to search. */
export function searchInput(filters: KbFilters, limit: number) {
  if (!filters.q) return null;
  return {
    q: filters.q,
    limit,
    status: filters.status ? [filters.status] : undefined,
    categoryId: filters.category || undefined,
  };
}

// What the knowledge-base screens share: server types, the status badge, refreshing after writes.
import type { RouterOutputs } from "@supportdesk/trpc";
import { useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "../../lib/trpc";
import { Badge } from "../../ui";
import type { ArticleStatus } from "./filters";

export type Category = RouterOutputs["kb"]["categories"]["list"][number];
export type ArticleRow = RouterOutputs["kb"]["articles"]["list"]["data"][number];
export type Article = RouterOutputs["kb"]["articles"]["get"];
export type Revision = RouterOutputs["kb"]["articles"]["revisions"][number];

export const STATUS_LABELS: Record<ArticleStatus, string> = {
  draft: "Draft",
  published: "Published",
  archived: "Archived",
};

export function ArticleStatusBadge({ status }: { status: ArticleStatus }) {
  return <Badge tone={`kb-${status}`}>{STATUS_LABELS[status]}</Badge>;
}

/** After any write: every knowledge-base query (lists, counts, search, the article) is stale. */
export function useRefreshKb() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: trpc.kb.pathKey() });
}

/** A category's name by id, for lists that hold only the id. */
export function categoryNames(categories: readonly Category[] | undefined): Map<string, string> {
  return new Map((categories ?? []).map((c) => [c.id, c.name]));
}

// Search results: kb.search's hits, best first, each with its snippet's matches marked.
import { useQuery } from "@tanstack/react-query";
import { Link, useParams } from "react-router";
import { errorMessage, useTRPC } from "../../lib/trpc";
import { EmptyState, ErrorState, Spinner } from "../../ui";
import type { searchInput } from "./filters";
import { SnippetText } from "./Snippet";
import { ArticleStatusBadge } from "./shared";

export function SearchResults({
  input,
  names,
}: {
  /** The query, with the status and category filters the server applies. */
  input: NonNullable<ReturnType<typeof searchInput>>;
  names: Map<string, string>;
}) {
  const { slug = "" } = useParams();
  const trpc = useTRPC();
  const search = useQuery(trpc.kb.search.queryOptions(input));
  if (search.isPending) return <Spinner label="Searching" />;
  if (search.isError) {
    return <ErrorState message={errorMessage(search.error)} onRetry={() => search.refetch()} />;
  }
  const hits = search.data;
  if (hits.length === 0) {
    return <EmptyState title={`No articles match “${input.q}”`} />;
  }
  return (
    <section aria-label="Search results">
      <p className="sd-muted" aria-live="polite">
        {hits.length} {hits.length === 1 ? "article" : "articles"} found
      </p>
      <ol className="kb-hits">
        {hits.map((hit) => (
          <li key={hit.id} className="card kb-hit">
            <div className="kb-hit-head">
              <Link to={`/t/${slug}/kb/articles/${hit.id}`}>{hit.title}</Link>
              <ArticleStatusBadge status={hit.status} />
              {hit.categoryId ? (
                <span className="sd-muted kb-small">{names.get(hit.categoryId)}</span>
              ) : null}
            </div>
            <SnippetText snippet={hit.snippet} />
          </li>
        ))}
      </ol>
    </section>
  );
}

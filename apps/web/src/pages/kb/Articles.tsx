// Articles: status and category filters in the URL, a search (kb.search, highlighted snippets)
// and cursor pages with "Load more".
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { Link, useParams, useSearchParams } from "react-router";
import { errorMessage, useTRPC } from "../../lib/trpc";
import { useCan } from "../../lib/use-can";
import { useUrlSyncedText } from "../../lib/use-debounced";
import { Button, EmptyState, ErrorState, SelectField, Spinner } from "../../ui";
import { When } from "../settings/shared";
import {
  ARTICLE_STATUSES,
  hasFilters,
  type KbFilters,
  listInput,
  MAX_QUERY_LENGTH,
  parseFilters,
  searchInput,
  withFilters,
} from "./filters";
import { SearchResults } from "./SearchResults";
import { ArticleStatusBadge, categoryNames, STATUS_LABELS } from "./shared";

const PER_PAGE = 25;

export function ArticlesPage() {
  const { slug = "" } = useParams();
  const trpc = useTRPC();
  const canWrite = useCan("kb.write");
  const [params, setParams] = useSearchParams();
  const filters = parseFilters(params);
  const update = (patch: Partial<KbFilters>, replace = false) =>
    setParams((prev) => withFilters(prev, patch), { replace });
  const categories = useQuery(trpc.kb.categories.list.queryOptions());
  const names = categoryNames(categories.data);
  const search = searchInput(filters, 50);
  return (
    <div className="kb-articles">
      <div className="card kb-filters">
        <KbSearchBox value={filters.q} onChange={(q) => update({ q }, true)} />
        <SelectField
          label="Status"
          value={filters.status}
          onChange={(e) => update({ status: e.target.value as KbFilters["status"] })}
        >
          <option value="">Any status</option>
          {ARTICLE_STATUSES.map((s) => (
            <option key={s} value={s}>
              {STATUS_LABELS[s]}
            </option>
          ))}
        </SelectField>
        <SelectField
          label="Category"
          value={filters.category}
          onChange={(e) => update({ category: e.target.value })}
        >
          <option value="">Any category</option>
          {(categories.data ?? []).map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </SelectField>
        {hasFilters(filters) ? (
          <Button variant="ghost" onClick={() => setParams(new URLSearchParams())}>
            Clear filters
          </Button>
        ) : null}
        {canWrite ? (
          <Link className="btn btn-primary kb-new" to={`/t/${slug}/kb/new`}>
            New article
          </Link>
        ) : null}
      </div>
      {search ? (
        <SearchResults input={search} names={names} />
      ) : (
        <ArticleList filters={filters} names={names} />
      )}
    </div>
  );
}

function ArticleList({ filters, names }: { filters: KbFilters; names: Map<string, string> }) {
  const { slug = "" } = useParams();
  const trpc = useTRPC();
  const list = useInfiniteQuery(
    trpc.kb.articles.list.infiniteQueryOptions(listInput(filters, PER_PAGE), {
      getNextPageParam: (page) => page.pagination.next_cursor ?? undefined,
    }),
  );
  if (list.isPending) return <Spinner label="Loading articles" />;
  if (list.isError && !list.isFetchNextPageError) {
    return <ErrorState message={errorMessage(list.error)} onRetry={() => list.refetch()} />;
  }
  const articles = list.data?.pages.flatMap((p) => p.data) ?? [];
  if (articles.length === 0) {
    return (
      <EmptyState title={hasFilters(filters) ? "No articles match" : "No articles yet"}>
        <p>Articles answer customers' questions in the help centre.</p>
      </EmptyState>
    );
  }
  return (
    <div className="card sd-table-card">
      <table className="sd-table">
        <caption className="visually-hidden">Articles, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Title</th>
            <th scope="col">Status</th>
            <th scope="col">Category</th>
            <th scope="col">Updated</th>
          </tr>
        </thead>
        <tbody>
          {articles.map((a) => (
            <tr key={a.id}>
              <th scope="row">
                <Link to={`/t/${slug}/kb/articles/${a.id}`}>{a.title}</Link>
                <div className="sd-muted kb-small">/{a.slug}</div>
              </th>
              <td>
                <ArticleStatusBadge status={a.status} />
              </td>
              <td>{a.categoryId ? (names.get(a.categoryId) ?? "—") : "—"}</td>
              <td>
                <When value={a.updatedAt} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {list.isFetchNextPageError ? (
        <ErrorState message={errorMessage(list.error)} onRetry={() => list.fetchNextPage()} />
      ) : null}
      {list.hasNextPage ? (
        <div className="kb-load-more">
          <Button
            variant="secondary"
            busy={list.isFetchingNextPage}
            onClick={() => list.fetchNextPage()}
          >
            Load more
          </Button>
        </div>
      ) : null}
    </div>
  );
}

/** The search box: typed text goes to the URL once it stops changing; follows the URL back. */
function KbSearchBox({ value, onChange }: { value: string; onChange: (q: string) => void }) {
  const [text, setText] = useUrlSyncedText(value, onChange);
  return (
    <div className="field kb-search">
      <label htmlFor="kb-search">Search articles</label>
      <input
        id="kb-search"
        type="search"
        placeholder="Words from the title or text"
        maxLength={MAX_QUERY_LENGTH}
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
    </div>
  );
}

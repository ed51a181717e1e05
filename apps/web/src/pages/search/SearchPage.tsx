// The search results page: type tabs, ticket filters, ranked results with highlighted snippets,
// more on demand — everything in the URL.
import { useInfiniteQuery } from "@tanstack/react-query";
import { useEffect } from "react";
import { Link, useParams, useSearchParams } from "react-router";
import { errorMessage, useTRPC } from "../../lib/trpc";
import { Button, EmptyState, ErrorState, Spinner } from "../../ui";
import { PriorityLabel, StatusBadge, Time } from "../tickets/shared";
import { SearchFilters } from "./SearchFilters";
import { Snippet } from "./Snippet";
import {
  parseSearch,
  queryInput,
  SEARCH_TYPES,
  type SearchType,
  searchParamsOf,
} from "./search-params";
import "./search.css";

const TAB_LABEL: Record<SearchType, string> = {
  all: "All",
  tickets: "Tickets",
  customers: "Customers",
  articles: "Articles",
};

export function SearchPage() {
  const { slug } = useParams();
  const [params, setParams] = useSearchParams();
  const state = parseSearch(params);
  const trpc = useTRPC();
  const input = queryInput(state);
  const results = useInfiniteQuery(
    trpc.search.query.infiniteQueryOptions(input, {
      enabled: state.q !== "",
      getNextPageParam: (page) =>
        page.tickets?.nextCursor ?? page.customers?.nextCursor ?? undefined,
    }),
  );
  useEffect(() => {
    document.title = state.q ? `“${state.q}” · Search · SupportDesk` : "Search · SupportDesk";
  }, [state.q]);

  const pages = results.data?.pages ?? [];
  const tickets = pages.flatMap((p) => p.tickets?.items ?? []);
  const customers = pages.flatMap((p) => p.customers?.items ?? []);
  const articles = pages.flatMap((p) => p.articles?.items ?? []);
  const base = `/t/${slug}`;
  const tabLink = (type: SearchType) =>
    `${base}/search?${searchParamsOf({ ...state, type }).toString()}`;

  return (
    <section className="search-page" aria-labelledby="search-title">
      <h1 id="search-title">{state.q ? <>Results for “{state.q}”</> : "Search"}</h1>
      <nav aria-label="Result types" className="search-tabs">
        {SEARCH_TYPES.map((type) => (
          <Link
            key={type}
            to={tabLink(type)}
            aria-current={state.type === type ? "page" : undefined}
          >
            {TAB_LABEL[type]}
          </Link>
        ))}
      </nav>
      {state.type === "all" || state.type === "tickets" ? (
        <SearchFilters
          state={state}
          onChange={(next) => setParams(searchParamsOf(next), { replace: true })}
        />
      ) : null}
      {!state.q ? (
        <EmptyState title="Type words to search">
          <p>Press / anywhere to jump to the search field.</p>
        </EmptyState>
      ) : results.isPending ? (
        <Spinner label="Searching" />
      ) : results.isError ? (
        <ErrorState message={errorMessage(results.error)} onRetry={() => void results.refetch()} />
      ) : (
        <div aria-live="polite">
          {pages[0]?.tickets ? (
            <ResultGroup
              title="Tickets"
              count={tickets.length}
              more={state.type === "all" && !!pages[0]?.tickets?.nextCursor}
              moreTo={tabLink("tickets")}
            >
              {tickets.map((t) => (
                <li key={t.id} className="search-hit">
                  <Link to={`${base}/tickets/${t.id}`}>
                    <span className="muted">#{t.number}</span> {t.subject}
                  </Link>
                  <div className="hit-meta small">
                    <StatusBadge status={t.status} /> <PriorityLabel priority={t.priority} />
                    {t.customerName ? <span> · {t.customerName}</span> : null}
                    <span> · {t.assigneeName ?? "Unassigned"}</span>
                    <span>
                      {" "}
                      · updated <Time value={t.updatedAt} />
                    </span>
                    {t.inNote ? <span className="note-hit"> · in an internal note</span> : null}
                  </div>
                  <Snippet segments={t.snippet} />
                </li>
              ))}
            </ResultGroup>
          ) : null}
          {pages[0]?.customers ? (
            <ResultGroup
              title="Customers"
              count={customers.length}
              more={state.type === "all" && !!pages[0]?.customers?.nextCursor}
              moreTo={tabLink("customers")}
            >
              {customers.map((c) => (
                <li key={c.id} className="search-hit">
                  <Link to={`${base}/customers/${c.id}`}>{c.name}</Link>
                  <div className="hit-meta small">
                    {c.email}
                    {c.company ? ` · ${c.company}` : ""} · {c.ticketCount}{" "}
                    {c.ticketCount === 1 ? "ticket" : "tickets"}
                  </div>
                </li>
              ))}
            </ResultGroup>
          ) : null}
          {pages[0]?.articles ? (
            <ResultGroup title="Articles" count={articles.length} more={false} moreTo="">
              {articles.map((a) => (
                <li key={a.id} className="search-hit">
                  <Link to={`${base}/kb/articles/${a.id}`}>{a.title}</Link>
                  <div className="hit-meta small">{a.status}</div>
                  <Snippet segments={a.snippet} />
                </li>
              ))}
            </ResultGroup>
          ) : null}
          {state.type !== "all" && results.hasNextPage ? (
            <Button
              variant="secondary"
              busy={results.isFetchingNextPage}
              onClick={() => void results.fetchNextPage()}
            >
              More results
            </Button>
          ) : null}
        </div>
      )}
    </section>
  );
}

function ResultGroup({
  title,
  count,
  more,
  moreTo,
  children,
}: {
  title: string;
  count: number;
  more: boolean;
  moreTo: string;
  children: React.ReactNode;
}) {
  return (
    <section className="result-group" aria-label={title}>
      <h2>{title}</h2>
      {count === 0 ? (
        <p className="muted">No {title.toLowerCase()} match.</p>
      ) : (
        <ul className="search-hits">{children}</ul>
      )}
      {more ? <Link to={moreTo}>All matching {title.toLowerCase()} →</Link> : null}
    </section>
  );
}

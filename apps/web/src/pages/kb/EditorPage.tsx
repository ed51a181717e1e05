// The editor's pages: a new article, and an existing one with its revision history.
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Link, useLocation, useParams } from "react-router";
import { errorMessage, useTRPC } from "../../lib/trpc";
import { useCan } from "../../lib/use-can";
import { EmptyState, ErrorState, Spinner } from "../../ui";
import { ArticleForm } from "./ArticleForm";
import { Revisions } from "./Revisions";
import { ArticleStatusBadge } from "./shared";

function Back() {
  const { slug = "" } = useParams();
  return (
    <Link to={`/t/${slug}/kb`} className="kb-back">
      ← All articles
    </Link>
  );
}

export function NewArticlePage() {
  const canWrite = useCan("kb.write");
  if (!canWrite) {
    return <EmptyState title="Your role does not let you write articles" />;
  }
  return (
    <div className="kb-editor-page">
      <Back />
      <h2 className="kb-editor-title">New article</h2>
      <ArticleForm />
    </div>
  );
}

/** The notice a page that navigated here left (a new article's first save). */
function noticeFrom(state: unknown): string {
  const notice = (state as { notice?: unknown } | null)?.notice;
  return typeof notice === "string" ? notice : "";
}

export function EditArticlePage() {
  const { id = "" } = useParams();
  const trpc = useTRPC();
  const article = useQuery(trpc.kb.articles.get.queryOptions({ id }));
  const location = useLocation();
  const [notice, setNotice] = useState(() => noticeFrom(location.state));
  if (article.isPending) return <Spinner label="Loading the article" />;
  if (article.isError) {
    return <ErrorState message={errorMessage(article.error)} onRetry={() => article.refetch()} />;
  }
  const a = article.data;
  return (
    <div className="kb-editor-page">
      <Back />
      <div className="kb-editor-title">
        <h2>{a.title}</h2>
        <ArticleStatusBadge status={a.status} />
      </div>
      {/* A new version from the server (saved, restored, published) starts the form afresh. */}
      <ArticleForm
        key={`${a.id}:${String(a.updatedAt)}`}
        article={a}
        notice={notice}
        onNotice={setNotice}
      />
      <Revisions article={a} onRestored={setNotice} />
    </div>
  );
}

// An article's revision history: every save kept the version it replaced; view one, restore it.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { errorMessage, useTRPC } from "../../lib/trpc";
import { useCan } from "../../lib/use-can";
import { Button, ErrorState, Spinner } from "../../ui";
import { InlineError, When } from "../settings/shared";
import { type Article, useRefreshKb } from "./shared";

export function Revisions({
  article,
  onRestored,
}: {
  article: Article;
  onRestored: (notice: string) => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const refresh = useRefreshKb();
  const canWrite = useCan("kb.write");
  const canPublish = useCan("kb.publish");
  const [open, setOpen] = useState<string | null>(null);
  const revisions = useQuery(trpc.kb.articles.revisions.queryOptions({ id: article.id }));
  const restore = useMutation(
    trpc.kb.articles.restore.mutationOptions({
      onSuccess: (next) => {
        queryClient.setQueryData(trpc.kb.articles.get.queryKey({ id: next.id }), next);
        setOpen(null);
        onRestored("Restored an earlier version.");
        return refresh();
      },
    }),
  );
  const canRestore = canWrite && (article.status !== "published" || canPublish);
  let content: React.ReactNode;
  if (revisions.isPending) content = <Spinner label="Loading revisions" />;
  else if (revisions.isError) {
    content = (
      <ErrorState message={errorMessage(revisions.error)} onRetry={() => revisions.refetch()} />
    );
  } else if (revisions.data.length === 0) {
    content = <p className="sd-muted">No earlier versions: each save keeps the one it replaces.</p>;
  } else {
    content = (
      <ol className="kb-revisions">
        {revisions.data.map((revision) => (
          <li key={revision.id}>
            <div className="kb-revision-head">
              <When value={revision.createdAt} withTime />
              <span className="kb-revision-title">{revision.title}</span>
              <Button
                type="button"
                variant="ghost"
                className="sd-small"
                aria-expanded={open === revision.id}
                onClick={() => setOpen(open === revision.id ? null : revision.id)}
              >
                {open === revision.id ? "Hide" : "View"}
              </Button>
              {canRestore ? (
                <Button
                  type="button"
                  variant="secondary"
                  className="sd-small"
                  busy={restore.isPending && restore.variables?.revisionId === revision.id}
                  onClick={() => restore.mutate({ id: article.id, revisionId: revision.id })}
                >
                  Restore
                </Button>
              ) : null}
            </div>
            {open === revision.id ? (
              <pre className="kb-revision-body" data-testid="kb-revision-body">
                {revision.body}
              </pre>
            ) : null}
          </li>
        ))}
      </ol>
    );
  }
  return (
    <section className="card kb-history" aria-labelledby="kb-history-title">
      <h2 id="kb-history-title" className="kb-subheading">
        Revision history
      </h2>
      <InlineError message={restore.error ? errorMessage(restore.error) : null} />
      {content}
    </section>
  );
}

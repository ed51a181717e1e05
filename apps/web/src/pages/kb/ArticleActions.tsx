// Publishing an article (kb.publish): publish, unpublish, archive, delete. They act on what is
// saved, so they wait while the form holds unsaved changes.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useNavigate, useParams } from "react-router";
import { useTRPC } from "../../lib/trpc";
import { Button } from "../../ui";
import { ConfirmButton } from "../settings/shared";
import { type Article, useRefreshKb } from "./shared";

const DONE: Record<Article["status"], string> = {
  published: "Published.",
  draft: "Moved back to drafts.",
  archived: "Archived.",
};

export function ArticleActions({
  article,
  dirty,
  onError,
  onDone,
}: {
  article: Article;
  dirty: boolean;
  onError: (error: unknown) => void;
  onDone: (notice: string) => void;
}) {
  const { slug = "" } = useParams();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const refresh = useRefreshKb();
  const options = {
    onMutate: () => onError(null),
    onSuccess: (next: Article) => {
      onDone(DONE[next.status]);
      queryClient.setQueryData(trpc.kb.articles.get.queryKey({ id: next.id }), next);
      return refresh();
    },
    onError,
  };
  const publish = useMutation(trpc.kb.articles.publish.mutationOptions(options));
  const unpublish = useMutation(trpc.kb.articles.unpublish.mutationOptions(options));
  const archive = useMutation(trpc.kb.articles.archive.mutationOptions(options));
  const remove = useMutation(
    trpc.kb.articles.delete.mutationOptions({
      onError,
      onSuccess: async () => {
        await refresh();
        navigate(`/t/${slug}/kb`, { replace: true });
      },
    }),
  );
  const busy = publish.isPending || unpublish.isPending || archive.isPending;
  const id = { id: article.id };
  return (
    <span className="kb-actions">
      {article.status !== "published" ? (
        <Button
          type="button"
          variant="secondary"
          busy={publish.isPending}
          disabled={busy || dirty}
          title={dirty ? "Save your changes first" : undefined}
          onClick={() => publish.mutate(id)}
        >
          Publish
        </Button>
      ) : (
        <Button
          type="button"
          variant="secondary"
          busy={unpublish.isPending}
          disabled={busy || dirty}
          onClick={() => unpublish.mutate(id)}
        >
          Unpublish
        </Button>
      )}
      {article.status !== "archived" ? (
        <Button
          type="button"
          variant="secondary"
          busy={archive.isPending}
          disabled={busy || dirty}
          onClick={() => archive.mutate(id)}
        >
          Archive
        </Button>
      ) : null}
      <ConfirmButton
        label="Delete"
        question="Delete this article and its history?"
        confirmLabel="Delete article"
        variant="ghost"
        busy={remove.isPending}
        onConfirm={() => remove.mutate(id)}
      />
    </span>
  );
}

// The editor's live preview: the body rendered by the server (kb.articles.preview — the help
// centre's own Markdown and sanitiser), asked for once typing pauses. Never rendered here.
import { useMutation } from "@tanstack/react-query";
import { useEffect } from "react";
import { errorMessage, useTRPC } from "../../lib/trpc";
import { useDebounced } from "../../lib/use-debounced";

export function ArticlePreview({
  body,
  live,
  savedHtml,
}: {
  body: string;
  /** Whether to ask the server (kb.write); otherwise the saved rendering is shown. */
  live: boolean;
  savedHtml: string;
}) {
  const trpc = useTRPC();
  const debounced = useDebounced(body, 300);
  // A POST (the body can be long), asked for each time typing pauses; the last answer stays
  // on screen while the next is on its way.
  const { mutate, data, error, isPending } = useMutation(
    trpc.kb.articles.preview.mutationOptions(),
  );
  useEffect(() => {
    if (live && debounced.trim() !== "") mutate({ body: debounced });
  }, [live, debounced, mutate]);
  const html = live ? (debounced.trim() ? (data?.html ?? "") : "") : savedHtml;
  const preview = { isFetching: isPending, isError: error !== null, error };
  return (
    <section
      className="kb-preview card"
      aria-labelledby="kb-preview-title"
      aria-busy={preview.isFetching || undefined}
    >
      <h2 id="kb-preview-title" className="kb-subheading">
        Preview <span className="sd-muted kb-small">as customers will see it</span>
      </h2>
      {preview.isError ? (
        <p className="error" role="alert">
          {errorMessage(preview.error)}
        </p>
      ) : null}
      {html ? (
        <div
          className="kb-preview-body"
          data-testid="kb-preview"
          // Sanitised on the server (the same rendering the public help centre serves).
          // biome-ignore lint/security/noDangerouslySetInnerHtml: server-sanitised HTML
          dangerouslySetInnerHTML={{ __html: html }}
        />
      ) : (
        <p className="sd-muted">Nothing to preview yet.</p>
      )}
    </section>
  );
}

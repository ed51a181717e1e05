// The article editor: title, slug (suggested from the title until edited), category, excerpt,
// Markdown with the server's live preview; Save draft, and the publishing actions for kb.publish.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useNavigate, useParams } from "react-router";
import { errorMessage, useTRPC } from "../../lib/trpc";
import { useCan } from "../../lib/use-can";
import { Button, Field, SelectField, TextAreaField } from "../../ui";
import { InlineError, messageFor } from "../settings/shared";
import { ArticleActions } from "./ArticleActions";
import { ArticlePreview } from "./Preview";
import { type Article, useRefreshKb } from "./shared";
import { existingSlug, FRESH_SLUG, onSlug, onTitle, type SlugState } from "./slug";

const FIELDS = ["title", "slug", "categoryId", "excerpt", "body"] as const;

type Form = { title: string; slug: SlugState; categoryId: string; excerpt: string; body: string };

function initialForm(article: Article | undefined): Form {
  if (!article) return { title: "", slug: FRESH_SLUG, categoryId: "", excerpt: "", body: "" };
  return {
    title: article.title,
    slug: existingSlug(article.slug),
    categoryId: article.categoryId ?? "",
    excerpt: article.excerpt,
    body: article.body,
  };
}

/** Only what changed, so the server keeps deriving what the author never touched (the excerpt). */
export function changes(before: Form, after: Form) {
  return {
    ...(after.title !== before.title ? { title: after.title } : {}),
    ...(after.slug.slug !== before.slug.slug ? { slug: after.slug.slug } : {}),
    ...(after.categoryId !== before.categoryId ? { categoryId: after.categoryId || null } : {}),
    ...(after.excerpt !== before.excerpt ? { excerpt: after.excerpt } : {}),
    ...(after.body !== before.body ? { body: after.body } : {}),
  };
}

export function ArticleForm({
  article,
  notice = "",
  onNotice = () => {},
}: {
  article?: Article;
  /** What just happened ("Saved.", "Published."), kept by the page across the form's remounts. */
  notice?: string;
  onNotice?: (notice: string) => void;
}) {
  const { slug: tenantSlug = "" } = useParams();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const refresh = useRefreshKb();
  const canWrite = useCan("kb.write");
  const canPublish = useCan("kb.publish");
  const categories = useQuery(trpc.kb.categories.list.queryOptions());
  const initial = initialForm(article);
  const [form, setForm] = useState(initial);
  const [actionError, setActionError] = useState<unknown>(null);
  // What is published is what customers read: changing it is for those who may publish.
  const editable = canWrite && (article?.status !== "published" || canPublish);
  const diff = changes(initial, form);
  const dirty = Object.keys(diff).length > 0;

  const onSaved = (next: Article) => {
    queryClient.setQueryData(trpc.kb.articles.get.queryKey({ id: next.id }), next);
    onNotice("Saved.");
    return refresh();
  };
  const create = useMutation(
    trpc.kb.articles.create.mutationOptions({
      onSuccess: async (next) => {
        await onSaved(next);
        // The edit page takes over; it says "Saved." too.
        navigate(`/t/${tenantSlug}/kb/articles/${next.id}`, {
          replace: true,
          state: { notice: "Saved." },
        });
      },
    }),
  );
  const update = useMutation(trpc.kb.articles.update.mutationOptions({ onSuccess: onSaved }));
  const save = article ? update : create;
  const error = save.error ?? actionError;
  const fieldError = (name: (typeof FIELDS)[number]) => messageFor(error, name);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setActionError(null);
    if (article) update.mutate({ id: article.id, ...diff });
    else {
      create.mutate({
        title: form.title,
        body: form.body,
        slug: form.slug.slug || undefined,
        excerpt: form.excerpt || undefined,
        categoryId: form.categoryId || null,
      });
    }
  };
  const set = (patch: Partial<Form>) => {
    onNotice("");
    setForm((f) => ({ ...f, ...patch }));
  };

  return (
    <form className="kb-editor" onSubmit={submit} noValidate aria-label="Article">
      <div className="card sd-form kb-editor-fields">
        <Field
          label="Title"
          value={form.title}
          readOnly={!editable}
          maxLength={200}
          onChange={(e) => set({ title: e.target.value, slug: onTitle(form.slug, e.target.value) })}
          error={fieldError("title")}
        />
        <div className="kb-row">
          <Field
            label="Slug"
            value={form.slug.slug}
            readOnly={!editable}
            maxLength={120}
            hint={form.slug.edited ? "The article's address." : "Suggested from the title."}
            onChange={(e) => set({ slug: onSlug(e.target.value, form.title) })}
            error={fieldError("slug")}
          />
          <SelectField
            label="Category"
            value={form.categoryId}
            disabled={!editable}
            onChange={(e) => set({ categoryId: e.target.value })}
            error={fieldError("categoryId")}
          >
            <option value="">No category</option>
            {(categories.data ?? []).map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </SelectField>
        </div>
        <Field
          label="Excerpt"
          value={form.excerpt}
          readOnly={!editable}
          maxLength={500}
          hint="Shown in lists and search results. Left empty, it is taken from the text."
          onChange={(e) => set({ excerpt: e.target.value })}
          error={fieldError("excerpt")}
        />
      </div>
      <div className="kb-editor-split">
        <div className="card kb-editor-body">
          <TextAreaField
            label="Body (Markdown)"
            value={form.body}
            readOnly={!editable}
            rows={18}
            maxLength={100_000}
            spellCheck
            onChange={(e) => set({ body: e.target.value })}
            error={fieldError("body")}
          />
        </div>
        <ArticlePreview body={form.body} live={canWrite} savedHtml={article?.html ?? ""} />
      </div>
      {error && !FIELDS.some((f) => fieldError(f)) ? (
        <InlineError message={errorMessage(error)} />
      ) : null}
      <div className="kb-editor-bar">
        {editable ? (
          <Button type="submit" busy={save.isPending} disabled={Boolean(article) && !dirty}>
            {article?.status === "published" ? "Save changes" : "Save draft"}
          </Button>
        ) : null}
        {article && canPublish ? (
          <ArticleActions
            article={article}
            dirty={dirty}
            onError={setActionError}
            onDone={onNotice}
          />
        ) : null}
        <span role="status" className="sd-saved">
          {dirty ? "" : notice}
        </span>
        {!editable && canWrite ? (
          <span className="sd-muted kb-small">
            This article is published: only those who may publish can change it.
          </span>
        ) : null}
      </div>
    </form>
  );
}

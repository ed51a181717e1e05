// A search hit's snippet: the server's segments, the matched ones in <mark>. Text only — React
// escapes it — so an article's Markdown or HTML can never become markup here.
import type { RouterOutputs } from "@supportdesk/trpc";

export type Snippet = RouterOutputs["kb"]["search"][number]["snippet"];

export function SnippetText({ snippet }: { snippet: Snippet }) {
  return (
    <p className="kb-snippet">
      {snippet.map((segment, i) =>
        segment.hit ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: segments are fixed for one answer
          <mark key={i}>{segment.text}</mark>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: segments are fixed for one answer
          <span key={i}>{segment.text}</span>
        ),
      )}
    </p>
  );
}

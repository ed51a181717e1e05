// A search snippet: the server's segments, hits marked (never HTML from the server).
export type SnippetSegments = { text: string; hit: boolean }[];

export function Snippet({ segments }: { segments: SnippetSegments }) {
  if (!segments.length) return null;
  return (
    <p className="snippet">
      {segments.map((segment, i) =>
        segment.hit ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: segments never reorder
          <mark key={i}>{segment.text}</mark>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: segments never reorder
          <span key={i}>{segment.text}</span>
        ),
      )}
    </p>
  );
}

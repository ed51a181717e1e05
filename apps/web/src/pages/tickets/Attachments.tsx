// A message's attachments: pictures (the image types the server shows inline) as thumbnails whose
// short-lived link is fetched as they render; other files as download buttons that fetch their
// link when pressed. Each with its size.
import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { errorMessage, useTRPC, useTRPCClient } from "../../lib/trpc";
import { type Attachment, formatSize, isThumbnail, splitAttachments } from "./email-format";

/** A link lasts ten minutes: ask again after five, so an open ticket's links keep working. */
const LINK_FRESH_MS = 5 * 60_000;

export function Attachments({ attachments }: { attachments: readonly Attachment[] }) {
  if (attachments.length === 0) return null;
  const { images, files } = splitAttachments(attachments);
  return (
    <div className="msg-attachments">
      {images.length ? (
        <ul className="attachment-images" aria-label="Images">
          {images.map((attachment) => (
            <li key={attachment.id}>
              <Thumbnail attachment={attachment} />
            </li>
          ))}
        </ul>
      ) : null}
      {files.length ? (
        <ul className="attachment-files" aria-label="Attachments">
          {files.map((attachment) => (
            <li key={attachment.id}>
              <FileButton attachment={attachment} />
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/** A picture that opens full size in a new tab; a download button if it cannot be shown. */
function Thumbnail({ attachment }: { attachment: Attachment }) {
  const trpc = useTRPC();
  const link = useQuery(
    trpc.attachments.get.queryOptions({ id: attachment.id }, { staleTime: LINK_FRESH_MS }),
  );
  const [broken, setBroken] = useState(false);
  if (link.isError || broken) return <FileButton attachment={attachment} />;
  return (
    <figure className="attachment-thumb">
      {link.data ? (
        <a href={link.data.url} target="_blank" rel="noreferrer" className="attachment-thumb-link">
          <img
            src={link.data.url}
            alt={attachment.filename}
            loading="lazy"
            onError={() => setBroken(true)}
          />
          <span className="visually-hidden"> (opens in a new tab)</span>
        </a>
      ) : (
        <span className="attachment-thumb-link attachment-thumb-loading">Loading…</span>
      )}
      <figcaption className="small">
        <span className="attachment-name">{attachment.filename}</span>{" "}
        <span className="muted">{formatSize(attachment.size)}</span>
      </figcaption>
    </figure>
  );
}

/** A file's name as a button: pressing it fetches a fresh link and follows it (a download). */
function FileButton({ attachment }: { attachment: Attachment }) {
  const client = useTRPCClient();
  const download = useMutation({
    mutationFn: () => client.attachments.get.query({ id: attachment.id }),
    onSuccess: ({ url }) => {
      // A picture's link shows it in the browser: in a new tab, so the ticket stays open.
      if (isThumbnail(attachment)) window.open(url, "_blank", "noopener,noreferrer");
      else window.location.assign(url);
    },
  });
  return (
    <span className="attachment-file">
      <button
        type="button"
        className="link"
        aria-label={`Download ${attachment.filename}, ${formatSize(attachment.size)}`}
        aria-busy={download.isPending || undefined}
        disabled={download.isPending}
        onClick={() => download.mutate()}
      >
        {attachment.filename}
      </button>{" "}
      <span className="muted small">{formatSize(attachment.size)}</span>
      {download.isError ? (
        <span className="error small" role="alert">
          {" "}
          Could not download: {errorMessage(download.error)}
        </span>
      ) : null}
    </span>
  );
}

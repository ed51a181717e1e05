// Files on a reply: the "Attach files" picker, dropping files onto the reply box, and the list of
// chosen files with each one's upload progress, size, errors and a remove button. Each file is
// reserved with `attachments.createUpload`, then its bytes are PUT to the signed link it gave
// (XMLHttpRequest, for upload progress); the reply names the uploaded ones.
import { type DragEvent, useCallback, useEffect, useId, useRef, useState } from "react";
import { errorField, errorMessage, useTRPCClient } from "../../lib/trpc";
import { formatSize } from "./email-format";
import {
  addFiles,
  afterSent,
  limitFromRefusal,
  percentOf,
  type ReplyFile,
  removeFile,
  stateText,
  tooBigMessage,
  uploadErrorText,
  uploadFailed,
  uploadFinished,
  uploadProgressed,
  uploadStarted,
} from "./reply-files";
import "./reply-files.css";

type PutResult = { status: number; message: string | null };

/** PUTs the file to the signed link; status 0 for a network failure, -1 when aborted. */
function putFile(
  url: string,
  file: File,
  signal: AbortSignal,
  onProgress: (sent: number) => void,
): Promise<PutResult> {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open("PUT", url);
    xhr.upload.onprogress = (event) => onProgress(event.loaded);
    xhr.onload = () => {
      let message: string | null = null;
      try {
        const body = JSON.parse(xhr.responseText) as { error?: { message?: string } };
        message = body.error?.message ?? null;
      } catch {
        // Not JSON (a proxy's page): the status says enough.
      }
      resolve({ status: xhr.status, message: message ?? null });
    };
    xhr.onerror = () => resolve({ status: 0, message: null });
    xhr.onabort = () => resolve({ status: -1, message: null });
    signal.addEventListener("abort", () => xhr.abort(), { once: true });
    xhr.send(file);
  });
}

/** The reply box's files for one ticket: picking, uploading, removing, clearing. */
export function useReplyFiles(ticketId: string) {
  const client = useTRPCClient();
  const [files, setFiles] = useState<ReplyFile[]>([]);
  // The list as of now, for handlers that act on it between renders.
  const current = useRef<ReplyFile[]>([]);
  const uploads = useRef(new Map<string, AbortController>());
  /** The per-file limit, once the server has said it. */
  const maxBytes = useRef<number | null>(null);
  const counter = useRef(0);

  const update = useCallback((next: (files: ReplyFile[]) => ReplyFile[]) => {
    current.current = next(current.current);
    setFiles(current.current);
  }, []);

  const abortAll = useCallback(() => {
    for (const controller of uploads.current.values()) controller.abort();
    uploads.current.clear();
  }, []);

  const clear = useCallback(() => {
    abortAll();
    if (current.current.length) update(() => []);
  }, [abortAll, update]);

  // Files belong to one ticket's reply: another ticket starts with none.
  const forTicket = useRef(ticketId);
  useEffect(() => {
    if (forTicket.current === ticketId) return;
    forTicket.current = ticketId;
    clear();
  }, [ticketId, clear]);
  useEffect(() => abortAll, [abortAll]);

  const upload = async (key: string, file: File, controller: AbortController) => {
    const done = () => uploads.current.delete(key);
    try {
      const grant = await client.attachments.createUpload.mutate(
        { ticketId, filename: file.name, size: file.size },
        { signal: controller.signal },
      );
      maxBytes.current = grant.maxBytes;
      if (controller.signal.aborted) return;
      update((list) => uploadStarted(list, key, grant.attachmentId));
      const result = await putFile(grant.uploadUrl, file, controller.signal, (bytes) =>
        update((list) => uploadProgressed(list, key, bytes)),
      );
      if (result.status === -1 || controller.signal.aborted) return;
      update((list) =>
        result.status === 201
          ? uploadFinished(list, key)
          : uploadFailed(list, key, uploadErrorText(result.status, result.message, grant.maxBytes)),
      );
    } catch (error) {
      if (controller.signal.aborted) return;
      const limit = errorField(error) === "size" ? limitFromRefusal(errorMessage(error)) : null;
      if (limit !== null) maxBytes.current = limit;
      const words =
        limit !== null ? tooBigMessage(limit) : `Could not attach: ${errorMessage(error)}`;
      update((list) => uploadFailed(list, key, words));
    } finally {
      done();
    }
  };

  const add = (picked: readonly File[]) => {
    if (picked.length === 0) return;
    const before = current.current.length;
    update((list) =>
      addFiles(list, picked, {
        maxBytes: maxBytes.current,
        newKey: () => `f${++counter.current}`,
      }),
    );
    current.current.slice(before).forEach((entry, index) => {
      const file = picked[index];
      if (entry.state !== "preparing" || !file) return;
      const controller = new AbortController();
      uploads.current.set(entry.key, controller);
      void upload(entry.key, file, controller);
    });
  };

  /** The reply went: the files it sent leave the list. */
  const sent = (ids: readonly string[] | undefined) => update((list) => afterSent(list, ids));

  const remove = (key: string) => {
    uploads.current.get(key)?.abort();
    uploads.current.delete(key);
    update((list) => removeFile(list, key));
  };

  return { files, add, remove, sent };
}

export type ReplyFilesHandle = ReturnType<typeof useReplyFiles>;

/** Whether a drag carries files (not text being dragged about inside the page). */
const carriesFiles = (event: DragEvent) => Array.from(event.dataTransfer.types).includes("Files");

/** Props that make an element a drop target for files, and whether files are over it now. */
export function useFileDrop(onFiles: (files: File[]) => void) {
  const [over, setOver] = useState(false);
  const depth = useRef(0);
  return {
    over,
    dropProps: {
      onDragEnter: (event: DragEvent) => {
        if (!carriesFiles(event)) return;
        event.preventDefault();
        depth.current++;
        setOver(true);
      },
      onDragOver: (event: DragEvent) => {
        if (!carriesFiles(event)) return;
        event.preventDefault();
        event.dataTransfer.dropEffect = "copy";
      },
      onDragLeave: (event: DragEvent) => {
        if (!carriesFiles(event)) return;
        depth.current = Math.max(0, depth.current - 1);
        if (depth.current === 0) setOver(false);
      },
      onDrop: (event: DragEvent) => {
        if (!carriesFiles(event)) return;
        event.preventDefault();
        depth.current = 0;
        setOver(false);
        onFiles(Array.from(event.dataTransfer.files));
      },
    },
  };
}

/** The picker: a real file input, visually replaced by its label styled as a button. */
export function AttachFiles({ onFiles }: { onFiles: (files: File[]) => void }) {
  const id = useId();
  return (
    <span className="reply-attach">
      <input
        id={id}
        type="file"
        multiple
        className="reply-attach-input"
        aria-describedby={`${id}-hint`}
        onChange={(event) => {
          onFiles(Array.from(event.target.files ?? []));
          // The same file may be picked again after it was removed.
          event.target.value = "";
        }}
      />
      <label htmlFor={id} className="btn btn-secondary reply-attach-label">
        Attach files
      </label>
      <span id={`${id}-hint`} className="visually-hidden">
        Or drop files onto the reply box. Up to 10 files, 25 MB together.
      </span>
    </span>
  );
}

/** The chosen files: name, size, progress or what went wrong, and a remove button each. */
export function ReplyFileList({
  files,
  onRemove,
}: {
  files: readonly ReplyFile[];
  onRemove: (key: string) => void;
}) {
  if (files.length === 0) return null;
  return (
    <ul className="reply-files" aria-label="Files to send">
      {files.map((file) => (
        <li key={file.key} className={`reply-file reply-file-${file.state}`}>
          <span className="reply-file-name">{file.name}</span>
          <span className="muted small">{formatSize(file.size)}</span>
          {file.state === "uploading" ? (
            <progress
              className="reply-file-progress"
              max={100}
              value={percentOf(file)}
              aria-label={`Uploading ${file.name}`}
            />
          ) : null}
          <span role="status" className="small reply-file-state">
            {stateText(file)}
          </span>
          <button
            type="button"
            className="link reply-file-remove"
            aria-label={`Remove ${file.name}`}
            onClick={() => onRemove(file.key)}
          >
            Remove
          </button>
          {file.error ? (
            <span className="error small reply-file-error" role="alert">
              {file.name}: {file.error}
            </span>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

// The files an agent attaches to a reply, as the reply box keeps them: each picked file becomes an
// entry, checked against the server's limits (10 files and 25 MB to a message, the per-file limit
// `attachments.createUpload` names), then uploaded; the reply sends the uploaded ones' ids. Pure
// state changes and words, so the component only wires them to the network.
import type { RouterInputs, RouterOutputs } from "@supportdesk/trpc";
import { formatSize } from "./email-format";

export type UploadGrant = RouterOutputs["attachments"]["createUpload"];
export type ReplyInput = RouterInputs["tickets"]["addMessage"];

/** The server's limits for one message (`tickets.addMessage`'s `attachmentIds`). */
export const MAX_FILES = 10;
export const MAX_TOTAL_BYTES = 25 * 1024 * 1024;

export type ReplyFileState = "preparing" | "uploading" | "uploaded" | "failed";

export type ReplyFile = {
  /** This entry, in this reply box (two picks of one file are two entries). */
  key: string;
  name: string;
  size: number;
  state: ReplyFileState;
  /** Bytes sent so far (all of them once uploaded). */
  sent: number;
  /** The server's id once `createUpload` answered; the reply names it once uploaded. */
  attachmentId: string | null;
  /** Why it is not attached, in words (state "failed"). */
  error: string | null;
};

/** "Too big: a file may be at most 10 MB." */
export function tooBigMessage(maxBytes: number): string {
  return `Too big: a file may be at most ${formatSize(maxBytes)}.`;
}

/** Files that count towards the limits: all but those that failed. */
const counted = (files: readonly ReplyFile[]) => files.filter((f) => f.state !== "failed");

/**
 * The list with the picked files added at the end: each is "preparing" (to be uploaded), or
 * "failed" saying why when it would break a limit — over `maxBytes` (when known), an 11th file, or
 * more than 25 MB together.
 */
export function addFiles(
  files: readonly ReplyFile[],
  picked: readonly { name: string; size: number }[],
  options: { maxBytes: number | null; newKey: () => string },
): ReplyFile[] {
  const next = [...files];
  for (const file of picked) {
    const live = counted(next);
    const total = live.reduce((sum, f) => sum + f.size, 0);
    let error: string | null = null;
    if (options.maxBytes !== null && file.size > options.maxBytes) {
      error = tooBigMessage(options.maxBytes);
    } else if (live.length >= MAX_FILES) {
      error = `Not added: a reply may carry at most ${MAX_FILES} files.`;
    } else if (total + file.size > MAX_TOTAL_BYTES) {
      error = `Not added: the files of a reply may be at most ${formatSize(MAX_TOTAL_BYTES)} together.`;
    }
    next.push({
      key: options.newKey(),
      name: file.name,
      size: file.size,
      state: error ? "failed" : "preparing",
      sent: 0,
      attachmentId: null,
      error,
    });
  }
  return next;
}

const change = (files: readonly ReplyFile[], key: string, patch: (f: ReplyFile) => ReplyFile) =>
  files.map((f) => (f.key === key ? patch(f) : f));

/** `createUpload` answered: the bytes are on their way. */
export function uploadStarted(
  files: readonly ReplyFile[],
  key: string,
  attachmentId: string,
): ReplyFile[] {
  return change(files, key, (f) =>
    f.state === "preparing" ? { ...f, state: "uploading", attachmentId, sent: 0 } : f,
  );
}

/** Progress of an upload (never beyond the file's size, never backwards). */
export function uploadProgressed(files: readonly ReplyFile[], key: string, sent: number) {
  return change(files, key, (f) =>
    f.state === "uploading" ? { ...f, sent: Math.min(f.size, Math.max(f.sent, sent)) } : f,
  );
}

/** The server stored it (201): ready to go with the reply. */
export function uploadFinished(files: readonly ReplyFile[], key: string): ReplyFile[] {
  return change(files, key, (f) =>
    f.state === "uploading" ? { ...f, state: "uploaded", sent: f.size, error: null } : f,
  );
}

export function uploadFailed(files: readonly ReplyFile[], key: string, error: string) {
  return change(files, key, (f) =>
    f.state === "uploaded" ? f : { ...f, state: "failed" as const, error },
  );
}

export function removeFile(files: readonly ReplyFile[], key: string): ReplyFile[] {
  return files.filter((f) => f.key !== key);
}

/** After the reply went: the files it sent leave the list (ones added meanwhile stay). */
export function afterSent(files: readonly ReplyFile[], sentIds: readonly string[] = []) {
  const sent = new Set(sentIds);
  return files.filter((f) => !(f.attachmentId && sent.has(f.attachmentId)));
}

/**
 * Whether the reply can go: "none" (no files), "busy" (still uploading: wait), "failed" (some are
 * not attached: remove them first, so nobody sends believing they went) or "ready".
 */
export function filesStatus(files: readonly ReplyFile[]): "none" | "busy" | "failed" | "ready" {
  if (files.length === 0) return "none";
  if (files.some((f) => f.state === "failed")) return "failed";
  if (files.some((f) => f.state === "preparing" || f.state === "uploading")) return "busy";
  return "ready";
}

/** The uploaded files' ids, in the list's order, for `tickets.addMessage`. */
export function attachmentIdsOf(files: readonly ReplyFile[]): string[] {
  return files.flatMap((f) => (f.state === "uploaded" && f.attachmentId ? [f.attachmentId] : []));
}

/** What the reply sends: the files only when there are some. */
export function replyInput(
  input: { ticketId: string; body: string; internal: boolean },
  files: readonly ReplyFile[],
): ReplyInput {
  const attachmentIds = attachmentIdsOf(files);
  return attachmentIds.length ? { ...input, attachmentIds } : { ...input };
}

/** Percent uploaded, 0–100 (an empty file is done at once). */
export function percentOf(file: Pick<ReplyFile, "size" | "sent" | "state">): number {
  if (file.state === "uploaded") return 100;
  if (file.size === 0) return 0;
  return Math.floor((file.sent / file.size) * 100);
}

/** The entry's state in words, for its status line. */
export function stateText(file: ReplyFile): string {
  switch (file.state) {
    case "preparing":
      return "Waiting to upload";
    case "uploading":
      return `Uploading, ${percentOf(file)}%`;
    case "uploaded":
      return "Attached";
    case "failed":
      return "Not attached";
  }
}

/**
 * The per-file limit `createUpload` states when it refuses a size ("size: a file may be at most
 * 10485760 bytes."), so the refusal can be said in MB; null when the message is another.
 */
export function limitFromRefusal(message: string): number | null {
  const bytes = /at most (\d+) bytes/.exec(message)?.[1];
  return bytes ? Number(bytes) : null;
}

/** Why an upload's PUT failed, in words, from its HTTP status and the server's message. */
export function uploadErrorText(status: number, message: string | null, maxBytes: number): string {
  if (status === 413) return tooBigMessage(maxBytes);
  if (status === 404) return "The upload link expired. Remove the file and attach it again.";
  if (status === 0) return "Could not upload: check your connection, then attach the file again.";
  const said = message?.trim().replace(/\.+$/, "");
  return `Could not upload${said ? `: ${said}` : ` (HTTP ${status})`}. Attach it again.`;
}

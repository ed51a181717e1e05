// Download links for stored files: `/files/<token>`, signed with the server's link key, good for
// ten minutes; a safe image may be shown inline, anything else downloads.
import { SAFE_IMAGE_TYPES } from "@supportdesk/mime";
import { signFileLink } from "@supportdesk/storage";
import type { TrpcDeps } from "./context";

export const FILE_LINK_SECONDS = 10 * 60;

export type FileRef = { storageKey: string; filename: string; contentType: string };

/** A path (`/files/<token>`) that serves `file` of `tenantId` until the link expires. */
export function fileLink(deps: Pick<TrpcDeps, "files">, tenantId: string, file: FileRef): string {
  const token = signFileLink(deps.files.linkKey, {
    tenantId,
    key: file.storageKey,
    filename: file.filename,
    contentType: file.contentType,
    inline: SAFE_IMAGE_TYPES.has(file.contentType),
    exp: Math.floor(Date.now() / 1000) + FILE_LINK_SECONDS,
  });
  return `/files/${token}`;
}

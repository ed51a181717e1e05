// A file's type from its bytes (magic numbers, by `file-type`), never the sender's word alone:
// a "photo.jpg" that is really HTML must not be served as an image.
import { fileTypeFromBuffer } from "file-type";

/** Types whose bytes carry no signature: the sender's claim stands only for these. */
const TEXTUAL =
  /^(?:text\/(?:plain|csv|calendar|rfc822-headers)|message\/(?:rfc822|delivery-status))$/i;

/**
 * The sniffed MIME type of `bytes`; when the bytes have no known signature, `declared` if it is
 * a plain textual type, else `application/octet-stream`.
 */
export async function sniffType(bytes: Uint8Array, declared: string | undefined): Promise<string> {
  const found = await fileTypeFromBuffer(bytes);
  if (found) return found.mime;
  const claim = (declared ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  return TEXTUAL.test(claim) ? claim : "application/octet-stream";
}

/** Image types a browser may show inline from our origin (no SVG: it can carry script). */
export const SAFE_IMAGE_TYPES = new Set(["image/png", "image/jpeg", "image/gif", "image/webp"]);

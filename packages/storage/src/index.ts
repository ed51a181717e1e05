// @supportdesk/storage: where inbound mail and attachments are kept — a local directory by default,
// an S3-compatible bucket in production — behind one small interface, with tenant-namespaced keys.
import { createLocalStore } from "./local";
import { createS3Store, type S3Options } from "./s3";
import type { BlobStore } from "./types";

export { belongsTo, checkKey, StorageKeyError, tenantKey } from "./keys";
export {
  type FileClaims,
  signFileLink,
  signUploadLink,
  type UploadClaims,
  verifyFileLink,
  verifyUploadLink,
} from "./links";
export { createLocalStore } from "./local";
export { createS3Store, type S3Options } from "./s3";
export type { BlobStore } from "./types";

export type StorageConfig = { driver: "local"; dir: string } | ({ driver: "s3" } & S3Options);

/** The store the configuration names (see STORAGE_* in .env.example). */
export function createBlobStore(config: StorageConfig): BlobStore {
  return config.driver === "s3" ? createS3Store(config) : createLocalStore(config.dir);
}

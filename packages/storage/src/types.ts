// What every store offers: whole objects in and out by key (inbound mail and attachments are at
// most tens of megabytes, so no streaming interface is needed yet).

export type BlobStore = {
  kind: "local" | "s3";
  /** Stores `body` under `key`, replacing what was there; resolves once it is durable. */
  put(key: string, body: Uint8Array, contentType?: string): Promise<void>;
  /** The object's bytes, or null when there is none. */
  get(key: string): Promise<Uint8Array | null>;
  /** The object's size in bytes, or null when there is none. */
  size(key: string): Promise<number | null>;
  /** Removes the object; no error when it is already gone. */
  delete(key: string): Promise<void>;
};

// Objects as files under one directory (the default; `.data/storage` in development). Writes go to
// a temporary file first, synced, and are renamed into place (the directory synced too), so a
// reader never sees half an object and a stored object survives a power cut.
import { mkdir, open, readFile, rename, rm, stat } from "node:fs/promises";
import { dirname, join } from "node:path";
import { checkKey } from "./keys";
import type { BlobStore } from "./types";

export function createLocalStore(root: string): BlobStore {
  const pathOf = (key: string) => join(root, checkKey(key));
  return {
    kind: "local",
    async put(key, body) {
      const path = pathOf(key);
      const dir = dirname(path);
      await mkdir(dir, { recursive: true });
      const temporary = `${path}.${crypto.randomUUID()}.tmp`;
      // Durable before it counts: the file's bytes, then its name in the directory, reach the
      // disk before put resolves (the SMTP receiver says 250 only after this).
      const file = await open(temporary, "w");
      try {
        await file.writeFile(body);
        await file.sync();
      } finally {
        await file.close();
      }
      await rename(temporary, path);
      const folder = await open(dir, "r");
      try {
        await folder.sync();
      } finally {
        await folder.close();
      }
    },
    async get(key) {
      try {
        return new Uint8Array(await readFile(pathOf(key)));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
        throw error;
      }
    },
    async size(key) {
      try {
        return (await stat(pathOf(key))).size;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
        throw error;
      }
    },
    async delete(key) {
      await rm(pathOf(key), { force: true });
    },
  };
}

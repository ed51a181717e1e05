import { describe, expect, test } from "bun:test";
import {
  addFiles,
  afterSent,
  attachmentIdsOf,
  filesStatus,
  limitFromRefusal,
  MAX_FILES,
  MAX_TOTAL_BYTES,
  percentOf,
  type ReplyFile,
  removeFile,
  replyInput,
  stateText,
  tooBigMessage,
  uploadErrorText,
  uploadFailed,
  uploadFinished,
  uploadProgressed,
  uploadStarted,
} from "./reply-files";

const MB = 1024 * 1024;

/** The list's entry at `index` (a test that reaches past the end fails here). */
function nth(files: readonly ReplyFile[], index: number): ReplyFile {
  const file = files[index];
  if (!file) throw new Error(`no file at ${index}`);
  return file;
}

/** Keys f1, f2, … in the order entries are made. */
function keys() {
  let n = 0;
  return () => `f${++n}`;
}

const add = (files: ReplyFile[], picked: { name: string; size: number }[], maxBytes = null) =>
  addFiles(files, picked, { maxBytes, newKey: keys() });

/** One file picked, its upload reserved and finished. */
function uploaded(name: string, size: number, id: string, files: ReplyFile[] = []) {
  const added = addFiles(files, [{ name, size }], { maxBytes: null, newKey: () => `k-${id}` });
  return uploadFinished(uploadStarted(added, `k-${id}`, id), `k-${id}`);
}

describe("adding files", () => {
  test("picked files wait to upload, in the order picked, with their names and sizes", () => {
    const files = add(
      [],
      [
        { name: "a.png", size: 10 },
        { name: "b.pdf", size: 20 },
      ],
    );
    expect(files.map((f) => [f.key, f.name, f.size, f.state, f.error])).toEqual([
      ["f1", "a.png", 10, "preparing", null],
      ["f2", "b.pdf", 20, "preparing", null],
    ]);
    expect(filesStatus(files)).toBe("busy");
  });

  test("a file over the known per-file limit is refused, saying the limit in MB", () => {
    const [file] = addFiles([], [{ name: "big.mov", size: 11 * MB }], {
      maxBytes: 10 * MB,
      newKey: keys(),
    });
    expect(file?.state).toBe("failed");
    expect(file?.error).toBe("Too big: a file may be at most 10 MB.");
  });

  test("an eleventh file is refused; ten are fine", () => {
    const picked = Array.from({ length: MAX_FILES + 1 }, (_, i) => ({ name: `${i}.txt`, size: 1 }));
    const files = add([], picked);
    expect(files.filter((f) => f.state === "preparing")).toHaveLength(MAX_FILES);
    expect(files.at(-1)).toMatchObject({
      name: "10.txt",
      state: "failed",
      error: "Not added: a reply may carry at most 10 files.",
    });
  });

  test("a file that would take the reply past 25 MB together is refused", () => {
    const files = add(
      [],
      [
        { name: "one.zip", size: 20 * MB },
        { name: "two.zip", size: 6 * MB },
        { name: "small.txt", size: 5 * MB },
      ],
    );
    expect(files.map((f) => f.state)).toEqual(["preparing", "failed", "preparing"]);
    expect(files[1]?.error).toBe("Not added: the files of a reply may be at most 25 MB together.");
    expect(nth(files, 0).size + nth(files, 2).size).toBe(MAX_TOTAL_BYTES);
  });

  test("failed files do not count towards the limits", () => {
    const failed = uploadFailed(add([], [{ name: "x.bin", size: 24 * MB }]), "f1", "Gone.");
    const files = addFiles(failed, [{ name: "y.bin", size: 24 * MB }], {
      maxBytes: null,
      newKey: () => "f2",
    });
    expect(files[1]?.state).toBe("preparing");
  });
});

describe("an upload's life", () => {
  test("reserved, progressing, finished: from waiting to attached", () => {
    let files = add([], [{ name: "a.png", size: 200 }]);
    expect(stateText(nth(files, 0))).toBe("Waiting to upload");
    files = uploadStarted(files, "f1", "att-1");
    expect(files[0]).toMatchObject({ state: "uploading", attachmentId: "att-1", sent: 0 });
    files = uploadProgressed(files, "f1", 50);
    expect(percentOf(nth(files, 0))).toBe(25);
    expect(stateText(nth(files, 0))).toBe("Uploading, 25%");
    // Progress never goes backwards nor beyond the size.
    files = uploadProgressed(files, "f1", 10);
    expect(files[0]?.sent).toBe(50);
    files = uploadProgressed(files, "f1", 900);
    expect(files[0]?.sent).toBe(200);
    files = uploadFinished(files, "f1");
    expect(files[0]).toMatchObject({ state: "uploaded", sent: 200 });
    expect(stateText(nth(files, 0))).toBe("Attached");
    expect(filesStatus(files)).toBe("ready");
    expect(attachmentIdsOf(files)).toEqual(["att-1"]);
  });

  test("a failure keeps the reason; an uploaded file cannot fail afterwards", () => {
    let files = add(
      [],
      [
        { name: "a.png", size: 1 },
        { name: "b.png", size: 1 },
      ],
    );
    files = uploadFinished(uploadStarted(files, "f1", "att-1"), "f1");
    files = uploadFailed(files, "f2", "Too big: a file may be at most 10 MB.");
    files = uploadFailed(files, "f1", "late");
    expect(files.map((f) => [f.state, f.error])).toEqual([
      ["uploaded", null],
      ["failed", "Too big: a file may be at most 10 MB."],
    ]);
    expect(stateText(nth(files, 1))).toBe("Not attached");
    expect(filesStatus(files)).toBe("failed");
    expect(attachmentIdsOf(files)).toEqual(["att-1"]);
  });

  test("a removed file leaves the list; removing the failed one lets the reply go", () => {
    let files = uploaded("a.png", 1, "att-1");
    files = uploadFailed(
      addFiles(files, [{ name: "b.png", size: 1 }], { maxBytes: null, newKey: () => "f2" }),
      "f2",
      "Gone.",
    );
    expect(filesStatus(files)).toBe("failed");
    files = removeFile(files, "f2");
    expect(files.map((f) => f.name)).toEqual(["a.png"]);
    expect(filesStatus(files)).toBe("ready");
    expect(filesStatus(removeFile(files, "k-att-1"))).toBe("none");
  });

  test("events for an entry that is gone change nothing", () => {
    const files = uploaded("a.png", 1, "att-1");
    expect(uploadStarted(files, "nope", "x")).toEqual(files);
    expect(uploadProgressed(files, "nope", 1)).toEqual(files);
    expect(uploadFinished(files, "nope")).toEqual(files);
  });

  test("an empty file reads 0% while uploading and 100% once attached", () => {
    const files = uploadStarted(add([], [{ name: "empty.txt", size: 0 }]), "f1", "att-0");
    expect(percentOf(nth(files, 0))).toBe(0);
    expect(percentOf(nth(uploadFinished(files, "f1"), 0))).toBe(100);
  });
});

describe("sending", () => {
  test("the reply names the uploaded files, and none when there are none", () => {
    const base = { ticketId: "t-1", body: "Here you go", internal: false };
    expect(replyInput(base, [])).toEqual(base);
    const files = uploaded("b.pdf", 2, "att-2", uploaded("a.png", 1, "att-1"));
    expect(replyInput(base, files)).toEqual({ ...base, attachmentIds: ["att-1", "att-2"] });
  });

  test("after sending, the sent files leave the list and ones added meanwhile stay", () => {
    const files = add(uploaded("a.png", 1, "att-1"), [{ name: "late.png", size: 1 }]);
    expect(afterSent(files, ["att-1"]).map((f) => f.name)).toEqual(["late.png"]);
    expect(afterSent(uploaded("a.png", 1, "att-1"), ["att-1"])).toEqual([]);
    expect(afterSent(files)).toEqual(files);
  });
});

describe("errors in words", () => {
  test("the limit is read from createUpload's refusal of a size", () => {
    expect(limitFromRefusal("size: a file may be at most 10485760 bytes.")).toBe(10 * MB);
    expect(limitFromRefusal("Ticket not found.")).toBeNull();
    expect(tooBigMessage(10 * MB)).toBe("Too big: a file may be at most 10 MB.");
  });

  test("an upload's answer: too big with the limit, an expired link, no connection, other", () => {
    expect(uploadErrorText(413, "file: a file may be at most 5 bytes.", 5 * MB)).toBe(
      "Too big: a file may be at most 5 MB.",
    );
    expect(uploadErrorText(404, null, MB)).toBe(
      "The upload link expired. Remove the file and attach it again.",
    );
    expect(uploadErrorText(0, null, MB)).toBe(
      "Could not upload: check your connection, then attach the file again.",
    );
    expect(uploadErrorText(500, "Storage is full.", MB)).toBe(
      "Could not upload: Storage is full. Attach it again.",
    );
    expect(uploadErrorText(502, null, MB)).toBe("Could not upload (HTTP 502). Attach it again.");
  });
});

// sniffType: a file's type comes from its bytes; the sender's word counts only for plain text.
import { describe, expect, test } from "bun:test";
import { SAFE_IMAGE_TYPES, sniffType } from "./sniff";

const encode = (text: string) => new TextEncoder().encode(text);

// An 8×8 RGB PNG, as attached in ../fixtures/attachments.eml.
const PNG = Uint8Array.from(
  atob(
    "iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAIAAABLbSncAAAAH0lEQVR42mP4jwMwQCiRqBNwhJBAFoXLUVkCp+VYAQBq1IZh+hTPHQAAAABJRU5ErkJggg==",
  ),
  (c) => c.charCodeAt(0),
);
// The start of a JFIF file: SOI, APP0 "JFIF", then a quantisation table.
const JPEG = Buffer.concat([
  Buffer.from("ffd8ffe000104a46494600010100004800480000ffdb0043", "hex"),
  Buffer.alloc(64, 8),
]);
const PDF = encode("%PDF-1.7\n%\u00e2\u00e3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n");
const SVG = encode(
  '<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"><script>alert(document.cookie)</script></svg>',
);

describe("sniffType", () => {
  test("PNG, JPEG and PDF are known by their signatures, whatever was declared", async () => {
    expect(await sniffType(PNG, "image/png")).toBe("image/png");
    expect(await sniffType(PNG, "application/octet-stream")).toBe("image/png");
    expect(await sniffType(JPEG, "image/png")).toBe("image/jpeg");
    expect(await sniffType(JPEG, undefined)).toBe("image/jpeg");
    expect(await sniffType(PDF, "application/octet-stream")).toBe("application/pdf");
  });

  test("bytes win over a textual claim", async () => {
    expect(await sniffType(PNG, "text/plain")).toBe("image/png");
  });

  test("plain text keeps its claim, without parameters and in lower case", async () => {
    const text = encode("2024-12-06T13:58:32Z 502 Bad Gateway\n");
    expect(await sniffType(text, "text/plain; charset=utf-8")).toBe("text/plain");
    expect(await sniffType(text, "TEXT/PLAIN")).toBe("text/plain");
    expect(await sniffType(encode("a,b\n1,2\n"), "text/csv")).toBe("text/csv");
    expect(await sniffType(encode("BEGIN:VCALENDAR\r\n"), "text/calendar; method=REQUEST")).toBe(
      "text/calendar",
    );
    expect(
      await sniffType(encode("Final-Recipient: rfc822; a@b\n"), "message/delivery-status"),
    ).toBe("message/delivery-status");
  });

  test("HTML claimed as a JPEG, or as HTML, is not served as what it says", async () => {
    const html = encode("<!DOCTYPE html><html><body><script>alert(1)</script></body></html>");
    expect(await sniffType(html, "image/jpeg")).toBe("application/octet-stream");
    expect(await sniffType(html, "text/html")).toBe("application/octet-stream");
  });

  test("unknown bytes, or no claim at all, are application/octet-stream", async () => {
    const unknown = new Uint8Array([0x00, 0x13, 0x37, 0x42, 0x99, 0xfe, 0x01, 0x02]);
    expect(await sniffType(unknown, "application/x-custom")).toBe("application/octet-stream");
    expect(await sniffType(unknown, undefined)).toBe("application/octet-stream");
    expect(await sniffType(unknown, "")).toBe("application/octet-stream");
    expect(await sniffType(new Uint8Array(), "image/png")).toBe("application/octet-stream");
  });

  test("an SVG (which can carry script) never comes out as a safe image", async () => {
    const sniffed = await sniffType(SVG, "image/svg+xml");
    expect(SAFE_IMAGE_TYPES.has(sniffed)).toBe(false);
    const bare = await sniffType(
      encode('<svg xmlns="http://www.w3.org/2000/svg"/>'),
      "image/svg+xml",
    );
    expect(SAFE_IMAGE_TYPES.has(bare)).toBe(false);
  });
});

describe("SAFE_IMAGE_TYPES", () => {
  test("holds the raster types a browser shows inline, and not SVG", () => {
    expect([...SAFE_IMAGE_TYPES].sort()).toEqual([
      "image/gif",
      "image/jpeg",
      "image/png",
      "image/webp",
    ]);
    expect(SAFE_IMAGE_TYPES.has("image/svg+xml")).toBe(false);
  });
});
